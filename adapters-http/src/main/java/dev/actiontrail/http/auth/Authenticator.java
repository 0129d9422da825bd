package dev.actiontrail.http.auth;

import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.SigningKeys;
import dev.actiontrail.core.api.UtcSeconds;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies who signed a request (API reference notes §1.4–§1.6, §1.8): signature v1 (HMAC-SHA1 over the query and
 * form parameters) or v3 ({@code Authorization: ACS3-HMAC-SHA256 ...}); the timestamp within 15 minutes of the
 * server's clock; the nonce unused inside that window; the AccessKey known and active — or, for a temporary
 * {@code STS.} key, its SecurityToken ({@code SecurityToken} among the signed v1 parameters, or the
 * {@code x-acs-security-token} header of v3) sealed by this service, issued for that key and not expired.
 *
 * <p>Errors: {@code MissingParameter} (a v1 parameter absent), {@code IncompleteSignature} (malformed v3 header or
 * unsupported method), {@code InvalidTimeStamp.Format}, {@code InvalidTimeStamp.Expired},
 * {@code InvalidAccessKeyId.NotFound} (404), {@code InvalidAccessKeyId.Inactive}, {@code SignatureDoesNotMatch}
 * (message ends with {@code server string to sign is:<StringToSign>} so the legacy SDK can tell a wrong secret),
 * {@code SignatureNonceUsed}, {@code MissingSecurityToken}, {@code InvalidSecurityToken.Malformed},
 * {@code InvalidSecurityToken.MismatchWithAccessKey}, {@code InvalidSecurityToken.Expired}.
 */
public final class Authenticator {
    /** The allowed clock skew of a request's timestamp (§1.6). */
    public static final Duration SKEW = Duration.ofMinutes(15);
    private static final Pattern V3 = Pattern.compile(
            "ACS3-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)");

    private final SigningKeys keys;
    private final NonceCache nonces;
    private final Clock clock;

    public Authenticator(SigningKeys keys, NonceCache nonces, Clock clock) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = clock;
    }

    /** One request as received. Header names are lower-case; parameters are decoded. */
    public record SignedRequest(String method, Map<String, String> query, Map<String, String> body,
                                Map<String, String> headers, byte[] rawBody) {
    }

    /**
     * Returns who signed the request.
     *
     * @throws ApiException the codes listed in the class description
     */
    public Caller authenticate(SignedRequest r) {
        String authorization = r.headers().get("authorization");
        if (authorization != null && authorization.startsWith(Signatures.V3_ALGORITHM)) {
            return v3(r, authorization);
        }
        return v1(r);
    }

    private Caller v1(SignedRequest r) {
        Map<String, String> params = new LinkedHashMap<>(r.query());
        params.putAll(r.body());
        for (String name : new String[] {"AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce",
                "Timestamp"}) {
            if (params.getOrDefault(name, "").isEmpty()) {
                throw ApiError.MISSING_PARAMETER.exception(name);
            }
        }
        if (!params.get("SignatureMethod").equals("HMAC-SHA1")
                || !params.getOrDefault("SignatureVersion", "1.0").equals("1.0")) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception();
        }
        checkTime(params.get("Timestamp"));
        SigningKeys.SigningKey key = keys.resolve(params.get("AccessKeyId"), params.get("SecurityToken"));
        String stringToSign = Signatures.v1StringToSign(r.method(), params);
        String expected = Signatures.v1Signature(key.accessKeySecret(), stringToSign);
        if (!Signatures.same(expected, params.get("Signature"))) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.exception(stringToSign);
        }
        checkNonce(key.caller(), params.get("SignatureNonce"));
        return key.caller();
    }

    private Caller v3(SignedRequest r, String authorization) {
        Matcher m = V3.matcher(authorization.trim());
        if (!m.matches()) {
            throw ApiError.INCOMPLETE_SIGNATURE.exception();
        }
        String signedHeaders = m.group(2);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : signedHeaders.split(";")) {
            String value = r.headers().get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw ApiError.INCOMPLETE_SIGNATURE.exception();
            }
            headers.put(name.toLowerCase(Locale.ROOT), value);
        }
        for (String required : new String[] {"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-action",
                "x-acs-version"}) {
            if (!headers.containsKey(required)) {
                throw ApiError.INCOMPLETE_SIGNATURE.exception();
            }
        }
        checkTime(headers.get("x-acs-date"));
        SigningKeys.SigningKey key = keys.resolve(m.group(1), r.headers().get("x-acs-security-token"));
        String bodyHash = Signatures.sha256Hex(r.rawBody());
        String hashedPayload = r.headers().getOrDefault("x-acs-content-sha256", bodyHash);
        String canonical = Signatures.v3CanonicalRequest(r.method(), r.query(), headers, signedHeaders, hashedPayload);
        String stringToSign = Signatures.v3StringToSign(canonical);
        String expected = Signatures.v3Signature(key.accessKeySecret(), stringToSign);
        if (!Signatures.same(expected, m.group(3).toLowerCase(Locale.ROOT)) || !hashedPayload.equals(bodyHash)) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.exception(stringToSign);
        }
        checkNonce(key.caller(), headers.get("x-acs-signature-nonce"));
        return key.caller();
    }

    private void checkTime(String timestamp) {
        Instant t = UtcSeconds.parse(timestamp); // the SDKs' shape; any other ISO-8601 offset form is accepted too
        if (t == null) {
            try {
                t = OffsetDateTime.parse(timestamp).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiError.INVALID_TIMESTAMP_FORMAT.exception();
            }
        }
        if (Duration.between(t, clock.instant()).abs().compareTo(SKEW) > 0) {
            throw ApiError.INVALID_TIMESTAMP_EXPIRED.exception();
        }
    }

    private void checkNonce(Caller caller, String nonce) {
        if (!nonces.firstUse(caller.accessKeyId(), nonce)) {
            throw ApiError.SIGNATURE_NONCE_USED.exception();
        }
    }
}
