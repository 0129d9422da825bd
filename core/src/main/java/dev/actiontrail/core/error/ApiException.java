package dev.actiontrail.core.error;

import java.util.Objects;

/**
 * A failure the API reports to its caller: an {@link ApiError} code with its HTTP status and the message to show.
 * Every use case signals bad input or a broken rule by throwing this, before it changes anything.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    /** @param message the full message as the client will see it (normally {@link ApiError#message()}) */
    public ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error);
    }

    public ApiError error() {
        return error;
    }

    /** Shorthand for {@code error().code()}. */
    public String code() {
        return error.code();
    }

    /** Shorthand for {@code error().httpStatus()}. */
    public int httpStatus() {
        return error.httpStatus();
    }
}
