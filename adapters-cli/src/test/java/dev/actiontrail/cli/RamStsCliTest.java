package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ram} and {@code sts} command groups on a local data folder (the default account's root identity,
 * every call recorded as an event), their help, and {@code account create|list} / {@code access-key create
 * --account-id}.
 */
class RamStsCliTest {
    @TempDir
    Path data;
    Cli cli;
    String account;

    @BeforeEach
    void setUp() {
        cli = Cli.init(data);
        account = cli.ok("account").get("AccountId").asText();
    }

    @Test
    void ramCreateUserThenGetUserShowsTheUser() {
        JsonNode created = cli.ok("ram", "CreateUser", "--UserName", "alice");
        assertEquals("alice", created.at("/User/UserName").asText(), created.toString());
        assertFalse(created.at("/User/UserId").asText().isEmpty());
        JsonNode got = cli.ok("ram", "GetUser", "--UserName", "alice");
        assertEquals("alice", got.at("/User/UserName").asText(), got.toString());
        assertEquals(created.at("/User/UserId").asText(), got.at("/User/UserId").asText());
        assertFalse(got.path("RequestId").asText().isEmpty());
    }

    @Test
    void ramErrorGoesToStandardErrorWithItsCodeAndExitOne() {
        Cli.Result bad = cli.run("ram", "CreateUser", "--UserName", "bad name!");
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertEquals("", bad.out().trim());
        JsonNode error = bad.errorJson();
        assertEquals("InvalidParameter.UserName.InvalidChars", error.get("Code").asText(), bad.err());
        assertFalse(error.path("RequestId").asText().isEmpty());
        Cli.Result missing = cli.run("ram", "GetUser", "--UserName", "bob");
        assertEquals(1, missing.exit());
        assertEquals("EntityNotExist.User", missing.errorJson().get("Code").asText(), missing.err());
    }

    @Test
    void stsGetCallerIdentityLocallyIsTheAccount() {
        JsonNode who = cli.ok("sts", "GetCallerIdentity");
        assertEquals("Account", who.get("IdentityType").asText(), who.toString());
        assertEquals(account, who.get("AccountId").asText());
    }

    @Test
    void localCallsAreRecordedAsEvents() {
        cli.ok("ram", "CreateUser", "--UserName", "alice");
        JsonNode events = cli.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", "CreateUser");
        assertEquals(1, events.get("Events").size(), events.toString());
        JsonNode event = events.at("/Events/0");
        assertEquals("CreateUser", event.get("eventName").asText());
        assertEquals("Ram", event.get("serviceName").asText(), event.toString());
        assertEquals(account, event.at("/userIdentity/accountId").asText());
        assertTrue(event.path("userAgent").asText().startsWith("actiontrail-cli/"), event.toString());
    }

    @Test
    void helpListsActionsAndParameters() {
        Cli.Result ram = cli.succeed("ram", "--help");
        for (String action : List.of("CreateUser", "GetUser", "CreatePolicy", "AttachPolicyToUser", "CreateRole")) {
            assertTrue(ram.out().contains(action), ram.out());
        }
        assertTrue(cli.succeed("ram").out().contains("CreateUser"), "ram alone shows its actions");
        Cli.Result createPolicy = cli.succeed("ram", "CreatePolicy", "--help");
        assertTrue(createPolicy.out().contains("--PolicyName"), createPolicy.out());
        assertTrue(createPolicy.out().contains("--PolicyDocument"), createPolicy.out());
        assertTrue(createPolicy.out().contains("2015-05-01"), createPolicy.out());
        Cli.Result assume = cli.succeed("sts", "AssumeRole", "--help");
        assertTrue(assume.out().contains("--RoleArn") && assume.out().contains("--RoleSessionName"), assume.out());
        Cli.Result top = cli.succeed("--help");
        assertTrue(top.out().contains("ram") && top.out().contains("sts"), top.out());
        assertTrue(top.out().contains("--security-token"), top.out());
    }

    @Test
    void accountCreateTwiceWithOneIdFailsTheSecondTimeAndChangesNothing() {
        JsonNode first = cli.ok("account", "create", "--account-id", "2000000000000001");
        assertEquals("2000000000000001", first.get("AccountId").asText());
        assertTrue(first.get("AccessKeyId").asText().startsWith("LTAI"), first.toString());
        String secret = first.get("AccessKeySecret").asText();
        assertFalse(secret.isEmpty());
        List<String> keysBefore = keysOf("2000000000000001");
        assertEquals(List.of(first.get("AccessKeyId").asText()), keysBefore);

        Cli.Result again = cli.run("account", "create", "--account-id", "2000000000000001");
        assertEquals(1, again.exit(), again.out() + again.err());
        assertTrue(again.err().contains("2000000000000001"), again.err());
        assertEquals("", again.out().trim());
        assertEquals(keysBefore, keysOf("2000000000000001"), "the failed create made no key");
        assertFalse(cli.succeed("access-key", "list").out().contains(secret), "list never shows a secret");

        Cli.Result badId = cli.run("account", "create", "--account-id", "123");
        assertEquals(1, badId.exit());

        JsonNode random = cli.ok("account", "create");
        String randomId = random.get("AccountId").asText();
        assertTrue(randomId.matches("[1-9]\\d{15}"), randomId);
        assertNotEquals("2000000000000001", randomId);

        JsonNode list = cli.ok("account", "list");
        List<String> ids = new ArrayList<>();
        for (JsonNode a : list.get("Accounts")) {
            ids.add(a.get("AccountId").asText());
            assertEquals(a.get("AccountId").asText().equals(account), a.get("Default").asBoolean(), list.toString());
        }
        assertEquals(3, ids.size(), list.toString());
        assertTrue(ids.containsAll(List.of(account, "2000000000000001", randomId)), list.toString());
        assertEquals(account, cli.ok("account").get("AccountId").asText(), "account alone still shows the default");
    }

    @Test
    void accessKeyCreateTakesAnAccount() {
        cli.ok("account", "create", "--account-id", "2000000000000002");
        JsonNode key = cli.ok("access-key", "create", "--account-id", "2000000000000002");
        assertEquals("2000000000000002", key.get("AccountId").asText());
        assertEquals("root", key.get("UserName").asText());
        cli.ok("ram", "CreateUser", "--UserName", "alice");
        JsonNode user = cli.ok("access-key", "create", "--user-name", "alice");
        assertEquals(account, user.get("AccountId").asText(), "default: the data folder's account");
        assertEquals("alice", user.get("UserName").asText());
        Cli.Result none = cli.run("access-key", "create", "--account-id", "3999999999999999");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("3999999999999999"), none.err());
    }

    private List<String> keysOf(String accountId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode k : cli.ok("access-key", "list").get("AccessKeys")) {
            if (k.get("AccountId").asText().equals(accountId)) {
                ids.add(k.get("AccessKeyId").asText());
            }
        }
        return ids;
    }
}
