package dev.actiontrail.core.access;

import dev.actiontrail.core.identity.PolicyType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemPoliciesTest {

    /** access-control reference §1.5, verbatim. */
    static final String FULL = """
            {
              "Version": "1",
              "Statement": [
                { "Action": "actiontrail:*", "Resource": "*", "Effect": "Allow" },
                { "Action": "ram:PassRole", "Resource": "*", "Effect": "Allow",
                  "Condition": { "StringEquals": { "acs:Service": "actiontrail.aliyuncs.com" } } },
                { "Action": "ram:CreateServiceLinkedRole", "Resource": "*", "Effect": "Allow",
                  "Condition": { "StringEquals": { "ram:ServiceName": "actiontrail.aliyuncs.com" } } }
              ]
            }""";
    static final String READ_ONLY = """
            {
              "Version": "1",
              "Statement": [
                { "Action": [ "actiontrail:Lookup*", "actiontrail:Describe*", "actiontrail:Get*",
                              "actiontrail:Check*", "actiontrail:List*" ],
                  "Resource": "*", "Effect": "Allow" }
              ]
            }""";

    static SystemPolicy get(String name) {
        return SystemPolicies.find(name).orElseThrow();
    }

    static boolean allows(String policy, String action, RequestContext ctx) {
        return PolicyEvaluator.evaluate(List.of(new ApplicablePolicy(policy, PolicyType.System, "RamUser",
                get(policy).document())), null, action, "*", ctx).allowed();
    }

    @Test
    void theCatalogue() {
        assertEquals(List.of("AdministratorAccess", "ReadOnlyAccess", "AliyunActionTrailFullAccess",
                        "AliyunActionTrailReadOnlyAccess", "AliyunRAMFullAccess", "AliyunRAMReadOnlyAccess",
                        "AliyunSTSAssumeRoleAccess"),
                SystemPolicies.all().stream().map(SystemPolicy::policyName).toList());
        assertFalse(SystemPolicies.find("administratoraccess").isPresent(), "names compare exactly");
        assertFalse(SystemPolicies.find("Nope").isPresent());
        assertFalse(SystemPolicies.find(null).isPresent());
        assertThrows(UnsupportedOperationException.class, () -> SystemPolicies.all().clear());
        for (SystemPolicy p : SystemPolicies.all()) {
            assertEquals(PolicyType.System, p.policyType());
            assertEquals(PolicyDocument.identityPolicy(JsonTree.parse(p.policyDocument())), p.document());
            assertFalse(p.description().isBlank());
            assertFalse(p.updateDate().isBefore(p.createDate()), p.policyName());
        }
    }

    @Test
    void theActionTrailPoliciesAreTheReferenceDocuments() {
        SystemPolicy full = get("AliyunActionTrailFullAccess");
        assertEquals(FULL, full.policyDocument());
        assertEquals("v2", full.defaultVersion());
        assertEquals(Instant.parse("2016-01-25T00:00:00Z"), full.createDate());
        assertEquals(Instant.parse("2020-08-05T00:00:00Z"), full.updateDate());
        SystemPolicy ro = get("AliyunActionTrailReadOnlyAccess");
        assertEquals(READ_ONLY, ro.policyDocument());
        assertEquals("v4", ro.defaultVersion());
        assertEquals(Instant.parse("2016-01-25T00:00:00Z"), ro.createDate());
        assertEquals(Instant.parse("2022-06-27T00:00:00Z"), ro.updateDate());
        assertEquals("Provides full access to all Alibaba Cloud services and resources.",
                get("AdministratorAccess").description());
        assertEquals("{\"Version\":\"1\",\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}",
                get("AdministratorAccess").policyDocument().replaceAll("\\s", ""));
    }

    @Test
    void whatEachPolicyAllows() {
        RequestContext none = RequestContext.EMPTY;
        assertTrue(allows("AdministratorAccess", "anything:AtAll", none));
        assertTrue(allows("ReadOnlyAccess", "actiontrail:LookupEvents", none));
        assertTrue(allows("ReadOnlyAccess", "ecs:DescribeInstances", none));
        assertTrue(allows("ReadOnlyAccess", "ram:ListUsers", none));
        assertFalse(allows("ReadOnlyAccess", "actiontrail:StopLogging", none));
        assertFalse(allows("ReadOnlyAccess", "ram:CreateUser", none));
        assertTrue(allows("AliyunActionTrailFullAccess", "actiontrail:StopLogging", none));
        assertFalse(allows("AliyunActionTrailFullAccess", "ram:PassRole", none));
        assertTrue(allows("AliyunActionTrailFullAccess", "ram:PassRole",
                RequestContext.builder().put("acs:Service", "actiontrail.aliyuncs.com").build()));
        assertFalse(allows("AliyunActionTrailFullAccess", "ram:PassRole",
                RequestContext.builder().put("acs:Service", "ecs.aliyuncs.com").build()));
        assertTrue(allows("AliyunActionTrailFullAccess", "ram:CreateServiceLinkedRole",
                RequestContext.builder().put("ram:ServiceName", "actiontrail.aliyuncs.com").build()));
        assertTrue(allows("AliyunActionTrailReadOnlyAccess", "actiontrail:LookupEvents", none));
        assertTrue(allows("AliyunActionTrailReadOnlyAccess", "actiontrail:ListDataEventSelectors", none));
        assertFalse(allows("AliyunActionTrailReadOnlyAccess", "actiontrail:CreateTrail", none));
        assertTrue(allows("AliyunRAMFullAccess", "ram:CreateUser", none));
        assertFalse(allows("AliyunRAMFullAccess", "sts:AssumeRole", none));
        assertTrue(allows("AliyunRAMReadOnlyAccess", "ram:GetUser", none));
        assertFalse(allows("AliyunRAMReadOnlyAccess", "ram:DeleteUser", none));
        assertTrue(allows("AliyunSTSAssumeRoleAccess", "sts:AssumeRole", none));
        assertFalse(allows("AliyunSTSAssumeRoleAccess", "sts:GetCallerIdentity", none));
    }
}
