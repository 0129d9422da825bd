package dev.actiontrail.core.trail;

import dev.actiontrail.core.error.ApiError;

import java.util.regex.Pattern;

/**
 * A trail name: 6–36 characters of lowercase letters, digits, {@code -} and {@code _}, starting with a lowercase
 * letter (API reference notes §2.2, §7).
 */
public record TrailName(String value) {
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9_-]{5,35}");

    /**
     * @throws dev.actiontrail.core.error.ApiException {@code MissingParameter} if absent,
     *         {@code InvalidTrailNameException} (400) if malformed
     */
    public static TrailName of(String value) {
        if (value == null || value.isEmpty()) {
            throw ApiError.MISSING_PARAMETER.exception("Name");
        }
        if (!RULE.matcher(value).matches()) {
            throw ApiError.INVALID_TRAIL_NAME.exception();
        }
        return new TrailName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
