package dev.actiontrail.http.auth;

import com.google.common.base.Ticker;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AccessKeys;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.RamUser;
import dev.actiontrail.core.identity.SecurityTokens;
import dev.actiontrail.core.identity.SigningKeys;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import dev.actiontrail.http.testing.Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Authenticator}: signature v1 and v3, timestamps, nonces, AccessKeys (API reference notes §1.4–§1.8). */
class AuthenticatorTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    private static final String HOST = "actiontrail.cn-hangzhou.aliyuncs.com";
    private static final byte[] NO_BODY = new byte[0];

    private MutableClock clock;
    private AccessKeys keys;
    private Authenticator auth;
    private Signer signer;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at("2026-03-01T10:00:00Z");
        // the nonce cache's ticker follows the test clock, so advancing the clock ages the nonces
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return Duration.between(Instant.EPOCH, clock.instant()).toNanos();
            }
        };
        InMemoryIdentityStore store = new InMemoryIdentityStore();
        store.createAccount(ACCOUNT, clock.instant());
        store.insertUser(new RamUser(ACCOUNT, "2000000000000001", "alice", "", "", "", "", clock.instant(),
                clock.instant(), null));
        keys = new AccessKeys(store, clock);
        keys.supply(ACCOUNT, "testid", "testsecret");
        auth = new Authenticator(new SigningKeys(keys, store, new SecurityTokens(store, clock)), new NonceCache(Authenticator.SKEW, 10_000, ticker), clock);
        signer = new Signer("testid", "testsecret", clock);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static Map<String, String> apiParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("NameList", "a,b");
        p.put("IncludeShadowTrails", "true");
        return p;
    }

    /** Legacy shape: every parameter in the query, signed; empty body. */
    private Map<String, String> signedQuery(String method, Signer by) {
        Map<String, String> all = by.common("DescribeTrails", "2020-07-06");
        all.putAll(apiParams());
        return by.signV1(method, all, Map.of());
    }

    private static Authenticator.SignedRequest v1(String method, Map<String, String> query) {
        return new Authenticator.SignedRequest(method, query, Map.of(), Map.of("host", HOST), NO_BODY);
    }

    private static Authenticator.SignedRequest v1(String method, Map<String, String> query,
                                                  Map<String, String> body) {
        return new Authenticator.SignedRequest(method, query, body,
                Map.of("host", HOST, "content-type", "application/x-www-form-urlencoded"),
                Signer.form(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs the legacy shape after {@code tweak} changed the unsigned parameters. */
    private Authenticator.SignedRequest v1With(java.util.function.Consumer<Map<String, String>> tweak) {
        Map<String, String> all = signer.common("DescribeTrails", "2020-07-06");
        all.putAll(apiParams());
        tweak.accept(all);
        Map<String, String> signed = new LinkedHashMap<>(all);
        signed.put("Signature", signer.v1Signature("POST", all));
        return v1("POST", signed);
    }

    private static ApiException fails(String code, Runnable call) {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static Authenticator.SignedRequest v3(String method, Map<String, String> query, byte[] body,
                                                  Signer.V3 signed, Map<String, String> moreHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.put("authorization", signed.authorization());
        headers.put("accept", "application/json");
        headers.putAll(moreHeaders);
        return new Authenticator.SignedRequest(method, query, Map.of(), headers, body);
    }

    private Signer.V3 signV3(String method, Map<String, String> query, byte[] body) {
        return signer.signV3(method, HOST, "DescribeTrails", "2020-07-06", query, body, Map.of(), null);
    }

    // ---- v1: success --------------------------------------------------------------------------------------

    @Test
    void v1PostWithEverythingInTheQueryIsTheSuppliedKey() {
        Caller key = auth.authenticate(v1("POST", signedQuery("POST", signer)));
        assertEquals("testid", key.accessKeyId());
        assertEquals(ACCOUNT, key.accountId());
        assertTrue(key.isRoot());
    }

    @Test
    void v1Get() {
        assertEquals("testid", auth.authenticate(v1("GET", signedQuery("GET", signer))).accessKeyId());
    }

    @Test
    void v1SignedForPostButSentAsGetDoesNotMatch() {
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("GET", signedQuery("POST", signer))));
    }

    @Test
    void v1WithoutSignatureVersionIsAccepted() {
        assertEquals("testid", auth.authenticate(v1With(p -> p.remove("SignatureVersion"))).accessKeyId());
    }

    @Test
    void v1TimestampWithFractionalSecondsIsAccepted() {
        assertEquals("testid",
                auth.authenticate(v1With(p -> p.put("Timestamp", "2026-03-01T09:59:59.300Z"))).accessKeyId());
    }

    @Test
    void v1WithSecurityTokenSigned() {
        assertEquals("testid", auth.authenticate(v1With(p -> p.put("SecurityToken", "tok en"))).accessKeyId());
    }

    @Test
    void v1KeyCreatedInTheStoreIsAccepted() {
        AccessKey created = keys.create(ACCOUNT, "alice");
        Signer alice = new Signer(created.accessKeyId(), created.accessKeySecret(), clock);
        Caller key = auth.authenticate(v1("POST", signedQuery("POST", alice)));
        assertEquals(created.accessKeyId(), key.accessKeyId());
        assertEquals("alice", ((dev.actiontrail.core.identity.Principal.User) key.principal()).userName());
    }

    // ---- v1: Tea 2.0.0 shape (common parameters in the query, API parameters in the form body) -----------

    private Map<String, String> teaBody() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("IncludeOrganizationTrail", "false");
        body.put("NameList", "a,b");
        body.put("Description", "p 1+x*~");
        return body;
    }

    @Test
    void v1TeaShapeIsVerifiedOverQueryAndBody() {
        Map<String, String> common = signer.common("DescribeTrails", "2020-07-06");
        common.put("Format", "json");
        Map<String, String> body = teaBody();
        Map<String, String> query = signer.signV1("POST", common, body);
        assertEquals("testid", auth.authenticate(v1("POST", query, body)).accessKeyId());
    }

    @Test
    void v1TeaShapeWithAChangedBodyParameterDoesNotMatch() {
        Map<String, String> body = teaBody();
        Map<String, String> query = signer.signV1("POST", signer.common("DescribeTrails", "2020-07-06"), body);
        Map<String, String> changed = new LinkedHashMap<>(body);
        changed.put("NameList", "a,c");
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", query, changed)));
    }

    @Test
    void v1TeaShapeWithTheBodyLeftOutDoesNotMatch() {
        Map<String, String> query = signer.signV1("POST", signer.common("DescribeTrails", "2020-07-06"), teaBody());
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1SignatureMayTravelInTheBody() {
        Map<String, String> body = teaBody();
        Map<String, String> query = signer.signV1("POST", signer.common("DescribeTrails", "2020-07-06"), body);
        Map<String, String> movedBody = new LinkedHashMap<>(body);
        movedBody.put("Signature", query.remove("Signature"));
        assertEquals("testid", auth.authenticate(v1("POST", query, movedBody)).accessKeyId());
    }

    // ---- v1: failures -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "SignatureMethod"})
    void v1MissingParameter(String name) {
        Map<String, String> query = signedQuery("POST", signer);
        query.remove(name);
        ApiException e = fails("MissingParameter", () -> auth.authenticate(v1("POST", query)));
        assertEquals(400, e.httpStatus());
        assertEquals("The input parameter \"" + name + "\" that is mandatory for processing this request is not "
                + "supplied.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp"})
    void v1EmptyParameterIsMissing(String name) {
        Map<String, String> query = signedQuery("POST", signer);
        query.put(name, "");
        fails("MissingParameter", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1NothingSignedAtAllIsMissingParameter() {
        fails("MissingParameter", () -> auth.authenticate(v1("POST", Map.of("Action", "DescribeRegions"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HMAC-SHA256", "hmac-sha1", "ACS3-HMAC-SHA256"})
    void v1WrongSignatureMethodIsIncompleteSignature(String method) {
        ApiException e = fails("IncompleteSignature",
                () -> auth.authenticate(v1With(p -> p.put("SignatureMethod", method))));
        assertEquals(400, e.httpStatus());
    }

    @Test
    void v1WrongSignatureVersionIsIncompleteSignature() {
        fails("IncompleteSignature", () -> auth.authenticate(v1With(p -> p.put("SignatureVersion", "2.0"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01 10:00:00", "yesterday", "2026-03-01T10:00:00", "1772359200",
            "2026-13-01T10:00:00Z"})
    void v1UnparsableTimestampIsInvalidTimeStampFormat(String timestamp) {
        ApiException e = fails("InvalidTimeStamp.Format",
                () -> auth.authenticate(v1With(p -> p.put("Timestamp", timestamp))));
        assertEquals(400, e.httpStatus());
    }

    @ParameterizedTest
    @ValueSource(longs = {-16 * 60, 16 * 60, -15 * 60 - 1, 15 * 60 + 1, -24 * 3600, 365 * 24 * 3600})
    void v1TimestampMoreThan15MinutesOffIsExpired(long offsetSeconds) {
        String ts = Signer.timestamp(clock.instant().plusSeconds(offsetSeconds));
        ApiException e = fails("InvalidTimeStamp.Expired",
                () -> auth.authenticate(v1With(p -> p.put("Timestamp", ts))));
        assertEquals(400, e.httpStatus());
    }

    @ParameterizedTest
    @ValueSource(longs = {-15 * 60, 15 * 60, -14 * 60, 14 * 60, 0})
    void v1TimestampWithin15MinutesIsAccepted(long offsetSeconds) {
        String ts = Signer.timestamp(clock.instant().plusSeconds(offsetSeconds));
        assertEquals("testid", auth.authenticate(v1With(p -> p.put("Timestamp", ts))).accessKeyId());
    }

    @Test
    void v1TimestampWithAnOffsetIsConvertedToUtc() {
        assertEquals("testid",
                auth.authenticate(v1With(p -> p.put("Timestamp", "2026-03-01T18:00:00+08:00"))).accessKeyId());
        fails("InvalidTimeStamp.Expired",
                () -> auth.authenticate(v1With(p -> p.put("Timestamp", "2026-03-01T10:00:00+08:00"))));
    }

    @Test
    void v1UnknownKeyIsNotFound404() {
        Signer stranger = new Signer("nosuchkey", "testsecret", clock);
        ApiException e = fails("InvalidAccessKeyId.NotFound",
                () -> auth.authenticate(v1("POST", signedQuery("POST", stranger))));
        assertEquals(404, e.httpStatus());
    }

    @Test
    void v1InactiveKeyIsRefused() {
        AccessKey created = keys.create(ACCOUNT, "bob");
        keys.setStatus(created.accessKeyId(), AccessKey.Status.Inactive);
        Signer bob = new Signer(created.accessKeyId(), created.accessKeySecret(), clock);
        ApiException e = fails("InvalidAccessKeyId.Inactive",
                () -> auth.authenticate(v1("POST", signedQuery("POST", bob))));
        assertEquals(400, e.httpStatus());
    }

    @Test
    void v1WrongSecretIsSignatureDoesNotMatchWithTheServerStringToSign() {
        Signer wrong = new Signer("testid", "not-the-secret", clock);
        Map<String, String> query = signedQuery("POST", wrong);
        Map<String, String> unsigned = new LinkedHashMap<>(query);
        unsigned.remove("Signature");
        String expected = Signer.v1StringToSign("POST", unsigned);
        ApiException e = fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", query)));
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().endsWith("server string to sign is:" + expected), e.getMessage());
        assertEquals("Specified signature is not matched with our calculation. server string to sign is:" + expected,
                e.getMessage());
    }

    @Test
    void v1ChangedParameterIsSignatureDoesNotMatch() {
        Map<String, String> query = signedQuery("POST", signer);
        query.put("NameList", "a,b,c");
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1AddedParameterIsSignatureDoesNotMatch() {
        Map<String, String> query = signedQuery("POST", signer);
        query.put("RegionId", "cn-beijing");
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1ReplayedNonceIsSignatureNonceUsed() {
        Map<String, String> query = signedQuery("POST", signer);
        auth.authenticate(v1("POST", query));
        ApiException e = fails("SignatureNonceUsed", () -> auth.authenticate(v1("POST", query)));
        assertEquals(400, e.httpStatus());
    }

    @Test
    void v1NonceReusedInAnotherWellSignedRequestIsSignatureNonceUsed() {
        String nonce = Signer.nonce();
        auth.authenticate(v1With(p -> p.put("SignatureNonce", nonce)));
        clock.advance(Duration.ofMinutes(5));
        fails("SignatureNonceUsed", () -> auth.authenticate(v1With(p -> {
            p.put("SignatureNonce", nonce);
            p.put("NameList", "other");
        })));
    }

    @Test
    void v1NonceOfARefusedRequestIsNotUsedUp() {
        String nonce = Signer.nonce();
        Map<String, String> bad = v1With(p -> p.put("SignatureNonce", nonce)).query();
        bad.put("NameList", "tampered");
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v1("POST", bad)));
        assertEquals("testid", auth.authenticate(v1With(p -> p.put("SignatureNonce", nonce))).accessKeyId());
    }

    @Test
    void v1NonceReusedAfterTheWindowIsAccepted() {
        String nonce = Signer.nonce();
        auth.authenticate(v1With(p -> p.put("SignatureNonce", nonce)));
        clock.advance(Duration.ofMinutes(10));
        fails("SignatureNonceUsed", () -> auth.authenticate(v1With(p -> p.put("SignatureNonce", nonce))));
        // long after: the first request's timestamp could no longer be replayed, so the nonce may be forgotten
        clock.advance(Duration.ofMinutes(60));
        assertEquals("testid", auth.authenticate(v1With(p -> p.put("SignatureNonce", nonce))).accessKeyId());
    }

    /**
     * A request whose timestamp is ahead of the server clock stays acceptable for up to 30 minutes of server time
     * (timestamp in [now - 15 min, now + 15 min]); its nonce must be remembered as long, or it can be replayed.
     */
    @Test
    void v1ReplayOfARequestTimestampedAheadIsRefusedWhileItsTimestampIsValid() {
        String ahead = Signer.timestamp(clock.instant().plus(Duration.ofMinutes(14)));
        Map<String, String> query = v1With(p -> p.put("Timestamp", ahead)).query();
        auth.authenticate(v1("POST", query));
        clock.advance(Duration.ofMinutes(16)); // the timestamp is now 2 minutes in the past: still valid
        fails("SignatureNonceUsed", () -> auth.authenticate(v1("POST", query)));
        clock.advance(Duration.ofMinutes(12)); // 14 minutes in the past
        fails("SignatureNonceUsed", () -> auth.authenticate(v1("POST", query)));
        clock.advance(Duration.ofMinutes(2)); // 16 minutes in the past: the timestamp refuses it
        fails("InvalidTimeStamp.Expired", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1ReplayExactlyAtTheEdgeOfTheWindowIsRefused() {
        Map<String, String> query = signedQuery("POST", signer);
        auth.authenticate(v1("POST", query));
        clock.advance(Authenticator.SKEW); // the timestamp is exactly 15 minutes old: still accepted by time
        fails("SignatureNonceUsed", () -> auth.authenticate(v1("POST", query)));
    }

    @Test
    void v1ChecksTheTimestampBeforeTheKey() {
        Signer stranger = new Signer("nosuchkey", "x", clock);
        Map<String, String> all = stranger.common("DescribeRegions", "2020-07-06");
        all.put("Timestamp", "2000-01-01T00:00:00Z");
        fails("InvalidTimeStamp.Expired", () -> auth.authenticate(v1("POST", stranger.signV1("POST", all, Map.of()))));
    }

    // ---- v3 -----------------------------------------------------------------------------------------------

    @Test
    void v3Ok() {
        Map<String, String> query = apiParams();
        Signer.V3 signed = signV3("POST", query, NO_BODY);
        Caller key = auth.authenticate(v3("POST", query, NO_BODY, signed, Map.of()));
        assertEquals("testid", key.accessKeyId());
    }

    @Test
    void v3WithoutQuery() {
        Signer.V3 signed = signV3("GET", Map.of(), NO_BODY);
        assertEquals("testid", auth.authenticate(v3("GET", Map.of(), NO_BODY, signed, Map.of())).accessKeyId());
    }

    @Test
    void v3SignedHeadersUnsortedAsTea013WritesThem() {
        Map<String, String> query = apiParams();
        Signer.V3 signed = signer.signV3("POST", HOST, "DescribeTrails", "2020-07-06", query, NO_BODY, Map.of(),
                "x-acs-action;host;x-acs-date;x-acs-version;x-acs-content-sha256;x-acs-signature-nonce");
        assertEquals("testid", auth.authenticate(v3("POST", query, NO_BODY, signed, Map.of())).accessKeyId());
    }

    @Test
    void v3WithAFormBodyCoveredByTheContentHash() {
        byte[] body = "IncludeShadowTrails=true&NameList=a%2Cb".getBytes(StandardCharsets.UTF_8);
        Signer.V3 signed = signer.signV3("POST", HOST, "DescribeTrails", "2020-07-06", Map.of(), body,
                Map.of("content-type", "application/x-www-form-urlencoded"), null);
        assertEquals("testid", auth.authenticate(v3("POST", Map.of(), body, signed, Map.of())).accessKeyId());
    }

    @Test
    void v3BodyNotMatchingTheContentHashIsSignatureDoesNotMatch() {
        Signer.V3 signed = signV3("POST", Map.of(), NO_BODY);
        byte[] body = "NameList=evil".getBytes(StandardCharsets.UTF_8);
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v3("POST", Map.of(), body, signed, Map.of())));
    }

    @Test
    void v3ChangedQueryIsSignatureDoesNotMatch() {
        Signer.V3 signed = signV3("POST", apiParams(), NO_BODY);
        Map<String, String> changed = apiParams();
        changed.put("NameList", "x");
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v3("POST", changed, NO_BODY, signed, Map.of())));
    }

    @Test
    void v3ChangedSignedHeaderIsSignatureDoesNotMatch() {
        Signer.V3 signed = signV3("POST", apiParams(), NO_BODY);
        fails("SignatureDoesNotMatch", () -> auth.authenticate(v3("POST", apiParams(), NO_BODY, signed,
                Map.of("x-acs-action", "DeleteTrail"))));
    }

    @Test
    void v3UnsignedHeaderMayChange() {
        Signer.V3 signed = signV3("POST", apiParams(), NO_BODY);
        assertEquals("testid", auth.authenticate(v3("POST", apiParams(), NO_BODY, signed,
                Map.of("user-agent", "whatever"))).accessKeyId());
    }

    @Test
    void v3WrongSecretIsSignatureDoesNotMatch() {
        Signer wrong = new Signer("testid", "nope", clock);
        Signer.V3 signed = wrong.signV3("POST", HOST, "DescribeTrails", "2020-07-06", apiParams(), NO_BODY,
                Map.of(), null);
        ApiException e = fails("SignatureDoesNotMatch",
                () -> auth.authenticate(v3("POST", apiParams(), NO_BODY, signed, Map.of())));
        assertTrue(e.getMessage().endsWith("server string to sign is:" + signed.stringToSign()), e.getMessage());
    }

    @Test
    void v3UpperCaseHexSignatureIsAccepted() {
        Signer.V3 signed = signV3("POST", apiParams(), NO_BODY);
        String upper = signed.authorization().substring(0, signed.authorization().indexOf("Signature=") + 10)
                + signed.authorization().substring(signed.authorization().indexOf("Signature=") + 10).toUpperCase();
        assertEquals("testid", auth.authenticate(v3("POST", apiParams(), NO_BODY, signed,
                Map.of("authorization", upper))).accessKeyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ACS3-HMAC-SHA256",
            "ACS3-HMAC-SHA256 Credential=testid",
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date",
            "ACS3-HMAC-SHA256 Credential=testid,Signature=abcdef",
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=not-hex",
            "ACS3-HMAC-SHA256 garbage",
    })
    void v3MalformedAuthorizationIsIncompleteSignature(String authorization) {
        Signer.V3 signed = signV3("POST", Map.of(), NO_BODY);
        ApiException e = fails("IncompleteSignature", () -> auth.authenticate(v3("POST", Map.of(), NO_BODY, signed,
                Map.of("authorization", authorization))));
        assertEquals(400, e.httpStatus());
    }

    @Test
    void v3SignedHeaderThatIsNotSentIsIncompleteSignature() {
        Signer.V3 signed = signer.signV3("POST", HOST, "DescribeTrails", "2020-07-06", Map.of(), NO_BODY,
                Map.of("x-acs-extra", "1"), null);
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("x-acs-extra");
        headers.put("authorization", signed.authorization());
        fails("IncompleteSignature", () -> auth.authenticate(
                new Authenticator.SignedRequest("POST", Map.of(), Map.of(), headers, NO_BODY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-action", "x-acs-version"})
    void v3RequiredHeaderNotSignedIsIncompleteSignature(String header) {
        String order = String.join(";", java.util.List.of("host", "x-acs-action", "x-acs-content-sha256",
                "x-acs-date", "x-acs-signature-nonce", "x-acs-version").stream().filter(h -> !h.equals(header))
                .toList());
        Signer.V3 signed = signer.signV3("POST", HOST, "DescribeTrails", "2020-07-06", Map.of(), NO_BODY, Map.of(),
                order);
        fails("IncompleteSignature", () -> auth.authenticate(v3("POST", Map.of(), NO_BODY, signed, Map.of())));
    }

    @Test
    void v3UnknownKeyIsNotFound() {
        Signer stranger = new Signer("nosuchkey", "testsecret", clock);
        Signer.V3 signed = stranger.signV3("POST", HOST, "DescribeTrails", "2020-07-06", Map.of(), NO_BODY, Map.of(),
                null);
        ApiException e = fails("InvalidAccessKeyId.NotFound",
                () -> auth.authenticate(v3("POST", Map.of(), NO_BODY, signed, Map.of())));
        assertEquals(404, e.httpStatus());
    }

    @Test
    void v3ExpiredDateIsRefused() {
        Signer.V3 signed = signV3("POST", Map.of(), NO_BODY);
        clock.advance(Duration.ofMinutes(16));
        fails("InvalidTimeStamp.Expired", () -> auth.authenticate(v3("POST", Map.of(), NO_BODY, signed, Map.of())));
    }

    @Test
    void v3ReplayedNonceIsSignatureNonceUsed() {
        Signer.V3 signed = signV3("POST", apiParams(), NO_BODY);
        auth.authenticate(v3("POST", apiParams(), NO_BODY, signed, Map.of()));
        fails("SignatureNonceUsed", () -> auth.authenticate(v3("POST", apiParams(), NO_BODY, signed, Map.of())));
    }
}
