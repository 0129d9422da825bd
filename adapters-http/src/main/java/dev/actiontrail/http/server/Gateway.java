package dev.actiontrail.http.server;

import dev.actiontrail.core.access.AccessKey;
import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.http.auth.Authenticator;
import dev.actiontrail.http.auth.Signatures;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.rpc.RpcApi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ActionTrail RPC gateway, independent of the HTTP library (API reference notes §1): decodes a request's
 * parameters (query string and form body, {@code +} and {@code %20} both spaces), finds its action and version
 * ({@code Action}/{@code Version} or the {@code x-acs-action}/{@code x-acs-version} headers) and its region
 * ({@code RegionId}, else the host {@code actiontrail.<region>.aliyuncs.com}, else the default), authenticates it,
 * answers it through {@link RpcApi}, records the call as an event (committed before the answer, so the caller's
 * next LookupEvents sees it) and renders JSON, or XML when {@code Format=XML}.
 */
public final class Gateway {
    private static final Pattern HOST_REGION = Pattern.compile("actiontrail(?:-vpc)?\\.([a-z0-9-]+)\\.aliyuncs\\.com(?::\\d+)?");

    private final RpcApi api;
    private final Authenticator authenticator;
    private final EventRecorder recorder;
    private final Function<AccessKey, Account> accounts;
    private final String defaultRegion;
    private final IdSource ids;
    private final Clock clock;

    /**
     * @param accounts the account (with its resource directory) an AccessKey belongs to
     */
    public Gateway(RpcApi api, Authenticator authenticator, EventRecorder recorder,
                   Function<AccessKey, Account> accounts, String defaultRegion, IdSource ids, Clock clock) {
        this.api = api;
        this.authenticator = authenticator;
        this.recorder = recorder;
        this.accounts = accounts;
        this.defaultRegion = defaultRegion;
        this.ids = ids;
        this.clock = clock;
    }

    /** Answers one request (never throws for API errors: they become error answers). */
    public HttpAnswer handle(HttpCall call) {
        Map<String, String> query;
        Map<String, String> body;
        try {
            query = decode(call.rawQuery());
            body = isForm(call) ? decode(new String(call.body(), StandardCharsets.UTF_8)) : Map.of();
        } catch (IllegalArgumentException e) { // a malformed %-escape
            return failure(ApiError.INVALID_QUERY_PARAMETER.exception());
        }
        Map<String, String> params = new LinkedHashMap<>(query);
        params.putAll(body);
        if (call.headers().getOrDefault("authorization", "").startsWith(Signatures.V3_ALGORITHM)) {
            // v3 signs these headers; a v1 request must carry Action and Version in its signed parameters
            putIfAbsent(params, "Action", call.headers().get("x-acs-action"));
            putIfAbsent(params, "Version", call.headers().get("x-acs-version"));
        }
        boolean xml = "XML".equalsIgnoreCase(params.get("Format"));
        String region = region(params, call.headers().get("host"));
        String action = params.getOrDefault("Action", "");
        String requestId = ids.requestId();
        AccessKey key;
        try {
            key = authenticator.authenticate(new Authenticator.SignedRequest(call.method(), query, body,
                    call.headers(), call.body()));
        } catch (ApiException e) {
            return render(RpcApi.error(action, region, requestId, e), xml);
        }
        ApiResponse response = api.call(accounts.apply(key), region, params, requestId);
        try {
            recorder.record(key.accountId(), List.of(CallEvents.of(action, params.getOrDefault("Version", ""), region,
                    params, key, response, clock.instant(), call.remoteIp(), call.headers().get("user-agent"))));
        } catch (RuntimeException e) {
            // The call happened but its audit record could not be committed: do not acknowledge it as a success.
            return render(RpcApi.error(action, region, requestId, ApiError.SERVICE_UNAVAILABLE.exception()), xml);
        }
        return render(response, xml);
    }

    /**
     * The JSON answer to a request that failed outside any action (server busy or stopping, body too large,
     * internal error): a fresh RequestId and the default region's HostId.
     */
    public HttpAnswer failure(ApiException e) {
        return render(RpcApi.error("", defaultRegion, ids.requestId(), e), false);
    }

    private static HttpAnswer render(ApiResponse response, boolean xml) {
        return xml ? new HttpAnswer(response.status(), HttpAnswer.XML, ApiRenderer.xml(response))
                : new HttpAnswer(response.status(), HttpAnswer.JSON, ApiRenderer.json(response));
    }

    private String region(Map<String, String> params, String host) {
        String regionId = params.get("RegionId");
        if (regionId != null && !regionId.isEmpty()) {
            return regionId;
        }
        if (host != null) {
            Matcher m = HOST_REGION.matcher(host);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return defaultRegion;
    }

    private static boolean isForm(HttpCall call) {
        String type = call.headers().getOrDefault("content-type", "");
        return type.startsWith("application/x-www-form-urlencoded") && call.body().length > 0;
    }

    /** Decodes {@code k=v&...} with form rules ({@code +} is a space); the first occurrence of a name wins. */
    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static void putIfAbsent(Map<String, String> params, String name, String value) {
        if (value != null && !params.containsKey(name)) {
            params.put(name, value);
        }
    }
}
