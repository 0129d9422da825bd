package dev.actiontrail.core.api;

import dev.actiontrail.core.error.ApiError;

/**
 * The ActionTrail API versions served: {@code 2020-07-06} (current) and {@code 2017-12-04} (legacy). A few domain
 * rules differ by version (defaults, required parameters, error codes); use cases take the version of the call.
 */
public enum ApiVersion {
    V2017_12_04("2017-12-04"), V2020_07_06("2020-07-06");

    private final String value;

    ApiVersion(String value) {
        this.value = value;
    }

    /** The wire value, e.g. {@code 2020-07-06}. */
    public String value() {
        return value;
    }

    /** Whether {@code value} is a served version. */
    public static boolean isKnown(String value) {
        for (ApiVersion v : values()) {
            if (v.value.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidVersion} (400) if not a served version
     */
    public static ApiVersion parse(String value) {
        for (ApiVersion v : values()) {
            if (v.value.equals(value)) {
                return v;
            }
        }
        throw ApiError.INVALID_VERSION.exception();
    }
}
