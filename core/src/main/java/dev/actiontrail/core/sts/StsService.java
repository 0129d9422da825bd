package dev.actiontrail.core.sts;

import dev.actiontrail.core.access.MalformedPolicyException;
import dev.actiontrail.core.access.PolicyDocument;
import dev.actiontrail.core.access.AccessDeniedDetail;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.access.Decision;
import dev.actiontrail.core.access.PolicyEvaluator;
import dev.actiontrail.core.access.PolicyParser;
import dev.actiontrail.core.access.RequestContext;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.identity.SecurityTokens;
import dev.actiontrail.core.identity.StsError;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS 2015-04-01 (access-control reference §4): {@code AssumeRole} and {@code GetCallerIdentity}.
 *
 * <p>AssumeRole issues temporary credentials for a role session when (1) the caller is a RAM user or a role session
 * (the root identity may not: {@code NoPermission}); (2) the caller's own policies allow {@code sts:AssumeRole} on
 * the role's ARN — checked by the gateway's authorization step before this runs; (3) the role exists
 * ({@code EntityNotExist.Role}, 404) and its trust policy trusts the caller — a {@code RAM} principal
 * {@code acs:ram::<account>:root} trusts every RAM identity of that account, {@code …:user/<name>} one user,
 * {@code …:role/<name>} sessions of one role — with the trust policy's conditions met (e.g. {@code sts:ExternalId});
 * otherwise {@code NoPermission} (403). The session's permissions are the role's policies intersected with the
 * optional session {@code Policy}.
 *
 * <p>Parameter errors (400): {@code InvalidParameter.RoleArn} (not {@code acs:ram::<16 digits>:role/<name>}),
 * {@code InvalidParameter.RoleSessionName} (2–64 of letters, digits, {@code . @ - _}),
 * {@code InvalidParameter.DurationSeconds} (900 … the role's MaxSessionDuration, default 3600),
 * {@code InvalidParameter.PolicySize} (over 2048 bytes), {@code InvalidParameter.PolicyGrammar},
 * {@code InvalidParameter.ExternalId} (2–1224 of {@code [\w+=,.@:/-]}). {@code MissingParameter} for an absent
 * RoleArn or RoleSessionName.
 */
public final class StsService {
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d{16}):role/([A-Za-z0-9.-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    /** The shortest session, in seconds. */
    public static final int MIN_DURATION = 900;
    /** The default session, in seconds. */
    public static final int DEFAULT_DURATION = 3600;
    private static final int MAX_POLICY_BYTES = 2048;

    private final IdentityStore store;
    private final SecurityTokens tokens;
    private final PolicyParser parser;
    private final Clock clock;

    public StsService(IdentityStore store, SecurityTokens tokens, PolicyParser parser, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.tokens = Objects.requireNonNull(tokens);
        this.parser = Objects.requireNonNull(parser);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What AssumeRole answers: the session's IDs and its credentials. */
    public record AssumedRole(String assumedRoleId, String arn, SecurityTokens.Credentials credentials) {
    }

    /** The AssumeRole request's parameters as sent (null when absent). */
    public record AssumeRoleRequest(String roleArn, String roleSessionName, String durationSeconds, String policy,
                                    String externalId) {
    }

    /**
     * The resource AssumeRole is authorized on: the role's one canonical ARN ({@link RamRole#arn}, name in lower
     * case), so a policy naming the role matches however the caller spells it; empty for a RoleArn that is not
     * well formed (the call then fails with {@code InvalidParameter.RoleArn}).
     */
    public static Optional<String> canonicalRoleArn(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn == null ? "" : roleArn);
        return m.matches() ? Optional.of(RamRole.arn(m.group(1), m.group(2))) : Optional.empty();
    }

    /**
     * Assumes a role for {@code caller}.
     *
     * @param context the call's condition keys (for the trust policy's conditions)
     * @throws dev.actiontrail.core.error.ApiException the codes in the class description
     */
    public AssumedRole assumeRole(Caller caller, AssumeRoleRequest r, RequestContext context) {
        Matcher arn = ROLE_ARN.matcher(r.roleArn() == null ? "" : r.roleArn());
        if (!arn.matches()) {
            throw StsError.INVALID_ROLE_ARN.exception();
        }
        if (r.roleSessionName() == null || !SESSION_NAME.matcher(r.roleSessionName()).matches()) {
            throw StsError.INVALID_ROLE_SESSION_NAME.exception();
        }
        if (r.externalId() != null && !EXTERNAL_ID.matcher(r.externalId()).matches()) {
            throw StsError.INVALID_EXTERNAL_ID.exception();
        }
        String sessionPolicy = r.policy() == null || r.policy().isEmpty() ? null : r.policy();
        if (sessionPolicy != null) {
            if (sessionPolicy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
                throw StsError.INVALID_POLICY_SIZE.exception();
            }
            try {
                parser.parse(sessionPolicy);
            } catch (MalformedPolicyException e) {
                throw StsError.INVALID_POLICY_GRAMMAR.exception();
            }
        }
        if (caller.isRoot()) {
            throw StsError.NO_PERMISSION.exception();
        }
        AccountId roleAccount = AccountId.of(arn.group(1));
        Optional<RamRole> found = store.accountExists(roleAccount) ? store.role(roleAccount, arn.group(2))
                : Optional.empty();
        RamRole role = found.orElseThrow(StsError.ROLE_NOT_EXIST::exception);
        int duration = duration(r.durationSeconds(), role.maxSessionDuration());
        PolicyDocument trust;
        try {
            trust = parser.parseTrust(role.assumeRolePolicyDocument());
        } catch (MalformedPolicyException e) {
            throw StsError.NO_PERMISSION.exception();
        }
        RequestContext trustContext = r.externalId() == null ? context
                : context.toBuilder().put("sts:ExternalId", r.externalId()).build();
        Decision trusted = PolicyEvaluator.evaluateTrust(trust, role.arn(), "RAM",
                PolicyEvaluator.principalArn(caller.principal()), caller.accountId().value(), trustContext);
        if (!trusted.allowed()) { // denied by the role's trust policy: PolicyType AssumeRolePolicy
            throw new ApiException(StsError.NO_PERMISSION, StsError.NO_PERMISSION.message(),
                    AccessDeniedDetail.of(caller, trusted, "sts:AssumeRole"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Principal.RoleSession session = new Principal.RoleSession(roleAccount, role.roleId(), role.roleName(),
                r.roleSessionName(), sessionPolicy, caller.accountId(), principalId(caller.principal()), now,
                now.plusSeconds(duration));
        return new AssumedRole(session.principalId(), role.arn() + "/" + r.roleSessionName(), tokens.issue(session));
    }

    /**
     * GetCallerIdentity: {@code IdentityType} ({@code Account}, {@code RAMUser}, {@code AssumedRoleUser}),
     * {@code AccountId}, {@code PrincipalId}, {@code Arn}, and {@code UserId} (root and RAM user) or {@code RoleId}
     * (role session).
     */
    public record CallerIdentity(String identityType, String accountId, String principalId, String userId,
                                 String roleId, String arn) {
    }

    public CallerIdentity callerIdentity(Caller caller) {
        Principal p = caller.principal();
        String account = p.accountId().value();
        if (p instanceof Principal.User u) {
            return new CallerIdentity("RAMUser", account, u.userId(), u.userId(), null, principalArn(p));
        }
        if (p instanceof Principal.RoleSession s) {
            return new CallerIdentity("AssumedRoleUser", account, s.principalId(), null, s.roleId(), principalArn(p));
        }
        return new CallerIdentity("Account", account, account, account, null, principalArn(p));
    }

    /**
     * The ARN of a principal ({@code acs:PrincipalArn}): {@code acs:ram::<account>:root},
     * {@code acs:ram::<account>:user/<name>}, {@code acs:ram::<account>:assumed-role/<role>/<session>} (the last
     * shape is not shown by the official documents [U]).
     */
    public static String principalArn(Principal p) {
        String prefix = "acs:ram::" + p.accountId().value() + ":";
        if (p instanceof Principal.User u) {
            return prefix + "user/" + u.userName();
        }
        if (p instanceof Principal.RoleSession s) {
            return prefix + "assumed-role/" + s.roleName() + "/" + s.sessionName();
        }
        return prefix + "root";
    }

    private static String principalId(Principal p) {
        if (p instanceof Principal.User u) {
            return u.userId();
        }
        if (p instanceof Principal.RoleSession s) {
            return s.principalId();
        }
        return p.accountId().value();
    }

    private static int duration(String text, int max) {
        if (text == null || text.isEmpty()) {
            return Math.min(DEFAULT_DURATION, max);
        }
        int d;
        try {
            d = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw StsError.INVALID_DURATION_SECONDS.exception();
        }
        if (d < MIN_DURATION || d > max) {
            throw StsError.INVALID_DURATION_SECONDS.exception();
        }
        return d;
    }
}
