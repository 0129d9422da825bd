package dev.actiontrail.core.trail;

import dev.actiontrail.core.error.ApiError;

import java.util.regex.Pattern;

/**
 * An OSS bucket name: 3–63 characters of lowercase letters, digits and {@code -}, starting with a lowercase letter
 * or digit and not ending with {@code -} (§2.2, §7).
 */
public record OssBucketName(String value) {
    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    /**
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidBucketNameException} (400) if malformed
     */
    public static OssBucketName of(String value) {
        if (value == null || !RULE.matcher(value).matches()) {
            throw ApiError.INVALID_BUCKET_NAME.exception();
        }
        return new OssBucketName(value);
    }

    /** Whether {@code value} is a well-formed bucket name. */
    public static boolean isValid(String value) {
        return value != null && RULE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
