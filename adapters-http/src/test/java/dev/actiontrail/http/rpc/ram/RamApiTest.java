package dev.actiontrail.http.rpc.ram;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamError;
import dev.actiontrail.core.identity.RamLimits;
import dev.actiontrail.core.identity.RamServices;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.http.json.JacksonPolicyParser;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.rpc.Params;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.CallFacts;
import dev.actiontrail.http.spec.Invocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RAM product through its action specs, as the gateway runs them: an {@link Invocation} per call, over the
 * in-memory identity store and the Jackson policy parser. Checks the answers' shapes, the specs' data and the errors.
 */
class RamApiTest {
    static final String ID = "1234567890123456";
    static final AccountId ACCOUNT = AccountId.of(ID);
    static final Caller ROOT = new Caller(new Principal.Root(ACCOUNT), "LTAIroot");
    static final String POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ram:Get*\","
            + "\"Resource\":\"*\"}]}";
    static final String TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"RAM\":\"acs:ram::" + ID + ":root\"}}],\"Version\":\"1\"}";

    InMemoryIdentityStore store;
    RamApi api;

    @BeforeEach
    void createApi() {
        store = new InMemoryIdentityStore();
        MutableClock clock = MutableClock.at("2024-05-20T12:00:00.789Z");
        api = new RamApi(RamServices.create(store, new JacksonPolicyParser(), RamLimits.defaults(), clock));
    }

    Invocation invocation(Caller caller, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new Invocation(caller, Account.of(caller.accountId(), null), "cn-hangzhou", RamApi.VERSION,
                new Params(p), "REQ-1", new CallFacts("10.0.0.1", "test", true, Instant.parse("2024-05-20T12:00:00Z")));
    }

    ActionSpec spec(String action) {
        return api.actions(RamApi.VERSION).get(action);
    }

    Map<String, Object> call(Caller caller, String action, String... params) {
        return spec(action).handler().handle(invocation(caller, params));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object wrapper, String inner) {
        return (List<Map<String, Object>>) map(wrapper).get(inner);
    }

    Caller ramUser(String name) {
        String userId = (String) map(call(ROOT, "CreateUser", "UserName", name).get("User")).get("UserId");
        return new Caller(new Principal.User(ACCOUNT, userId, name), "LTAI" + name);
    }

    // --- the product and its specs ---------------------------------------------------------------------------

    @Test
    void theProductIsRamOnItsGlobalHost() {
        assertEquals("Ram", api.product());
        assertEquals("ram", api.serviceCode());
        assertTrue(api.serves("2015-05-01"));
        assertFalse(api.serves("2015-04-01"));
        assertEquals(Map.of(), api.actions("2020-07-06"));
        assertEquals("ram.aliyuncs.com", api.host("cn-hangzhou"));
        assertEquals("ram.aliyuncs.com", api.host("ap-southeast-1"));
        assertSame(RamError.NO_PERMISSION, api.noPermission());
        assertEquals("You are not authorized to do this action.", api.noPermission().message());
    }

    @Test
    void everyDocumentedActionHasASpecWithItsRamActionAndReadFlag() {
        Map<String, ActionSpec> actions = api.actions(RamApi.VERSION);
        assertEquals(42, actions.size());
        assertEquals(RamApi.catalog().stream().map(d -> d.name()).toList(), List.copyOf(actions.keySet()));
        for (ActionSpec s : actions.values()) {
            assertEquals("ram:" + s.name(), s.ramAction());
            assertEquals(s.name().startsWith("Get") || s.name().startsWith("List"), s.read(), s.name());
            assertTrue(s.resourceType().startsWith("ACS::RAM::"), s.name());
            assertFalse(s.summary().isEmpty());
        }
        assertEquals("Write", actions.get("CreateAccessKey").eventRW());
        assertEquals("Read", actions.get("ListEntitiesForPolicy").eventRW());
        assertEquals(List.of("PolicyName", "PolicyDocument", "SetAsDefault", "RotateStrategy"),
                actions.get("CreatePolicyVersion").parameters());
    }

    @Test
    void resourceArnsTypesAndNames() {
        Caller alice = ramUser("alice");
        Invocation user = invocation(ROOT, "UserName", "bob");
        assertEquals("acs:ram:*:" + ID + ":user/bob", spec("GetUser").resources().apply(user).get(0));
        assertEquals("bob", spec("GetUser").resourceName().apply(user));
        assertEquals("ACS::RAM::User", spec("DeleteUser").resourceType());

        assertEquals("acs:ram:*:" + ID + ":user/alice", spec("CreateAccessKey").resources().apply(invocation(alice)).get(0));
        assertEquals("alice", spec("ListAccessKeys").resourceName().apply(invocation(alice)));
        assertEquals("acs:ram:*:" + ID + ":user/root", spec("CreateAccessKey").resources().apply(invocation(ROOT)).get(0));
        assertEquals("acs:ram:*:" + ID + ":user/bob",
                spec("DeleteAccessKey").resources().apply(invocation(alice, "UserName", "bob")).get(0));
        assertEquals("ACS::RAM::User", spec("UpdateAccessKey").resourceType());

        Invocation system = invocation(ROOT, "PolicyType", "System", "PolicyName", "ReadOnlyAccess");
        Invocation custom = invocation(ROOT, "PolicyType", "Custom", "PolicyName", "mine");
        assertEquals("acs:ram:*:system:policy/ReadOnlyAccess", spec("GetPolicy").resources().apply(system).get(0));
        assertEquals("acs:ram:*:" + ID + ":policy/mine", spec("GetPolicy").resources().apply(custom).get(0));
        assertEquals("acs:ram:*:" + ID + ":policy/mine",
                spec("DeletePolicy").resources().apply(invocation(ROOT, "PolicyName", "mine")).get(0));
        assertEquals("ACS::RAM::Policy", spec("ListEntitiesForPolicy").resourceType());
        assertEquals("ReadOnlyAccess", spec("GetPolicyVersion").resourceName().apply(system));

        Invocation attach = invocation(ROOT, "PolicyType", "System", "PolicyName", "ReadOnlyAccess",
                "RoleName", "Admin");
        // a role has one ARN, in lower case, however the call spells it; attach acts on the role and the policy
        assertEquals(List.of("acs:ram::" + ID + ":role/admin", "acs:ram:*:system:policy/ReadOnlyAccess"),
                spec("AttachPolicyToRole").resources().apply(attach));
        assertEquals(List.of("acs:ram::" + ID + ":role/admin"), spec("GetRole").resources().apply(
                invocation(ROOT, "RoleName", "ADMIN")));
        assertEquals(List.of("acs:ram:*:" + ID + ":user/bob", "acs:ram:*:" + ID + ":policy/mine"),
                spec("DetachPolicyFromUser").resources().apply(invocation(ROOT, "PolicyType", "Custom",
                        "PolicyName", "mine", "UserName", "bob")));
        assertEquals("ACS::RAM::Role", spec("DetachPolicyFromRole").resourceType());
        assertEquals("Admin", spec("AttachPolicyToRole").resourceName().apply(attach));
        assertEquals("acs:ram:*:" + ID + ":group/dev", spec("AddUserToGroup").resources().apply(
                invocation(ROOT, "GroupName", "dev", "UserName", "alice")).get(0));

        assertEquals("acs:ram:*:" + ID + ":*", spec("ListUsers").resources().apply(invocation(ROOT)).get(0));
        assertNull(spec("ListPolicies").resourceName().apply(invocation(ROOT)));
        assertEquals("ACS::RAM::Group", spec("ListGroups").resourceType());
    }

    // --- answers -------------------------------------------------------------------------------------------------

    @Test
    void userAnswersHaveTheDocumentedFields() {
        Map<String, Object> created = map(call(ROOT, "CreateUser", "UserName", "alice", "DisplayName", "Alice",
                "MobilePhone", "86-18600008888", "Email", "alice@example.com", "Comments", "eng").get("User"));
        assertEquals(List.of("UserId", "UserName", "DisplayName", "MobilePhone", "Email", "Comments", "CreateDate"),
                List.copyOf(created.keySet()));
        assertEquals("2024-05-20T12:00:00Z", created.get("CreateDate"));
        Map<String, Object> got = map(call(ROOT, "GetUser", "UserName", "alice").get("User"));
        assertEquals(List.of("UserId", "UserName", "DisplayName", "MobilePhone", "Email", "Comments", "CreateDate",
                "UpdateDate"), List.copyOf(got.keySet()), "no LastLoginDate before a sign-in");
        Map<String, Object> updated = map(call(ROOT, "UpdateUser", "UserName", "alice", "NewUserName", "alicia",
                "NewComments", "lead").get("User"));
        assertEquals("alicia", updated.get("UserName"));
        assertEquals("lead", updated.get("Comments"));
        assertEquals(created.get("UserId"), updated.get("UserId"));
        assertEquals(Map.of(), call(ROOT, "DeleteUser", "UserName", "alicia"));
    }

    @Test
    void listsAreNestedAndPagedWithAMarkerOnlyWhenTruncated() {
        for (String name : List.of("carol", "alice", "bob")) {
            call(ROOT, "CreateUser", "UserName", name);
        }
        Map<String, Object> first = call(ROOT, "ListUsers", "MaxItems", "2");
        assertEquals(List.of("IsTruncated", "Marker", "Users"), List.copyOf(first.keySet()));
        assertEquals(Boolean.TRUE, first.get("IsTruncated"));
        assertEquals(List.of("alice", "bob"),
                list(first.get("Users"), "User").stream().map(u -> u.get("UserName")).toList());
        Map<String, Object> rest = call(ROOT, "ListUsers", "MaxItems", "2", "Marker", (String) first.get("Marker"));
        assertEquals(Boolean.FALSE, rest.get("IsTruncated"));
        assertFalse(rest.containsKey("Marker"));
        assertEquals("carol", list(rest.get("Users"), "User").get(0).get("UserName"));
        assertTrue(list(rest.get("Users"), "User").get(0).containsKey("UpdateDate"));

        Map<String, Object> empty = call(ROOT, "ListGroups");
        assertEquals(List.of(), list(empty.get("Groups"), "Group"));

        String json = ApiRenderer.json(answer("ListUsers", first));
        assertTrue(json.contains("\"IsTruncated\":true,\"Marker\":\""), json);
        assertTrue(json.contains("\"Users\":{\"User\":[{\"UserId\":\""), json);
        String xml = ApiRenderer.xml(answer("ListUsers", first));
        assertTrue(xml.contains("<Users><User><UserId>"), xml);
        assertTrue(xml.contains("</User><User>"), xml);
    }

    @Test
    void accessKeyAnswersShowTheSecretOnlyWhenCreated() {
        Caller alice = ramUser("alice");
        Map<String, Object> key = map(call(alice, "CreateAccessKey").get("AccessKey"));
        assertEquals(List.of("AccessKeyId", "AccessKeySecret", "Status", "CreateDate"), List.copyOf(key.keySet()));
        assertEquals("Active", key.get("Status"));
        assertEquals(30, ((String) key.get("AccessKeySecret")).length());
        List<Map<String, Object>> keys = list(call(ROOT, "ListAccessKeys", "UserName", "alice").get("AccessKeys"),
                "AccessKey");
        assertEquals(List.of(Map.of("AccessKeyId", key.get("AccessKeyId"), "Status", "Active",
                "CreateDate", "2024-05-20T12:00:00Z")), keys);
        assertEquals(Map.of(), call(alice, "UpdateAccessKey", "UserAccessKeyId", (String) key.get("AccessKeyId"),
                "Status", "Inactive"));
        assertEquals("Inactive", list(call(alice, "ListAccessKeys").get("AccessKeys"), "AccessKey").get(0)
                .get("Status"));
        assertEquals(Map.of(), call(ROOT, "DeleteAccessKey", "UserName", "alice", "UserAccessKeyId",
                (String) key.get("AccessKeyId")));
        assertEquals(List.of(), list(call(alice, "ListAccessKeys").get("AccessKeys"), "AccessKey"));
    }

    @Test
    void groupAnswers() {
        ramUser("alice");
        Map<String, Object> created = map(call(ROOT, "CreateGroup", "GroupName", "dev", "Comments", "devs")
                .get("Group"));
        assertEquals(List.of("GroupId", "GroupName", "Comments", "CreateDate"), List.copyOf(created.keySet()));
        call(ROOT, "AddUserToGroup", "GroupName", "dev", "UserName", "alice");
        List<Map<String, Object>> groups = list(call(ROOT, "ListGroupsForUser", "UserName", "alice").get("Groups"),
                "Group");
        assertEquals(List.of("GroupId", "GroupName", "Comments", "JoinDate"), List.copyOf(groups.get(0).keySet()));
        Map<String, Object> members = call(ROOT, "ListUsersForGroup", "GroupName", "dev");
        assertEquals(Boolean.FALSE, members.get("IsTruncated"));
        assertEquals(List.of(Map.of("UserName", "alice", "DisplayName", "", "JoinDate", "2024-05-20T12:00:00Z")),
                list(members.get("Users"), "User"));
        Map<String, Object> updated = map(call(ROOT, "UpdateGroup", "GroupName", "dev", "NewGroupName", "devs")
                .get("Group"));
        assertEquals(List.of("GroupId", "GroupName", "Comments", "CreateDate", "UpdateDate"),
                List.copyOf(updated.keySet()));
        assertEquals("devs", map(call(ROOT, "GetGroup", "GroupName", "devs").get("Group")).get("GroupName"));
        call(ROOT, "RemoveUserFromGroup", "GroupName", "devs", "UserName", "alice");
        assertEquals(Map.of(), call(ROOT, "DeleteGroup", "GroupName", "devs"));
    }

    @Test
    void policyAnswers() {
        Map<String, Object> created = map(call(ROOT, "CreatePolicy", "PolicyName", "read-ram", "PolicyDocument", POLICY,
                "Description", "reads RAM").get("Policy"));
        assertEquals(Map.of("PolicyName", "read-ram", "PolicyType", "Custom", "Description", "reads RAM",
                "DefaultVersion", "v1", "CreateDate", "2024-05-20T12:00:00Z"), created);

        Map<String, Object> got = call(ROOT, "GetPolicy", "PolicyType", "System", "PolicyName", "ReadOnlyAccess");
        Map<String, Object> policy = map(got.get("Policy"));
        assertEquals("System", policy.get("PolicyType"));
        assertEquals(0, policy.get("AttachmentCount"));
        assertEquals("N/A", policy.get("PolicyDocument"));
        Map<String, Object> version = map(got.get("DefaultPolicyVersion"));
        assertEquals(Boolean.TRUE, version.get("IsDefaultVersion"));
        assertEquals("v1", version.get("VersionId"));
        assertTrue(((String) version.get("PolicyDocument")).contains("\"Statement\""));

        Map<String, Object> v2 = map(call(ROOT, "CreatePolicyVersion", "PolicyName", "read-ram", "PolicyDocument",
                POLICY, "SetAsDefault", "true").get("PolicyVersion"));
        assertEquals(List.of("VersionId", "IsDefaultVersion", "PolicyDocument", "CreateDate"),
                List.copyOf(v2.keySet()));
        assertEquals(Boolean.TRUE, v2.get("IsDefaultVersion"));
        List<Map<String, Object>> versions = list(call(ROOT, "ListPolicyVersions", "PolicyType", "Custom",
                "PolicyName", "read-ram").get("PolicyVersions"), "PolicyVersion");
        assertEquals(List.of("v1", "v2"), versions.stream().map(v -> v.get("VersionId")).toList());
        assertEquals(Boolean.FALSE, map(call(ROOT, "GetPolicyVersion", "PolicyType", "Custom", "PolicyName",
                "read-ram", "VersionId", "v1").get("PolicyVersion")).get("IsDefaultVersion"));
        call(ROOT, "SetDefaultPolicyVersion", "PolicyName", "read-ram", "VersionId", "v1");
        call(ROOT, "DeletePolicyVersion", "PolicyName", "read-ram", "VersionId", "v2");

        Map<String, Object> listed = call(ROOT, "ListPolicies", "PolicyType", "Custom");
        Map<String, Object> item = list(listed.get("Policies"), "Policy").get(0);
        assertEquals(List.of("PolicyName", "PolicyType", "Description", "DefaultVersion", "AttachmentCount",
                "CreateDate", "UpdateDate"), List.copyOf(item.keySet()));
        assertEquals(Map.of(), call(ROOT, "DeletePolicy", "PolicyName", "read-ram"));
    }

    @Test
    void attachmentAnswers() {
        ramUser("alice");
        call(ROOT, "CreateGroup", "GroupName", "dev", "Comments", "devs");
        call(ROOT, "CreateRole", "RoleName", "Admin", "AssumeRolePolicyDocument", TRUST, "Description", "admins");
        for (String[] target : List.of(new String[] {"User", "UserName", "alice"},
                new String[] {"Group", "GroupName", "dev"}, new String[] {"Role", "RoleName", "Admin"})) {
            assertEquals(Map.of(), call(ROOT, "AttachPolicyTo" + target[0], "PolicyType", "System", "PolicyName",
                    "ReadOnlyAccess", target[1], target[2]));
        }
        List<Map<String, Object>> ofAlice = list(call(ROOT, "ListPoliciesForUser", "UserName", "alice")
                .get("Policies"), "Policy");
        assertEquals(List.of(Map.of("PolicyName", "ReadOnlyAccess", "PolicyType", "System", "Description",
                        "Provides read-only access to all Alibaba Cloud services and resources.", "DefaultVersion", "v1",
                        "AttachDate", "2024-05-20T12:00:00Z")), ofAlice);
        assertEquals(1, list(call(ROOT, "ListPoliciesForRole", "RoleName", "admin").get("Policies"), "Policy").size());

        Map<String, Object> entities = call(ROOT, "ListEntitiesForPolicy", "PolicyType", "System", "PolicyName",
                "ReadOnlyAccess");
        assertEquals(List.of("Groups", "Roles", "Users"), List.copyOf(entities.keySet()));
        assertEquals(Map.of("GroupName", "dev", "Comments", "devs", "AttachDate", "2024-05-20T12:00:00Z"),
                list(entities.get("Groups"), "Group").get(0));
        Map<String, Object> role = list(entities.get("Roles"), "Role").get(0);
        assertEquals(List.of("RoleName", "RoleId", "Arn", "Description", "AttachDate"), List.copyOf(role.keySet()));
        assertEquals("acs:ram::" + ID + ":role/admin", role.get("Arn"));
        assertEquals(List.of("UserName", "UserId", "DisplayName", "AttachDate"),
                List.copyOf(list(entities.get("Users"), "User").get(0).keySet()));
        assertEquals(3, map(call(ROOT, "GetPolicy", "PolicyType", "System", "PolicyName", "ReadOnlyAccess")
                .get("Policy")).get("AttachmentCount"));
        assertEquals(Map.of(), call(ROOT, "DetachPolicyFromGroup", "PolicyType", "System", "PolicyName",
                "ReadOnlyAccess", "GroupName", "dev"));
    }

    @Test
    void roleAnswers() {
        Map<String, Object> created = map(call(ROOT, "CreateRole", "RoleName", "EcsAdmin",
                "AssumeRolePolicyDocument", TRUST, "Description", "admins").get("Role"));
        assertEquals(List.of("RoleId", "RoleName", "Arn", "Description", "AssumeRolePolicyDocument",
                "MaxSessionDuration", "CreateDate"), List.copyOf(created.keySet()));
        assertEquals(3600, created.get("MaxSessionDuration"));
        assertEquals("acs:ram::" + ID + ":role/ecsadmin", created.get("Arn"));
        Map<String, Object> updated = map(call(ROOT, "UpdateRole", "RoleName", "EcsAdmin", "NewMaxSessionDuration",
                "7200").get("Role"));
        assertEquals(7200, updated.get("MaxSessionDuration"));
        assertTrue(updated.containsKey("UpdateDate"));
        assertEquals(updated, map(call(ROOT, "GetRole", "RoleName", "ecsadmin").get("Role")));
        Map<String, Object> listed = list(call(ROOT, "ListRoles").get("Roles"), "Role").get(0);
        assertEquals(List.of("RoleId", "RoleName", "Arn", "Description", "MaxSessionDuration", "CreateDate",
                "UpdateDate"), List.copyOf(listed.keySet()));
        assertEquals(Map.of(), call(ROOT, "DeleteRole", "RoleName", "EcsAdmin"));
    }

    // --- errors --------------------------------------------------------------------------------------------------

    @Test
    void rejectedCallsAnswerTheirCodeAndStatusAndChangeNothing() {
        Caller alice = ramUser("alice");
        call(alice, "CreateAccessKey");
        call(ROOT, "CreatePolicy", "PolicyName", "p", "PolicyDocument", POLICY);
        record Rejection(String code, int status, Caller caller, String action, String[] params) {
        }
        List<Rejection> rejections = List.of(
                new Rejection("EntityAlreadyExists.User", 409, ROOT, "CreateUser", new String[] {"UserName", "alice"}),
                new Rejection("MissingUserName", 400, ROOT, "GetUser", new String[] {}),
                new Rejection("InvalidParameter.UserName.InvalidChars", 400, ROOT, "CreateUser",
                        new String[] {"UserName", "a b"}),
                new Rejection("EntityNotExist.User", 404, ROOT, "GetUser", new String[] {"UserName", "bob"}),
                new Rejection("DeleteConflict.User.AccessKey", 409, ROOT, "DeleteUser",
                        new String[] {"UserName", "alice"}),
                new Rejection("EntityNotExist.User.AccessKey", 404, ROOT, "DeleteAccessKey",
                        new String[] {"UserAccessKeyId", "LTAInope"}),
                new Rejection("MalformedPolicyDocument", 400, ROOT, "CreatePolicy",
                        new String[] {"PolicyName", "q", "PolicyDocument", "{\"Version\":\"1\",\"Version\":\"1\"}"}),
                new Rejection("InvalidParameter.PolicyType", 400, ROOT, "GetPolicy",
                        new String[] {"PolicyType", "custom", "PolicyName", "p"}),
                new Rejection("EntityNotExist.Policy", 404, ROOT, "AttachPolicyToUser",
                        new String[] {"PolicyType", "System", "PolicyName", "Nope", "UserName", "alice"}),
                new Rejection("InvalidParameter.MaxItems", 400, ROOT, "ListPolicies", new String[] {"MaxItems", "0"}),
                new Rejection("InvalidParameter.MaxSessionDuration", 400, ROOT, "CreateRole",
                        new String[] {"RoleName", "r", "AssumeRolePolicyDocument", TRUST, "MaxSessionDuration", "60"}),
                new Rejection("EntityNotExist.Role", 404, ROOT, "GetRole", new String[] {"RoleName", "r"}));
        for (Rejection r : rejections) {
            Object before = store.contents();
            ApiException e = assertThrows(ApiException.class, () -> call(r.caller(), r.action(), r.params()),
                    r.action());
            assertEquals(r.code(), e.code(), r.action() + ": " + e.getMessage());
            assertEquals(r.status(), e.httpStatus(), r.action());
            assertEquals(before, store.contents(), r.action() + " changed nothing");
        }
        ApiException malformed = assertThrows(ApiException.class, () -> call(ROOT, "CreatePolicy", "PolicyName", "q",
                "PolicyDocument", "{\"Version\":\"1\",\"Version\":\"1\"}"));
        assertTrue(malformed.getMessage().contains("Duplicate field 'Version'"), malformed.getMessage());
    }

    @Test
    void aRamUsersOwnKeysAreItsDefaultAndOthersAreOutOfReach() {
        Caller alice = ramUser("alice");
        Caller bob = ramUser("bob");
        String bobsKey = (String) map(call(bob, "CreateAccessKey").get("AccessKey")).get("AccessKeyId");
        ApiException e = assertThrows(ApiException.class,
                () -> call(alice, "UpdateAccessKey", "UserAccessKeyId", bobsKey, "Status", "Inactive"));
        assertEquals("EntityNotExist.User.AccessKey", e.code());
        assertEquals(Set.of(bobsKey), Set.copyOf(list(call(bob, "ListAccessKeys").get("AccessKeys"), "AccessKey")
                .stream().map(k -> (String) k.get("AccessKeyId")).toList()));
        assertEquals(List.of(), list(call(alice, "ListAccessKeys").get("AccessKeys"), "AccessKey"));
    }

    private static ApiResponse answer(String action, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", "REQ-1");
        body.putAll(fields);
        return new ApiResponse(200, action, body);
    }
}
