package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actiontrail.http.client.RpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's remote mode against a running server for RAM and STS: signing as a RAM user with a key made by
 * {@code access-key create} beside the server, then with STS temporary credentials ({@code --security-token});
 * and {@code account create} on the server's data folder while it runs.
 */
class RamStsRemoteCliTest {
    @TempDir
    Path data;
    ServerFixture fixture;
    Path unused;
    Cli root;
    Cli local;
    String account;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        account = fixture.accountId();
        unused = data.resolveSibling(data.getFileName() + "-unused-local-folder");
        root = remote(ServerFixture.KEY_ID, ServerFixture.KEY_SECRET);
        local = new Cli(data);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Cli remote(String id, String secret, String... more) {
        String[] globals = new String[6 + more.length];
        String[] base = {"--endpoint", fixture.endpoint(), "--access-key-id", id, "--access-key-secret", secret};
        System.arraycopy(base, 0, globals, 0, 6);
        System.arraycopy(more, 0, globals, 6, more.length);
        return new Cli(unused, globals);
    }

    @Test
    void ramUserKeyAndStsTemporaryCredentialsSignRemoteCalls() {
        JsonNode created = root.ok("ram", "CreateUser", "--UserName", "dev");
        assertEquals("dev", created.at("/User/UserName").asText(), created.toString());
        root.ok("ram", "AttachPolicyToUser", "--PolicyType", "System", "--PolicyName", "AliyunSTSAssumeRoleAccess",
                "--UserName", "dev");
        // the key is made by the CLI on the server's data folder while the server runs
        JsonNode key = local.ok("access-key", "create", "--user-name", "dev");
        Cli dev = remote(key.get("AccessKeyId").asText(), key.get("AccessKeySecret").asText());

        JsonNode who = dev.ok("sts", "GetCallerIdentity");
        assertEquals("RAMUser", who.get("IdentityType").asText(), who.toString());
        assertEquals(account, who.get("AccountId").asText());
        assertEquals(created.at("/User/UserId").asText(), who.get("UserId").asText());
        Cli.Result denied = dev.run("DescribeTrails");
        assertEquals(1, denied.exit(), denied.out());
        assertEquals("NoPermission", denied.errorJson().get("Code").asText(), denied.err());

        root.ok("ram", "CreateRole", "--RoleName", "auditor", "--AssumeRolePolicyDocument",
                "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"RAM\":[\"acs:ram::" + account + ":root\"]}}],\"Version\":\"1\"}");
        root.ok("ram", "AttachPolicyToRole", "--PolicyType", "System", "--PolicyName",
                "AliyunActionTrailReadOnlyAccess", "--RoleName", "auditor");
        JsonNode assumed = dev.ok("sts", "AssumeRole", "--RoleArn", "acs:ram::" + account + ":role/auditor",
                "--RoleSessionName", "s1");
        String stsId = assumed.at("/Credentials/AccessKeyId").asText();
        String stsSecret = assumed.at("/Credentials/AccessKeySecret").asText();
        String token = assumed.at("/Credentials/SecurityToken").asText();
        assertTrue(stsId.startsWith("STS."), assumed.toString());

        Cli session = remote(stsId, stsSecret, "--security-token", token);
        JsonNode sessionWho = session.ok("sts", "GetCallerIdentity");
        assertEquals("AssumedRoleUser", sessionWho.get("IdentityType").asText(), sessionWho.toString());
        assertEquals(account, sessionWho.get("AccountId").asText());
        Cli.Result trails = session.succeed("DescribeTrails");
        assertFalse(trails.out().contains(token) || trails.err().contains(token), "the token is never printed");
        Cli.Result write = session.run("ram", "CreateUser", "--UserName", "intruder");
        assertEquals(1, write.exit(), write.out());
        assertEquals("NoPermission", write.errorJson().get("Code").asText(), write.err());
        assertFalse(write.err().contains(token));

        Cli.Result noToken = remote(stsId, stsSecret).run("DescribeTrails");
        assertEquals(1, noToken.exit(), noToken.out());
        assertEquals("MissingSecurityToken", noToken.errorJson().get("Code").asText(), noToken.err());
        Cli.Result tampered = remote(stsId, stsSecret, "--security-token", token.replace('A', 'B')).run(
                "DescribeTrails");
        assertEquals(1, tampered.exit(), tampered.out());
        assertEquals("InvalidSecurityToken.Malformed", tampered.errorJson().get("Code").asText(), tampered.err());
        assertFalse(tampered.err().contains(token));

        // the server recorded the CLI's RAM calls under the RAM product
        JsonNode events = root.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", "CreateUser");
        assertEquals("Ram", events.at("/Events/0/serviceName").asText(), events.toString());
        assertFalse(Files.exists(unused), "remote mode does not touch a local folder");
    }

    @Test
    void accountCreatedBesideARunningServerSignsAtOnce() {
        JsonNode created = local.ok("account", "create", "--account-id", "2999999999999999");
        Cli other = remote(created.get("AccessKeyId").asText(), created.get("AccessKeySecret").asText());
        JsonNode who = other.ok("sts", "GetCallerIdentity");
        assertEquals("Account", who.get("IdentityType").asText(), who.toString());
        assertEquals("2999999999999999", who.get("AccountId").asText());
        assertEquals(0, other.ok("DescribeTrails").get("TrailList").size());
        assertEquals("EntityNotExist.User",
                other.run("ram", "GetUser", "--UserName", "nobody").errorJson().get("Code").asText());
        JsonNode list = local.ok("account", "list");
        assertEquals(2, list.get("Accounts").size(), list.toString());
        Cli.Result again = local.run("account", "create", "--account-id", "2999999999999999");
        assertEquals(1, again.exit());
        assertNotEquals(-1, again.err().indexOf("2999999999999999"));
    }

    @Test
    void securityTokenIsASignedParameter() {
        Instant now = Instant.parse("2024-01-02T03:04:05Z");
        Map<String, String> params = Map.of("Action", "GetCallerIdentity", "Version", "2015-04-01");
        String plain = RpcClient.signedQuery("POST", params, "STS.id", "secret", "n1", now);
        String withToken = RpcClient.signedQuery("POST", params, "STS.id", "secret", "CAIStoken", "n1", now);
        assertFalse(plain.contains("SecurityToken"));
        assertTrue(withToken.contains("SecurityToken=CAIStoken"), withToken);
        String signature = plain.substring(plain.indexOf("Signature="));
        assertFalse(withToken.contains(signature), "the token is covered by the signature");
        assertEquals(plain, RpcClient.signedQuery("POST", params, "STS.id", "secret", null, "n1", now));
        assertFalse(new RpcClient("127.0.0.1:1", "STS.id", "secret", "CAIStoken", java.time.Clock.systemUTC())
                .toString().contains("CAIStoken"));
    }
}
