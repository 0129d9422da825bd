package dev.actiontrail.core.access;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Role trust policies for STS AssumeRole (access-control reference §1.1 Principal, §1.4). */
class TrustPolicyTest {
    static final String A = "1234567890123456";
    static final String B = "6543210987654321";

    static PolicyDocument trust(String principalJson, String extra) {
        return PolicyDocument.trustPolicy(JsonTree.parse(("{'Statement':[{'Action':'sts:AssumeRole','Effect':'Allow',"
                + "'Principal':" + principalJson + extra + "}],'Version':'1'}").replace('\'', '"')));
    }

    record Case(String name, PolicyDocument trust, String kind, String value, RequestContext ctx, boolean expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        RequestContext none = RequestContext.EMPTY;
        PolicyDocument root = trust("{'RAM':'acs:ram::" + A + ":root'}", "");
        PolicyDocument user = trust("{'RAM':['acs:ram::" + A + ":user/alice']}", "");
        PolicyDocument role = trust("{'RAM':'acs:ram::" + A + ":role/Auditor'}", "");
        PolicyDocument service = trust("{'Service':'actiontrail.aliyuncs.com'}", "");
        PolicyDocument any = trust("'*'", "");
        PolicyDocument anyRam = trust("{'RAM':'*'}", "");
        PolicyDocument external = trust("{'RAM':'acs:ram::" + A + ":root'}",
                ",'Condition':{'StringEquals':{'sts:ExternalId':'abc'}}");
        PolicyDocument withDeny = PolicyDocument.trustPolicy(JsonTree.parse(("{'Version':'1','Statement':["
                + "{'Action':'sts:AssumeRole','Effect':'Allow','Principal':{'RAM':'acs:ram::" + A + ":root'}},"
                + "{'Action':'sts:*','Effect':'Deny','Principal':{'RAM':'acs:ram::" + A + ":user/mallory'}}]}")
                .replace('\'', '"')));
        PolicyDocument otherAction = PolicyDocument.trustPolicy(JsonTree.parse(("{'Version':'1','Statement':["
                + "{'Action':'sts:AssumeRoleWithSAML','Effect':'Allow','Principal':{'RAM':'*'}}]}")
                .replace('\'', '"')));
        return List.of(
                new Case("root entry trusts a user of the account", root, "RAM", "acs:ram::" + A + ":user/bob",
                        none, true),
                new Case("root entry trusts a role session of the account", root, "RAM",
                        "acs:ram::" + A + ":role/auditor", none, true),
                new Case("root entry does not trust another account", root, "RAM", "acs:ram::" + B + ":user/bob",
                        none, false),
                new Case("root entry is not a prefix match on the account", root, "RAM",
                        "acs:ram::" + A + "7:user/bob", none, false),
                new Case("root entry does not trust a service", root, "Service", "acs:ram::" + A + ":user/bob",
                        none, false),
                new Case("user entry trusts that user", user, "RAM", "acs:ram::" + A + ":user/alice", none, true),
                new Case("user entry not another user", user, "RAM", "acs:ram::" + A + ":user/alice2", none,
                        false),
                new Case("role entry, case-insensitive role name", role, "RAM", "acs:ram::" + A + ":role/auditor",
                        none, true),
                new Case("role entry not a user of that name", role, "RAM", "acs:ram::" + A + ":user/Auditor",
                        none, false),
                new Case("service entry", service, "Service", "actiontrail.aliyuncs.com", none, true),
                new Case("service entry, other service", service, "Service", "ecs.aliyuncs.com", none, false),
                new Case("service entry does not trust RAM", service, "RAM", "actiontrail.aliyuncs.com", none,
                        false),
                new Case("Principal * trusts RAM", any, "RAM", "acs:ram::" + B + ":user/x", none, true),
                new Case("Principal * trusts services", any, "Service", "ecs.aliyuncs.com", none, true),
                new Case("RAM * trusts any RAM identity", anyRam, "RAM", "acs:ram::" + B + ":user/x", none, true),
                new Case("RAM * does not trust a service", anyRam, "Service", "ecs.aliyuncs.com", none, false),
                new Case("ExternalId condition met", external, "RAM", "acs:ram::" + A + ":user/bob",
                        RequestContext.EMPTY.with("sts:ExternalId", "abc"), true),
                new Case("ExternalId condition wrong", external, "RAM", "acs:ram::" + A + ":user/bob",
                        RequestContext.EMPTY.with("sts:ExternalId", "abd"), false),
                new Case("ExternalId condition absent", external, "RAM", "acs:ram::" + A + ":user/bob", none,
                        false),
                new Case("Deny for one user beats the root Allow", withDeny, "RAM",
                        "acs:ram::" + A + ":user/mallory", none, false),
                new Case("others are still trusted", withDeny, "RAM", "acs:ram::" + A + ":user/bob", none, true),
                new Case("a statement for another action does not trust", otherAction, "RAM",
                        "acs:ram::" + A + ":user/bob", none, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trusts(Case c) {
        assertEquals(c.expected(), PolicyEvaluator.trusts(c.trust(), c.kind(), c.value(), c.ctx()));
    }

    @Test
    void theExplicitAccountFormComparesTheGivenAccount() {
        PolicyDocument root = trust("{'RAM':'acs:ram::" + A + ":root'}", "");
        assertEquals(true, PolicyEvaluator.trusts(root, "RAM", "acs:ram::" + A + ":role/x", A, RequestContext.EMPTY));
        assertEquals(false, PolicyEvaluator.trusts(root, "RAM", "acs:ram::" + A + ":role/x", B,
                RequestContext.EMPTY));
        PolicyDocument bare = trust("{'RAM':'" + A + "'}", "");
        assertEquals(true, PolicyEvaluator.trusts(bare, "RAM", "acs:ram::" + A + ":user/x", RequestContext.EMPTY));
    }

    @Test
    void decisionsNameTheAssumeRolePolicy() {
        PolicyDocument root = trust("{'RAM':'acs:ram::" + A + ":root'}", "");
        Decision d = PolicyEvaluator.evaluateTrust(root, "acs:ram::" + A + ":role/r", "RAM",
                "acs:ram::" + B + ":user/x", RequestContext.EMPTY);
        assertEquals(Decision.Outcome.IMPLICIT_DENY, d.outcome());
        assertEquals(NoPermissionPolicyType.AssumeRolePolicy, d.policyType());
        assertEquals("sts:AssumeRole", d.action());
        assertEquals("acs:ram::" + A + ":role/r", d.resource());
        assertThrows(IllegalArgumentException.class, () -> PolicyEvaluator.evaluateTrust(
                SystemPolicies.find("AdministratorAccess").orElseThrow().document(), "r", "RAM", "x",
                RequestContext.EMPTY));
    }

    @Test
    void principalArns() {
        AccountId acct = AccountId.of(A);
        assertEquals("acs:ram::" + A + ":root", PolicyEvaluator.principalArn(new Principal.Root(acct)));
        assertEquals("acs:ram::" + A + ":user/alice",
                PolicyEvaluator.principalArn(new Principal.User(acct, "2000000000000001", "alice")));
        Instant now = Instant.now();
        assertEquals("acs:ram::" + A + ":role/auditor", PolicyEvaluator.principalArn(new Principal.RoleSession(
                acct, "3", "Auditor", "s", null, acct, "2", now, now)));
    }
}
