package dev.actiontrail.core.access;

import dev.actiontrail.core.access.Decision.Outcome;
import dev.actiontrail.core.identity.PolicyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.actiontrail.core.access.Decision.Outcome.ALLOW;
import static dev.actiontrail.core.access.Decision.Outcome.EXPLICIT_DENY;
import static dev.actiontrail.core.access.Decision.Outcome.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table-driven evaluation of identity policies (access-control reference §1.2–§1.4). Policies are JSON written with
 * single quotes, read by {@link JsonTree} and {@link PolicyDocument#identityPolicy}.
 */
class PolicyEvaluatorTest {
    static final String ACCT = "1234567890123456";
    static final String TRAIL = "acs:actiontrail:cn-hangzhou:" + ACCT + ":trail/t1";

    /** One row: identity policies, action, resource, context → expected outcome. */
    record Case(String name, List<String> policies, String action, String resource, RequestContext context,
                Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static PolicyDocument doc(String singleQuoted) {
        return PolicyDocument.identityPolicy(JsonTree.parse(singleQuoted.replace('\'', '"')));
    }

    static String allow(String actionJson, String resourceJson) {
        return "{'Version':'1','Statement':[{'Effect':'Allow','Action':" + actionJson + ",'Resource':"
                + resourceJson + "}]}";
    }

    /** Allow * on * under one condition operator with the given keys object. */
    static String cond(String operator, String keysJson) {
        return "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'"
                + operator + "':" + keysJson + "}}]}";
    }

    static RequestContext ctx(Object... kv) {
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < kv.length; i += 2) {
            String k = (String) kv[i];
            Object v = kv[i + 1];
            if (v instanceof Instant t) {
                b.put(k, t);
            } else if (v instanceof Boolean x) {
                b.put(k, x);
            } else {
                b.put(k, (String) v);
            }
        }
        return b.build();
    }

    static Case c(String name, String policy, String action, String resource, RequestContext ctx, Outcome o) {
        return new Case(name, List.of(policy), action, resource, ctx, o);
    }

    /** A condition row: Allow * on * under {operator: keys}, any action. */
    static Case k(String operator, String keysJson, RequestContext ctx, Outcome o) {
        return new Case(operator + " " + keysJson + " vs " + ctx.asMap(), List.of(cond(operator, keysJson)),
                "actiontrail:DescribeTrails", "*", ctx, o);
    }

    static final Instant T = Instant.parse("2012-11-11T23:59:59Z");
    static final RequestContext NONE = RequestContext.EMPTY;

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        // --- actions: wildcards, case -------------------------------------------------------------------------
        l.add(c("* allows anything", allow("'*'", "'*'"), "ecs:RunInstances", TRAIL, NONE, ALLOW));
        l.add(c("Describe* covers DescribeTrails", allow("'actiontrail:Describe*'", "'*'"),
                "actiontrail:DescribeTrails", TRAIL, NONE, ALLOW));
        l.add(c("Describe* does not cover StopLogging", allow("'actiontrail:Describe*'", "'*'"),
                "actiontrail:StopLogging", TRAIL, NONE, IMPLICIT_DENY));
        l.add(c("? is exactly one char (match)", allow("'actiontrail:Get?railStatus'", "'*'"),
                "actiontrail:GetTrailStatus", TRAIL, NONE, ALLOW));
        l.add(c("? is exactly one char (two chars)", allow("'actiontrail:Get?railStatus'", "'*'"),
                "actiontrail:GetTTrailStatus", TRAIL, NONE, IMPLICIT_DENY));
        l.add(c("? is exactly one char (zero chars)", allow("'actiontrail:Get?TrailStatus'", "'*'"),
                "actiontrail:GetTrailStatus", TRAIL, NONE, IMPLICIT_DENY));
        l.add(c("actions are case-insensitive", allow("'ACTIONTRAIL:describetrails'", "'*'"),
                "actiontrail:DescribeTrails", TRAIL, NONE, ALLOW));
        l.add(c("actions case-insensitive with wildcard", allow("'ActionTrail:DESCRIBE*'", "'*'"),
                "actiontrail:DescribeTrails", TRAIL, NONE, ALLOW));
        l.add(c("*:Describe* spans services", allow("'*:Describe*'", "'*'"), "ecs:DescribeInstances", "*",
                NONE, ALLOW));
        l.add(c("*:Describe* is not a prefix of Stop", allow("'*:Describe*'", "'*'"), "ecs:StopInstance", "*",
                NONE, IMPLICIT_DENY));
        l.add(c("single action string equals", allow("'actiontrail:StopLogging'", "'*'"),
                "actiontrail:StopLogging", TRAIL, NONE, ALLOW));
        l.add(c("action list: any entry", allow("['ram:*','actiontrail:StopLogging']", "'*'"),
                "actiontrail:StopLogging", TRAIL, NONE, ALLOW));
        l.add(c("no partial action match", allow("'actiontrail:Stop'", "'*'"), "actiontrail:StopLogging", TRAIL,
                NONE, IMPLICIT_DENY));
        // --- resources ----------------------------------------------------------------------------------------
        l.add(c("resource * in the middle", allow("'*'", "'acs:actiontrail:*:" + ACCT + ":trail/*'"),
                "actiontrail:DeleteTrail", TRAIL, NONE, ALLOW));
        l.add(c("resource of another account", allow("'*'", "'acs:actiontrail:*:" + ACCT + ":trail/*'"),
                "actiontrail:DeleteTrail", "acs:actiontrail:cn-hangzhou:6543210987654321:trail/t1", NONE,
                IMPLICIT_DENY));
        l.add(c("resource ? one char", allow("'*'", "'acs:actiontrail:cn-hangzhou:" + ACCT + ":trail/t?'"),
                "actiontrail:DeleteTrail", TRAIL, NONE, ALLOW));
        l.add(c("resource ? not two chars", allow("'*'", "'acs:actiontrail:cn-hangzhou:" + ACCT + ":trail/t?'"),
                "actiontrail:DeleteTrail", TRAIL + "2", NONE, IMPLICIT_DENY));
        l.add(c("resources are case-sensitive", allow("'*'", "'acs:actiontrail:*:*:trail/T1'"),
                "actiontrail:DeleteTrail", TRAIL, NONE, IMPLICIT_DENY));
        l.add(c("resource list: any entry", allow("'*'", "['acs:ram:*:*:user/x','acs:actiontrail:*:*:trail/t1']"),
                "actiontrail:DeleteTrail", TRAIL, NONE, ALLOW));
        // --- NotAction / NotResource --------------------------------------------------------------------------
        String notRam = "{'Version':'1','Statement':{'Effect':'Allow','NotAction':'ram:*','Resource':'*'}}";
        l.add(c("NotAction ram:* allows actiontrail", notRam, "actiontrail:StopLogging", TRAIL, NONE, ALLOW));
        l.add(c("NotAction ram:* excludes ram", notRam, "ram:CreateUser", "*", NONE, IMPLICIT_DENY));
        l.add(c("NotAction is case-insensitive too", notRam, "RAM:CreateUser", "*", NONE, IMPLICIT_DENY));
        String notSecret = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*',"
                + "'NotResource':['acs:actiontrail:*:*:trail/secret*']}]}";
        l.add(c("NotResource allows others", notSecret, "actiontrail:DeleteTrail", TRAIL, NONE, ALLOW));
        l.add(c("NotResource excludes listed", notSecret, "actiontrail:DeleteTrail",
                "acs:actiontrail:cn-hangzhou:" + ACCT + ":trail/secret-1", NONE, IMPLICIT_DENY));
        String denyNotDescribe = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','NotAction':'actiontrail:Describe*','Resource':'*'}]}";
        l.add(c("Deny NotAction: denies the rest", denyNotDescribe, "actiontrail:StopLogging", TRAIL, NONE,
                EXPLICIT_DENY));
        l.add(c("Deny NotAction: spares the listed", denyNotDescribe, "actiontrail:DescribeTrails", TRAIL, NONE,
                ALLOW));
        // --- explicit deny, default deny ----------------------------------------------------------------------
        String denyStop = "{'Version':'1','Statement':[{'Effect':'Deny','Action':'actiontrail:StopLogging',"
                + "'Resource':'*'}]}";
        String admin = SystemPolicies.find("AdministratorAccess").orElseThrow().policyDocument().replace('"', '\'');
        l.add(new Case("Deny StopLogging beats AdministratorAccess", List.of(admin, denyStop),
                "actiontrail:StopLogging", TRAIL, NONE, EXPLICIT_DENY));
        l.add(new Case("Deny before Allow in order does not matter", List.of(denyStop, admin),
                "actiontrail:StopLogging", TRAIL, NONE, EXPLICIT_DENY));
        l.add(new Case("Deny StopLogging leaves other actions allowed", List.of(admin, denyStop),
                "actiontrail:DescribeTrails", TRAIL, NONE, ALLOW));
        l.add(new Case("a Deny alone is still a deny", List.of(denyStop), "actiontrail:StopLogging", TRAIL, NONE,
                EXPLICIT_DENY));
        l.add(new Case("a Deny alone does not allow others", List.of(denyStop), "actiontrail:DescribeTrails",
                TRAIL, NONE, IMPLICIT_DENY));
        l.add(new Case("no policy: implicit deny", List.of(), "actiontrail:DescribeTrails", TRAIL, NONE,
                IMPLICIT_DENY));
        String denyOutside = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':"
                + "{'acs:SourceIp':'10.0.0.0/8'}}}]}";
        l.add(c("conditional Deny applies", denyOutside, "actiontrail:StopLogging", TRAIL,
                ctx("acs:SourceIp", "11.0.0.1"), EXPLICIT_DENY));
        l.add(c("conditional Deny does not apply", denyOutside, "actiontrail:StopLogging", TRAIL,
                ctx("acs:SourceIp", "10.0.0.1"), ALLOW));
        l.add(c("conditional Deny on a missing key does not apply", denyOutside, "actiontrail:StopLogging",
                TRAIL, NONE, ALLOW));

        // --- the 21 operators, each matching and not ---------------------------------------------------------
        l.add(k("StringEquals", "{'k':'Abc'}", ctx("k", "Abc"), ALLOW));
        l.add(k("StringEquals", "{'k':'Abc'}", ctx("k", "abc"), IMPLICIT_DENY));
        l.add(k("StringNotEquals", "{'k':['a','b']}", ctx("k", "c"), ALLOW));
        l.add(k("StringNotEquals", "{'k':['a','b']}", ctx("k", "b"), IMPLICIT_DENY));
        l.add(k("StringEqualsIgnoreCase", "{'k':'ABC'}", ctx("k", "abc"), ALLOW));
        l.add(k("StringEqualsIgnoreCase", "{'k':'ABC'}", ctx("k", "abd"), IMPLICIT_DENY));
        l.add(k("StringNotEqualsIgnoreCase", "{'k':'ABC'}", ctx("k", "xyz"), ALLOW));
        l.add(k("StringNotEqualsIgnoreCase", "{'k':'ABC'}", ctx("k", "abc"), IMPLICIT_DENY));
        l.add(k("StringLike", "{'acs:UserAgent':'aliyun-sdk-*/?.*'}", ctx("acs:UserAgent", "aliyun-sdk-java/4.7"),
                ALLOW));
        l.add(k("StringLike", "{'acs:UserAgent':'aliyun-sdk-*'}", ctx("acs:UserAgent", "Aliyun-SDK-java"),
                IMPLICIT_DENY));
        l.add(k("StringNotLike", "{'k':'ab*'}", ctx("k", "xy"), ALLOW));
        l.add(k("StringNotLike", "{'k':'ab*'}", ctx("k", "abc"), IMPLICIT_DENY));
        l.add(k("NumericEquals", "{'k':'10'}", ctx("k", "10.0"), ALLOW));
        l.add(k("NumericEquals", "{'k':10}", ctx("k", "11"), IMPLICIT_DENY));
        l.add(k("NumericEquals", "{'k':'10'}", ctx("k", "abc"), IMPLICIT_DENY));
        l.add(k("NumericNotEquals", "{'k':['1','2']}", ctx("k", "3"), ALLOW));
        l.add(k("NumericNotEquals", "{'k':['1','2']}", ctx("k", "2"), IMPLICIT_DENY));
        l.add(k("NumericNotEquals", "{'k':['1','2']}", ctx("k", "abc"), IMPLICIT_DENY));
        l.add(k("NumericLessThan", "{'k':'10'}", ctx("k", "9.5"), ALLOW));
        l.add(k("NumericLessThan", "{'k':'10'}", ctx("k", "10"), IMPLICIT_DENY));
        l.add(k("NumericLessThanEquals", "{'k':'10'}", ctx("k", "10"), ALLOW));
        l.add(k("NumericLessThanEquals", "{'k':'10'}", ctx("k", "10.01"), IMPLICIT_DENY));
        l.add(k("NumericGreaterThan", "{'k':'-1'}", ctx("k", "0"), ALLOW));
        l.add(k("NumericGreaterThan", "{'k':'10'}", ctx("k", "10"), IMPLICIT_DENY));
        l.add(k("NumericGreaterThanEquals", "{'k':'10'}", ctx("k", "10"), ALLOW));
        l.add(k("NumericGreaterThanEquals", "{'k':'10'}", ctx("k", "9"), IMPLICIT_DENY));
        l.add(k("DateEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}", ctx("acs:CurrentTime", T), ALLOW));
        l.add(k("DateEquals", "{'acs:CurrentTime':'2012-11-12T07:59:59+08:00'}", ctx("acs:CurrentTime", T),
                ALLOW));
        l.add(k("DateEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}",
                ctx("acs:CurrentTime", T.plusSeconds(1)), IMPLICIT_DENY));
        l.add(k("DateNotEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}",
                ctx("acs:CurrentTime", T.plusSeconds(1)), ALLOW));
        l.add(k("DateNotEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}", ctx("acs:CurrentTime", T),
                IMPLICIT_DENY));
        l.add(k("DateLessThan", "{'acs:CurrentTime':'2012-11-12T00:00:00Z'}", ctx("acs:CurrentTime", T), ALLOW));
        l.add(k("DateLessThan", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}", ctx("acs:CurrentTime", T),
                IMPLICIT_DENY));
        l.add(k("DateLessThan", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}",
                ctx("acs:CurrentTime", Instant.parse("2030-01-01T00:00:00Z")), IMPLICIT_DENY));
        l.add(k("DateLessThanEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}", ctx("acs:CurrentTime", T),
                ALLOW));
        l.add(k("DateLessThanEquals", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}",
                ctx("acs:CurrentTime", T.plusMillis(1)), IMPLICIT_DENY));
        l.add(k("DateGreaterThan", "{'acs:CurrentTime':'2012-11-11'}", ctx("acs:CurrentTime", T), ALLOW));
        l.add(k("DateGreaterThan", "{'acs:CurrentTime':'2012-11-11T23:59:59Z'}", ctx("acs:CurrentTime", T),
                IMPLICIT_DENY));
        l.add(k("DateGreaterThanEquals", "{'k':'2012-11-11T23:59:59Z'}", ctx("k", "2012-11-11T23:59:59Z"),
                ALLOW));
        l.add(k("DateGreaterThanEquals", "{'k':'2012-11-11T23:59:59Z'}", ctx("k", "2012-11-11T23:59:58Z"),
                IMPLICIT_DENY));
        l.add(k("DateGreaterThanEquals", "{'k':'2012-11-11T23:59:59Z'}", ctx("k", "yesterday"), IMPLICIT_DENY));
        l.add(k("Bool", "{'acs:SecureTransport':'true'}", ctx("acs:SecureTransport", true), ALLOW));
        l.add(k("Bool", "{'acs:SecureTransport':true}", ctx("acs:SecureTransport", false), IMPLICIT_DENY));
        l.add(k("Bool", "{'acs:MFAPresent':'false'}", ctx("acs:MFAPresent", "FALSE"), ALLOW));
        l.add(k("Bool", "{'acs:SecureTransport':'true'}", ctx("acs:SecureTransport", "yes"), IMPLICIT_DENY));
        l.add(k("IpAddress", "{'acs:SourceIp':'42.120.66.0/24'}", ctx("acs:SourceIp", "42.120.66.7"), ALLOW));
        l.add(k("IpAddress", "{'acs:SourceIp':'42.120.66.0/24'}", ctx("acs:SourceIp", "42.120.67.7"),
                IMPLICIT_DENY));
        l.add(k("IpAddress", "{'acs:SourceIp':'10.1.2.3'}", ctx("acs:SourceIp", "10.1.2.3"), ALLOW));
        l.add(k("IpAddress", "{'acs:SourceIp':'10.1.2.3'}", ctx("acs:SourceIp", "10.1.2.4"), IMPLICIT_DENY));
        l.add(k("IpAddress", "{'acs:SourceIp':['10.0.0.0/8','2001:db8::/32']}", ctx("acs:SourceIp", "2001:db8:1::5"),
                ALLOW));
        l.add(k("IpAddress", "{'acs:SourceIp':['10.0.0.0/8','2001:db8::/32']}", ctx("acs:SourceIp", "2001:db9::1"),
                IMPLICIT_DENY));
        l.add(k("IpAddress", "{'acs:SourceIp':'2001:db8::1'}", ctx("acs:SourceIp", "2001:DB8:0:0:0:0:0:1"), ALLOW));
        l.add(k("IpAddress", "{'acs:SourceIp':'10.0.0.0/8'}", ctx("acs:SourceIp", "::ffff:10.9.9.9"), ALLOW));
        l.add(k("IpAddress", "{'acs:SourceIp':'10.0.0.0/8'}", ctx("acs:SourceIp", "not-an-ip"), IMPLICIT_DENY));
        l.add(k("IpAddress", "{'acs:SourceIp':'42.120.1.5/24'}", ctx("acs:SourceIp", "42.120.1.200"), ALLOW));
        l.add(k("NotIpAddress", "{'acs:SourceIp':['10.0.0.0/8','fd00::/8']}", ctx("acs:SourceIp", "11.0.0.1"),
                ALLOW));
        l.add(k("NotIpAddress", "{'acs:SourceIp':['10.0.0.0/8','fd00::/8']}", ctx("acs:SourceIp", "fd12::1"),
                IMPLICIT_DENY));
        l.add(k("NotIpAddress", "{'acs:SourceIp':'10.0.0.0/8'}", ctx("acs:SourceIp", "10.0.0.1"), IMPLICIT_DENY));
        l.add(k("NotIpAddress", "{'acs:SourceIp':'10.0.0.0/8'}", ctx("acs:SourceIp", "garbage"), IMPLICIT_DENY));
        // --- missing keys, also for the negated operators ---------------------------------------------------
        for (String[] op : new String[][]{{"StringEquals", "'a'"}, {"StringNotEquals", "'a'"},
                {"StringNotEqualsIgnoreCase", "'a'"}, {"StringNotLike", "'a*'"}, {"NumericNotEquals", "'1'"},
                {"DateNotEquals", "'2012-11-11T23:59:59Z'"}, {"Bool", "'false'"}, {"NotIpAddress", "'10.0.0.0/8'"}}) {
            l.add(k(op[0], "{'absent:Key':" + op[1] + "}", ctx("other:Key", "zzz"), IMPLICIT_DENY));
        }
        // --- combination rules -------------------------------------------------------------------------------
        l.add(k("StringEquals", "{'k':['a','b','c']}", ctx("k", "b"), ALLOW)); // values OR
        l.add(k("StringEquals", "{'k':['a','b','c']}", ctx("k", "d"), IMPLICIT_DENY));
        l.add(k("StringEquals", "{'k':'a','m':'b'}", ctx("k", "a", "m", "b"), ALLOW)); // keys AND
        l.add(k("StringEquals", "{'k':'a','m':'b'}", ctx("k", "a", "m", "c"), IMPLICIT_DENY));
        l.add(k("StringEquals", "{'k':'a','m':'b'}", ctx("k", "a"), IMPLICIT_DENY));
        String twoOps = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{"
                + "'StringEquals':{'acs:UserAgent':'cli'},'Bool':{'acs:SecureTransport':'true'},"
                + "'IpAddress':{'acs:SourceIp':'192.168.0.0/16'}}}]}";
        l.add(c("operators AND: all hold", twoOps, "x:Y", "*",
                ctx("acs:UserAgent", "cli", "acs:SecureTransport", true, "acs:SourceIp", "192.168.1.1"), ALLOW));
        l.add(c("operators AND: one fails", twoOps, "x:Y", "*",
                ctx("acs:UserAgent", "cli", "acs:SecureTransport", false, "acs:SourceIp", "192.168.1.1"),
                IMPLICIT_DENY));
        l.add(c("operators AND: one key missing", twoOps, "x:Y", "*",
                ctx("acs:UserAgent", "cli", "acs:SecureTransport", true), IMPLICIT_DENY));
        l.add(k("IpAddress", "{'ACS:SOURCEIP':'10.0.0.0/8'}", ctx("acs:sourceip", "10.1.1.1"), ALLOW)); // key case
        l.add(k("StringEquals", "{'acs:Service':'actiontrail.aliyuncs.com'}",
                ctx("ACS:SERVICE", "actiontrail.aliyuncs.com"), ALLOW));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Case c) {
        List<ApplicablePolicy> policies = new ArrayList<>();
        for (int i = 0; i < c.policies().size(); i++) {
            policies.add(new ApplicablePolicy("P" + (i + 1), PolicyType.Custom, "RamUser", doc(c.policies().get(i))));
        }
        Decision d = PolicyEvaluator.evaluate(policies, null, c.action(), c.resource(), c.context());
        assertEquals(c.expected(), d.outcome(), d.toString());
        assertEquals(NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, d.policyType());
        assertEquals(c.expected() == IMPLICIT_DENY, d.matched().isEmpty(), d.toString());
    }

    /** The table really exercises each of the 21 operators both ways (so a broken one cannot hide). */
    @Test
    void everyOperatorIsCoveredMatchingAndNot() {
        Map<ConditionOperator, Set<Boolean>> seen = new EnumMap<>(ConditionOperator.class);
        for (Case c : cases()) {
            Set<ConditionOperator> ops = EnumSet.noneOf(ConditionOperator.class);
            for (String p : c.policies()) {
                doc(p).statements().forEach(s -> s.conditions().forEach(cd -> ops.add(cd.operator())));
            }
            if (ops.size() == 1) {
                seen.computeIfAbsent(ops.iterator().next(), x -> new java.util.HashSet<>())
                        .add(c.expected() == ALLOW);
            }
        }
        assertEquals(21, ConditionOperator.values().length);
        for (ConditionOperator op : ConditionOperator.values()) {
            assertEquals(Set.of(true, false), seen.get(op), op.name());
        }
    }

    // --- session policies (§1.4 step 2) -------------------------------------------------------------------------

    record SessionCase(String name, String session, List<String> identity, String action, Outcome expected,
                       NoPermissionPolicyType type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<SessionCase> sessionCases() {
        String admin = allow("'*'", "'*'");
        String readOnly = allow("'actiontrail:Describe*'", "'*'");
        String denyStop = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'actiontrail:StopLogging','Resource':'*'}]}";
        var acc = NoPermissionPolicyType.AccountLevelIdentityBasedPolicy;
        var ses = NoPermissionPolicyType.SessionPolicy;
        return List.of(
                new SessionCase("session narrows: allowed by both", readOnly, List.of(admin),
                        "actiontrail:DescribeTrails", ALLOW, acc),
                new SessionCase("session narrows: not in session", readOnly, List.of(admin),
                        "actiontrail:StopLogging", IMPLICIT_DENY, ses),
                new SessionCase("session explicit deny", denyStop, List.of(admin), "actiontrail:StopLogging",
                        EXPLICIT_DENY, ses),
                new SessionCase("session cannot widen", admin, List.of(readOnly), "actiontrail:StopLogging",
                        IMPLICIT_DENY, acc),
                new SessionCase("identity deny after session allow", admin, List.of(denyStop),
                        "actiontrail:StopLogging", EXPLICIT_DENY, acc),
                new SessionCase("session with no identity policy", admin, List.of(), "actiontrail:DescribeTrails",
                        IMPLICIT_DENY, acc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionCases")
    void sessionPolicyIsEvaluatedFirst(SessionCase c) {
        List<ApplicablePolicy> policies = c.identity().stream()
                .map(p -> new ApplicablePolicy("P", PolicyType.Custom, "RamRole", doc(p))).toList();
        Decision d = PolicyEvaluator.evaluate(policies, doc(c.session()), c.action(), "*", RequestContext.EMPTY);
        assertEquals(c.expected(), d.outcome(), d.toString());
        assertEquals(c.type(), d.policyType(), d.toString());
    }

    @Test
    void theDecisionNamesTheDecidingStatement() {
        String policy = "{'Version':'1','Statement':[{'Effect':'Allow','Action':'actiontrail:Describe*',"
                + "'Resource':'*'},{'Effect':'Deny','Action':'actiontrail:StopLogging','Resource':'*'}]}";
        List<ApplicablePolicy> ps = List.of(
                new ApplicablePolicy("AliyunActionTrailReadOnlyAccess", PolicyType.System, "RamGroup",
                        SystemPolicies.find("AliyunActionTrailReadOnlyAccess").orElseThrow().document()),
                new ApplicablePolicy("mine", PolicyType.Custom, "RamUser", doc(policy)));
        Decision deny = PolicyEvaluator.evaluate(ps, null, "actiontrail:StopLogging", TRAIL, RequestContext.EMPTY);
        assertEquals(new Decision.MatchedStatement("mine", "Custom", "RamUser", 2, Effect.Deny),
                deny.matched().orElseThrow());
        assertEquals("ExplicitDeny", deny.outcome().noPermissionType());
        assertEquals(TRAIL, deny.resource());
        assertEquals("actiontrail:StopLogging", deny.action());

        Decision allow = PolicyEvaluator.evaluate(ps, null, "actiontrail:DescribeTrails", TRAIL,
                RequestContext.EMPTY);
        assertTrue(allow.allowed());
        assertEquals(new Decision.MatchedStatement("AliyunActionTrailReadOnlyAccess", "System", "RamGroup", 1,
                Effect.Allow), allow.matched().orElseThrow());

        Decision none = PolicyEvaluator.evaluate(ps, null, "ram:CreateUser", "*", RequestContext.EMPTY);
        assertEquals("ImplicitDeny", none.outcome().noPermissionType());
        assertFalse(none.matched().isPresent());

        Decision session = PolicyEvaluator.evaluate(ps, doc(allow("'ram:*'", "'*'")), "actiontrail:DescribeTrails",
                TRAIL, RequestContext.EMPTY);
        assertEquals(NoPermissionPolicyType.SessionPolicy, session.policyType());
        assertEquals(IMPLICIT_DENY, session.outcome());
    }
}
