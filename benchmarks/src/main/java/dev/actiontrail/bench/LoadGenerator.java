package dev.actiontrail.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.time.Duration;
import java.util.List;
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

    /** The raw samples of one run (latencies of the requests that count, errors, bytes), to merge with others. */
    record Segment(Stats latencies, long errors, long bytes, double seconds) {
    }

    static Result run(int port, int connections, Duration warmup, Duration measure, Supplier<String> uris)
            throws InterruptedException {
        return merge(List.of(segment(port, connections, warmup, measure, uris)));
    }

    /** A run whose figures are discarded: only warms the server (JIT, caches) with these calls. */
    static void warmUp(int port, int connections, Duration duration, Supplier<String> uris)
            throws InterruptedException {
        segment(port, connections, duration, Duration.ZERO, uris);
    }

    /** One run (fresh connections): {@code warmup} not counted, then {@code measure} counted. */
    static Segment segment(int port, int connections, Duration warmup, Duration measure, Supplier<String> uris)
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
            return new Segment(all, errors.get(), bytes.get(), measure.toNanos() / 1e9);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The figures of several measured segments taken together (their times added, their samples pooled). */
    static Result merge(List<Segment> segments) {
        Stats all = new Stats();
        long errors = 0;
        long bytes = 0;
        double seconds = 0;
        for (Segment s : segments) {
            all.addAll(s.latencies());
            errors += s.errors();
            bytes += s.bytes();
            seconds += s.seconds();
        }
        return new Result(all.count(), errors, seconds, all.count() / seconds, all.percentileMillis(50),
                all.percentileMillis(90), all.percentileMillis(99), all.maxMillis(), bytes);
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
