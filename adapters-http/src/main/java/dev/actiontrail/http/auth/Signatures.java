package dev.actiontrail.http.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two Alibaba Cloud RPC request signatures, exactly as the official SDKs compute them (API reference notes
 * §1.4, §1.5, with their test vectors). Used by the server to verify and by the CLI's remote mode to sign: one
 * implementation for both. HMAC and SHA-256 come from the JDK.
 */
public final class Signatures {
    /** The v3 algorithm name, first word of the {@code Authorization} header. */
    public static final String V3_ALGORITHM = "ACS3-HMAC-SHA256";

    private Signatures() {
    }

    /**
     * RFC 3986 percent-encoding as the SDKs do it: unreserved {@code A-Z a-z 0-9 - _ . ~} literal, everything else
     * {@code %XX} (UTF-8, upper-case hex; space is {@code %20}).
     */
    public static String percentEncode(String s) {
        int i = 0;
        while (i < s.length() && unreserved(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s; // the common case: names, IDs, numbers
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16).append(s, 0, i);
        for (int b = i; b < bytes.length; b++) { // the first i chars are ASCII: one byte each
            char c = (char) (bytes[b] & 0xFF);
            if (unreserved(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX_DIGITS.charAt(c >> 4)).append(HEX_DIGITS.charAt(c & 0xF));
            }
        }
        return sb.toString();
    }

    private static final String HEX_DIGITS = "0123456789ABCDEF";

    /** RFC 3986 unreserved: {@code A-Z a-z 0-9 - _ . ~}, the only characters left as they are. */
    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~';
    }

    /** {@code k=v&...} of the parameters sorted by name, both sides percent-encoded; {@code Signature} excluded. */
    public static String canonicalQuery(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (e.getKey().equals("Signature")) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        return sb.toString();
    }

    /** v1 string to sign: {@code METHOD&%2F&percentEncode(canonicalQuery)} (§1.4 step 5). */
    public static String v1StringToSign(String method, Map<String, String> params) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
    }

    /** v1 signature: Base64(HMAC-SHA1(secret + "&", stringToSign)) (§1.4 step 6). */
    public static String v1Signature(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret + "&", stringToSign));
    }

    /**
     * v3 canonical request (§1.5).
     *
     * @param query         the query parameters, decoded
     * @param headers       the signed headers by lower-case name with their values
     * @param signedHeaders the SignedHeaders value exactly as the Authorization header gives it
     * @param hashedPayload lower-case hex SHA-256 of the body ({@code x-acs-content-sha256})
     */
    public static String v3CanonicalRequest(String method, Map<String, String> query, Map<String, String> headers,
                                            String signedHeaders, String hashedPayload) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
            canonicalHeaders.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
        }
        return method + "\n/\n" + canonicalQuery(query) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
                + hashedPayload;
    }

    /** v3 string to sign: {@code ACS3-HMAC-SHA256\n} + hex(SHA-256(canonicalRequest)). */
    public static String v3StringToSign(String canonicalRequest) {
        return V3_ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** v3 signature: hex(HMAC-SHA256(secret, stringToSign)). */
    public static String v3Signature(String secret, String stringToSign) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", secret, stringToSign));
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two signatures in constant time. */
    public static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
