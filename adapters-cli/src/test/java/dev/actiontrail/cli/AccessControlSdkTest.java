package dev.actiontrail.cli;

import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.actiontrail.model.v20200706.CreateTrailRequest;
import com.aliyuncs.actiontrail.model.v20200706.DeleteTrailRequest;
import com.aliyuncs.actiontrail.model.v20200706.DescribeTrailsRequest;
import com.aliyuncs.actiontrail.model.v20200706.DescribeTrailsResponse;
import com.aliyuncs.actiontrail.model.v20200706.GetTrailStatusRequest;
import com.aliyuncs.actiontrail.model.v20200706.LookupEventsRequest;
import com.aliyuncs.actiontrail.model.v20200706.LookupEventsResponse;
import com.aliyuncs.actiontrail.model.v20200706.StartLoggingRequest;
import com.aliyuncs.actiontrail.model.v20200706.StopLoggingRequest;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToRoleRequest;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToUserRequest;
import com.aliyuncs.ram.model.v20150501.CreateAccessKeyRequest;
import com.aliyuncs.ram.model.v20150501.CreateAccessKeyResponse;
import com.aliyuncs.ram.model.v20150501.CreatePolicyRequest;
import com.aliyuncs.ram.model.v20150501.CreateRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreateUserRequest;
import com.aliyuncs.ram.model.v20150501.CreateUserResponse;
import com.aliyuncs.ram.model.v20150501.DetachPolicyFromUserRequest;
import com.aliyuncs.ram.model.v20150501.GetUserRequest;
import com.aliyuncs.ram.model.v20150501.UpdateAccessKeyRequest;
import com.aliyuncs.sts.model.v20150401.AssumeRoleRequest;
import com.aliyuncs.sts.model.v20150401.AssumeRoleResponse;
import com.aliyuncs.sts.model.v20150401.GetCallerIdentityRequest;
import com.aliyuncs.sts.model.v20150401.GetCallerIdentityResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.SecurityTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control end to end with the official legacy SDKs (aliyun-java-sdk-ram 3.3.2, -sts 3.1.2, -actiontrail
 * 1.2.0 on core 4.7.3) against the server: RAM users and policies managed through the RAM API, STS credentials,
 * and every ActionTrail call authorized — the scenarios of the access-control issue.
 */
class AccessControlSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;
    ServerFixture fixture;
    IAcsClient root;
    String account;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        fixture.runtime.resources().createBucket("audit-log", "cn-hangzhou");
        fixture.runtime.resources().createBucket("audit-log-2", "cn-hangzhou");
        root = client(ServerFixture.KEY_ID, ServerFixture.KEY_SECRET);
        account = fixture.accountId();
        CreateTrailRequest t1 = new CreateTrailRequest();
        t1.setName("trail-one");
        t1.setOssBucketName("audit-log");
        call(root, t1);
        CreateTrailRequest t2 = new CreateTrailRequest();
        t2.setName("trail-two");
        t2.setOssBucketName("audit-log-2");
        call(root, t2);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static IAcsClient client(String id, String secret) {
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", id, secret));
    }

    private static IAcsClient sessionClient(AssumeRoleResponse.Credentials c) {
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"), new StaticCredentialsProvider(
                new BasicSessionCredentials(c.getAccessKeyId(), c.getAccessKeySecret(), c.getSecurityToken())));
    }

    private <T extends AcsResponse> T call(IAcsClient client, RpcAcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(fixture.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    private ClientException denied(IAcsClient client, RpcAcsRequest<?> request) {
        ClientException e = assertThrows(ClientException.class, () -> call(client, request));
        assertEquals("NoPermission", e.getErrCode(), e.getErrMsg());
        return e;
    }

    /** Creates a RAM user with a key and the given system policies attached; returns a client signing as it. */
    private IAcsClient user(String name, String... systemPolicies) throws ClientException {
        CreateAccessKeyResponse.AccessKey key = userKey(name, systemPolicies);
        return client(key.getAccessKeyId(), key.getAccessKeySecret());
    }

    /** Creates a RAM user with the given system policies attached; returns its new AccessKey. */
    private CreateAccessKeyResponse.AccessKey userKey(String name, String... systemPolicies) throws ClientException {
        CreateUserRequest create = new CreateUserRequest();
        create.setUserName(name);
        CreateUserResponse user = call(root, create);
        assertEquals(name, user.getUser().getUserName());
        for (String policy : systemPolicies) {
            attach(name, "System", policy);
        }
        CreateAccessKeyRequest key = new CreateAccessKeyRequest();
        key.setUserName(name);
        return call(root, key).getAccessKey();
    }

    private void attach(String user, String type, String policy) throws ClientException {
        AttachPolicyToUserRequest attach = new AttachPolicyToUserRequest();
        attach.setUserName(user);
        attach.setPolicyType(type);
        attach.setPolicyName(policy);
        call(root, attach);
    }

    private void customPolicy(String name, String document) throws ClientException {
        CreatePolicyRequest p = new CreatePolicyRequest();
        p.setPolicyName(name);
        p.setPolicyDocument(document);
        call(root, p);
    }

    private static StopLoggingRequest stop(String name) {
        StopLoggingRequest r = new StopLoggingRequest();
        r.setName(name);
        return r;
    }

    private static StartLoggingRequest start(String name) {
        StartLoggingRequest r = new StartLoggingRequest();
        r.setName(name);
        return r;
    }

    private LookupEventsResponse lookup(IAcsClient client, String key, String value) throws ClientException {
        LookupEventsRequest r = new LookupEventsRequest();
        r.setLookupAttributes(java.util.List.of(attribute(key, value)));
        return call(client, r);
    }

    private static LookupEventsRequest.LookupAttribute attribute(String key, String value) {
        LookupEventsRequest.LookupAttribute a = new LookupEventsRequest.LookupAttribute();
        a.setKey(key);
        a.setValue(value);
        return a;
    }

    private JsonNode event(Object e) {
        return JSON.valueToTree(e);
    }

    @Test
    void readOnlyUserReadsButCannotSilenceTheTrail() throws Exception {
        IAcsClient reader = user("reader", "AliyunActionTrailReadOnlyAccess");
        DescribeTrailsResponse trails = call(reader, new DescribeTrailsRequest());
        assertEquals(2, trails.getTrailList().size());
        assertNotNull(call(reader, new LookupEventsRequest()).getEvents());

        ClientException e = denied(reader, stop("trail-one"));
        Map<String, Object> detail = e.getAccessDeniedDetail();
        assertNotNull(detail, "AccessDeniedDetail reaches the SDK");
        assertEquals("actiontrail:StopLogging", detail.get("AuthAction"));
        assertEquals("ImplicitDeny", detail.get("NoPermissionType"));
        assertEquals("SubUser", detail.get("AuthPrincipalType"));
        assertEquals(account, detail.get("AuthPrincipalOwnerId"));
        DeleteTrailRequest delete = new DeleteTrailRequest();
        delete.setName("trail-one");
        denied(reader, delete);
        // nothing changed: the trail is still there
        GetTrailStatusRequest status = new GetTrailStatusRequest();
        status.setName("trail-one");
        assertNotNull(call(root, status));
        // the refusal is on record, under the user's name, with the user's real ID as principalId
        LookupEventsResponse found = lookup(root, "User", "reader");
        JsonNode refused = null;
        for (Object ev : found.getEvents()) {
            JsonNode n = event(ev);
            if (n.path("eventName").asText().equals("DeleteTrail")) {
                refused = n;
            }
        }
        assertNotNull(refused, "the denied DeleteTrail is recorded");
        assertEquals("NoPermission", refused.path("errorCode").asText());
        assertEquals("ram-user", refused.path("userIdentity").path("type").asText());
        GetUserRequest get = new GetUserRequest();
        get.setUserName("reader");
        assertEquals(call(root, get).getUser().getUserId(), refused.path("userIdentity").path("principalId").asText());
    }

    @Test
    void explicitDenyBeatsAdministratorAccess() throws Exception {
        IAcsClient admin = user("admin", "AdministratorAccess");
        customPolicy("no-stop", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"actiontrail:StopLogging\",\"Resource\":\"*\"}]}");
        call(admin, start("trail-one"));
        attach("admin", "Custom", "no-stop");
        ClientException e = denied(admin, stop("trail-one"));
        assertEquals("ExplicitDeny", e.getAccessDeniedDetail().get("NoPermissionType"));
        call(admin, new DescribeTrailsRequest());
        // detaching the deny works on the very next call
        DetachPolicyFromUserRequest detach = new DetachPolicyFromUserRequest();
        detach.setUserName("admin");
        detach.setPolicyType("Custom");
        detach.setPolicyName("no-stop");
        call(root, detach);
        call(admin, stop("trail-one"));
    }

    @Test
    void sourceIpConditionAllowsLoopbackOnly() throws Exception {
        IAcsClient local = user("local");
        IAcsClient remote = user("remote");
        customPolicy("from-loopback", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"actiontrail:DescribeTrails\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.1\"}}}]}");
        customPolicy("from-office", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"actiontrail:DescribeTrails\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}}]}");
        attach("local", "Custom", "from-loopback");
        attach("remote", "Custom", "from-office");
        call(local, new DescribeTrailsRequest());
        denied(remote, new DescribeTrailsRequest());
    }

    @Test
    void perTrailResourceArnAllowsOneTrailOnly() throws Exception {
        IAcsClient operator = user("operator");
        customPolicy("t1-only", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"actiontrail:StartLogging\",\"actiontrail:StopLogging\"],"
                + "\"Resource\":\"acs:actiontrail:*:" + account + ":trail/trail-one\"}]}");
        attach("operator", "Custom", "t1-only");
        call(operator, start("trail-one"));
        call(operator, stop("trail-one"));
        denied(operator, start("trail-two"));
    }

    @Test
    void assumeRoleWithSessionPolicyNarrowsTheRole() throws Exception {
        IAcsClient dev = user("dev", "AliyunSTSAssumeRoleAccess");
        CreateRoleRequest role = new CreateRoleRequest();
        role.setRoleName("auditor");
        role.setAssumeRolePolicyDocument("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + account + ":root\"]}}],\"Version\":\"1\"}");
        call(root, role);
        AttachPolicyToRoleRequest attach = new AttachPolicyToRoleRequest();
        attach.setRoleName("auditor");
        attach.setPolicyType("System");
        attach.setPolicyName("AliyunActionTrailFullAccess");
        call(root, attach);

        AssumeRoleRequest assume = new AssumeRoleRequest();
        assume.setRoleArn("acs:ram::" + account + ":role/auditor");
        assume.setRoleSessionName("alice");
        assume.setPolicy("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"actiontrail:DescribeTrails\",\"actiontrail:LookupEvents\"],\"Resource\":\"*\"}]}");
        AssumeRoleResponse assumed = call(dev, assume);
        assertTrue(assumed.getCredentials().getAccessKeyId().startsWith("STS."));
        assertEquals(assumed.getAssumedRoleUser().getAssumedRoleId().split(":")[1], "alice");
        IAcsClient session = sessionClient(assumed.getCredentials());
        call(session, new DescribeTrailsRequest());
        ClientException e = denied(session, stop("trail-one")); // the role may, the session policy may not
        assertEquals("AssumedRoleUser", e.getAccessDeniedDetail().get("AuthPrincipalType"));
        assertEquals("auditor:alice", e.getAccessDeniedDetail().get("AuthPrincipalDisplayName"));

        GetCallerIdentityResponse who = call(session, new GetCallerIdentityRequest());
        assertEquals("AssumedRoleUser", who.getIdentityType());
        assertEquals(account, who.getAccountId());

        // the session's calls are recorded as assumed-role, found by RoleName, with no secret or token
        JsonNode seen = null;
        for (Object ev : lookup(root, "EventAccessKeyId", assumed.getCredentials().getAccessKeyId()).getEvents()) {
            JsonNode n = event(ev);
            if (n.path("eventName").asText().equals("DescribeTrails")) {
                seen = n;
            }
        }
        assertNotNull(seen);
        assertEquals("assumed-role", seen.path("userIdentity").path("type").asText());
        assertEquals("auditor:alice", seen.path("userIdentity").path("userName").asText());
        String assumeEvents = JSON.writeValueAsString(lookup(root, "EventName", "AssumeRole").getEvents());
        assertTrue(assumeEvents.contains("AssumeRole"));
        assertFalse(assumeEvents.contains(assumed.getCredentials().getAccessKeySecret()), "no secret recorded");
        assertFalse(assumeEvents.contains(assumed.getCredentials().getSecurityToken()), "no token recorded");

        // root may not assume a role
        AssumeRoleRequest byRoot = new AssumeRoleRequest();
        byRoot.setRoleArn("acs:ram::" + account + ":role/auditor");
        byRoot.setRoleSessionName("root-session");
        denied(root, byRoot);
    }

    @Test
    void expiredOrTamperedTokensAreRefused() throws Exception {
        SecurityTokens tokens = new SecurityTokens(fixture.runtime.identities(), Clock.systemUTC());
        Instant past = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        AccountId id = AccountId.of(account);
        SecurityTokens.Credentials old = tokens.issue(new Principal.RoleSession(id, "300000000000000001", "auditor",
                "s1", null, id, "200000000000000001", past, past.plusSeconds(3600)));
        AssumeRoleResponse.Credentials c = new AssumeRoleResponse.Credentials();
        c.setAccessKeyId(old.accessKeyId());
        c.setAccessKeySecret(old.accessKeySecret());
        c.setSecurityToken(old.securityToken());
        ClientException expired = assertThrows(ClientException.class,
                () -> call(sessionClient(c), new DescribeTrailsRequest()));
        assertEquals("InvalidSecurityToken.Expired", expired.getErrCode());
        c.setSecurityToken(old.securityToken().replace('A', 'B'));
        ClientException tampered = assertThrows(ClientException.class,
                () -> call(sessionClient(c), new DescribeTrailsRequest()));
        assertEquals("InvalidSecurityToken.Malformed", tampered.getErrCode());
    }

    @Test
    void deactivatedKeyStopsOnTheNextCall() throws Exception {
        CreateUserRequest create = new CreateUserRequest();
        create.setUserName("ops");
        call(root, create);
        attach("ops", "System", "AliyunActionTrailReadOnlyAccess");
        CreateAccessKeyRequest key = new CreateAccessKeyRequest();
        key.setUserName("ops");
        CreateAccessKeyResponse.AccessKey k = call(root, key).getAccessKey();
        IAcsClient ops = client(k.getAccessKeyId(), k.getAccessKeySecret());
        call(ops, new DescribeTrailsRequest());
        UpdateAccessKeyRequest off = new UpdateAccessKeyRequest();
        off.setUserName("ops");
        off.setUserAccessKeyId(k.getAccessKeyId());
        off.setStatus("Inactive");
        call(root, off);
        ClientException e = assertThrows(ClientException.class, () -> call(ops, new DescribeTrailsRequest()));
        assertEquals("InvalidAccessKeyId.Inactive", e.getErrCode());
        // the CreateAccessKey event keeps no secret
        String recorded = JSON.writeValueAsString(lookup(root, "EventName", "CreateAccessKey").getEvents());
        assertTrue(recorded.contains(k.getAccessKeyId()));
        assertFalse(recorded.contains(k.getAccessKeySecret()));
    }

    @Test
    void twoAccountsSeeNothingOfEachOther() throws Exception {
        AccountId other = AccountId.of("2999999999999999");
        assertTrue(fixture.runtime.identities().createAccount(other, Instant.now()));
        AccessKey otherRoot = fixture.runtime.accessKeys().create(other, AccessKey.ROOT);
        IAcsClient b = client(otherRoot.accessKeyId(), otherRoot.accessKeySecret());
        assertEquals(0, call(b, new DescribeTrailsRequest()).getTrailList().size());
        GetTrailStatusRequest status = new GetTrailStatusRequest();
        status.setName("trail-one");
        assertEquals("TrailNotFoundException",
                assertThrows(ClientException.class, () -> call(b, status)).getErrCode());
        assertEquals("TrailNotFoundException",
                assertThrows(ClientException.class, () -> call(b, stop("trail-one"))).getErrCode());
        user("alice", "AliyunActionTrailReadOnlyAccess");
        GetUserRequest get = new GetUserRequest();
        get.setUserName("alice");
        assertEquals("EntityNotExist.User", assertThrows(ClientException.class, () -> call(b, get)).getErrCode());
        for (Object ev : call(b, new LookupEventsRequest()).getEvents()) {
            assertEquals(other.value(), event(ev).path("userIdentity").path("accountId").asText(),
                    "B sees only its own events");
        }
        // B's calls are B's events, not A's
        for (Object ev : lookup(root, "EventAccessKeyId", otherRoot.accessKeyId()).getEvents()) {
            throw new AssertionError("A sees an event of B: " + ev);
        }
    }

    @Test
    void denialAnswersInXmlToo() throws Exception {
        IAcsClient reader = user("xreader", "AliyunActionTrailReadOnlyAccess");
        StopLoggingRequest r = stop("trail-one");
        r.setSysAcceptFormat(FormatType.XML);
        ClientException e = denied(reader, r);
        assertNotNull(e.getAccessDeniedDetail());
        assertEquals("actiontrail:StopLogging", e.getAccessDeniedDetail().get("AuthAction"));
    }

    @Test
    void aTrailHasOneArnWhicheverRegionTheCallNames() throws Exception {
        CreateAccessKeyResponse.AccessKey key = userKey("ops", "AliyunActionTrailFullAccess");
        customPolicy("keep-trail-one", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"actiontrail:StopLogging\","
                + "\"Resource\":\"acs:actiontrail:cn-hangzhou:" + account + ":trail/trail-one\"}]}");
        attach("ops", "Custom", "keep-trail-one");
        call(root, start("trail-one"));
        denied(client(key.getAccessKeyId(), key.getAccessKeySecret()), stop("trail-one"));
        // the trail lives in cn-hangzhou: a call naming another region acts on the same ARN, and is denied too
        IAcsClient elsewhere = new DefaultAcsClient(DefaultProfile.getProfile("cn-beijing", key.getAccessKeyId(),
                key.getAccessKeySecret()));
        StopLoggingRequest fromBeijing = stop("trail-one");
        fromBeijing.setSysRegionId("cn-beijing");
        ClientException e = denied(elsewhere, fromBeijing);
        assertEquals("actiontrail:StopLogging", e.getAccessDeniedDetail().get("AuthAction"));
        GetTrailStatusRequest status = new GetTrailStatusRequest();
        status.setName("trail-one");
        assertTrue(call(root, status).getIsLogging(), "the trail still logs");
    }

    @Test
    void aRoleHasOneArnHoweverTheCallSpellsItsName() throws Exception {
        IAcsClient dev = user("dev", "AliyunSTSAssumeRoleAccess");
        CreateRoleRequest role = new CreateRoleRequest();
        role.setRoleName("Auditor");
        role.setAssumeRolePolicyDocument("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"RAM\":[\"acs:ram::" + account + ":root\"]}}],\"Version\":\"1\"}");
        call(root, role);
        AssumeRoleRequest assume = new AssumeRoleRequest();
        assume.setRoleArn("acs:ram::" + account + ":role/AUDITOR");
        assume.setRoleSessionName("probe");
        assertTrue(call(dev, assume).getCredentials().getAccessKeyId().startsWith("STS."));
        // a Deny written with the ARN GetRole shows (lower case) holds for every spelling
        customPolicy("not-the-auditor", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"acs:ram::" + account + ":role/auditor\"}]}");
        attach("dev", "Custom", "not-the-auditor");
        for (String spelling : new String[] {"Auditor", "AUDITOR", "auditor"}) {
            assume.setRoleArn("acs:ram::" + account + ":role/" + spelling);
            assertEquals("ExplicitDeny", denied(dev, assume).getAccessDeniedDetail().get("NoPermissionType"),
                    spelling);
        }
    }

    @Test
    void attachingAPolicyNeedsPermissionOnThePolicyToo() throws Exception {
        IAcsClient helpdesk = user("helpdesk");
        customPolicy("attach-but-not-admin", "{\"Version\":\"1\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"ram:AttachPolicyToUser\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"ram:AttachPolicyToUser\","
                + "\"Resource\":\"acs:ram:*:system:policy/AdministratorAccess\"}]}");
        attach("helpdesk", "Custom", "attach-but-not-admin");
        AttachPolicyToUserRequest self = new AttachPolicyToUserRequest();
        self.setUserName("helpdesk");
        self.setPolicyType("System");
        self.setPolicyName("AdministratorAccess");
        denied(helpdesk, self); // no escalation to administrator
        self.setPolicyName("AliyunActionTrailReadOnlyAccess");
        call(helpdesk, self);
        call(helpdesk, new DescribeTrailsRequest());
    }
}
