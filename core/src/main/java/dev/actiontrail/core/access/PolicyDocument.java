package dev.actiontrail.core.access;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed, validated RAM policy document (access-control reference §1.1): {@code Version} {@code "1"} and at least
 * one {@link Statement}. Two kinds:
 * <ul>
 *   <li><b>identity policy</b> (custom and system policies, STS session policies): every statement needs
 *       {@code Resource} or {@code NotResource}; {@code Principal} is not allowed;</li>
 *   <li><b>trust policy</b> (a role's {@code AssumeRolePolicyDocument}): every statement needs {@code Principal};
 *       {@code Resource} is optional (and ignored when evaluating a trust policy).</li>
 * </ul>
 *
 * <p>Built from the generic tree a JSON library produces — {@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean}, {@code null} — by {@link #identityPolicy(Object)} /
 * {@link #trustPolicy(Object)} (or from JSON text with {@link JsonTree#parse(String)} first). Validation is strict:
 * <ul>
 *   <li>top level: only {@code Version} and {@code Statement}; {@code Version} must be the string {@code "1"};</li>
 *   <li>{@code Statement}: one object or a non-empty array of objects; in a statement only {@code Sid} (accepted
 *       and ignored), {@code Effect}, {@code Action}/{@code NotAction} (exactly one), {@code Resource}/{@code
 *       NotResource} (at most one), {@code Principal} (trust policies), {@code Condition};</li>
 *   <li>{@code Effect} exactly {@code Allow} or {@code Deny}; Action/Resource/Principal values a string or a
 *       non-empty array of non-empty strings (a single string ≡ a one-element array);</li>
 *   <li>{@code Condition}: an object of known operators ({@link ConditionOperator}, case-sensitive) to objects of
 *       keys to a value or non-empty array of values; condition values may be strings, numbers or booleans (read as
 *       their text), and must be readable for their operator (see {@link Condition}).</li>
 * </ul>
 * Anything else throws {@link MalformedPolicyException} naming the problem and its statement (1-based), e.g.
 * {@code Unknown condition operator "StringEqualz" in Statement 1}. Immutable.
 */
public final class PolicyDocument {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Statement");
    private static final Set<String> STATEMENT_KEYS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "Condition");

    private final boolean trustPolicy;
    private final List<Statement> statements;
    private final Statement[] statementArray;
    /** Actions (lower case) indexed so far: not part of the document's value. */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> byAction =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_INDEXED_ACTIONS = 512;

    /**
     * A document from already-built statements.
     *
     * @param trustPolicy whether this is a role trust policy (see the class comment for what differs)
     * @throws MalformedPolicyException when there is no statement, an identity-policy statement lacks a Resource
     *                                  or names a Principal, or a trust-policy statement lacks a Principal
     */
    public PolicyDocument(boolean trustPolicy, List<Statement> statements) {
        this.trustPolicy = trustPolicy;
        this.statements = List.copyOf(statements);
        if (this.statements.isEmpty()) {
            throw new MalformedPolicyException("\"Statement\" must not be empty");
        }
        for (int i = 0; i < this.statements.size(); i++) {
            Statement s = this.statements.get(i);
            String where = " in Statement " + (i + 1);
            if (trustPolicy && s.principals().isEmpty()) {
                throw new MalformedPolicyException("Missing \"Principal\"" + where);
            }
            if (!trustPolicy && !s.principals().isEmpty()) {
                throw new MalformedPolicyException("\"Principal\" is only allowed in a trust policy" + where);
            }
            if (!trustPolicy && s.resources().isEmpty()) {
                throw new MalformedPolicyException("Missing \"Resource\" or \"NotResource\"" + where);
            }
        }
        this.statementArray = this.statements.toArray(new Statement[0]);
    }

    /** An identity policy (custom, system or session policy) from a JSON tree; same as {@link #identityPolicy}. */
    public static PolicyDocument fromTree(Object tree) {
        return identityPolicy(tree);
    }

    /**
     * An identity policy (custom, system or STS session policy) from a JSON tree.
     *
     * @throws MalformedPolicyException when the tree is not a valid identity policy (message says what and where)
     */
    public static PolicyDocument identityPolicy(Object tree) {
        return read(tree, false);
    }

    /**
     * A role trust policy ({@code AssumeRolePolicyDocument}) from a JSON tree.
     *
     * @throws MalformedPolicyException when the tree is not a valid trust policy (message says what and where)
     */
    public static PolicyDocument trustPolicy(Object tree) {
        return read(tree, true);
    }

    public boolean isTrustPolicy() {
        return trustPolicy;
    }

    /** Always {@code "1"}, the only version of the language. */
    public String version() {
        return "1";
    }

    public List<Statement> statements() {
        return statements;
    }

    /** The statements as an array, for the evaluator's hot loop (do not modify). */
    Statement[] statementArray() {
        return statementArray;
    }

    /**
     * The 0-based indexes, in document order, of the statements whose action part covers {@code action}
     * ({@link Statement#matchesAction}; the action compared case-insensitively) — for the evaluator, which then
     * checks only those statements' resources and conditions. Remembered per action (a document is immutable), for
     * up to {@value #MAX_INDEXED_ACTIONS} actions. Do not modify the array.
     */
    int[] statementsFor(String action) {
        String key = action.toLowerCase(java.util.Locale.ROOT);
        int[] found = byAction.get(key);
        if (found == null) {
            int[] all = new int[statementArray.length];
            int n = 0;
            for (int i = 0; i < statementArray.length; i++) {
                if (statementArray[i].matchesAction(action)) {
                    all[n++] = i;
                }
            }
            found = java.util.Arrays.copyOf(all, n);
            if (byAction.size() < MAX_INDEXED_ACTIONS) {
                byAction.put(key, found);
            }
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyDocument d && d.trustPolicy == trustPolicy && d.statements.equals(statements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trustPolicy, statements);
    }

    @Override
    public String toString() {
        return (trustPolicy ? "TrustPolicy" : "PolicyDocument") + statements;
    }

    // --- reading a JSON tree ----------------------------------------------------------------------------------

    private static PolicyDocument read(Object tree, boolean trust) {
        if (!(tree instanceof Map<?, ?> top)) {
            throw new MalformedPolicyException("The policy document must be a JSON object");
        }
        for (Object k : top.keySet()) {
            if (!TOP_LEVEL.contains(k)) {
                throw new MalformedPolicyException("Unknown policy element \"" + k
                        + "\" (only \"Version\" and \"Statement\" are allowed at the top level)");
            }
        }
        if (!top.containsKey("Version")) {
            throw new MalformedPolicyException("Missing \"Version\"");
        }
        Object version = top.get("Version");
        if (!(version instanceof String v)) {
            throw new MalformedPolicyException("\"Version\" must be the string \"1\"");
        }
        if (!v.equals("1")) {
            throw new MalformedPolicyException("Unsupported \"Version\" \"" + v + "\" (must be \"1\")");
        }
        if (!top.containsKey("Statement")) {
            throw new MalformedPolicyException("Missing \"Statement\"");
        }
        Object st = top.get("Statement");
        List<?> list;
        if (st instanceof Map<?, ?>) {
            list = List.of(st);
        } else if (st instanceof List<?> l) {
            list = l;
        } else {
            throw new MalformedPolicyException("\"Statement\" must be an object or an array of objects");
        }
        if (list.isEmpty()) {
            throw new MalformedPolicyException("\"Statement\" must not be empty");
        }
        List<Statement> statements = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = "Statement " + (i + 1);
            try {
                statements.add(readStatement(list.get(i), trust));
            } catch (MalformedPolicyException e) {
                throw e.in(where);
            }
        }
        return new PolicyDocument(trust, statements);
    }

    private static Statement readStatement(Object node, boolean trust) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new MalformedPolicyException("A statement must be a JSON object");
        }
        for (Object k : m.keySet()) {
            if (!STATEMENT_KEYS.contains(k)) {
                throw new MalformedPolicyException("Unknown element \"" + k + "\"");
            }
        }
        Object sid = m.get("Sid");
        if (m.containsKey("Sid") && !(sid instanceof String)) {
            throw new MalformedPolicyException("\"Sid\" must be a string");
        }
        if (!m.containsKey("Effect")) {
            throw new MalformedPolicyException("Missing \"Effect\"");
        }
        Object e = m.get("Effect");
        Effect effect;
        if ("Allow".equals(e)) {
            effect = Effect.Allow;
        } else if ("Deny".equals(e)) {
            effect = Effect.Deny;
        } else {
            throw new MalformedPolicyException("Invalid \"Effect\" " + show(e) + " (must be \"Allow\" or \"Deny\")");
        }
        boolean hasAction = m.containsKey("Action");
        boolean hasNotAction = m.containsKey("NotAction");
        if (hasAction && hasNotAction) {
            throw new MalformedPolicyException("Both \"Action\" and \"NotAction\" (use only one)");
        }
        if (!hasAction && !hasNotAction) {
            throw new MalformedPolicyException("Missing \"Action\" or \"NotAction\"");
        }
        String actionKey = hasAction ? "Action" : "NotAction";
        List<String> actions = strings(m.get(actionKey), "\"" + actionKey + "\"");

        boolean hasResource = m.containsKey("Resource");
        boolean hasNotResource = m.containsKey("NotResource");
        if (hasResource && hasNotResource) {
            throw new MalformedPolicyException("Both \"Resource\" and \"NotResource\" (use only one)");
        }
        if (!trust && !hasResource && !hasNotResource) {
            throw new MalformedPolicyException("Missing \"Resource\" or \"NotResource\"");
        }
        List<String> resources = List.of();
        if (hasResource || hasNotResource) {
            String resourceKey = hasResource ? "Resource" : "NotResource";
            resources = strings(m.get(resourceKey), "\"" + resourceKey + "\"");
        }

        Map<String, List<String>> principals = new LinkedHashMap<>();
        if (m.containsKey("Principal")) {
            if (!trust) {
                throw new MalformedPolicyException("\"Principal\" is only allowed in a trust policy");
            }
            Object p = m.get("Principal");
            if ("*".equals(p)) {
                principals.put(Statement.ANY_KIND, List.of("*"));
            } else if (p instanceof Map<?, ?> pm) {
                if (pm.isEmpty()) {
                    throw new MalformedPolicyException("\"Principal\" must not be empty");
                }
                for (Map.Entry<?, ?> pe : pm.entrySet()) {
                    String kind = String.valueOf(pe.getKey());
                    principals.put(kind, strings(pe.getValue(), "\"Principal\" \"" + kind + "\""));
                }
            } else {
                throw new MalformedPolicyException("\"Principal\" must be \"*\" or an object such as "
                        + "{\"RAM\": [\"acs:ram::<account-id>:root\"]}");
            }
        } else if (trust) {
            throw new MalformedPolicyException("Missing \"Principal\"");
        }

        List<Condition> conditions = new ArrayList<>();
        if (m.containsKey("Condition")) {
            Object c = m.get("Condition");
            if (!(c instanceof Map<?, ?> cm)) {
                throw new MalformedPolicyException("\"Condition\" must be a JSON object of condition operators");
            }
            for (Map.Entry<?, ?> oe : cm.entrySet()) {
                String opName = String.valueOf(oe.getKey());
                ConditionOperator op = ConditionOperator.byName(opName).orElseThrow(
                        () -> new MalformedPolicyException("Unknown condition operator \"" + opName + "\""));
                if (!(oe.getValue() instanceof Map<?, ?> keys)) {
                    throw new MalformedPolicyException("Condition operator \"" + opName
                            + "\" must map condition keys to values");
                }
                if (keys.isEmpty()) {
                    throw new MalformedPolicyException("Condition operator \"" + opName + "\" has no condition key");
                }
                for (Map.Entry<?, ?> ke : keys.entrySet()) {
                    String key = String.valueOf(ke.getKey());
                    conditions.add(new Condition(op, key, conditionValues(ke.getValue(), key, opName)));
                }
            }
        }
        return new Statement(effect, !hasAction, actions, hasNotResource, resources, principals, conditions);
    }

    /** A string or a non-empty array of strings. */
    private static List<String> strings(Object node, String what) {
        if (node instanceof String s) {
            return List.of(s);
        }
        if (node instanceof List<?> l) {
            if (l.isEmpty()) {
                throw new MalformedPolicyException(what + " must not be empty");
            }
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new MalformedPolicyException(what + " must contain only strings, found " + show(o));
                }
                out.add(s);
            }
            return out;
        }
        throw new MalformedPolicyException(what + " must be a string or an array of strings, found " + show(node));
    }

    /** A scalar (string, number, boolean) or a non-empty array of scalars, as text. */
    private static List<String> conditionValues(Object node, String key, String op) {
        String what = "Condition value for \"" + key + "\" under \"" + op + "\"";
        if (node instanceof List<?> l) {
            if (l.isEmpty()) {
                throw new MalformedPolicyException(what + " must not be empty");
            }
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(scalar(o, what));
            }
            return out;
        }
        return List.of(scalar(node, what));
    }

    private static String scalar(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Boolean b) {
            return b.toString();
        }
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (o instanceof Number n) {
            return n.toString();
        }
        throw new MalformedPolicyException(what + " must be a string, number, boolean or an array of them, found "
                + show(o));
    }

    /** How a tree node reads in a message: a string quoted, other values by kind. */
    private static String show(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return "\"" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "\"";
        }
        if (o instanceof Map<?, ?>) {
            return "an object";
        }
        if (o instanceof List<?>) {
            return "an array";
        }
        return o.toString();
    }
}
