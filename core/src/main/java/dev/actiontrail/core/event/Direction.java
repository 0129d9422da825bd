package dev.actiontrail.core.event;

import dev.actiontrail.core.error.ApiError;

import java.util.Locale;

/** LookupEvents' {@code Direction}: {@code FORWARD} (oldest first) or {@code BACKWARD} (newest first, default). */
public enum Direction {
    FORWARD, BACKWARD;

    /**
     * Parses the parameter case-insensitively (legacy users send {@code Forward}); null or empty → BACKWARD.
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidParameterValue (400) for anything else
     */
    public static Direction parse(String value) {
        if (value == null || value.isEmpty()) {
            return BACKWARD;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_PARAMETER_VALUE.exception();
        }
    }
}
