package dev.actiontrail.bench;

import dev.actiontrail.core.access.ApplicablePolicy;
import dev.actiontrail.core.access.Decision;
import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.access.PolicyDocument;
import dev.actiontrail.core.access.PolicyEvaluator;
import dev.actiontrail.core.access.RequestContext;
import dev.actiontrail.core.identity.PolicyType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** P3's RAM user policies are valid, allow the benchmark's calls only in the last statement, and deny nothing of them. */
class RamUserSetupTest {
    static final String ACCOUNT = "1234567890123456";

    private static List<ApplicablePolicy> attached() {
        List<ApplicablePolicy> policies = new ArrayList<>();
        for (Map.Entry<String, String> p : RamUserSetup.policies(ACCOUNT).entrySet()) {
            PolicyDocument doc = PolicyDocument.identityPolicy(JsonTree.parse(p.getValue()));
            assertEquals(RamUserSetup.STATEMENTS, doc.statements().size(), p.getKey());
            policies.add(new ApplicablePolicy(p.getKey(), PolicyType.Custom, "RamUser", doc));
        }
        assertEquals(RamUserSetup.POLICIES, policies.size());
        return policies;
    }

    private static RequestContext from(String ip) {
        return RequestContext.builder().sourceIp(ip).currentTime(Instant.now()).secureTransport(false)
                .mfaPresent(false).userAgent("Vert.x-WebClient").build();
    }

    @Test
    void theBenchmarksCallsAreAllowedByTheLastStatementOnly() {
        List<ApplicablePolicy> policies = attached();
        for (String[] call : new String[][] {{"actiontrail:LookupEvents", "*"},
                {"actiontrail:DescribeTrails", "acs:actiontrail:cn-hangzhou:" + ACCOUNT + ":trail/*"}}) {
            Decision d = PolicyEvaluator.evaluate(policies, null, call[0], call[1], from("127.0.0.1"));
            assertEquals(Decision.Outcome.ALLOW, d.outcome(), d.toString());
            assertEquals(RamUserSetup.policyName(RamUserSetup.POLICIES), d.matched().orElseThrow().policyName());
            assertEquals(RamUserSetup.STATEMENTS, d.matched().orElseThrow().statement());
            // without the last policy nothing allows them
            Decision without = PolicyEvaluator.evaluate(policies.subList(0, policies.size() - 1), null, call[0],
                    call[1], from("127.0.0.1"));
            assertEquals(Decision.Outcome.IMPLICIT_DENY, without.outcome(), without.toString());
            // the Deny statements are live: from elsewhere the same call is explicitly denied
            Decision outside = PolicyEvaluator.evaluate(policies, null, call[0], call[1], from("203.0.113.7"));
            assertEquals(Decision.Outcome.EXPLICIT_DENY, outside.outcome(), outside.toString());
        }
        Decision stop = PolicyEvaluator.evaluate(policies, null, "actiontrail:StopLogging",
                "acs:actiontrail:cn-hangzhou:" + ACCOUNT + ":trail/bench-trail", from("127.0.0.1"));
        assertEquals(Decision.Outcome.EXPLICIT_DENY, stop.outcome(), stop.toString());
    }
}
