package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mistakes operators really make get a clear refusal that says what is wrong, and change nothing. */
class OperatorMistakesCliTest {
    @TempDir
    Path tmp;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aMistypedOptionOrParameterIsRefusedWithTheClosestValidOne() {
        Cli cli = Cli.init(tmp.resolve("data"));
        Cli.Result typo = cli.run("LookupEvents", "--StartTme", "2026-01-01T00:00:00Z");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Unknown option: '--StartTme'"), typo.err());
        assertTrue(typo.err().contains("--StartTime"), typo.err());
        Cli.Result global = cli.run("DescribeTrails", "--endpiont", "127.0.0.1:1");
        assertEquals(2, global.exit());
        assertTrue(global.err().contains("--endpoint"), global.err());
        Cli.Result notAParameter = cli.run("DescribeTrails", "--Data", "x");
        assertEquals(2, notAParameter.exit());
        Cli.Result notAListItem = cli.run("LookupEvents", "--LookupAttribute.1.Kee", "EventName");
        assertEquals(2, notAListItem.exit());
        assertTrue(notAListItem.err().contains("--LookupAttribute.1.Kee"), notAListItem.err());
        // the well-formed list item still works
        assertEquals(0, cli.run("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", "DescribeTrails").exit());
    }

    @Test
    void aMissingDataFolderIsNamedNotCreated() {
        Path missing = tmp.resolve("no-such-folder");
        Cli.Result r = new Cli(missing).run("DescribeTrails");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no data folder at " + missing.toAbsolutePath().normalize()), r.err());
        assertTrue(r.err().contains("actiontrail init"), r.err());
        assertFalse(Files.exists(missing));
        Cli.Result oss = new Cli(missing).run("oss", "ls");
        assertEquals(1, oss.exit());
        assertTrue(oss.err().contains("no data folder at"), oss.err());
        assertFalse(Files.exists(missing));

        Cli made = Cli.init(missing);
        assertTrue(Files.exists(missing.resolve("actiontrail.db")));
        assertEquals(false, made.ok("init").get("Created").asBoolean(), "init again changes nothing");
        assertEquals(0, made.run("DescribeTrails").exit());
    }

    @Test
    void localCommandsRefuseAnEndpointInsteadOfIgnoringIt() {
        Path elsewhere = tmp.resolve("elsewhere");
        for (String[] command : new String[][] {{"account"}, {"oss", "ls"}, {"deliver"}, {"init"},
                {"access-key", "list"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--endpoint";
            args[command.length + 1] = "127.0.0.1:8080";
            Cli.Result r = new Cli(elsewhere).run(args);
            assertTrue(r.exit() != 0, String.join(" ", command));
            assertTrue(r.err().contains("remove --endpoint"), String.join(" ", command) + ": " + r.err());
        }
        assertFalse(Files.exists(elsewhere), "no data folder was made");
    }

    @Test
    void anUnreachableServerIsSaidInWordsWithItsOwnExitStatus() throws Exception {
        Path unused = tmp.resolve("unused");
        int port = closedPort();
        Cli refused = new Cli(unused, "--endpoint", "127.0.0.1:" + port, "--access-key-id", "id",
                "--access-key-secret", "secret");
        Cli.Result r = refused.run("DescribeTrails");
        assertEquals(ApiActionCommand.EXIT_UNREACHABLE, r.exit());
        assertTrue(r.err().contains("cannot connect to 127.0.0.1:" + port + ": connection refused"), r.err());

        Cli.Result unknown = new Cli(unused, "--endpoint", "no-such-host.invalid:8080", "--access-key-id", "id",
                "--access-key-secret", "secret").run("DescribeTrails");
        assertEquals(ApiActionCommand.EXIT_UNREACHABLE, unknown.exit());
        assertTrue(unknown.err().contains("no-such-host.invalid:8080: unknown host"), unknown.err());

        Cli.Result noPort = new Cli(unused, "--endpoint", "127.0.0.1", "--access-key-id", "id",
                "--access-key-secret", "secret").run("DescribeTrails");
        assertEquals(2, noPort.exit());
        assertTrue(noPort.err().contains("--endpoint must be HOST:PORT"), noPort.err());
        assertFalse(Files.exists(unused));
    }

    @Test
    void deliveredObjectsCanBeReadByTheUrlsOssLsPrints() throws Exception {
        Cli cli = Cli.init(tmp.resolve("data"));
        cli.succeed("oss", "mb", "audit-log");
        cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        cli.ok("StartLogging", "--Name", "trail-test");
        cli.ok("DescribeTrails");
        cli.succeed("deliver", "--until-caught-up");
        String url = cli.succeed("oss", "ls", "oss://audit-log").out().lines().filter(l -> l.endsWith(".gz"))
                .findFirst().orElseThrow(() -> new AssertionError("no delivered object"));
        JsonNode events = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(cli.succeed("oss", "cat", url).out());
        assertTrue(events.isArray() && events.size() >= 1, events.toString());
        assertTrue(events.toString().contains("\"eventName\":\"DescribeTrails\""), events.toString());
        Cli.Result outside = cli.run("oss", "cat", "oss://audit-log/../../actiontrail.db");
        assertEquals(1, outside.exit());
        assertTrue(outside.err().contains("no such object"), outside.err());
    }
}
