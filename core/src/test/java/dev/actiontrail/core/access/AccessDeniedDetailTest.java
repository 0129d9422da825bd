package dev.actiontrail.core.access;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.Principal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessDeniedDetailTest {
    static final AccountId ACCT = AccountId.of("1234567890123456");
    static final String RES = "acs:actiontrail:cn-hangzhou:1234567890123456:trail/t1";

    @Test
    void aRamUsersImplicitDeny() {
        Caller caller = new Caller(new Principal.User(ACCT, "2000000000000001", "alice"), "LTAIsecretish");
        Decision d = new Decision(Decision.Outcome.IMPLICIT_DENY,
                NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, "actiontrail:DescribeTrails", RES, null);
        Map<String, Object> detail = AccessDeniedDetail.of(caller, d, "actiontrail:DescribeTrails");
        assertEquals(List.of("PolicyType", "AuthPrincipalOwnerId", "EncodedDiagnosticMessage", "AuthPrincipalType",
                "AuthPrincipalDisplayName", "NoPermissionType", "AuthAction"), List.copyOf(detail.keySet()));
        assertEquals("AccountLevelIdentityBasedPolicy", detail.get("PolicyType"));
        assertEquals("1234567890123456", detail.get("AuthPrincipalOwnerId"));
        assertEquals("SubUser", detail.get("AuthPrincipalType"));
        assertEquals("2000000000000001", detail.get("AuthPrincipalDisplayName"));
        assertEquals("ImplicitDeny", detail.get("NoPermissionType"));
        assertEquals("actiontrail:DescribeTrails", detail.get("AuthAction"));

        String encoded = (String) detail.get("EncodedDiagnosticMessage");
        String raw = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        assertFalse(raw.contains("LTAI"), "no key in the message");
        Map<String, String> decoded = AccessDeniedDetail.decodeDiagnosticMessage(encoded);
        assertEquals("actiontrail:DescribeTrails", decoded.get("AuthAction"));
        assertEquals(RES, decoded.get("AuthResource"));
        assertEquals("SubUser", decoded.get("AuthPrincipalType"));
        assertEquals("ImplicitDeny", decoded.get("NoPermissionType"));
        assertFalse(decoded.containsKey("MatchedPolicyName"));
        assertThrows(UnsupportedOperationException.class, () -> detail.put("x", "y"));
    }

    @Test
    void aRoleSessionsExplicitDenyNamesThePolicy() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Caller caller = new Caller(new Principal.RoleSession(ACCT, "3000000000000001", "Auditor", "s1", null, ACCT,
                "2000000000000001", now, now.plusSeconds(900)), "STS.abc");
        Decision d = new Decision(Decision.Outcome.EXPLICIT_DENY, NoPermissionPolicyType.SessionPolicy,
                "actiontrail:StopLogging", RES,
                new Decision.MatchedStatement("", "SessionPolicy", "", 2, Effect.Deny));
        Map<String, Object> detail = AccessDeniedDetail.of(caller, d, "actiontrail:StopLogging");
        assertEquals("AssumedRoleUser", detail.get("AuthPrincipalType"));
        assertEquals("Auditor:s1", detail.get("AuthPrincipalDisplayName"));
        assertEquals("ExplicitDeny", detail.get("NoPermissionType"));
        assertEquals("SessionPolicy", detail.get("PolicyType"));
        Map<String, String> decoded = AccessDeniedDetail.decodeDiagnosticMessage(
                (String) detail.get("EncodedDiagnosticMessage"));
        assertEquals("2", decoded.get("MatchedStatement"));
        assertEquals("Deny", decoded.get("MatchedEffect"));
        assertEquals("SessionPolicy", decoded.get("NoPermissionPolicyType"));
        assertEquals("Auditor:s1", decoded.get("AuthPrincipalDisplayName"));
    }

    @Test
    void valuesWithLineBreaksRoundTrip() {
        Caller caller = new Caller(new Principal.User(ACCT, "2000000000000001", "alice"), "k");
        Decision d = new Decision(Decision.Outcome.IMPLICIT_DENY,
                NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, "a:b", "x\ny=\\z\r", null);
        assertEquals("x\ny=\\z\r", AccessDeniedDetail.decodeDiagnosticMessage(
                (String) AccessDeniedDetail.of(caller, d, "a:b").get("EncodedDiagnosticMessage"))
                .get("AuthResource"));
    }

    @Test
    void refusesWhatIsNotADenial() {
        Decision allow = new Decision(Decision.Outcome.ALLOW, NoPermissionPolicyType.AccountLevelIdentityBasedPolicy,
                "a:b", "*", null);
        Caller user = new Caller(new Principal.User(ACCT, "2000000000000001", "alice"), "k");
        assertThrows(IllegalArgumentException.class, () -> AccessDeniedDetail.of(user, allow, "a:b"));
        Decision deny = new Decision(Decision.Outcome.IMPLICIT_DENY,
                NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, "a:b", "*", null);
        assertThrows(IllegalArgumentException.class,
                () -> AccessDeniedDetail.of(Caller.localRoot(ACCT), deny, "a:b"));
        assertThrows(IllegalStateException.class, () -> Decision.Outcome.ALLOW.noPermissionType());
        assertThrows(IllegalArgumentException.class, () -> AccessDeniedDetail.decodeDiagnosticMessage("%%%"));
        assertThrows(IllegalArgumentException.class, () -> AccessDeniedDetail.decodeDiagnosticMessage(
                Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8))));
        assertTrue(Decision.Outcome.EXPLICIT_DENY.noPermissionType().equals("ExplicitDeny"));
    }
}
