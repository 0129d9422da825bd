package dev.actiontrail.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.http.json.EventJson;
import dev.actiontrail.http.auth.Signatures;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.rpc.RawJson;
import dev.actiontrail.http.rpc.RpcApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The standalone server: Vert.x Web answering the ActionTrail RPC API on every path, GET and POST, through the
 * {@link Gateway} (run on worker threads: the store blocks), plus {@code GET /health}
 * ({@code {"Status":"UP"|"DOWN","Store":true|false,"Version":...}}, 200 or 503).
 * {@link #stop(Duration)} stops accepting, drains the requests in flight, then closes Vert.x.
 */
public final class ApiServer {
    private static final org.slf4j.Logger ACCESS = org.slf4j.LoggerFactory.getLogger("actiontrail.access");
    /** The largest request body accepted (form parameters), in bytes. */
    public static final long MAX_BODY_BYTES = 1 << 20;

    private final Gateway gateway;
    private final BooleanSupplier storeReachable;
    private final String version;
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private HttpServer server;

    public ApiServer(Gateway gateway, BooleanSupplier storeReachable, String version) {
        this.gateway = gateway;
        this.storeReachable = storeReachable;
        this.version = version;
    }

    /**
     * Starts listening; blocks until bound.
     *
     * @param port 0 for any free port
     * @return the bound port
     */
    public int start(String host, int port) throws Exception {
        return start(host, port, null);
    }

    /**
     * A PEM certificate chain and its private key (PKCS#8 or PKCS#1) for HTTPS.
     *
     * @param certificate the server's certificate (then its chain), PEM
     * @param privateKey  its private key, PEM
     */
    public record Tls(java.nio.file.Path certificate, java.nio.file.Path privateKey) {
    }

    /**
     * Starts listening, over HTTPS when {@code tls} is given (then {@code acs:SecureTransport} is {@code true} for
     * its calls); blocks until bound.
     *
     * @param port 0 for any free port
     * @return the bound port
     */
    public int start(String host, int port, Tls tls) throws Exception {
        warmUpInBackground();
        Router router = Router.router(vertx);
        router.get("/health").blockingHandler(this::health, false);
        // Only for methods that carry a body: on a GET with a form Content-Type (sent by some RPC clients) the body
        // handler's form decoding throws, which answered 500.
        router.route().method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .method(HttpMethod.DELETE)
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false)
                        // the gateway decodes query and form itself: merging made Vert.x decode the query here, and
                        // a bad %-escape in it threw on the event loop, leaving the request unanswered
                        .setMergeFormAttributes(false));
        router.route().handler(this::api);
        // Requests Vert.x refuses before any handler (an undecodable URI, a body over the limit) still get the
        // API's error format.
        router.errorHandler(400, ctx -> send(ctx, gateway.failure(ApiError.INVALID_QUERY_PARAMETER.exception())));
        router.errorHandler(413, ctx -> send(ctx,
                gateway.failure(ApiError.INVALID_QUERY_PARAMETER.exception()).withStatus(413)));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
                    .setCertPath(tls.certificate().toString()).setKeyPath(tls.privateKey().toString()));
        }
        server = vertx.createHttpServer(options)
                .requestHandler(router)
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server.actualPort();
    }

    /**
     * Loads and initialises, on another thread while Vert.x binds, what the first call needs (JCE's HMAC, the
     * JSON mappers, the event parser, the renderer): the first answer otherwise pays for it all on its own.
     */
    private static void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            try {
                Signatures.v1Signature("warm-up", Signatures.v1StringToSign("GET", Map.of("Action", "DescribeTrails")));
                Signatures.v3Signature("warm-up", Signatures.v3StringToSign("warm-up"));
                EventJson.fromText("{\"eventId\":\"warm-up\",\"eventTime\":\"2024-01-01T00:00:00Z\","
                        + "\"userIdentity\":{\"userName\":\"warm-up\"},\"requestParameters\":{\"n\":1.5}}");
                ApiRenderer.json(new ApiResponse(200, "DescribeTrails", Map.of("RequestId", "warm-up",
                        "TrailList", List.of(Map.of("Name", "warm-up"), new RawJson("{}")))));
            } catch (RuntimeException | LinkageError e) {
                // only an optimisation: the first call initialises whatever is left
            }
        }, "actiontrail-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    private void api(RoutingContext ctx) {
        // counted before the draining check, so stop() either sees this request in flight or it sees draining
        inFlight.incrementAndGet();
        if (draining) {
            inFlight.decrementAndGet();
            send(ctx, gateway.failure(ApiError.SERVICE_UNAVAILABLE.exception()));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String query = ctx.request().query();
        HttpCall call = new HttpCall(ctx.request().method().name(), query == null ? "" : query, headers, body,
                ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress(),
                ctx.request().isSSL());
        long started = System.nanoTime();
        vertx.executeBlocking(() -> {
            try {
                return gateway.handle(call);
            } catch (RuntimeException e) {
                return gateway.failure(ApiError.INTERNAL_ERROR.exception());
            }
        }, false).onComplete(result -> {
            try {
                HttpAnswer answer = result.succeeded() ? result.result()
                        : gateway.failure(ApiError.INTERNAL_ERROR.exception());
                send(ctx, answer);
                logAccess(call, answer, started);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /**
     * One access log line per call (logger {@code actiontrail.access}, INFO): client IP, action, version, AccessKeyId,
     * status, error code, duration (ms) and RequestId as key-value pairs — never a signature, secret or token.
     */
    private static void logAccess(HttpCall call, HttpAnswer answer, long startedNanos) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        HttpAnswer.Access a = answer.access();
        ACCESS.atInfo().addKeyValue("ip", call.remoteIp())
                .addKeyValue("action", a == null ? "" : a.action())
                .addKeyValue("version", a == null ? "" : a.version())
                .addKeyValue("accessKeyId", a == null ? "" : a.accessKeyId())
                .addKeyValue("status", answer.status())
                .addKeyValue("code", a == null || a.code().isEmpty() ? "-" : a.code())
                .addKeyValue("ms", (System.nanoTime() - startedNanos) / 1_000_000)
                .addKeyValue("requestId", a == null ? "" : a.requestId())
                .log("call");
    }

    private static void send(RoutingContext ctx, HttpAnswer answer) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            return; // already answered (a refused body is failed once more by Vert.x after its answer)
        }
        ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType()).end(answer.body());
    }

    private void health(RoutingContext ctx) {
        boolean up = storeReachable.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", up ? "UP" : "DOWN");
        body.put("Store", up);
        body.put("Version", version);
        try {
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", HttpAnswer.JSON)
                    .end(EventJson.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /**
     * Drains and stops: new requests are answered {@code ServiceUnavailable} (503), the requests in flight are
     * waited for (up to {@code drain}), then the listener and Vert.x are closed.
     */
    public void stop(Duration drain) {
        draining = true;
        try {
            long deadline = System.nanoTime() + drain.toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("server did not stop cleanly", e);
        }
    }
}
