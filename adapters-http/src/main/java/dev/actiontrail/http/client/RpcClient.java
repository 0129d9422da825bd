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
 * A minimal ActionTrail RPC client signing with signature v1 exactly like the legacy SDK (§1.2, §1.4): POST, every
 * parameter in the query string, an empty form body. Used by the CLI's remote mode.
 */
public final class RpcClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final Clock clock;

    /**
     * @param endpoint {@code host:port}, or a URL starting with {@code http://} or {@code https://}
     */
    public RpcClient(String endpoint, String accessKeyId, String accessKeySecret, Clock clock) {
        this.baseUrl = endpoint.startsWith("http://") || endpoint.startsWith("https://")
                ? endpoint.replaceAll("/+$", "") : "http://" + endpoint;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.clock = clock;
    }

    /**
     * The query string of a v1-signed call as the legacy SDK sends it: the API parameters plus {@code Format=JSON}
     * (unless given), AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp (UTC, seconds) and
     * Signature, percent-encoded, without the leading {@code ?}.
     */
    public static String signedQuery(String method, Map<String, String> params, String accessKeyId,
                                     String accessKeySecret, String nonce, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.putIfAbsent("Format", "JSON");
        signed.put("AccessKeyId", accessKeyId);
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
        String query = signedQuery("POST", params, accessKeyId, accessKeySecret, UUID.randomUUID().toString(),
                clock.instant());
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
}
