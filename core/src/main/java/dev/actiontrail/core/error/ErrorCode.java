package dev.actiontrail.core.error;

/**
 * One API error of one product's catalogue: the code, the HTTP status and the documented message (which may hold
 * {@code %s} placeholders). Each product keeps its own catalogue ({@link ApiError} for ActionTrail and the gateway,
 * {@code RamError}, {@code StsError}), because the same code (e.g. {@code NoPermission}) has a different message in
 * each product.
 */
public interface ErrorCode {
    /** The API error code, e.g. {@code EntityNotExist.User}. */
    String code();

    /** The HTTP status the API answers with. */
    int httpStatus();

    /** The documented message; may hold {@code %s} placeholders (see {@link #exception(Object...)}). */
    String message();

    /**
     * A throwable carrying this error whose message is the documented one followed by {@code detail} (what exactly
     * is wrong and what is expected, e.g. the parameter's range or format), so clients matching the documented
     * message's start still do.
     */
    default ApiException explained(String detail) {
        return new ApiException(this, message() + " " + detail);
    }

    /** A throwable carrying this error; {@code args} fill the message's {@code %s} placeholders, if any. */
    default ApiException exception(Object... args) {
        return new ApiException(this, args.length == 0 ? message() : String.format(message(), args));
    }
}
