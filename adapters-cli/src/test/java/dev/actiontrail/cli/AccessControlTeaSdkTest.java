package dev.actiontrail.cli;

import com.aliyun.actiontrail20200706.models.CreateTrailRequest;
import com.aliyun.actiontrail20200706.models.DescribeTrailsRequest;
import com.aliyun.actiontrail20200706.models.StopLoggingRequest;
import com.aliyun.ram20150501.models.AttachPolicyToRoleRequest;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.CreateUserRequest;
import com.aliyun.sts20150401.models.AssumeRoleRequest;
import com.aliyun.sts20150401.models.AssumeRoleResponseBody;
import com.aliyun.sts20150401.models.AssumeRoleResponseBody.AssumeRoleResponseBodyCredentials;
import com.aliyun.sts20150401.models.GetCallerIdentityResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control end to end with the Tea SDKs only ({@code ram20150501 1.0.2}, {@code sts20150401 1.1.4},
 * {@code actiontrail20200706 2.0.0}, all on the tea / tea-openapi versions Maven resolves for this module) against
 * the server: a read-only RAM user made through the Tea RAM client reads trails but is denied StopLogging with the
 * full AccessDeniedDetail; a role assumed through the Tea STS client with a narrowing session policy signs
 * ActionTrail calls with its SecurityToken and is denied StopLogging as AssumedRoleUser; and a tampered
 * SecurityToken is refused. The mirror of {@link AccessControlSdkTest}, which drives the legacy SDKs.
 */
class AccessControlTeaSdkTest {
    private static final String TRAIL = "trail-one";
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @TempDir
    Path data;
    ServerFixture fixture;
    com.aliyun.ram20150501.Client ram;
    String account;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        fixture.runtime.resources().createBucket("audit-log", "cn-hangzhou");
        account = fixture.accountId();
        ram = new com.aliyun.ram20150501.Client(config(ServerFixture.KEY_ID, ServerFixture.KEY_SECRET, null));
        trails(ServerFixture.KEY_ID, ServerFixture.KEY_SECRET, null)
                .createTrail(new CreateTrailRequest().setName(TRAIL).setOssBucketName("audit-log"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Config config(String id, String secret, String token) {
        Config config = new Config().setAccessKeyId(id).setAccessKeySecret(secret)
                .setEndpoint(fixture.endpoint()).setProtocol("HTTP");
        return token == null ? config : config.setSecurityToken(token);
    }

    private com.aliyun.actiontrail20200706.Client trails(String id, String secret, String token) throws Exception {
        return new com.aliyun.actiontrail20200706.Client(config(id, secret, token));
    }

    private com.aliyun.sts20150401.Client sts(String id, String secret, String token) throws Exception {
        return new com.aliyun.sts20150401.Client(config(id, secret, token));
    }

    /** Creates a RAM user with the given system policies and an AccessKey, all through the Tea RAM client. */
    private CreateAccessKeyResponseBodyAccessKey user(String name, String... systemPolicies) throws Exception {
        assertEquals(name, ram.createUser(new CreateUserRequest().setUserName(name)).getBody().getUser()
                .getUserName());
        for (String policy : systemPolicies) {
            ram.attachPolicyToUser(new AttachPolicyToUserRequest().setUserName(name).setPolicyType("System")
                    .setPolicyName(policy));
        }
        CreateAccessKeyResponseBodyAccessKey key = ram.createAccessKey(new CreateAccessKeyRequest().setUserName(name))
                .getBody().getAccessKey();
        assertEquals("Active", key.getStatus());
        return key;
    }

    /** Role "auditor" (full ActionTrail access, trusting the account root), assumed by user "dev" via Tea STS. */
    private AssumeRoleResponseBody assumeAuditor() throws Exception {
        CreateAccessKeyResponseBodyAccessKey dev = user("dev", "AliyunSTSAssumeRoleAccess");
        ram.createRole(new CreateRoleRequest().setRoleName("auditor").setAssumeRolePolicyDocument(
                "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":"
                        + "[\"acs:ram::" + account + ":root\"]}}],\"Version\":\"1\"}"));
        ram.attachPolicyToRole(new AttachPolicyToRoleRequest().setRoleName("auditor").setPolicyType("System")
                .setPolicyName("AliyunActionTrailFullAccess"));
        return sts(dev.getAccessKeyId(), dev.getAccessKeySecret(), null).assumeRole(new AssumeRoleRequest()
                .setRoleArn("acs:ram::" + account + ":role/auditor").setRoleSessionName("alice")
                .setPolicy("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"actiontrail:DescribeTrails\",\"actiontrail:LookupEvents\"],\"Resource\":\"*\"}]}"))
                .getBody();
    }

    /** StopLogging is refused with NoPermission and HTTP 403; returns the AccessDeniedDetail of the error body. */
    private static Map<?, ?> deniedStop(com.aliyun.actiontrail20200706.Client client) {
        TeaException e = assertThrows(TeaException.class,
                () -> client.stopLogging(new StopLoggingRequest().setName(TRAIL)));
        assertEquals("NoPermission", e.getCode(), e.getMessage());
        // tea 1.1.14 has no getStatusCode(): tea-openapi puts the status in the message, the body in data
        assertTrue(e.getMessage().startsWith("code: 403,"), e.getMessage());
        Object detail = e.getData() == null ? null : e.getData().get("AccessDeniedDetail");
        assertInstanceOf(Map.class, detail, "AccessDeniedDetail is an object in the error body: " + e.getData());
        Map<?, ?> d = (Map<?, ?>) detail;
        assertEquals("actiontrail:StopLogging", d.get("AuthAction"), d.toString());
        return d;
    }

    @Test
    void readOnlyUserMadeWithTeaRamReadsButCannotStopLogging() throws Exception {
        CreateAccessKeyResponseBodyAccessKey key = user("reader", "AliyunActionTrailReadOnlyAccess");
        com.aliyun.actiontrail20200706.Client reader = trails(key.getAccessKeyId(), key.getAccessKeySecret(), null);
        assertEquals(TRAIL, reader.describeTrails(new DescribeTrailsRequest()).getBody().getTrailList().get(0)
                .getName());

        Map<?, ?> detail = deniedStop(reader);
        assertEquals("ImplicitDeny", detail.get("NoPermissionType"));
        assertEquals("SubUser", detail.get("AuthPrincipalType"));
        assertEquals(account, detail.get("AuthPrincipalOwnerId"));
    }

    @Test
    void sessionOfAssumedRoleSignsWithItsSecurityToken() throws Exception {
        AssumeRoleResponseBody assumed = assumeAuditor();
        AssumeRoleResponseBodyCredentials c = assumed.getCredentials();
        assertTrue(c.getAccessKeyId().startsWith("STS."), c.getAccessKeyId());
        assertEquals("acs:ram::" + account + ":role/auditor/alice", assumed.getAssumedRoleUser().getArn());

        com.aliyun.actiontrail20200706.Client session = trails(c.getAccessKeyId(), c.getAccessKeySecret(),
                c.getSecurityToken());
        assertEquals(1, session.describeTrails(new DescribeTrailsRequest()).getBody().getTrailList().size());
        Map<?, ?> detail = deniedStop(session); // the role may stop logging, the session policy may not
        assertEquals("AssumedRoleUser", detail.get("AuthPrincipalType"));
        assertEquals("auditor:alice", detail.get("AuthPrincipalDisplayName"));

        GetCallerIdentityResponseBody who = sts(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken())
                .getCallerIdentity().getBody();
        assertEquals("AssumedRoleUser", who.getIdentityType());
        assertEquals(account, who.getAccountId());
        assertTrue(who.getArn().endsWith("/auditor/alice"), who.getArn());
    }

    @Test
    void tamperedSecurityTokenIsRefused() throws Exception {
        AssumeRoleResponseBodyCredentials c = assumeAuditor().getCredentials();
        String token = c.getSecurityToken();
        String head = token.substring(0, token.length() - 1);
        int last = B64URL.indexOf(token.charAt(token.length() - 1));
        // the last character changed in a high bit, and in its lowest bit (for a base64 text whose last character
        // carries unused bits, a lenient decoder maps the latter to the same bytes: the text itself must be sealed)
        for (int flip : new int[] {0x20, 0x01}) {
            String tampered = head + B64URL.charAt(last < 0 ? 0 : last ^ flip);
            assertNotEquals(token, tampered);
            TeaException e = assertThrows(TeaException.class,
                    () -> sts(c.getAccessKeyId(), c.getAccessKeySecret(), tampered).getCallerIdentity(),
                    "token " + token + " accepted with its last character changed to " + tampered);
            assertTrue(String.valueOf(e.getCode()).startsWith("InvalidSecurityToken"),
                    e.getCode() + ": " + e.getMessage());
        }
        // the genuine token still works
        assertEquals("AssumedRoleUser", sts(c.getAccessKeyId(), c.getAccessKeySecret(), token).getCallerIdentity()
                .getBody().getIdentityType());
    }
}
