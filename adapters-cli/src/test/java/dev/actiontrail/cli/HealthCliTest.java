package dev.actiontrail.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code actiontrail health}: what a container health check runs. */
class HealthCliTest {
    @TempDir
    Path data;

    @Test
    void upIsZeroAndUnreachableIsThree() throws Exception {
        try (ServerFixture fixture = new ServerFixture(data)) {
            Cli.Result up = new Cli(data.resolve("unused"), "--endpoint", fixture.endpoint()).run("health");
            assertEquals(0, up.exit(), up.err());
            assertTrue(up.out().contains("\"Status\":\"UP\""), up.out());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Result down = new Cli(data.resolve("unused"), "--endpoint", "127.0.0.1:" + closed).run("health");
        assertEquals(ApiActionCommand.EXIT_UNREACHABLE, down.exit());
        assertTrue(down.err().contains("connection refused"), down.err());
    }
}
