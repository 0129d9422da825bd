package dev.actiontrail.core.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 21 condition operators of the RAM policy language, exactly as spelled in a policy (access-control reference
 * §1.3; names are case-sensitive). There are no {@code …IfExists}, {@code ForAnyValue:}/{@code ForAllValues:} or
 * {@code Null} operators in Alibaba Cloud's language.
 *
 * <p>Each operator has a {@link Family} (how its values are read) and may be <em>negated</em>: a negated operator
 * matches when its positive counterpart matches none of the listed values (so {@code StringNotEquals ["a","b"]}
 * means "neither a nor b", as in AWS).
 */
public enum ConditionOperator {
    StringEquals(Family.STRING, false),
    StringNotEquals(Family.STRING, true),
    StringEqualsIgnoreCase(Family.STRING, false),
    StringNotEqualsIgnoreCase(Family.STRING, true),
    StringLike(Family.STRING, false),
    StringNotLike(Family.STRING, true),
    NumericEquals(Family.NUMERIC, false),
    NumericNotEquals(Family.NUMERIC, true),
    NumericLessThan(Family.NUMERIC, false),
    NumericLessThanEquals(Family.NUMERIC, false),
    NumericGreaterThan(Family.NUMERIC, false),
    NumericGreaterThanEquals(Family.NUMERIC, false),
    DateEquals(Family.DATE, false),
    DateNotEquals(Family.DATE, true),
    DateLessThan(Family.DATE, false),
    DateLessThanEquals(Family.DATE, false),
    DateGreaterThan(Family.DATE, false),
    DateGreaterThanEquals(Family.DATE, false),
    Bool(Family.BOOLEAN, false),
    IpAddress(Family.IP, false),
    NotIpAddress(Family.IP, true);

    /** How an operator reads its policy values and the request's value. */
    public enum Family {
        /** Text; compared as written (IgnoreCase variants: case-insensitively; Like variants: {@link Wildcard}). */
        STRING,
        /** Decimal numbers ({@link java.math.BigDecimal}, so {@code 1} equals {@code 1.0}). */
        NUMERIC,
        /** ISO 8601 instants, e.g. {@code 2012-11-11T23:59:59Z}. */
        DATE,
        /** {@code "true"} / {@code "false"} (case-insensitive). */
        BOOLEAN,
        /** IPv4 / IPv6 addresses and CIDR blocks. */
        IP
    }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator op : values()) {
            BY_NAME.put(op.name(), op);
        }
    }

    private final Family family;
    private final boolean negated;

    ConditionOperator(Family family, boolean negated) {
        this.family = family;
        this.negated = negated;
    }

    public Family family() {
        return family;
    }

    /** Whether this operator matches when its positive counterpart matches none of the values. */
    public boolean negated() {
        return negated;
    }

    /** The operator spelled exactly {@code name} (case-sensitive), or empty. */
    public static Optional<ConditionOperator> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
