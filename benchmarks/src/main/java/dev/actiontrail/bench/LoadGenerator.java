package dev.actiontrail.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load generator on Vert.x (one event loop): {@code connections} keep-alive connections, each
 * sending its next request as soon as the previous answer's body has arrived. Requests are built (and signed) by
 * the supplier, one fresh URI each. Only requests started after the warm-up and completed before the end count.
 */
final class LoadGenerator {
    record Result(long requests, long errors, double seconds, double requestsPerSecond, double p50Millis,
                  double p90Millis, double p99Millis, double maxMillis, long bytes) {
    }

    static Result run(int port, int connections, Duration warmup, Duration measure, Supplier<String> uris)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
            long t0 = System.nanoTime();
            long measureStart = t0 + warmup.toNanos();
            long end = measureStart + measure.toNanos();
            CountDownLatch done = new CountDownLatch(connections);
            Stats[] latencies = new Stats[connections];
            AtomicLong errors = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            for (int c = 0; c < connections; c++) {
                latencies[c] = new Stats();
                loop(client, uris, latencies[c], errors, bytes, measureStart, end, done);
            }
            if (!done.await(warmup.plus(measure).toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load generator did not finish");
            }
            Stats all = new Stats();
            for (Stats s : latencies) {
                all.addAll(s);
            }
            double seconds = measure.toNanos() / 1e9;
            return new Result(all.count(), errors.get(), seconds, all.count() / seconds, all.percentileMillis(50),
                    all.percentileMillis(90), all.percentileMillis(99), all.maxMillis(), bytes.get());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static void loop(HttpClient client, Supplier<String> uris, Stats latencies, AtomicLong errors,
                             AtomicLong bytes, long measureStart, long end, CountDownLatch done) {
        long start = System.nanoTime();
        if (start >= end) {
            done.countDown();
            return;
        }
        String uri = uris.get();
        client.request(HttpMethod.GET, uri)
                .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + body);
                    }
                    return body.length();
                })))
                .onComplete(ar -> {
                    long finish = System.nanoTime();
                    if (start >= measureStart && finish <= end) {
                        if (ar.succeeded()) {
                            latencies.add(finish - start);
                            bytes.addAndGet(ar.result());
                        } else {
                            errors.incrementAndGet();
                            if (errors.get() <= 3) {
                                System.err.println("request failed: " + ar.cause().getMessage());
                            }
                        }
                    }
                    loop(client, uris, latencies, errors, bytes, measureStart, end, done);
                });
    }
}
