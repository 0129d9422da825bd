package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamErrorTest {

    @Test
    void everyCodeIsUniqueAndItsStatusFollowsItsKind() {
        Set<String> codes = new HashSet<>();
        for (RamError e : RamError.values()) {
            assertTrue(codes.add(e.code()), "duplicate " + e.code());
            int expected = e.code().startsWith("EntityNotExist") ? 404
                    : e.code().startsWith("EntityAlreadyExists") || e.code().startsWith("DeleteConflict")
                    || e.code().startsWith("LimitExceeded") ? 409
                    : e.code().equals("InternalError") ? 500
                    : e.code().equals("MalformedPolicyDocument") ? 400 : 403;
            assertEquals(expected, e.httpStatus(), e.code());
        }
        assertTrue(codes.containsAll(Arrays.asList("NoPermission", "EntityAlreadyExists.Policy",
                "DeleteConflict.Policy.Version.Default", "LimitExceeded.User.AccessKey")));
    }

    @Test
    void theCatalogueSpeaksRamsWords() {
        assertEquals("You are not authorized to do this action.", RamError.NO_PERMISSION.message());
        assertEquals(403, RamError.NO_PERMISSION.httpStatus());
        assertEquals("The policy does already EXIST.", RamError.ENTITY_ALREADY_EXISTS_POLICY.message());
        ApiException malformed = RamError.MALFORMED_POLICY_DOCUMENT.exception("Missing \"Effect\" in Statement 1");
        assertEquals("Missing \"Effect\" in Statement 1", malformed.getMessage());
    }

    @Test
    void parameterErrorsNameTheParameterInCodeAndMessage() {
        check(RamError.invalidChars("GroupName"), "InvalidParameter.GroupName.InvalidChars",
                "The parameter - \"GroupName\" contains invalid chars.");
        check(RamError.invalidLength("NewComments"), "InvalidParameter.NewComments.Length",
                "The parameter - \"NewComments\" beyond the length limit.");
        check(RamError.invalidFormat("Email"), "InvalidParameter.Email.Format",
                "The format of the parameter - \"Email\" is incorrect.");
        check(RamError.invalidValue("PolicyType"), "InvalidParameter.PolicyType",
                "The parameter - \"PolicyType\" is incorrect.");
        check(RamError.missing("RoleName"), "MissingRoleName", "RoleName is mandatory for this action.");
    }

    private static void check(ApiException e, String code, String message) {
        assertEquals(code, e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(message, e.getMessage());
        assertEquals(message, e.error().message());
    }
}
