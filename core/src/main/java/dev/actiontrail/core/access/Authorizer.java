package dev.actiontrail.core.access;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AttachedPolicy;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.PolicyType;
import dev.actiontrail.core.identity.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a caller may perform an action on a resource (access-control reference §1.4), on every API call.
 *
 * <ul>
 *   <li>The account's <b>root identity</b> is allowed everything, without reading the store.</li>
 *   <li>A <b>RAM user</b> is governed by {@link IdentityStore#policiesFor} (its own and its groups' policies).</li>
 *   <li>A <b>role session</b> by the role's policies, narrowed by the session policy given to AssumeRole (null or
 *       blank: none). A session policy that does not parse denies everything (implicit deny, SessionPolicy).</li>
 * </ul>
 * System policies come from {@link SystemPolicies} (an unknown name matches nothing); custom ones are parsed with the
 * {@link PolicyParser}. A stored document that no longer parses — or that the parser fails on in any way — is
 * treated as matching nothing; authorization never throws because of stored data.
 *
 * <p><b>Caching.</b> The applicable policies are cached per principal (user: account + userId + userName; role
 * session: account + roleId + roleName, shared by all sessions of the role). The store's
 * {@link IdentityStore#generation()} is read once per call; when it differs from the generation the cache was filled
 * at, the whole cache is dropped, so a detached policy stops working on the very next call. Parsed documents are also
 * kept by their text (bounded), so a generation change does not re-parse unchanged policies. Thread-safe.
 */
public final class Authorizer {
    /** Parsed texts kept at most; past it the text cache is emptied and refilled. */
    static final int MAX_PARSED_TEXTS = 4096;

    private record UserKey(AccountId account, String userId, String userName) {
    }

    private record RoleKey(AccountId account, String roleId, String roleName) {
    }

    private static final class Snapshot {
        final long generation;
        final ConcurrentHashMap<Object, List<ApplicablePolicy>> byPrincipal = new ConcurrentHashMap<>();

        Snapshot(long generation) {
            this.generation = generation;
        }
    }

    private final IdentityStore store;
    private final PolicyParser parser;
    private volatile Snapshot snapshot;
    private final ConcurrentHashMap<String, Optional<PolicyDocument>> parsedTexts = new ConcurrentHashMap<>();

    /**
     * @param store  where principals' policy attachments and custom documents are read
     * @param parser reads custom and session policy documents
     */
    public Authorizer(IdentityStore store, PolicyParser parser) {
        this.store = Objects.requireNonNull(store, "store");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Decides a call.
     *
     * @param caller   the authenticated caller
     * @param action   e.g. {@code actiontrail:DescribeTrails}
     * @param resource the resource ARN, or {@code *} for actions without one (§1.2)
     * @param context  the request's condition keys
     * @return the decision (for the root identity: ALLOW with no matched statement); never null
     */
    public Decision authorize(Caller caller, String action, String resource, RequestContext context) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        Principal principal = caller.principal();
        if (principal instanceof Principal.Root) {
            return new Decision(Decision.Outcome.ALLOW, NoPermissionPolicyType.AccountLevelIdentityBasedPolicy,
                    action, resource, null);
        }
        PolicyDocument sessionPolicy = null;
        if (principal instanceof Principal.RoleSession session
                && session.sessionPolicy() != null && !session.sessionPolicy().isBlank()) {
            Optional<PolicyDocument> parsed = parseQuietly(session.sessionPolicy());
            if (parsed.isEmpty()) {
                return new Decision(Decision.Outcome.IMPLICIT_DENY, NoPermissionPolicyType.SessionPolicy, action,
                        resource, null);
            }
            sessionPolicy = parsed.get();
        }
        return PolicyEvaluator.evaluate(policiesFor(principal), sessionPolicy, action, resource, context);
    }

    /** The cached (or freshly loaded) applicable policies of a user or role session. */
    private List<ApplicablePolicy> policiesFor(Principal principal) {
        long generation = store.generation();
        Snapshot s = snapshot;
        if (s == null || s.generation != generation) {
            s = new Snapshot(generation); // data loaded after reading `generation` is at least that new
            snapshot = s;
        }
        Object key = principal instanceof Principal.User u
                ? new UserKey(u.accountId(), u.userId(), u.userName())
                : new RoleKey(principal.accountId(), ((Principal.RoleSession) principal).roleId(),
                ((Principal.RoleSession) principal).roleName());
        List<ApplicablePolicy> cached = s.byPrincipal.get(key);
        if (cached == null) {
            cached = load(principal);
            s.byPrincipal.put(key, cached);
        }
        return cached;
    }

    private List<ApplicablePolicy> load(Principal principal) {
        List<AttachedPolicy> attached = store.policiesFor(principal);
        List<ApplicablePolicy> out = new ArrayList<>(attached.size());
        for (AttachedPolicy a : attached) {
            Optional<PolicyDocument> doc = a.type() == PolicyType.System
                    ? SystemPolicies.find(a.policyName()).map(SystemPolicy::document)
                    : a.document() == null ? Optional.empty() : parseQuietly(a.document());
            doc.ifPresent(d -> out.add(ApplicablePolicy.of(a, d)));
        }
        return List.copyOf(out);
    }

    /** The parsed identity policy, or empty when the text does not parse (never throws). */
    private Optional<PolicyDocument> parseQuietly(String text) {
        Optional<PolicyDocument> known = parsedTexts.get(text);
        if (known != null) {
            return known;
        }
        Optional<PolicyDocument> parsed;
        try {
            PolicyDocument d = parser.parse(text);
            parsed = d == null || d.isTrustPolicy() ? Optional.empty() : Optional.of(d);
        } catch (RuntimeException e) {
            parsed = Optional.empty();
        }
        if (parsedTexts.size() >= MAX_PARSED_TEXTS) {
            parsedTexts.clear();
        }
        parsedTexts.put(text, parsed);
        return parsed;
    }
}
