package dev.actiontrail.http.rpc.ram;

import dev.actiontrail.core.error.ErrorCode;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamError;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.identity.RamServices;
import dev.actiontrail.core.identity.RamUsers;
import dev.actiontrail.http.rpc.ActionDoc;
import dev.actiontrail.http.rpc.ram.RamShapes.RoleFields;
import dev.actiontrail.http.rpc.ram.RamShapes.UserFields;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.Invocation;
import dev.actiontrail.http.spec.ProductApi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * RAM (product {@code Ram}, version {@code 2015-05-01}, host {@code ram.aliyuncs.com} in every region;
 * access-control reference §3): users, AccessKeys, groups, custom and system policies with their versions, policy
 * attachments and roles, as the official SDKs call them. Each action's spec is data — documented parameters,
 * Read ({@code Get*}, {@code List*}) or Write, RAM action {@code ram:<Action>}, resource ARN, event resource type and
 * name — and its handler only translates: parameters to a {@link RamServices} use case, the result to the answer's
 * shape ({@link RamShapes}). Every rule and error lives in the use cases.
 *
 * <p>Resource ARNs (§1.2): users {@code acs:ram:*:<account>:user/<UserName>}, groups {@code …:group/<GroupName>},
 * roles {@code …:role/<RoleName>}, custom policies {@code acs:ram:*:<account>:policy/<PolicyName>}, system policies
 * {@code acs:ram:*:system:policy/<PolicyName>} (by the call's PolicyType), lists without a name
 * {@code acs:ram:*:<account>:*}. The AccessKey actions without UserName act on the caller's own user ({@code root}
 * for the root identity, {@code *} for a role session); attach / detach act on the user, group or role; group
 * membership actions on the group. AccessKey actions record resource type {@code ACS::RAM::User} with the key's
 * user as resource name.
 *
 * <p>Denied calls answer RAM's own {@code NoPermission} ({@link RamError#NO_PERMISSION}). CreateAccessKey's answer
 * carries the new secret (recorded events must strip {@code AccessKeySecret}); nothing here logs or prints it.
 */
public final class RamApi implements ProductApi {
    /** The RAM API version served. */
    public static final String VERSION = "2015-05-01";
    private static final String USER = "ACS::RAM::User";
    private static final String GROUP = "ACS::RAM::Group";
    private static final String ROLE = "ACS::RAM::Role";
    private static final String POLICY = "ACS::RAM::Policy";

    private final RamServices ram;
    private final Map<String, ActionSpec> actions;

    /** @param ram the RAM use cases over the server's identity store */
    public RamApi(RamServices ram) {
        this.ram = Objects.requireNonNull(ram);
        Map<String, ActionDoc> docs = new LinkedHashMap<>();
        catalog().forEach(d -> docs.put(d.name(), d));
        Map<String, ActionSpec> m = new LinkedHashMap<>();
        for (Target t : targets()) {
            ActionDoc doc = docs.get(t.action());
            m.put(t.action(), new ActionSpec(doc.name(), doc.summary(), doc.parameters(),
                    t.action().startsWith("Get") || t.action().startsWith("List"), "ram:" + t.action(),
                    t.resources(), t.resourceType(), t.resourceName(), t.handler()));
        }
        if (!m.keySet().equals(docs.keySet())) {
            throw new IllegalStateException("RAM actions without a handler or documentation: " + m.keySet());
        }
        this.actions = java.util.Collections.unmodifiableMap(m);
    }

    /** The actions' documentation (name, summary, parameters) in documentation order, without a service behind them. */
    public static List<ActionDoc> catalog() {
        return List.of(
                doc("CreateUser", "Creates a RAM user.", "UserName", "DisplayName", "MobilePhone", "Email", "Comments"),
                doc("GetUser", "Queries a RAM user.", "UserName"),
                doc("UpdateUser", "Renames a RAM user or changes its display name, phone, email or comments.",
                        "UserName", "NewUserName", "NewDisplayName", "NewMobilePhone", "NewEmail", "NewComments"),
                doc("ListUsers", "Lists the RAM users, a page at a time.", "Marker", "MaxItems"),
                doc("DeleteUser", "Deletes a RAM user that has no AccessKeys, policies or groups.", "UserName"),
                doc("CreateAccessKey", "Creates an AccessKey pair for a RAM user (or the caller); the secret is shown once.",
                        "UserName"),
                doc("UpdateAccessKey", "Activates or deactivates an AccessKey pair.", "UserName", "UserAccessKeyId",
                        "Status"),
                doc("ListAccessKeys", "Lists the AccessKey pairs of a RAM user (or the caller).", "UserName"),
                doc("DeleteAccessKey", "Deletes an AccessKey pair.", "UserName", "UserAccessKeyId"),
                doc("CreateGroup", "Creates a RAM user group.", "GroupName", "Comments"),
                doc("GetGroup", "Queries a RAM user group.", "GroupName"),
                doc("ListGroups", "Lists the RAM user groups, a page at a time.", "Marker", "MaxItems"),
                doc("UpdateGroup", "Renames a RAM user group or changes its comments.", "GroupName", "NewGroupName",
                        "NewComments"),
                doc("DeleteGroup", "Deletes a RAM user group that has no members or policies.", "GroupName"),
                doc("AddUserToGroup", "Adds a RAM user to a group.", "UserName", "GroupName"),
                doc("RemoveUserFromGroup", "Removes a RAM user from a group.", "UserName", "GroupName"),
                doc("ListGroupsForUser", "Lists the groups a RAM user belongs to.", "UserName"),
                doc("ListUsersForGroup", "Lists the members of a RAM user group, a page at a time.", "GroupName",
                        "Marker", "MaxItems"),
                doc("CreatePolicy", "Creates a custom policy.", "PolicyName", "PolicyDocument", "Description"),
                doc("GetPolicy", "Queries a policy and its default version.", "PolicyType", "PolicyName"),
                doc("ListPolicies", "Lists system and custom policies, a page at a time.", "PolicyType", "Marker",
                        "MaxItems"),
                doc("DeletePolicy", "Deletes a custom policy that is attached to nothing.", "PolicyName",
                        "CascadingDelete"),
                doc("CreatePolicyVersion", "Creates a version of a custom policy.", "PolicyName", "PolicyDocument",
                        "SetAsDefault", "RotateStrategy"),
                doc("GetPolicyVersion", "Queries a version of a policy.", "PolicyType", "PolicyName", "VersionId"),
                doc("ListPolicyVersions", "Lists the versions of a policy.", "PolicyType", "PolicyName"),
                doc("SetDefaultPolicyVersion", "Makes a version the default of a custom policy.", "PolicyName",
                        "VersionId"),
                doc("DeletePolicyVersion", "Deletes a version (not the default) of a custom policy.", "PolicyName",
                        "VersionId"),
                doc("AttachPolicyToUser", "Attaches a policy to a RAM user.", "PolicyType", "PolicyName", "UserName"),
                doc("AttachPolicyToGroup", "Attaches a policy to a RAM user group.", "PolicyType", "PolicyName",
                        "GroupName"),
                doc("AttachPolicyToRole", "Attaches a policy to a RAM role.", "PolicyType", "PolicyName", "RoleName"),
                doc("DetachPolicyFromUser", "Detaches a policy from a RAM user.", "PolicyType", "PolicyName",
                        "UserName"),
                doc("DetachPolicyFromGroup", "Detaches a policy from a RAM user group.", "PolicyType", "PolicyName",
                        "GroupName"),
                doc("DetachPolicyFromRole", "Detaches a policy from a RAM role.", "PolicyType", "PolicyName",
                        "RoleName"),
                doc("ListPoliciesForUser", "Lists the policies attached to a RAM user.", "UserName"),
                doc("ListPoliciesForGroup", "Lists the policies attached to a RAM user group.", "GroupName"),
                doc("ListPoliciesForRole", "Lists the policies attached to a RAM role.", "RoleName"),
                doc("ListEntitiesForPolicy", "Lists the users, groups and roles a policy is attached to.",
                        "PolicyType", "PolicyName"),
                doc("CreateRole", "Creates a RAM role with its trust policy.", "RoleName", "AssumeRolePolicyDocument",
                        "Description", "MaxSessionDuration"),
                doc("GetRole", "Queries a RAM role.", "RoleName"),
                doc("ListRoles", "Lists the RAM roles, a page at a time.", "Marker", "MaxItems"),
                doc("UpdateRole", "Changes a RAM role's trust policy, longest session or description.", "RoleName",
                        "NewAssumeRolePolicyDocument", "NewMaxSessionDuration", "NewDescription"),
                doc("DeleteRole", "Deletes a RAM role that has no policies attached.", "RoleName"));
    }

    private static ActionDoc doc(String name, String summary, String... parameters) {
        return new ActionDoc(name, summary, List.of(parameters));
    }

    @Override
    public String product() {
        return "Ram";
    }

    @Override
    public String serviceCode() {
        return "ram";
    }

    @Override
    public boolean serves(String version) {
        return VERSION.equals(version);
    }

    /** {@code ram.aliyuncs.com}, whatever the region (RAM is global). */
    @Override
    public String host(String region) {
        return "ram.aliyuncs.com";
    }

    @Override
    public ErrorCode internalError() {
        return RamError.INTERNAL_ERROR;
    }

    @Override
    public ErrorCode noPermission() {
        return RamError.NO_PERMISSION;
    }

    @Override
    public Map<String, ActionSpec> actions(String version) {
        return serves(version) ? actions : Map.of();
    }

    // --- the actions as data -------------------------------------------------------------------------------------

    /** What an action acts on (ARN, event resource type and name) and how it is answered. */
    private record Target(String action, Function<Invocation, List<String>> resources, String resourceType,
                          Function<Invocation, String> resourceName, ActionSpec.Handler handler) {
    }

    private List<Target> targets() {
        return List.of(
                onUser("CreateUser", call -> one("User", RamShapes.user(ram.users().create(call.caller(),
                        call.param("UserName"), profile(call, "")), UserFields.CREATED))),
                onUser("GetUser", call -> one("User", RamShapes.user(ram.users().get(call.caller(),
                        call.param("UserName")), UserFields.FULL))),
                onUser("UpdateUser", call -> one("User", RamShapes.user(ram.users().update(call.caller(),
                        call.param("UserName"), call.param("NewUserName"), profile(call, "New")),
                        UserFields.UPDATED))),
                onAccount("ListUsers", USER, call -> RamShapes.page(ram.users().list(call.caller(),
                        call.param("Marker"), call.param("MaxItems")), "Users", "User",
                        u -> RamShapes.user(u, UserFields.UPDATED))),
                onUser("DeleteUser", call -> {
                    ram.users().delete(call.caller(), call.param("UserName"));
                    return Map.of();
                }),

                onKeyOwner("CreateAccessKey", call -> one("AccessKey", RamShapes.accessKey(
                        ram.accessKeys().create(call.caller(), call.param("UserName")), true))),
                onKeyOwner("UpdateAccessKey", call -> {
                    ram.accessKeys().update(call.caller(), call.param("UserName"), call.param("UserAccessKeyId"),
                            call.param("Status"));
                    return Map.of();
                }),
                onKeyOwner("ListAccessKeys", call -> one("AccessKeys", RamShapes.wrap("AccessKey",
                        ram.accessKeys().list(call.caller(), call.param("UserName")),
                        k -> RamShapes.accessKey(k, false)))),
                onKeyOwner("DeleteAccessKey", call -> {
                    ram.accessKeys().delete(call.caller(), call.param("UserName"), call.param("UserAccessKeyId"));
                    return Map.of();
                }),

                onGroup("CreateGroup", call -> one("Group", RamShapes.group(ram.groups().create(call.caller(),
                        call.param("GroupName"), call.param("Comments")), false))),
                onGroup("GetGroup", call -> one("Group", RamShapes.group(ram.groups().get(call.caller(),
                        call.param("GroupName")), true))),
                onAccount("ListGroups", GROUP, call -> RamShapes.page(ram.groups().list(call.caller(),
                        call.param("Marker"), call.param("MaxItems")), "Groups", "Group",
                        g -> RamShapes.group(g, true))),
                onGroup("UpdateGroup", call -> one("Group", RamShapes.group(ram.groups().update(call.caller(),
                        call.param("GroupName"), call.param("NewGroupName"), call.param("NewComments")), true))),
                onGroup("DeleteGroup", call -> {
                    ram.groups().delete(call.caller(), call.param("GroupName"));
                    return Map.of();
                }),
                onGroup("AddUserToGroup", call -> {
                    ram.groups().addUser(call.caller(), call.param("GroupName"), call.param("UserName"));
                    return Map.of();
                }),
                onGroup("RemoveUserFromGroup", call -> {
                    ram.groups().removeUser(call.caller(), call.param("GroupName"), call.param("UserName"));
                    return Map.of();
                }),
                onUser("ListGroupsForUser", call -> one("Groups", RamShapes.wrap("Group",
                        ram.groups().groupsForUser(call.caller(), call.param("UserName")), RamShapes::userGroup))),
                onGroup("ListUsersForGroup", call -> RamShapes.page(ram.groups().usersForGroup(call.caller(),
                        call.param("GroupName"), call.param("Marker"), call.param("MaxItems")), "Users", "User",
                        RamShapes::groupUser)),

                onPolicy("CreatePolicy", call -> one("Policy", RamShapes.createdPolicy(ram.policies().create(
                        call.caller(), call.param("PolicyName"), call.param("PolicyDocument"),
                        call.param("Description"))))),
                onPolicy("GetPolicy", call -> RamShapes.policyDetails(ram.policies().get(call.caller(),
                        call.param("PolicyType"), call.param("PolicyName")))),
                onAccount("ListPolicies", POLICY, call -> RamShapes.page(ram.policies().list(call.caller(),
                        call.param("PolicyType"), call.param("Marker"), call.param("MaxItems")), "Policies", "Policy",
                        RamShapes::listedPolicy)),
                onPolicy("DeletePolicy", call -> {
                    ram.policies().delete(call.caller(), call.param("PolicyName"), call.param("CascadingDelete"));
                    return Map.of();
                }),
                onPolicy("CreatePolicyVersion", call -> one("PolicyVersion", RamShapes.version(
                        ram.policies().createVersion(call.caller(), call.param("PolicyName"),
                                call.param("PolicyDocument"), call.param("SetAsDefault"),
                                call.param("RotateStrategy"))))),
                onPolicy("GetPolicyVersion", call -> one("PolicyVersion", RamShapes.version(
                        ram.policies().getVersion(call.caller(), call.param("PolicyType"), call.param("PolicyName"),
                                call.param("VersionId"))))),
                onPolicy("ListPolicyVersions", call -> one("PolicyVersions", RamShapes.wrap("PolicyVersion",
                        ram.policies().listVersions(call.caller(), call.param("PolicyType"), call.param("PolicyName")),
                        RamShapes::version))),
                onPolicy("SetDefaultPolicyVersion", call -> {
                    ram.policies().setDefaultVersion(call.caller(), call.param("PolicyName"), call.param("VersionId"));
                    return Map.of();
                }),
                onPolicy("DeletePolicyVersion", call -> {
                    ram.policies().deleteVersion(call.caller(), call.param("PolicyName"), call.param("VersionId"));
                    return Map.of();
                }),

                attach("AttachPolicyToUser", EntityType.User, true),
                attach("AttachPolicyToGroup", EntityType.Group, true),
                attach("AttachPolicyToRole", EntityType.Role, true),
                attach("DetachPolicyFromUser", EntityType.User, false),
                attach("DetachPolicyFromGroup", EntityType.Group, false),
                attach("DetachPolicyFromRole", EntityType.Role, false),
                policiesFor("ListPoliciesForUser", EntityType.User),
                policiesFor("ListPoliciesForGroup", EntityType.Group),
                policiesFor("ListPoliciesForRole", EntityType.Role),
                onPolicy("ListEntitiesForPolicy", call -> RamShapes.entities(ram.attachments().entitiesFor(
                        call.caller(), call.param("PolicyType"), call.param("PolicyName")))),

                onRole("CreateRole", call -> one("Role", RamShapes.role(ram.roles().create(call.caller(),
                        call.param("RoleName"), call.param("AssumeRolePolicyDocument"), call.param("Description"),
                        call.param("MaxSessionDuration")), RoleFields.CREATED))),
                onRole("GetRole", call -> one("Role", RamShapes.role(ram.roles().get(call.caller(),
                        call.param("RoleName")), RoleFields.FULL))),
                onAccount("ListRoles", ROLE, call -> RamShapes.page(ram.roles().list(call.caller(),
                        call.param("Marker"), call.param("MaxItems")), "Roles", "Role",
                        r -> RamShapes.role(r, RoleFields.LISTED))),
                onRole("UpdateRole", call -> one("Role", RamShapes.role(ram.roles().update(call.caller(),
                        call.param("RoleName"), call.param("NewAssumeRolePolicyDocument"),
                        call.param("NewMaxSessionDuration"), call.param("NewDescription")), RoleFields.FULL))),
                onRole("DeleteRole", call -> {
                    ram.roles().delete(call.caller(), call.param("RoleName"));
                    return Map.of();
                }));
    }

    /** Attach / detach: on the user, group or role and on the policy (both must be allowed, as RAM documents). */
    private Target attach(String action, EntityType type, boolean attach) {
        Target entity = on(type, action, call -> {
            String name = call.param(nameParameter(type));
            if (attach) {
                ram.attachments().attach(call.caller(), type, name, call.param("PolicyType"), call.param("PolicyName"));
            } else {
                ram.attachments().detach(call.caller(), type, name, call.param("PolicyType"), call.param("PolicyName"));
            }
            return Map.of();
        });
        Function<Invocation, String> policy = policyArn();
        return new Target(action, call -> List.of(entity.resources().apply(call).get(0), policy.apply(call)),
                entity.resourceType(), entity.resourceName(), entity.handler());
    }

    private Target policiesFor(String action, EntityType type) {
        return on(type, action, call -> one("Policies", RamShapes.wrap("Policy",
                ram.attachments().policiesFor(call.caller(), type, call.param(nameParameter(type))),
                RamShapes::attachedPolicy)));
    }

    private static Target on(EntityType type, String action, ActionSpec.Handler handler) {
        return switch (type) {
            case User -> onUser(action, handler);
            case Group -> onGroup(action, handler);
            case Role -> onRole(action, handler);
        };
    }

    private static String nameParameter(EntityType type) {
        return type.name() + "Name";
    }

    private static Target onUser(String action, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one("acs:ram:*:{account}:user/{UserName}"), USER,
                call -> call.param("UserName"), handler);
    }

    private static Target onGroup(String action, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one("acs:ram:*:{account}:group/{GroupName}"), GROUP,
                call -> call.param("GroupName"), handler);
    }

    private static Target onRole(String action, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one(call -> RamRole.arn(call.account().id().value(),
                call.param("RoleName") == null ? "*" : call.param("RoleName"))), ROLE,
                call -> call.param("RoleName"), handler);
    }

    /** A policy action: the system policy's ARN when PolicyType is {@code System}, else the account's. */
    private static Target onPolicy(String action, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one(policyArn()), POLICY, call -> call.param("PolicyName"), handler);
    }

    /** The policy of a call: the system policy's ARN when PolicyType is {@code System}, else the account's. */
    private static Function<Invocation, String> policyArn() {
        Function<Invocation, String> custom = ActionSpec.arn("acs:ram:*:{account}:policy/{PolicyName}");
        Function<Invocation, String> system = ActionSpec.arn("acs:ram:*:system:policy/{PolicyName}");
        return call -> "System".equals(call.param("PolicyType")) ? system.apply(call) : custom.apply(call);
    }

    /** A list of the whole account: {@code acs:ram:*:<account>:*}, no resource name. */
    private static Target onAccount(String action, String resourceType, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one("acs:ram:*:{account}:*"), resourceType, call -> null, handler);
    }

    /** An AccessKey action: on the named user, or the caller's own identity. */
    private static Target onKeyOwner(String action, ActionSpec.Handler handler) {
        return new Target(action, ActionSpec.one(call -> {
            String owner = keyOwner(call);
            return "acs:ram:*:" + call.account().id().value() + ":user/" + (owner == null ? "*" : owner);
        }), USER, RamApi::keyOwner, handler);
    }

    /** UserName when sent; else the calling RAM user's name, {@code root} for the root identity, null for a role. */
    private static String keyOwner(Invocation call) {
        String named = call.param("UserName");
        if (named != null && !named.isEmpty()) {
            return named;
        }
        if (call.caller().principal() instanceof Principal.User user) {
            return user.userName();
        }
        return call.caller().isRoot() ? AccessKey.ROOT : null;
    }

    private static RamUsers.Profile profile(Invocation call, String prefix) {
        return new RamUsers.Profile(call.param(prefix + "DisplayName"), call.param(prefix + "MobilePhone"),
                call.param(prefix + "Email"), call.param(prefix + "Comments"));
    }

    private static Map<String, Object> one(String name, Object value) {
        return RamShapes.one(name, value);
    }
}
