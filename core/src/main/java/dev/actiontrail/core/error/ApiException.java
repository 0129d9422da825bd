package dev.actiontrail.core.error;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the API reports to its caller: an {@link ErrorCode} with its HTTP status, the message to show and, for
 * a denied call, the {@code AccessDeniedDetail} object the answer carries (access-control reference §2.2).
 * Every use case signals bad input or a broken rule by throwing this, before it changes anything.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode error;
    private final Map<String, Object> accessDeniedDetail;

    /** @param message the full message as the client will see it (normally {@link ErrorCode#message()}) */
    public ApiException(ErrorCode error, String message) {
        this(error, message, null);
    }

    /**
     * @param accessDeniedDetail the fields of the answer's {@code AccessDeniedDetail} object (insertion order kept),
     *                           or null
     */
    public ApiException(ErrorCode error, String message, Map<String, Object> accessDeniedDetail) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error);
        this.accessDeniedDetail = accessDeniedDetail;
    }

    public ErrorCode error() {
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

    /** The {@code AccessDeniedDetail} of a denied call, or null. */
    public Map<String, Object> accessDeniedDetail() {
        return accessDeniedDetail;
    }
}
