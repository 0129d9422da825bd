package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.rpc.ApiResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two writers on one data folder — the server and the operator's CLI, each with its own connections to the SQLite
 * file — race on the rules CreateTrail checks before it writes. Each call is one transaction, so the rules hold: one
 * trail per name (the other call gets {@code TrailAlreadyExistsException}, never a 500) and at most five trails per
 * region.
 */
class ConcurrentWritersTest {
    @TempDir
    Path data;
    LocalRuntime server;
    LocalRuntime cli;

    @BeforeEach
    void open() {
        server = LocalRuntime.open(data);
        cli = LocalRuntime.open(data);
    }

    @AfterEach
    void close() {
        server.close();
        cli.close();
    }

    /** CreateTrail delivering to the bucket of the trail's own name (two trails may not share a bucket). */
    private static ApiResponse createTrail(LocalRuntime rt, String name) {
        return rt.call(Map.of("Action", "CreateTrail", "Version", "2020-07-06", "Name", name,
                "OssBucketName", name), "cn-hangzhou", "concurrent-writers-test");
    }

    /** Runs the calls at once (half on each runtime) and counts their answers by error code ("" for success). */
    private Map<String, Integer> race(List<String> names) throws Exception {
        for (String bucket : new java.util.TreeSet<>(names)) {
            server.resources().createBucket(bucket, "cn-hangzhou");
        }
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            LocalRuntime rt = i % 2 == 0 ? server : cli;
            String name = names.get(i);
            Callable<ApiResponse> call = () -> {
                go.await();
                return createTrail(rt, name);
            };
            answers.add(pool.submit(call));
        }
        go.countDown();
        Map<String, Integer> byCode = new TreeMap<>();
        for (Future<ApiResponse> f : answers) {
            ApiResponse r = f.get();
            String code = r.ok() ? "" : String.valueOf(r.body().get("Code"));
            byCode.merge(code, 1, Integer::sum);
        }
        pool.shutdown();
        return byCode;
    }

    private int trails(LocalRuntime rt) {
        ApiResponse r = rt.call(Map.of("Action", "DescribeTrails", "Version", "2020-07-06"), "cn-hangzhou", "t");
        return ((List<?>) r.body().get("TrailList")).size();
    }

    @Test
    void oneNameIsCreatedOnceWhateverTheRace() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "race-trail-" + round;
            Map<String, Integer> answers = race(List.of(name, name, name, name));
            assertEquals(Map.of("", 1, "TrailAlreadyExistsException", 3), answers, name);
        }
        assertEquals(5, trails(cli));
    }

    @Test
    void atMostFiveTrailsPerRegionWhateverTheRace() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("limit-trail-" + i);
        }
        assertEquals(Map.of("", 5, "MaximumNumberOfTrailsExceededException", 3), race(names));
        assertEquals(5, trails(server));
    }

    @Test
    void oneRunningHistoryJobPerAccountWhateverTheRace() throws Exception {
        server.resources().createBucket("history-trail", "cn-hangzhou");
        assertEquals(200, createTrail(server, "history-trail").status());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LocalRuntime rt = i % 2 == 0 ? server : cli;
            String token = "token-" + i; // different ClientTokens: four distinct requests
            answers.add(pool.submit(() -> {
                go.await();
                return rt.call(Map.of("Action", "CreateDeliveryHistoryJob", "Version", "2020-07-06",
                        "TrailName", "history-trail", "ClientToken", token), "cn-hangzhou", "concurrent-writers-test");
            }));
        }
        go.countDown();
        Map<String, Integer> byCode = new TreeMap<>();
        for (Future<ApiResponse> f : answers) {
            ApiResponse r = f.get();
            byCode.merge(r.ok() ? "" : String.valueOf(r.body().get("Code")), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(Map.of("", 1, "MaximumNumberOfDeliveryHistoryJobsExceededException", 3), byCode);
    }
}
