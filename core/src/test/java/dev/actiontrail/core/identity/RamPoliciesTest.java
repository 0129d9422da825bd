package dev.actiontrail.core.identity;

import dev.actiontrail.core.access.SystemPolicies;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamPoliciesTest extends RamTestSupport {
    static final String DENY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}";

    @Test
    void createMakesACustomPolicyWithV1AsDefault() {
        RamPolicy p = ram.policies().create(ROOT, "Read-Only-2", POLICY, "reads");
        assertEquals(new RamPolicy(PolicyType.Custom, "Read-Only-2", "reads", "v1", NOW, NOW), p);
        RamPolicies.PolicyDetails details = ram.policies().get(ROOT, "Custom", "Read-Only-2");
        assertEquals(p, details.policy());
        assertEquals(0, details.attachmentCount());
        assertEquals(new PolicyVersion("v1", true, POLICY, NOW), details.defaultVersion());
        assertEquals("", ram.policies().create(ROOT, "no-description", POLICY, null).description());
        assertRejected("EntityNotExist.Policy", 404, () -> ram.policies().get(OTHER_ROOT, "Custom", "Read-Only-2"));
    }

    @Test
    void aBadDocumentIsMalformedWithTheParsersMessage() {
        ApiException json = assertRejected("MalformedPolicyDocument", 400,
                () -> ram.policies().create(ROOT, "p", "{\"Version\":\"1\",", null));
        assertTrue(json.getMessage().startsWith("Invalid JSON at position"), json.getMessage());
        ApiException grammar = assertRejected("MalformedPolicyDocument", 400, () -> ram.policies().create(ROOT, "p",
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}", null));
        assertEquals("Missing \"Resource\" or \"NotResource\" in Statement 1", grammar.getMessage());
        ApiException length = assertRejected("InvalidParameter.PolicyDocument.Length", 400,
                () -> ram.policies().create(ROOT, "p", POLICY + " ".repeat(6145 - POLICY.length()), null));
        assertEquals("The parameter - \"PolicyDocument\" beyond the length limit.", length.getMessage());
        ram.policies().create(ROOT, "p", POLICY + " ".repeat(6144 - POLICY.length()), null); // exactly the limit
        assertRejected("MissingPolicyDocument", 400, () -> ram.policies().create(ROOT, "q", "", null));
    }

    @Test
    void nameAndDescriptionRulesAndConflicts() {
        assertRejected("MissingPolicyName", 400, () -> ram.policies().create(ROOT, null, POLICY, null));
        assertRejected("InvalidParameter.PolicyName.InvalidChars", 400,
                () -> ram.policies().create(ROOT, "read_only", POLICY, null));
        assertRejected("InvalidParameter.PolicyName.Length", 400,
                () -> ram.policies().create(ROOT, "p".repeat(129), POLICY, null));
        assertRejected("InvalidParameter.Description.Length", 400,
                () -> ram.policies().create(ROOT, "p", POLICY, "d".repeat(1025)));
        ram.policies().create(ROOT, "p", POLICY, null);
        ApiException taken = assertRejected("EntityAlreadyExists.Policy", 409,
                () -> ram.policies().create(ROOT, "p", POLICY, null));
        assertEquals("The policy does already EXIST.", taken.getMessage());
        assertRejected("EntityAlreadyExists.Policy", 409,
                () -> ram.policies().create(ROOT, "AdministratorAccess", POLICY, null));
        RamServices limited = services(new RamLimits(9, 9, 9, 1, 9, 9, 9, 9, 9));
        assertRejected("LimitExceeded.Policy", 409, () -> limited.policies().create(ROOT, "q", POLICY, null));
    }

    @Test
    void systemPoliciesAreReadButNeverChanged() {
        RamPolicies.PolicyDetails full = ram.policies().get(ROOT, "System", "AliyunActionTrailFullAccess");
        assertEquals(PolicyType.System, full.policy().policyType());
        assertEquals("v2", full.policy().defaultVersion());
        assertEquals(Instant.parse("2020-08-05T00:00:00Z"), full.policy().updateDate());
        assertEquals(SystemPolicies.find("AliyunActionTrailFullAccess").orElseThrow().policyDocument(),
                full.defaultVersion().policyDocument());
        assertEquals(List.of("v2"), ram.policies().listVersions(ROOT, "System", "AliyunActionTrailFullAccess")
                .stream().map(PolicyVersion::versionId).toList());
        assertEquals("v2", ram.policies().getVersion(ROOT, "System", "AliyunActionTrailFullAccess", "v2").versionId());
        assertRejected("EntityNotExist.Policy.Version", 404,
                () -> ram.policies().getVersion(ROOT, "System", "AliyunActionTrailFullAccess", "v1"));
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.policies().get(ROOT, "Custom", "AliyunActionTrailFullAccess"));
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.policies().createVersion(ROOT, "AdministratorAccess", POLICY, "true", null));
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.policies().setDefaultVersion(ROOT, "AdministratorAccess", "v1"));
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.policies().deleteVersion(ROOT, "AdministratorAccess", "v1"));
        assertRejected("EntityNotExist.Policy", 404, () -> ram.policies().delete(ROOT, "AdministratorAccess", null));
        ApiException type = assertRejected("InvalidParameter.PolicyType", 400,
                () -> ram.policies().get(ROOT, "system", "AdministratorAccess"));
        assertEquals("The parameter - \"PolicyType\" is incorrect.", type.getMessage());
        assertRejected("MissingPolicyType", 400, () -> ram.policies().get(ROOT, null, "AdministratorAccess"));
    }

    @Test
    void listShowsSystemAndCustomPoliciesWithTheirAttachmentCounts() {
        ram.policies().create(ROOT, "mine", POLICY, null);
        ram.policies().create(OTHER_ROOT, "theirs", POLICY, null);
        userCaller("alice");
        ram.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "mine");
        ram.attachments().attach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");

        List<RamPolicies.ListedPolicy> all = ram.policies().list(ROOT, null, null, null).items();
        assertEquals(SystemPolicies.all().size() + 1, all.size());
        assertEquals("mine", all.get(0).policy().policyName(), "custom first, then system");
        assertEquals(1, all.get(0).attachmentCount());
        assertEquals(1, all.stream().filter(l -> l.policy().policyName().equals("ReadOnlyAccess")).findFirst()
                .orElseThrow().attachmentCount());
        assertEquals(List.of("mine"), ram.policies().list(ROOT, "Custom", null, null).items().stream()
                .map(l -> l.policy().policyName()).toList());
        assertTrue(ram.policies().list(ROOT, "System", null, null).items().stream()
                .allMatch(l -> l.policy().policyType() == PolicyType.System));

        RamPage<RamPolicies.ListedPolicy> first = ram.policies().list(ROOT, null, null, "3");
        RamPage<RamPolicies.ListedPolicy> rest = ram.policies().list(ROOT, null, first.marker(), "1000");
        assertTrue(first.isTruncated());
        assertEquals(all.size(), first.items().size() + rest.items().size());
        assertFalse(rest.isTruncated());
        assertRejected("InvalidParameter.PolicyType", 400, () -> ram.policies().list(ROOT, "All", null, null));
    }

    @Test
    void versionsAreNumberedRotatedAndLimited() {
        ram.policies().create(ROOT, "p", POLICY, "d");
        clock.advance(Duration.ofSeconds(1));
        PolicyVersion v2 = ram.policies().createVersion(ROOT, "p", DENY, "true", null);
        assertEquals(new PolicyVersion("v2", true, DENY, NOW.plusSeconds(1)), v2);
        RamPolicy p = ram.policies().get(ROOT, "Custom", "p").policy();
        assertEquals("v2", p.defaultVersion());
        assertEquals(NOW.plusSeconds(1), p.updateDate());
        assertEquals("d", p.description());
        assertFalse(ram.policies().createVersion(ROOT, "p", POLICY, null, null).isDefaultVersion());
        ram.policies().createVersion(ROOT, "p", POLICY, "false", "None");
        ram.policies().createVersion(ROOT, "p", POLICY, null, null);
        assertEquals(List.of("v1", "v2", "v3", "v4", "v5"), versionIds());

        ApiException limit = assertRejected("LimitExceeded.Policy.Version", 409,
                () -> ram.policies().createVersion(ROOT, "p", POLICY, null, null));
        assertEquals("The count of policy version beyond the current limits.", limit.getMessage());
        assertRejected("InvalidParameter.RotateStrategy", 400, () -> ram.policies().createVersion(ROOT, "p", POLICY,
                null, "DeleteOldest"));
        assertRejected("InvalidParameter.SetAsDefault", 400,
                () -> ram.policies().createVersion(ROOT, "p", POLICY, "yes", null));
        assertRejected("MalformedPolicyDocument", 400, () -> ram.policies().createVersion(ROOT, "p", "[]", null, null));

        PolicyVersion v6 = ram.policies().createVersion(ROOT, "p", DENY, null,
                "DeleteOldestNonDefaultVersionWhenLimitExceeded");
        assertEquals("v6", v6.versionId());
        assertEquals(List.of("v2", "v3", "v4", "v5", "v6"), versionIds(), "v1 (oldest non-default) went");
        ram.policies().setDefaultVersion(ROOT, "p", "v6");
        ram.policies().createVersion(ROOT, "p", DENY, null, "DeleteOldestNonDefaultVersionWhenLimitExceeded");
        assertEquals(List.of("v3", "v4", "v5", "v6", "v7"), versionIds());
        assertEquals("v6", ram.policies().get(ROOT, "Custom", "p").defaultVersion().versionId());
    }

    @Test
    void setDefaultAndDeleteVersion() {
        ram.policies().create(ROOT, "p", POLICY, null);
        ram.policies().createVersion(ROOT, "p", DENY, null, null);
        ram.policies().setDefaultVersion(ROOT, "p", "v2");
        assertEquals(DENY, ram.policies().get(ROOT, "Custom", "p").defaultVersion().policyDocument());
        ApiException deflt = assertRejected("DeleteConflict.Policy.Version.Default", 409,
                () -> ram.policies().deleteVersion(ROOT, "p", "v2"));
        assertEquals("The default policy version CAN NOT been deleted directly.", deflt.getMessage());
        assertRejected("EntityNotExist.Policy.Version", 404, () -> ram.policies().setDefaultVersion(ROOT, "p", "v3"));
        ApiException format = assertRejected("InvalidParameter.VersionId.Format", 400,
                () -> ram.policies().setDefaultVersion(ROOT, "p", "2"));
        assertEquals("The format of the parameter - \"VersionId\" is incorrect.", format.getMessage());
        assertRejected("InvalidParameter.VersionId.Format", 400, () -> ram.policies().deleteVersion(ROOT, "p", "v0"));
        assertRejected("MissingVersionId", 400, () -> ram.policies().getVersion(ROOT, "Custom", "p", null));
        ram.policies().deleteVersion(ROOT, "p", "v1");
        assertEquals(List.of("v2"), versionIds());
        assertEquals(new PolicyVersion("v2", true, DENY, NOW), ram.policies().getVersion(ROOT, "Custom", "p", "v2"));
        PolicyVersion v3 = ram.policies().createVersion(ROOT, "p", POLICY, null, null);
        assertEquals("v3", v3.versionId());
    }

    @Test
    void deleteRefusesAnAttachedPolicyOrOneWithOtherVersionsUnlessCascading() {
        ram.policies().create(ROOT, "p", POLICY, null);
        ram.policies().createVersion(ROOT, "p", DENY, null, null);
        userCaller("alice");
        ram.groups().create(ROOT, "dev", null);
        ram.roles().create(ROOT, "Admin", TRUST, null, null);
        ram.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "p");
        ram.attachments().attach(ROOT, EntityType.Group, "dev", "Custom", "p");
        ram.attachments().attach(ROOT, EntityType.Role, "Admin", "Custom", "p");

        ApiException user = assertRejected("DeleteConflict.Policy.User", 409,
                () -> ram.policies().delete(ROOT, "p", "true"));
        assertEquals("The policy CAN NOT been attached to any user while deleting the policy.", user.getMessage());
        ram.attachments().detach(ROOT, EntityType.User, "alice", "Custom", "p");
        assertRejected("DeleteConflict.Policy.Group", 409, () -> ram.policies().delete(ROOT, "p", "true"));
        ram.attachments().detach(ROOT, EntityType.Group, "dev", "Custom", "p");
        assertRejected("DeleteConflict.Policy.Role", 409, () -> ram.policies().delete(ROOT, "p", "true"));
        ram.attachments().detach(ROOT, EntityType.Role, "Admin", "Custom", "p");
        assertRejected("DeleteConflict.Policy.Version", 409, () -> ram.policies().delete(ROOT, "p", null));
        assertRejected("InvalidParameter.CascadingDelete", 400, () -> ram.policies().delete(ROOT, "p", "maybe"));

        ram.policies().delete(ROOT, "p", "true");
        assertRejected("EntityNotExist.Policy", 404, () -> ram.policies().get(ROOT, "Custom", "p"));
        assertEquals(List.of(), store.policyVersions(ACCOUNT, "p"));

        ram.policies().create(ROOT, "q", POLICY, null);
        ram.policies().delete(ROOT, "q", null); // only its default version: no cascade needed
        assertEquals(List.of(), store.customPolicies(ACCOUNT));
    }

    private List<String> versionIds() {
        return ram.policies().listVersions(ROOT, "Custom", "p").stream().map(PolicyVersion::versionId).toList();
    }
}
