package dev.actiontrail.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The P3 limit: a bare Vert.x Web route answering a static JSON body on the event loop, nothing else. Run as its own
 * process, like the server under test: {@code BareServer PORT ACTION=BODYFILE...}. The body is chosen by the
 * {@code Action} query parameter (so each API call is compared with a route sending the same bytes), else the first.
 */
public final class BareServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Map<String, Buffer> bodies = new HashMap<>();
        Buffer first = null;
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[i].substring(eq + 1))));
            bodies.put(args[i].substring(0, eq), body);
            first = first == null ? body : first;
        }
        Buffer fallback = first == null ? Buffer.buffer("{}") : first;
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            String action = ctx.request().getParam("Action");
            ctx.response().putHeader("Content-Type", "application/json;charset=utf-8")
                    .end(bodies.getOrDefault(action == null ? "" : action, fallback));
        });
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)).requestHandler(router)
                .listen().toCompletionStage().toCompletableFuture().get();
        System.out.println("bare listening on " + port);
    }
}
