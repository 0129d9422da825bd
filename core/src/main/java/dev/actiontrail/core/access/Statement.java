package dev.actiontrail.core.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One statement of a policy (access-control reference §1.1): an {@link Effect}, the actions it covers ({@code Action}
 * or, inverted, {@code NotAction}), the resources it covers ({@code Resource} or {@code NotResource}; may be absent
 * in a role trust policy), the principals it names (trust policies only) and its {@link Condition}s.
 *
 * <p><b>Matching.</b> Action patterns are {@link Wildcard}s compared case-insensitively ({@code actiontrail:describe*}
 * covers {@code actiontrail:DescribeTrails}); resource patterns case-sensitively. A statement applies to a request
 * when its action part, its resource part (if any) and every one of its conditions match (conditions are AND-ed —
 * across keys and across operators).
 *
 * <p><b>Principal</b> maps a kind — {@code RAM}, {@code Service}, {@code Federated}, or {@code *} for
 * {@code "Principal": "*"} — to its values (see {@link PolicyEvaluator#trusts}).
 *
 * <p>Immutable. The constructor checks each value and throws {@link MalformedPolicyException} without a location;
 * {@link PolicyDocument} adds "in Statement N".
 */
public final class Statement {
    /** Principal kinds a trust policy may name (§1.1). */
    public static final String RAM = "RAM";
    public static final String SERVICE = "Service";
    public static final String FEDERATED = "Federated";
    /** The kind used for {@code "Principal": "*"}: every principal of every kind. */
    public static final String ANY_KIND = "*";
    private static final Set<String> KINDS = Set.of(RAM, SERVICE, FEDERATED, ANY_KIND);

    private final Effect effect;
    private final boolean notAction;
    private final List<String> actions;
    private final boolean notResource;
    private final List<String> resources;
    private final Map<String, List<String>> principals;
    private final List<Condition> conditions;
    private final Wildcard[] actionPatterns;
    private final Wildcard[] resourcePatterns;
    private final Condition[] conditionArray;

    /**
     * @param effect      Allow or Deny
     * @param notAction   true when {@code actions} is a {@code NotAction} list
     * @param actions     at least one pattern: {@code *} or {@code <service>:<action>} with wildcards
     * @param notResource true when {@code resources} is a {@code NotResource} list
     * @param resources   resource patterns (ARNs with wildcards); empty means the statement has no Resource element
     *                    (allowed in trust policies only, enforced by {@link PolicyDocument})
     * @param principals  kind → values (trust policies), empty for none
     * @param conditions  the tests, AND-ed; empty for none
     * @throws MalformedPolicyException on an empty or misshapen action, an empty resource, an unknown principal kind
     *                                  or an empty principal value
     */
    public Statement(Effect effect, boolean notAction, List<String> actions, boolean notResource,
                     List<String> resources, Map<String, List<String>> principals, List<Condition> conditions) {
        this.effect = Objects.requireNonNull(effect, "effect");
        this.notAction = notAction;
        this.actions = List.copyOf(actions);
        this.notResource = notResource;
        this.resources = List.copyOf(resources);
        this.conditions = List.copyOf(conditions);
        String actionElement = notAction ? "NotAction" : "Action";
        if (this.actions.isEmpty()) {
            throw new MalformedPolicyException("\"" + actionElement + "\" must not be empty");
        }
        actionPatterns = new Wildcard[this.actions.size()];
        for (int i = 0; i < actionPatterns.length; i++) {
            String a = this.actions.get(i);
            if (a.isEmpty()) {
                throw new MalformedPolicyException("Empty string in \"" + actionElement + "\"");
            }
            int colon = a.indexOf(':');
            if (!a.equals("*") && (colon <= 0 || colon == a.length() - 1 || a.indexOf(':', colon + 1) >= 0)) {
                throw new MalformedPolicyException("Invalid action \"" + a + "\" in \"" + actionElement
                        + "\" (expected \"*\" or \"<service>:<action>\")");
            }
            actionPatterns[i] = Wildcard.compile(a, true);
        }
        if (notResource && this.resources.isEmpty()) {
            throw new MalformedPolicyException("\"NotResource\" must not be empty");
        }
        resourcePatterns = new Wildcard[this.resources.size()];
        for (int i = 0; i < resourcePatterns.length; i++) {
            String r = this.resources.get(i);
            if (r.isEmpty()) {
                throw new MalformedPolicyException("Empty string in \"" + (notResource ? "NotResource" : "Resource")
                        + "\"");
            }
            resourcePatterns[i] = Wildcard.compile(r, false);
        }
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : principals.entrySet()) {
            if (!KINDS.contains(e.getKey())) {
                throw new MalformedPolicyException("Unknown principal type \"" + e.getKey()
                        + "\" in \"Principal\" (expected \"RAM\", \"Service\" or \"Federated\")");
            }
            List<String> values = List.copyOf(e.getValue());
            if (values.isEmpty()) {
                throw new MalformedPolicyException("No value for principal type \"" + e.getKey() + "\"");
            }
            for (String v : values) {
                if (v.isEmpty()) {
                    throw new MalformedPolicyException("Empty string in \"Principal\" \"" + e.getKey() + "\"");
                }
            }
            p.put(e.getKey(), values);
        }
        this.principals = Collections.unmodifiableMap(p);
        this.conditionArray = this.conditions.toArray(new Condition[0]);
    }

    public Effect effect() {
        return effect;
    }

    /** Whether {@link #actions()} is a {@code NotAction} list. */
    public boolean isNotAction() {
        return notAction;
    }

    /** The Action (or NotAction) patterns as written. */
    public List<String> actions() {
        return actions;
    }

    /** Whether {@link #resources()} is a {@code NotResource} list. */
    public boolean isNotResource() {
        return notResource;
    }

    /** The Resource (or NotResource) patterns as written; empty when the statement has no Resource element. */
    public List<String> resources() {
        return resources;
    }

    /** Principal kind → values; empty for an identity-policy statement. */
    public Map<String, List<String>> principals() {
        return principals;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    /** Whether the action part covers {@code action} (case-insensitive; inverted for NotAction). */
    public boolean matchesAction(String action) {
        boolean hit = false;
        for (Wildcard w : actionPatterns) {
            if (w.matches(action)) {
                hit = true;
                break;
            }
        }
        return hit != notAction;
    }

    /**
     * Whether the resource part covers {@code resource} (case-sensitive; inverted for NotResource). A statement
     * without a Resource element covers every resource.
     */
    public boolean matchesResource(String resource) {
        if (resourcePatterns.length == 0) {
            return true;
        }
        boolean hit = false;
        for (Wildcard w : resourcePatterns) {
            if (w.matches(resource)) {
                hit = true;
                break;
            }
        }
        return hit != notResource;
    }

    /** Whether every condition holds (true when there is none). */
    public boolean conditionsMet(RequestContext context) {
        for (Condition c : conditionArray) {
            if (!c.matches(context)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the statement applies: action, resource and all conditions match. */
    public boolean applies(String action, String resource, RequestContext context) {
        return matchesAction(action) && matchesResource(resource) && conditionsMet(context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Statement s && s.effect == effect && s.notAction == notAction
                && s.actions.equals(actions) && s.notResource == notResource && s.resources.equals(resources)
                && s.principals.equals(principals) && s.conditions.equals(conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(effect, notAction, actions, notResource, resources, principals, conditions);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("Effect=" + effect);
        parts.add((notAction ? "NotAction=" : "Action=") + actions);
        if (!resources.isEmpty()) {
            parts.add((notResource ? "NotResource=" : "Resource=") + resources);
        }
        if (!principals.isEmpty()) {
            parts.add("Principal=" + principals);
        }
        if (!conditions.isEmpty()) {
            parts.add("Condition=" + conditions);
        }
        return "Statement" + parts;
    }
}
