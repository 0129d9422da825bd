package dev.actiontrail.http.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signature algorithms against the test vectors of the API reference notes §1.4 and §1.5. */
class SignaturesTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** The §1.4 parameters, deliberately not in sorted order. */
    private static Map<String, String> v1VectorParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Version", "2020-07-06");
        p.put("Timestamp", "2020-07-06T12:00:00Z");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("RegionId", "cn-hangzhou");
        p.put("NameList", "a,b");
        p.put("IncludeShadowTrails", "false");
        p.put("Format", "JSON");
        p.put("Action", "DescribeTrails");
        p.put("AccessKeyId", "testid");
        return p;
    }

    @Test
    void v1TestVectorStringToSign() {
        assertEquals("POST&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeTrails%26Format%3DJSON"
                        + "%26IncludeShadowTrails%3Dfalse%26NameList%3Da%252Cb%26RegionId%3Dcn-hangzhou"
                        + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                        + "%26SignatureVersion%3D1.0%26Timestamp%3D2020-07-06T12%253A00%253A00Z%26Version%3D2020-07-06",
                Signatures.v1StringToSign("POST", v1VectorParams()));
    }

    @Test
    void v1TestVectorSignature() {
        String stringToSign = Signatures.v1StringToSign("POST", v1VectorParams());
        assertEquals("7PGPJg4iNTn1ypEwn+6hrCgQjmw=", Signatures.v1Signature("testsecret", stringToSign));
    }

    @Test
    void v1SignatureParameterIsNotSigned() {
        Map<String, String> withSignature = v1VectorParams();
        withSignature.put("Signature", "anything");
        assertEquals(Signatures.v1StringToSign("POST", v1VectorParams()),
                Signatures.v1StringToSign("POST", withSignature));
    }

    @Test
    void v1StringToSignUsesTheActualMethod() {
        String get = Signatures.v1StringToSign("GET", v1VectorParams());
        assertTrue(get.startsWith("GET&%2F&AccessKeyId%3Dtestid%26"), get);
        assertNotEquals(Signatures.v1Signature("testsecret", get),
                Signatures.v1Signature("testsecret", Signatures.v1StringToSign("POST", v1VectorParams())));
    }

    @Test
    void v1KeyIsSecretPlusAmpersand() {
        String s = Signatures.v1StringToSign("POST", v1VectorParams());
        assertNotEquals(Signatures.v1Signature("testsecret", s), Signatures.v1Signature("testsecret&", s));
    }

    @Test
    void canonicalQuerySortsByCodePointEncodesBothSidesAndKeepsEmptyValues() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("b", "2");
        p.put("a", "x y");
        p.put("B", "");
        p.put("Signature", "dropped");
        p.put("k*", "v~");
        assertEquals("B=&a=x%20y&b=2&k%2A=v~", Signatures.canonicalQuery(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a b|a%20b",
            "*|%2A",
            "~|~",
            "AZaz09-_.~|AZaz09-_.~",
            "a+b|a%2Bb",
            "/|%2F",
            "2020-07-06T12:00:00Z|2020-07-06T12%3A00%3A00Z",
            "a,b|a%2Cb",
            "k=v&x|k%3Dv%26x",
            "100%|100%25",
            "中|%E4%B8%AD",
            "é|%C3%A9",
            "a😀|a%F0%9F%98%80",
            "acs:log:cn-hangzhou:1234:project/p 1*~|acs%3Alog%3Acn-hangzhou%3A1234%3Aproject%2Fp%201%2A~",
    })
    void percentEncode(String raw, String encoded) {
        assertEquals(encoded, Signatures.percentEncode(raw));
    }

    @Test
    void percentEncodeOfEmptyIsEmpty() {
        assertEquals("", Signatures.percentEncode(""));
    }

    @Test
    void percentEncodeUsesUpperCaseHex() {
        assertEquals("%E2%82%AC%0A", Signatures.percentEncode("€\n"));
    }

    // ---- v3 ------------------------------------------------------------------------------------------------

    private static Map<String, String> v3VectorHeaders() {
        // deliberately unsorted: the canonical headers must come out sorted
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-acs-version", "2020-07-06");
        h.put("x-acs-signature-nonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        h.put("host", "actiontrail.cn-hangzhou.aliyuncs.com");
        h.put("x-acs-date", "2020-07-06T12:00:00Z");
        h.put("x-acs-content-sha256", EMPTY_SHA256);
        h.put("x-acs-action", "DescribeTrails");
        return h;
    }

    private static Map<String, String> v3VectorQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("NameList", "a,b");
        q.put("IncludeShadowTrails", "true");
        return q;
    }

    private static final String SORTED_SIGNED_HEADERS =
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    /** The order tea-openapi 0.1.3 writes in the Authorization header (§1.2). */
    private static final String TEA_SIGNED_HEADERS =
            "x-acs-action;host;x-acs-date;x-acs-version;x-acs-content-sha256;x-acs-signature-nonce";

    private static String canonicalHeaderBlock() {
        return "host:actiontrail.cn-hangzhou.aliyuncs.com\n"
                + "x-acs-action:DescribeTrails\n"
                + "x-acs-content-sha256:" + EMPTY_SHA256 + "\n"
                + "x-acs-date:2020-07-06T12:00:00Z\n"
                + "x-acs-signature-nonce:3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\n"
                + "x-acs-version:2020-07-06\n";
    }

    @Test
    void v3CanonicalRequestOfTheTestVector() {
        String canonical = Signatures.v3CanonicalRequest("POST", v3VectorQuery(), v3VectorHeaders(),
                SORTED_SIGNED_HEADERS, EMPTY_SHA256);
        assertEquals("POST\n/\nIncludeShadowTrails=true&NameList=a%2Cb\n" + canonicalHeaderBlock() + "\n"
                + SORTED_SIGNED_HEADERS + "\n" + EMPTY_SHA256, canonical);
    }

    @Test
    void v3TestVectorSignature() {
        String canonical = Signatures.v3CanonicalRequest("POST", v3VectorQuery(), v3VectorHeaders(),
                SORTED_SIGNED_HEADERS, EMPTY_SHA256);
        String stringToSign = Signatures.v3StringToSign(canonical);
        assertEquals("ACS3-HMAC-SHA256\n" + Signatures.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)),
                stringToSign);
        assertEquals("c93b8965a8d27abb2614f23a317ad2a7169ea6e3d92111b08974b3ae2591ecc4",
                Signatures.v3Signature("testsecret", stringToSign));
    }

    @Test
    void v3UnsortedSignedHeadersAreCopiedVerbatimWhileCanonicalHeadersAreSorted() {
        String canonical = Signatures.v3CanonicalRequest("POST", v3VectorQuery(), v3VectorHeaders(),
                TEA_SIGNED_HEADERS, EMPTY_SHA256);
        assertEquals("POST\n/\nIncludeShadowTrails=true&NameList=a%2Cb\n" + canonicalHeaderBlock() + "\n"
                + TEA_SIGNED_HEADERS + "\n" + EMPTY_SHA256, canonical);
        // independently computed (Python hashlib/hmac) for this canonical request
        assertEquals("16e9862ebc72d04effe3dca997e7c0fb851b6e95bf26e1873e6fe95f8a3c4e99",
                Signatures.v3Signature("testsecret", Signatures.v3StringToSign(canonical)));
    }

    @Test
    void v3HeaderValuesAreTrimmed() {
        Map<String, String> headers = new TreeMap<>(v3VectorHeaders());
        headers.put("x-acs-action", "  DescribeTrails ");
        assertEquals(Signatures.v3CanonicalRequest("POST", v3VectorQuery(), v3VectorHeaders(),
                        SORTED_SIGNED_HEADERS, EMPTY_SHA256),
                Signatures.v3CanonicalRequest("POST", v3VectorQuery(), headers, SORTED_SIGNED_HEADERS,
                        EMPTY_SHA256));
    }

    @Test
    void v3EmptyQueryGivesEmptyLine() {
        String canonical = Signatures.v3CanonicalRequest("GET", Map.of(), v3VectorHeaders(), SORTED_SIGNED_HEADERS,
                EMPTY_SHA256);
        assertTrue(canonical.startsWith("GET\n/\n\nhost:"), canonical);
    }

    @Test
    void v3KeyIsTheBareSecret() {
        String sts = "ACS3-HMAC-SHA256\nabc";
        assertNotEquals(Signatures.v3Signature("testsecret", sts), Signatures.v3Signature("testsecret&", sts));
        assertTrue(Signatures.v3Signature("testsecret", sts).matches("[0-9a-f]{64}"));
    }

    @Test
    void sha256HexOfEmptyBody() {
        assertEquals(EMPTY_SHA256, Signatures.sha256Hex(new byte[0]));
    }

    @Test
    void sameComparesExactly() {
        assertTrue(Signatures.same("7PGPJg4iNTn1ypEwn+6hrCgQjmw=", "7PGPJg4iNTn1ypEwn+6hrCgQjmw="));
        assertFalse(Signatures.same("7PGPJg4iNTn1ypEwn+6hrCgQjmw=", "7PGPJg4iNTn1ypEwn+6hrCgQjmw"));
        assertFalse(Signatures.same("7PGPJg4iNTn1ypEwn+6hrCgQjmw=", "7pGPJg4iNTn1ypEwn+6hrCgQjmw="));
    }
}
