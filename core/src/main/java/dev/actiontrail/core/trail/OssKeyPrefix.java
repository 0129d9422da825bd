package dev.actiontrail.core.trail;

import dev.actiontrail.core.error.ApiError;

import java.util.regex.Pattern;

/**
 * The prefix of delivered OSS object keys: empty, or 6–32 characters of letters, digits, {@code -}, {@code /} and
 * {@code _}, starting with a letter (§2.2, §7).
 */
public record OssKeyPrefix(String value) {
    public static final OssKeyPrefix NONE = new OssKeyPrefix("");
    private static final Pattern RULE = Pattern.compile("[A-Za-z][A-Za-z0-9/_-]{5,31}");

    /**
     * Parses the parameter; null or empty means no prefix.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidPrefixException} (400) if malformed
     */
    public static OssKeyPrefix of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (!RULE.matcher(value).matches()) {
            throw ApiError.INVALID_PREFIX.exception();
        }
        return new OssKeyPrefix(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
