package dev.actiontrail.http.client;

import dev.actiontrail.http.auth.Signatures;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal RPC client (ActionTrail, RAM, STS) signing with signature v1 exactly like the legacy SDK (§1.2, §1.4):
 * POST, every parameter in the query string, an empty form body. With temporary credentials (an {@code STS.}
 * AccessKey) it sends their SecurityToken as the signed parameter {@code SecurityToken}. Used by the CLI's remote
 * mode. Neither the secret nor the token appears in {@link #toString()} or in any message of this class.
 */
public final class RpcClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final Clock clock;

    /**
     * A client signing with a long-term AccessKey (no SecurityToken).
     *
     * @param endpoint {@code host:port}, or a URL starting with {@code http://} or {@code https://}
     */
    public RpcClient(String endpoint, String accessKeyId, String accessKeySecret, Clock clock) {
        this(endpoint, accessKeyId, accessKeySecret, null, clock);
    }

    /**
     * A client signing with an AccessKey and, for temporary credentials, their SecurityToken.
     *
     * @param endpoint      {@code host:port}, or a URL starting with {@code http://} or {@code https://}
     * @param securityToken the STS SecurityToken sent with every call, or null (or empty) for none
     */
    public RpcClient(String endpoint, String accessKeyId, String accessKeySecret, String securityToken,
                     Clock clock) {
        this.baseUrl = endpoint.startsWith("http://") || endpoint.startsWith("https://")
                ? endpoint.replaceAll("/+$", "") : "http://" + endpoint;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null : securityToken;
        this.clock = clock;
    }

    /**
     * The query string of a v1-signed call as the legacy SDK sends it: the API parameters plus {@code Format=JSON}
     * (unless given), AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp (UTC, seconds) and
     * Signature, percent-encoded, without the leading {@code ?}.
     */
    public static String signedQuery(String method, Map<String, String> params, String accessKeyId,
                                     String accessKeySecret, String nonce, Instant now) {
        return signedQuery(method, params, accessKeyId, accessKeySecret, null, nonce, now);
    }

    /**
     * The query string of a v1-signed call as {@link #signedQuery(String, Map, String, String, String, Instant)}
     * makes it, plus {@code SecurityToken} (signed like every other parameter) when {@code securityToken} is given.
     *
     * @param securityToken the STS SecurityToken of temporary credentials, or null (or empty) for none
     */
    public static String signedQuery(String method, Map<String, String> params, String accessKeyId,
                                     String accessKeySecret, String securityToken, String nonce, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.putIfAbsent("Format", "JSON");
        signed.put("AccessKeyId", accessKeyId);
        if (securityToken != null && !securityToken.isEmpty()) {
            signed.put("SecurityToken", securityToken);
        }
        signed.put("SignatureMethod", "HMAC-SHA1");
        signed.put("SignatureVersion", "1.0");
        signed.put("SignatureNonce", nonce);
        signed.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        signed.put("Signature", Signatures.v1Signature(accessKeySecret, Signatures.v1StringToSign(method, signed)));
        StringBuilder query = new StringBuilder();
        signed.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(Signatures.percentEncode(k))
                .append('=').append(Signatures.percentEncode(v)));
        return query.toString();
    }

    /** An HTTP answer: status and body text. */
    public record Answer(int status, String body) {
    }

    /**
     * Sends one call.
     *
     * @param params the API parameters including {@code Action}, {@code Version} and (optionally) {@code RegionId}
     */
    public Answer call(Map<String, String> params) throws IOException, InterruptedException {
        String query = signedQuery("POST", params, accessKeyId, accessKeySecret, securityToken,
                UUID.randomUUID().toString(), clock.instant());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "actiontrail-cli")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public String toString() {
        return "RpcClient[" + baseUrl + ", " + accessKeyId + (securityToken != null ? ", with SecurityToken" : "")
                + "]";
    }
}
