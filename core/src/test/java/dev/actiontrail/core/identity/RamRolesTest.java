package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamRolesTest extends RamTestSupport {

    @Test
    void createGetListUpdate() {
        RamRole role = ram.roles().create(ROOT, "ECS.Admin-1", TRUST, "admins", null);
        assertTrue(role.roleId().matches("[1-9][0-9]{18}"), role.roleId());
        assertEquals(3600, role.maxSessionDuration());
        assertEquals(TRUST, role.assumeRolePolicyDocument());
        assertEquals("acs:ram::1234567890123456:role/ecs.admin-1", role.arn());
        assertEquals(NOW, role.createDate());
        assertEquals(role, ram.roles().get(ROOT, "ecs.admin-1"));
        assertEquals(43200, ram.roles().create(ROOT, "long", TRUST, null, "43200").maxSessionDuration());
        assertEquals(List.of("ECS.Admin-1", "long"),
                ram.roles().list(ROOT, null, null).items().stream().map(RamRole::roleName).toList());

        clock.advance(Duration.ofSeconds(2));
        String trust2 = TRUST.replace("1234567890123456", "6543210987654321");
        RamRole updated = ram.roles().update(ROOT, "ECS.ADMIN-1", trust2, "7200", null);
        assertEquals("ECS.Admin-1", updated.roleName());
        assertEquals(trust2, updated.assumeRolePolicyDocument());
        assertEquals(7200, updated.maxSessionDuration());
        assertEquals("admins", updated.description());
        assertEquals(NOW.plusSeconds(2), updated.updateDate());
        assertEquals("new", ram.roles().update(ROOT, "ECS.Admin-1", null, null, "new").description());
    }

    @Test
    void badTrustPoliciesAndParameters() {
        ApiException principal = assertRejected("MalformedPolicyDocument", 400,
                () -> ram.roles().create(ROOT, "r", POLICY, null, null));
        assertEquals("Missing \"Principal\" in Statement 1", principal.getMessage());
        assertRejected("MalformedPolicyDocument", 400, () -> ram.roles().create(ROOT, "r", "{", null, null));
        assertRejected("MissingAssumeRolePolicyDocument", 400, () -> ram.roles().create(ROOT, "r", null, null, null));
        assertRejected("InvalidParameter.AssumeRolePolicyDocument.Length", 400,
                () -> ram.roles().create(ROOT, "r", TRUST + " ".repeat(6145), null, null));
        for (String bad : List.of("3599", "43201", "1h")) {
            ApiException e = assertRejected("InvalidParameter.MaxSessionDuration", 400,
                    () -> ram.roles().create(ROOT, "r", TRUST, null, bad));
            assertEquals("The parameter - \"MaxSessionDuration\" is incorrect.", e.getMessage());
        }
        assertRejected("InvalidParameter.RoleName.InvalidChars", 400,
                () -> ram.roles().create(ROOT, "ecs_admin", TRUST, null, null));
        assertRejected("InvalidParameter.RoleName.Length", 400,
                () -> ram.roles().create(ROOT, "r".repeat(65), TRUST, null, null));
        assertRejected("InvalidParameter.Description.Length", 400,
                () -> ram.roles().create(ROOT, "r", TRUST, "d".repeat(1025), null));

        ram.roles().create(ROOT, "Admin", TRUST, null, null);
        ApiException taken = assertRejected("EntityAlreadyExists.Role", 409,
                () -> ram.roles().create(ROOT, "ADMIN", TRUST, null, null));
        assertEquals("The role does already EXIST.", taken.getMessage());
        assertRejected("MalformedPolicyDocument", 400, () -> ram.roles().update(ROOT, "Admin", POLICY, null, null));
        assertRejected("InvalidParameter.NewMaxSessionDuration", 400,
                () -> ram.roles().update(ROOT, "Admin", null, "100", null));
        assertRejected("InvalidParameter.NewDescription.Length", 400,
                () -> ram.roles().update(ROOT, "Admin", null, null, "d".repeat(1025)));
        ApiException absent = assertRejected("EntityNotExist.Role", 404, () -> ram.roles().get(OTHER_ROOT, "Admin"));
        assertEquals("The role does not exist.", absent.getMessage());
        RamServices limited = services(new RamLimits(9, 9, 1, 9, 9, 9, 9, 9, 9));
        assertRejected("LimitExceeded.Role", 409, () -> limited.roles().create(ROOT, "other", TRUST, null, null));
    }

    @Test
    void deleteRefusesARoleWithPolicies() {
        ram.roles().create(ROOT, "Admin", TRUST, null, null);
        ram.attachments().attach(ROOT, EntityType.Role, "Admin", "System", "AdministratorAccess");
        ApiException e = assertRejected("DeleteConflict.Role.Policy", 409, () -> ram.roles().delete(ROOT, "admin"));
        assertEquals("The role CAN NOT has any attached policy while deleting the role.", e.getMessage());
        ram.attachments().detach(ROOT, EntityType.Role, "Admin", "System", "AdministratorAccess");
        ram.roles().delete(ROOT, "admin");
        assertRejected("EntityNotExist.Role", 404, () -> ram.roles().delete(ROOT, "Admin"));
    }
}
