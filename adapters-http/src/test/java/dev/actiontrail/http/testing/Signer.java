package dev.actiontrail.http.testing;

import dev.actiontrail.http.auth.Signatures;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Signs requests the way the official clients do (API reference notes §1.2, §1.4, §1.5), using
 * {@link Signatures} for the cryptography. Timestamps come from the given clock.
 */
public final class Signer {
    private final String accessKeyId;
    private final String secret;
    private final Clock clock;

    public Signer(String accessKeyId, String secret, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.clock = clock;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** A fresh 32-hex-character nonce, as the legacy SDK makes them. */
    public static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} of an instant (UTC, no fractions). */
    public static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The current timestamp of the signer's clock. */
    public String now() {
        return timestamp(clock.instant());
    }

    /**
     * The v1 common parameters of a call (Action, Version, Format=JSON, AccessKeyId, SignatureMethod,
     * SignatureVersion, SignatureNonce, Timestamp), without Signature.
     */
    public Map<String, String> common(String action, String version) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("AccessKeyId", accessKeyId);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", nonce());
        p.put("Timestamp", now());
        return p;
    }

    /** The v1 string to sign over {@code all} (query and form parameters together). */
    public static String v1StringToSign(String method, Map<String, String> all) {
        return Signatures.v1StringToSign(method, all);
    }

    /** The v1 signature of {@code all} (query and form parameters together) with this signer's secret. */
    public String v1Signature(String method, Map<String, String> all) {
        return Signatures.v1Signature(secret, Signatures.v1StringToSign(method, all));
    }

    /** Adds {@code Signature} to {@code common}, signing over {@code common} plus {@code body}. */
    public Map<String, String> signV1(String method, Map<String, String> common, Map<String, String> body) {
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(body);
        Map<String, String> signed = new LinkedHashMap<>(common);
        signed.put("Signature", v1Signature(method, all));
        return signed;
    }

    /** A query string as the SDKs write it: RFC 3986 percent-encoding, space as {@code %20}. */
    public static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(Signatures.percentEncode(k)).append('=').append(Signatures.percentEncode(v));
        });
        return sb.toString();
    }

    /** A form body as Tea writes it: {@code application/x-www-form-urlencoded}, space as {@code +}. */
    public static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /** The signed headers and Authorization of a v3 request. */
    public record V3(Map<String, String> headers, String authorization, String canonicalRequest,
                     String stringToSign) {
    }

    /**
     * Signs a v3 request: {@code x-acs-action}, {@code x-acs-version}, {@code x-acs-date} (now),
     * {@code x-acs-signature-nonce}, {@code x-acs-content-sha256} of {@code body}, plus {@code host} and
     * {@code extraHeaders} (lower-case names) are all signed; SignedHeaders in the order given by
     * {@code signedHeaderOrder} when not null, else sorted.
     */
    public V3 signV3(String method, String host, String action, String version, Map<String, String> query,
                     byte[] body, Map<String, String> extraHeaders, String signedHeaderOrder) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", version);
        headers.put("x-acs-date", now());
        headers.put("x-acs-signature-nonce", nonce());
        headers.put("x-acs-content-sha256", Signatures.sha256Hex(body));
        headers.putAll(extraHeaders);
        String signedHeaders = signedHeaderOrder != null ? signedHeaderOrder : String.join(";", headers.keySet());
        String canonical = Signatures.v3CanonicalRequest(method, query, headers, signedHeaders,
                headers.get("x-acs-content-sha256"));
        String stringToSign = Signatures.v3StringToSign(canonical);
        String authorization = Signatures.V3_ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders="
                + signedHeaders + ",Signature=" + Signatures.v3Signature(secret, stringToSign);
        return new V3(headers, authorization, canonical, stringToSign);
    }
}
