package dev.actiontrail.core.event;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.error.ApiError;

import java.util.Optional;

/**
 * The event attributes LookupEvents can filter on (§4.1), each with a stable numeric code used by stores.
 * The 2020-07-06 names are the {@code LookupAttribute.N.Key} values; 2017-12-04 uses flat parameters
 * ({@code Event}, {@code Request}, {@code User}, …; §4.3), mapped here too.
 */
public enum LookupKey {
    ServiceName(1, "ServiceName", "ServiceName"),
    EventName(2, "EventName", "EventName"),
    User(3, "User", "User"),
    EventId(4, "EventId", "Event"),
    ResourceType(5, "ResourceType", "ResourceType"),
    ResourceName(6, "ResourceName", "ResourceName"),
    EventRW(7, "EventRW", "EventRW"),
    EventAccessKeyId(8, "EventAccessKeyId", "EventAccessKeyId"),
    SensitiveAction(9, "SensitiveAction", null),
    SourceIpAddress(10, "SourceIpAddress", null),
    EventType(11, "EventType", "EventType"),
    RoleName(12, "RoleName", null),
    /** The service request ID: only the 2017-12-04 {@code Request} parameter filters on it. */
    RequestId(13, null, "Request");

    private final int code;
    private final String name2020;
    private final String name2017;

    LookupKey(int code, String name2020, String name2017) {
        this.code = code;
        this.name2020 = name2020;
        this.name2017 = name2017;
    }

    /** The stable code stores persist for this key (never reused). */
    public int code() {
        return code;
    }

    /** The parameter name of this key in {@code version}, if the version can filter on it. */
    public Optional<String> parameterName(ApiVersion version) {
        return Optional.ofNullable(version == ApiVersion.V2017_12_04 ? name2017 : name2020);
    }

    /**
     * The key a {@code LookupAttribute.N.Key} value (2020-07-06) or a flat parameter name (2017-12-04) names.
     * Matching is exact and case-sensitive.
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidLookupAttributesException (400) for an unknown key
     */
    public static LookupKey parse(String name, ApiVersion version) {
        for (LookupKey k : values()) {
            if (k.parameterName(version).filter(n -> n.equals(name)).isPresent()) {
                return k;
            }
        }
        throw ApiError.INVALID_LOOKUP_ATTRIBUTES.exception();
    }
}
