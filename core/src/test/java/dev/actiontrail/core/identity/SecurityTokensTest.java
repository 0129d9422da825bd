package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed STS tokens: what opens, and that no other text does. */
class SecurityTokensTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final InMemoryIdentityStore store = new InMemoryIdentityStore();
    private final SecurityTokens tokens = new SecurityTokens(store, clock);

    private Principal.RoleSession session(String policy) {
        Instant now = clock.instant();
        return new Principal.RoleSession(ACCOUNT, "300000000000000001", "auditor", "alice", policy, ACCOUNT,
                "200000000000000001", now, now.plus(Duration.ofMinutes(15)));
    }

    private String code(String accessKeyId, String token) {
        return assertThrows(ApiException.class, () -> tokens.open(accessKeyId, token)).code();
    }

    @Test
    void anIssuedTokenOpensToItsSessionWithItsKeyOnly() {
        Principal.RoleSession s = session("{\"Version\":\"1\",\"Statement\":[]}");
        SecurityTokens.Credentials c = tokens.issue(s);
        assertTrue(c.accessKeyId().startsWith("STS."));
        assertEquals(s, tokens.open(c.accessKeyId(), c.securityToken()));
        assertEquals(c.accessKeySecret(), tokens.secretOf(c.accessKeyId()));
        SecurityTokens.Credentials other = tokens.issue(session(null));
        assertNotEquals(c.accessKeySecret(), other.accessKeySecret());
        assertEquals("InvalidSecurityToken.MismatchWithAccessKey", code(other.accessKeyId(), c.securityToken()));
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        SecurityTokens.Credentials c = tokens.issue(session("{\"Version\":\"1\"}"));
        String token = c.securityToken();
        int refused = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char replacement : new char[] {B64URL.charAt((B64URL.indexOf(token.charAt(i)) + 1) % 64),
                    B64URL.charAt((B64URL.indexOf(token.charAt(i)) + 63) % 64), '.'}) {
                if (replacement == token.charAt(i)) {
                    continue;
                }
                String changed = token.substring(0, i) + replacement + token.substring(i + 1);
                assertThrows(ApiException.class, () -> tokens.open(c.accessKeyId(), changed),
                        "position " + i + " changed to " + replacement);
                refused++;
            }
        }
        assertTrue(refused >= 2 * token.length());
        assertEquals("InvalidSecurityToken.Malformed", code(c.accessKeyId(), token + "A"));
        assertEquals("InvalidSecurityToken.Malformed", code(c.accessKeyId(), token.substring(0, token.length() - 1)));
        assertEquals("InvalidSecurityToken.Malformed", code(c.accessKeyId(), "not a token"));
    }

    @Test
    void aTokenOfAnotherStoreKeyIsRefused() {
        SecurityTokens.Credentials c = tokens.issue(session(null));
        SecurityTokens elsewhere = new SecurityTokens(new InMemoryIdentityStore(), clock);
        assertEquals("InvalidSecurityToken.Malformed",
                assertThrows(ApiException.class, () -> elsewhere.open(c.accessKeyId(), c.securityToken()))
                        .code());
    }

    @Test
    void aTokenExpiresAtItsExpiration() {
        SecurityTokens.Credentials c = tokens.issue(session(null));
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        tokens.open(c.accessKeyId(), c.securityToken());
        clock.advance(Duration.ofSeconds(1));
        assertEquals("InvalidSecurityToken.Expired", code(c.accessKeyId(), c.securityToken()));
    }
}
