package dev.actiontrail.core.access;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The condition keys of one call, as policy {@code Condition} blocks read them (access-control reference §1.3,
 * "Global condition keys"): {@code acs:SourceIp} (the client's public IP, IPv4 or IPv6), {@code acs:CurrentTime}
 * (when the server received the request), {@code acs:SecureTransport} (HTTPS or not), {@code acs:MFAPresent},
 * {@code acs:UserAgent}, {@code acs:PrincipalArn}, plus any other key a use case supplies (e.g. {@code acs:Service}
 * for {@code ram:PassRole}, {@code ram:ServiceName}, {@code sts:ExternalId}).
 *
 * <p>Keys compare case-insensitively ({@code acs:sourceip} is {@code acs:SourceIp}). A key that was never set is
 * <em>absent</em>, and every condition on an absent key fails (see {@link Condition}). Values are text, instants or
 * booleans; {@link #get(String)} shows each as text (an instant as ISO 8601 {@code 2012-11-11T23:59:59Z}).
 * Immutable and thread-safe; build with {@link #builder()}.
 */
public final class RequestContext {
    public static final String SOURCE_IP = "acs:SourceIp";
    public static final String CURRENT_TIME = "acs:CurrentTime";
    public static final String SECURE_TRANSPORT = "acs:SecureTransport";
    public static final String MFA_PRESENT = "acs:MFAPresent";
    public static final String USER_AGENT = "acs:UserAgent";
    public static final String PRINCIPAL_ARN = "acs:PrincipalArn";

    /** A context with no key at all: every condition fails against it. */
    public static final RequestContext EMPTY = new Builder().build();

    /** An IP value with its text and, when it is a valid literal, its bytes (parsed once, at build time). */
    record IpValue(String text, byte[] bytes) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Lower-cased key → (original key, value); value is a String, Instant, Boolean or IpValue. */
    private final Map<String, Map.Entry<String, Object>> values;

    private RequestContext(Map<String, Map.Entry<String, Object>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this context's keys, to derive a context with more (e.g. {@code sts:ExternalId}). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** This context plus (or with a new value for) one text key, e.g. {@code with("sts:ExternalId", "abc")}. */
    public RequestContext with(String key, String value) {
        return toBuilder().put(key, value).build();
    }

    /** The value of {@code key} as text (an instant as ISO 8601, a boolean as {@code true}/{@code false}). */
    public Optional<String> get(String key) {
        Object raw = raw(lower(key));
        return raw == null ? Optional.empty() : Optional.of(text(raw));
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return raw(lower(key)) != null;
    }

    /** {@code acs:CurrentTime} when set as an instant (or as ISO 8601 text). */
    public Optional<Instant> currentTime() {
        Object raw = raw(lower(CURRENT_TIME));
        if (raw instanceof Instant i) {
            return Optional.of(i);
        }
        return raw == null ? Optional.empty() : Optional.ofNullable(Condition.parseInstant(text(raw)));
    }

    /** All keys as set (original spelling) with their text values, in the order they were first set. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.values()) {
            out.put(e.getKey(), text(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The stored value of an already lower-cased key: String, Instant, Boolean or IpValue; null when absent. */
    Object raw(String lowerKey) {
        Map.Entry<String, Object> e = values.get(lowerKey);
        return e == null ? null : e.getValue();
    }

    static String text(Object raw) {
        return raw.toString();
    }

    static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "RequestContext" + asMap();
    }

    /** Collects keys; a null value leaves the key absent (convenient for an optional header). Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map.Entry<String, Object>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code acs:SourceIp}: an IPv4 or IPv6 literal (a value that is not one fails every IpAddress test). */
        public Builder sourceIp(String ip) {
            return set(SOURCE_IP, ip == null ? null : new IpValue(ip, IpAddresses.parseAddress(ip.trim())));
        }

        /** {@code acs:CurrentTime}: when the server received the request (UTC instant). */
        public Builder currentTime(Instant time) {
            return set(CURRENT_TIME, time);
        }

        /** {@code acs:SecureTransport}: whether the request came over HTTPS. */
        public Builder secureTransport(boolean https) {
            return set(SECURE_TRANSPORT, https);
        }

        /** {@code acs:MFAPresent}: whether MFA was used at logon. */
        public Builder mfaPresent(boolean mfa) {
            return set(MFA_PRESENT, mfa);
        }

        /** {@code acs:UserAgent}: the request's User-Agent header. */
        public Builder userAgent(String userAgent) {
            return set(USER_AGENT, userAgent);
        }

        /** {@code acs:PrincipalArn}: the caller's ARN, e.g. {@code acs:ram::1234567890123456:user/alice}. */
        public Builder principalArn(String arn) {
            return set(PRINCIPAL_ARN, arn);
        }

        /** Any key with a text value; {@code acs:SourceIp} given here is treated like {@link #sourceIp(String)}. */
        public Builder put(String key, String value) {
            if (lower(Objects.requireNonNull(key, "key")).equals(lower(SOURCE_IP))) {
                return sourceIp(value);
            }
            return set(key, value);
        }

        /** Any key with an instant value (for Date operators). */
        public Builder put(String key, Instant value) {
            return set(key, value);
        }

        /** Any key with a boolean value (for {@code Bool}). */
        public Builder put(String key, boolean value) {
            return set(key, value);
        }

        private Builder set(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a condition key must not be empty");
            }
            String lower = lower(key);
            if (value == null) {
                values.remove(lower);
            } else {
                values.put(lower, Map.entry(key, value));
            }
            return this;
        }

        public RequestContext build() {
            return new RequestContext(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
