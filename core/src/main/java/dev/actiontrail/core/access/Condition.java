package dev.actiontrail.core.access;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One test of a statement's {@code Condition} block (access-control reference §1.3): an operator, a condition key
 * and the policy's values for it, e.g. {@code IpAddress {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}.
 *
 * <p><b>Semantics.</b> The values of one key are OR-ed: the test matches when the request's value matches any of
 * them; a negated operator ({@code StringNotEquals}, {@code StringNotEqualsIgnoreCase}, {@code StringNotLike},
 * {@code NumericNotEquals}, {@code DateNotEquals}, {@code NotIpAddress}) matches when the request's value matches
 * none of them. (Several keys under one operator and several operators are AND-ed by {@link Statement}.)
 *
 * <p><b>Absent key [U → AWS-like, §1.3].</b> When the request has no value for the key, the test does not match —
 * for the negated operators too. Likewise a request value that cannot be read for the operator (text that is not a
 * number for {@code NumericEquals}, not an ISO 8601 time for {@code DateLessThan}, not {@code true}/{@code false}
 * for {@code Bool}, not an IP for {@code IpAddress}) matches neither the operator nor its negation.
 *
 * <p><b>Policy values are checked when the policy is read.</b> A value the operator cannot read — a non-number for
 * Numeric*, a non-ISO-8601 time for Date*, anything but {@code true}/{@code false} for {@code Bool}, a malformed IP
 * or CIDR (e.g. the redacted {@code 42.120.XX.X/24}) for IpAddress/NotIpAddress — makes the constructor throw
 * {@link MalformedPolicyException}. Dates are read as {@code 2012-11-11T23:59:59Z}, with optional fraction and an
 * offset ({@code +08:00}; none means UTC), or a bare date {@code 2012-11-11} (midnight UTC).
 *
 * <p>Immutable; the values are parsed once, so a test costs a map lookup and a few comparisons.
 */
public final class Condition {
    private final ConditionOperator operator;
    private final String key;
    private final String lowerKey;
    private final List<String> values;
    private final Object[] parsed; // per family: String / Wildcard / BigDecimal / Instant / Boolean / IpAddresses.Block

    /**
     * @param operator the operator
     * @param key      the condition key as written, e.g. {@code acs:SourceIp} (compared case-insensitively)
     * @param values   the policy's values as text, at least one
     * @throws MalformedPolicyException if the key is empty, there is no value, or a value cannot be read for the
     *                                  operator (message e.g. {@code Invalid IP address or CIDR block "x" for
     *                                  "acs:SourceIp" under "IpAddress"})
     */
    public Condition(ConditionOperator operator, String key, List<String> values) {
        this.operator = Objects.requireNonNull(operator, "operator");
        this.key = Objects.requireNonNull(key, "key");
        this.values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (key.isEmpty()) {
            throw new MalformedPolicyException("Empty condition key under \"" + operator + "\"");
        }
        if (this.values.isEmpty()) {
            throw new MalformedPolicyException("No value for \"" + key + "\" under \"" + operator + "\"");
        }
        this.lowerKey = RequestContext.lower(key);
        this.parsed = new Object[this.values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = parsePolicyValue(this.values.get(i));
        }
    }

    public ConditionOperator operator() {
        return operator;
    }

    /** The key as written in the policy. */
    public String key() {
        return key;
    }

    /** The policy's values as written (text). */
    public List<String> values() {
        return values;
    }

    /** Whether the request satisfies this test (see the class comment for absent and unreadable values). */
    public boolean matches(RequestContext context) {
        Object raw = context.raw(lowerKey);
        if (raw == null) {
            return false;
        }
        boolean any;
        switch (operator.family()) {
            case STRING -> any = anyString(RequestContext.text(raw));
            case NUMERIC -> {
                BigDecimal n = raw instanceof String s ? parseNumber(s) : null;
                if (n == null) {
                    return false;
                }
                any = anyCompare(n);
            }
            case DATE -> {
                Instant t = raw instanceof Instant i ? i : raw instanceof String s ? parseInstant(s) : null;
                if (t == null) {
                    return false;
                }
                any = anyCompare(t);
            }
            case BOOLEAN -> {
                Boolean b = raw instanceof Boolean x ? x : raw instanceof String s ? parseBoolean(s) : null;
                if (b == null) {
                    return false;
                }
                any = anyEquals(b);
            }
            case IP -> {
                byte[] ip = raw instanceof RequestContext.IpValue v ? v.bytes()
                        : raw instanceof String s ? IpAddresses.parseAddress(s.trim()) : null;
                if (ip == null) {
                    return false;
                }
                any = anyBlock(ip);
            }
            default -> throw new IllegalStateException(operator.toString());
        }
        return operator.negated() != any;
    }

    private boolean anyString(String v) {
        for (Object p : parsed) {
            boolean hit = switch (operator) {
                case StringEquals, StringNotEquals -> p.equals(v);
                case StringEqualsIgnoreCase, StringNotEqualsIgnoreCase -> ((String) p).equalsIgnoreCase(v);
                default -> ((Wildcard) p).matches(v);
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean anyCompare(Comparable requestValue) {
        for (Object p : parsed) {
            int c = requestValue.compareTo(p);
            boolean hit = switch (operator) {
                case NumericEquals, NumericNotEquals, DateEquals, DateNotEquals -> c == 0;
                case NumericLessThan, DateLessThan -> c < 0;
                case NumericLessThanEquals, DateLessThanEquals -> c <= 0;
                case NumericGreaterThan, DateGreaterThan -> c > 0;
                default -> c >= 0; // *GreaterThanEquals
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private boolean anyEquals(Boolean b) {
        for (Object p : parsed) {
            if (p.equals(b)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyBlock(byte[] ip) {
        for (Object p : parsed) {
            if (((IpAddresses.Block) p).contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private Object parsePolicyValue(String v) {
        Objects.requireNonNull(v, "condition value");
        String where = " for \"" + key + "\" under \"" + operator + "\"";
        switch (operator.family()) {
            case STRING:
                return operator == ConditionOperator.StringLike || operator == ConditionOperator.StringNotLike
                        ? Wildcard.compile(v, false) : v;
            case NUMERIC: {
                BigDecimal n = parseNumber(v);
                if (n == null) {
                    throw new MalformedPolicyException("Invalid number \"" + v + "\"" + where);
                }
                return n;
            }
            case DATE: {
                Instant t = parseInstant(v);
                if (t == null) {
                    throw new MalformedPolicyException("Invalid ISO 8601 date \"" + v + "\"" + where);
                }
                return t;
            }
            case BOOLEAN: {
                Boolean b = parseBoolean(v);
                if (b == null) {
                    throw new MalformedPolicyException("Invalid boolean \"" + v + "\"" + where
                            + " (must be \"true\" or \"false\")");
                }
                return b;
            }
            default: {
                IpAddresses.Block block = IpAddresses.parseBlock(v);
                if (block == null) {
                    throw new MalformedPolicyException("Invalid IP address or CIDR block \"" + v + "\"" + where);
                }
                return block;
            }
        }
    }

    /** A decimal number ({@code 12}, {@code -1.5}, {@code 1e3}), or null. */
    static BigDecimal parseNumber(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 100) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An ISO 8601 instant: {@code 2012-11-11T23:59:59Z}, with optional fraction, an offset or none (UTC), or a bare
     * date (midnight UTC); null if none of these.
     */
    static Instant parseInstant(String s) {
        String t = s.trim();
        if (t.length() < 10 || t.length() > 40) {
            return null;
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            char last = t.charAt(t.length() - 1);
            if (last == 'Z' || last == 'z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
                return OffsetDateTime.parse(t.replace('z', 'Z').replace('t', 'T')).toInstant();
            }
            return LocalDateTime.parse(t.replace('t', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Boolean parseBoolean(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.operator == operator && c.key.equals(key) && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, key, values);
    }

    @Override
    public String toString() {
        return operator + "{" + key + "=" + values + "}";
    }
}
