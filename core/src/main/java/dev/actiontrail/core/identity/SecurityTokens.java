package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiError;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues and opens the temporary credentials of STS AssumeRole (access-control reference §4.1, §4.3): an
 * {@code STS.}-prefixed AccessKeyId, its AccessKeySecret and a SecurityToken.
 *
 * <p>Design: the token is self-contained and sealed — it carries the role session (account, role ID and name,
 * session name, session policy, who assumed it, creation and expiration times, the AccessKeyId it belongs to),
 * authenticated with HMAC-SHA256 under a key kept in the shared store ({@link IdentityStore#serverSecret}). The
 * secret is derived from the AccessKeyId with the same key. So nothing is written per AssumeRole, and every server
 * sharing the store accepts the tokens of every other. A token cannot be forged or altered without the key, and
 * a token presented with another AccessKeyId is refused. The token is not encrypted: it holds no secret (the
 * AccessKeySecret is derived, not embedded) — only names and the session policy, which its holder knows.
 *
 * <p>Errors when opening ({@link #open}): {@code InvalidSecurityToken.Malformed} (not issued here, altered, or
 * unreadable), {@code InvalidSecurityToken.MismatchWithAccessKey} (issued for another AccessKeyId),
 * {@code InvalidSecurityToken.Expired} (past its Expiration).
 */
public final class SecurityTokens {
    /** The prefix of every temporary AccessKeyId. */
    public static final String KEY_PREFIX = "STS.";
    private static final String TOKEN_PREFIX = "CAIS";
    private static final char[] ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789".toCharArray();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final IdentityStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public SecurityTokens(IdentityStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Temporary credentials as AssumeRole answers them. {@code expiration} is UTC, second precision. */
    public record Credentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        @Override
        public String toString() {
            return "Credentials[" + accessKeyId + ", expires " + expiration + "]";
        }
    }

    /** Whether an AccessKeyId is a temporary (STS) one. */
    public static boolean isTemporary(String accessKeyId) {
        return accessKeyId != null && accessKeyId.startsWith(KEY_PREFIX);
    }

    /** Issues credentials for a role session (its expiration is the credentials' expiration). */
    public Credentials issue(Principal.RoleSession session) {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        String accessKeyId = KEY_PREFIX + new String(id);
        String payload = String.join(".", "1", text(accessKeyId), text(session.accountId().value()),
                text(session.roleId()), text(session.roleName()), text(session.sessionName()),
                text(session.sessionPolicy() == null ? "" : session.sessionPolicy()),
                text(session.assumerAccountId().value()), text(session.assumerPrincipalId()),
                Long.toString(session.creationTime().getEpochSecond()),
                Long.toString(session.expiration().getEpochSecond()));
        String token = TOKEN_PREFIX + payload + "." + B64.encodeToString(mac("token\n" + payload));
        return new Credentials(accessKeyId, secretOf(accessKeyId), token, session.expiration());
    }

    /** The AccessKeySecret of a temporary AccessKeyId (derived; nothing is stored). */
    public String secretOf(String accessKeyId) {
        return B64.encodeToString(mac("secret\n" + accessKeyId)).substring(0, 40);
    }

    /**
     * The role session a token stands for, after checking its seal, that it belongs to {@code accessKeyId} and that
     * it has not expired.
     *
     * @throws dev.actiontrail.core.error.ApiException the codes in the class description
     */
    public Principal.RoleSession open(String accessKeyId, String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            throw ApiError.INVALID_SECURITY_TOKEN_MALFORMED.exception();
        }
        String body = token.substring(TOKEN_PREFIX.length());
        int dot = body.lastIndexOf('.');
        if (dot < 0) {
            throw ApiError.INVALID_SECURITY_TOKEN_MALFORMED.exception();
        }
        String payload = body.substring(0, dot);
        // the seal's text is compared, not its decoded bytes: a lenient decoder ignores the unused low bits of the
        // last base64 character, so a token with that character changed would otherwise still open
        byte[] seal = body.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = B64.encodeToString(mac("token\n" + payload)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(seal, expected)) {
            throw ApiError.INVALID_SECURITY_TOKEN_MALFORMED.exception();
        }
        String[] f = payload.split("\\.", -1);
        if (f.length != 11 || !f[0].equals("1")) {
            throw ApiError.INVALID_SECURITY_TOKEN_MALFORMED.exception();
        }
        try {
            if (!untext(f[1]).equals(accessKeyId)) {
                throw ApiError.INVALID_SECURITY_TOKEN_MISMATCH.exception();
            }
            Instant expiration = Instant.ofEpochSecond(Long.parseLong(f[10]));
            if (!clock.instant().isBefore(expiration)) {
                throw ApiError.INVALID_SECURITY_TOKEN_EXPIRED.exception();
            }
            String policy = untext(f[6]);
            return new Principal.RoleSession(AccountId.of(untext(f[2])), untext(f[3]), untext(f[4]), untext(f[5]),
                    policy.isEmpty() ? null : policy, AccountId.of(untext(f[7])), untext(f[8]),
                    Instant.ofEpochSecond(Long.parseLong(f[9])), expiration);
        } catch (IllegalArgumentException e) { // a sealed token always parses; this guards a changed format
            throw ApiError.INVALID_SECURITY_TOKEN_MALFORMED.exception();
        }
    }

    private static String text(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String untext(String s) {
        return new String(B64D.decode(s), StandardCharsets.UTF_8);
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            byte[] secret = store.serverSecret("sts-token-key", () -> {
                byte[] b = new byte[32];
                random.nextBytes(b);
                return b;
            });
            k = new SecretKeySpec(secret, "HmacSHA256");
            key = k;
        }
        return k;
    }
}
