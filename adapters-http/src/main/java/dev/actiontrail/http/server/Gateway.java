package dev.actiontrail.http.server;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.http.auth.Authenticator;
import dev.actiontrail.http.auth.Signatures;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.rpc.ErrorAnswers;
import dev.actiontrail.http.rpc.Params;
import dev.actiontrail.http.rpc.RpcApi;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.CallAuthorizer;
import dev.actiontrail.http.spec.CallFacts;
import dev.actiontrail.http.spec.Invocation;
import dev.actiontrail.http.spec.ProductApi;

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
 * The RPC gateway of every product the server speaks, independent of the HTTP library (API reference notes §1,
 * architecture notes): decodes a request's parameters (query string and form body, {@code +} and {@code %20} both
 * spaces), finds its action and version ({@code Action}/{@code Version} or the {@code x-acs-action}/
 * {@code x-acs-version} headers), routes it to the product serving that version (ActionTrail, RAM, STS, …), finds its
 * region ({@code RegionId}, else the host {@code actiontrail.<region>.aliyuncs.com}, else the default),
 * authenticates it, authorizes it once from the action's spec (RAM action and resource ARN), runs the handler,
 * records the call as an event of the caller's account (committed before the answer, so the caller's next
 * LookupEvents sees it — denied and crashed calls too) and renders JSON, or XML when {@code Format=XML}.
 *
 * <p>The operator's local CLI enters the same pipeline through {@link #local}: authorized (as the account's root
 * identity) and recorded like a call over HTTP.
 */
public final class Gateway {
    private static final Pattern HOST_REGION = Pattern.compile("actiontrail(?:-vpc)?\\.([a-z0-9-]+)\\.aliyuncs\\.com(?::\\d+)?");
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final List<ProductApi> products;
    private final Authenticator authenticator;
    private final CallAuthorizer authorizer;
    private final EventRecorder recorder;
    private final Function<AccountId, Account> accounts;
    private final String defaultRegion;
    private final IdSource ids;
    private final Clock clock;

    /**
     * @param products   the products served; the first one (ActionTrail) also answers calls no product serves
     * @param accounts   the account (with its resource directory) of an account ID
     */
    public Gateway(List<ProductApi> products, Authenticator authenticator, CallAuthorizer authorizer,
                   EventRecorder recorder, Function<AccountId, Account> accounts, String defaultRegion, IdSource ids,
                   Clock clock) {
        this.products = List.copyOf(products);
        this.authenticator = authenticator;
        this.authorizer = authorizer;
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
        Caller caller;
        try {
            caller = authenticator.authenticate(new Authenticator.SignedRequest(call.method(), query, body,
                    call.headers(), call.body()));
        } catch (ApiException e) {
            ApiResponse refused = error(route(params.get("Version")), action, region, requestId, e);
            return render(refused, xml, access(refused, params, claimedKey(params, call.headers())));
        }
        String userAgent = call.headers().get("user-agent");
        CallFacts facts = new CallFacts(call.remoteIp(), userAgent == null ? "" : userAgent, call.secure(),
                clock.instant());
        ApiResponse response = serve(caller, params, region, requestId, facts);
        return render(response, xml, access(response, params, caller.accessKeyId()));
    }


    /** The AccessKeyId a request claims (v1 parameter, or the v3 Credential), for the access log; "" if none. */
    private static String claimedKey(Map<String, String> params, Map<String, String> headers) {
        String v1 = params.get("AccessKeyId");
        if (v1 != null) {
            return v1;
        }
        Matcher m = CREDENTIAL.matcher(headers.getOrDefault("authorization", ""));
        return m.find() ? m.group(1) : "";
    }

    /**
     * Runs a call of the operator's local CLI (no signature: the operator holds the data folder) as {@code caller},
     * through the same authorization, dispatch and recording as a call over HTTP.
     *
     * @param params    the call's parameters, including {@code Action} and {@code Version}
     * @param userAgent recorded as the event's {@code userAgent}
     */
    public ApiResponse local(Caller caller, Map<String, String> params, String region, String userAgent) {
        CallFacts facts = new CallFacts("127.0.0.1", userAgent, false, clock.instant());
        return serve(caller, new LinkedHashMap<>(params), region, ids.requestId(), facts);
    }

    /**
     * The JSON answer to a request that failed outside any action (server busy or stopping, body too large,
     * internal error): a fresh RequestId and the default region's HostId.
     */
    public HttpAnswer failure(ApiException e) {
        return render(RpcApi.error("", defaultRegion, ids.requestId(), e), false);
    }

    private ApiResponse serve(Caller caller, Map<String, String> params, String region, String requestId,
                              CallFacts facts) {
        String action = params.getOrDefault("Action", "");
        String version = params.getOrDefault("Version", "");
        ProductApi product = route(version);
        ActionSpec spec = null;
        Invocation call = null;
        String callRegion = params.getOrDefault("RegionId", "").isEmpty() ? region : params.get("RegionId");
        ApiResponse response;
        try {
            if (action.isEmpty()) {
                throw ApiError.MISSING_PARAMETER.exception("Action");
            }
            if (version.isEmpty()) {
                throw ApiError.MISSING_PARAMETER.exception("Version");
            }
            if (!product.serves(version)) {
                throw ApiError.INVALID_VERSION.exception();
            }
            spec = product.action(action, version, callRegion).orElseThrow(ApiError.INVALID_ACTION::exception);
            call = new Invocation(caller, accounts.apply(caller.accountId()), callRegion, version,
                    new Params(params), requestId, facts);
            if (spec.ramAction() != null) {
                for (String resource : spec.resources().apply(call)) {
                    authorizer.authorize(caller, product, spec, resource, facts);
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("RequestId", requestId);
            answer.putAll(spec.handler().handle(call));
            response = new ApiResponse(200, action, answer);
        } catch (ApiException e) {
            response = error(product, action, region, requestId, e);
        } catch (RuntimeException e) {
            // a fault of ours, not of the call: answered and recorded as InternalError, the stack trace logged only
            LOG.log(System.Logger.Level.ERROR, "InternalError answering " + action + " (RequestId " + requestId + ")", e);
            response = error(product, action, region, requestId, product.internalError().exception());
        }
        try {
            recorder.record(caller.accountId(), List.of(CallEvents.of(product, spec, call, action, version, callRegion,
                    params, caller, response, facts)));
        } catch (RuntimeException e) {
            // The call happened but its audit record could not be committed: do not acknowledge it as a success.
            LOG.log(System.Logger.Level.ERROR, "could not record " + action + " (RequestId " + requestId + ")", e);
            return error(product, action, region, requestId, ApiError.SERVICE_UNAVAILABLE.exception());
        }
        return response;
    }

    /** The product serving a version; the first product for an unknown or missing version. */
    private ProductApi route(String version) {
        if (version != null) {
            for (ProductApi p : products) {
                if (p.serves(version)) {
                    return p;
                }
            }
        }
        return products.get(0);
    }

    private static ApiResponse error(ProductApi product, String action, String region, String requestId,
                                     ApiException e) {
        return ErrorAnswers.of(product.product(), product.host(region), action, requestId, e);
    }

    private static HttpAnswer render(ApiResponse response, boolean xml) {
        return render(response, xml, null);
    }

    /** The answer, with what the access log says of its call when {@code access} is given. */
    private static HttpAnswer render(ApiResponse response, boolean xml, HttpAnswer.Access access) {
        return new HttpAnswer(response.status(), xml ? HttpAnswer.XML : HttpAnswer.JSON,
                xml ? ApiRenderer.xml(response) : ApiRenderer.json(response), access);
    }

    /** What the access log says of a call: its action, version and key, and the answer's code and RequestId. */
    private static HttpAnswer.Access access(ApiResponse response, Map<String, String> params, String accessKeyId) {
        Object code = response.body().get("Code");
        Object requestId = response.body().get("RequestId");
        return new HttpAnswer.Access(params.getOrDefault("Action", ""), params.getOrDefault("Version", ""),
                accessKeyId == null ? "" : accessKeyId, code == null ? "" : code.toString(),
                requestId == null ? "" : requestId.toString());
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
