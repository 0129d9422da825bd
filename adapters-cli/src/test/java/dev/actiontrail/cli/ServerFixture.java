package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.server.ApiServer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The standalone server as `actiontrail serve` wires it, on a data folder and a free loopback port, with the root
 * AccessKey {@code testid} / {@code testsecret} supplied as a user would on the command line.
 */
final class ServerFixture implements AutoCloseable {
    static final String KEY_ID = "testid";
    static final String KEY_SECRET = "testsecret";

    final LocalRuntime runtime;
    final ApiServer server;
    final int port;

    ServerFixture(Path data) throws Exception {
        runtime = LocalRuntime.open(data);
        runtime.accessKeys().supply(runtime.account().id(), KEY_ID, KEY_SECRET);
        server = new ApiServer(runtime.gateway("cn-hangzhou"), runtime::storeReachable, Main.VERSION);
        port = server.start("127.0.0.1", 0);
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    String accountId() {
        return runtime.account().id().value();
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        runtime.close();
    }
}
