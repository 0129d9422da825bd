package dev.actiontrail.core.region;

import dev.actiontrail.core.error.ApiError;

/** DescribeRegions' {@code AcceptLanguage}: {@code zh-CN} or {@code en-US} (default), §2.8. */
public enum AcceptLanguage {
    ZH_CN("zh-CN"), EN_US("en-US");

    private final String tag;

    AcceptLanguage(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Parses the parameter; null or empty means {@code en-US}.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidAcceptLanguage} (400) for any other value
     */
    public static AcceptLanguage parse(String value) {
        if (value == null || value.isEmpty()) {
            return EN_US;
        }
        for (AcceptLanguage l : values()) {
            if (l.tag.equals(value)) {
                return l;
            }
        }
        throw ApiError.INVALID_ACCEPT_LANGUAGE.exception();
    }
}
