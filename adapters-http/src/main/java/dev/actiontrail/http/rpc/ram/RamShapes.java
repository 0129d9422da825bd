package dev.actiontrail.http.rpc.ram;

import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.PolicyVersion;
import dev.actiontrail.core.identity.RamAttachments;
import dev.actiontrail.core.identity.RamGroup;
import dev.actiontrail.core.identity.RamGroups;
import dev.actiontrail.core.identity.RamPage;
import dev.actiontrail.core.identity.RamPolicies;
import dev.actiontrail.core.identity.RamPolicy;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.identity.RamUser;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The response shapes of RAM 2015-05-01 (access-control reference §3; META-RAM response schemas and examples):
 * field names and order, and the XML-derived nesting of lists — {@code Users: {User: [...]}},
 * {@code AccessKeys: {AccessKey: [...]}}, {@code Groups: {Group: [...]}}, {@code Roles: {Role: [...]}},
 * {@code Policies: {Policy: [...]}}, {@code PolicyVersions: {PolicyVersion: [...]}} — that the legacy SDK's reader
 * (aliyun-java-sdk-ram, {@code ListUsersResponse.Users[i].UserName}) needs, and that the XML answer renders as
 * {@code <Users><User>…</User></Users>}. Times are {@code yyyy-MM-ddTHH:mm:ssZ} (UTC); {@code IsTruncated},
 * {@code IsDefaultVersion} are booleans, {@code AttachmentCount} and {@code MaxSessionDuration} numbers; a list page
 * carries {@code Marker} only when it is truncated; an absent {@code LastLoginDate} is left out.
 */
final class RamShapes {
    private RamShapes() {
    }

    /** Which of a user's optional fields an answer carries. */
    enum UserFields {
        /** CreateUser: no UpdateDate. */
        CREATED,
        /** UpdateUser, ListUsers: with UpdateDate. */
        UPDATED,
        /** GetUser: with UpdateDate and LastLoginDate (when there is one). */
        FULL
    }

    static Map<String, Object> user(RamUser u, UserFields fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("UserId", u.userId());
        m.put("UserName", u.userName());
        m.put("DisplayName", u.displayName());
        m.put("MobilePhone", u.mobilePhone());
        m.put("Email", u.email());
        m.put("Comments", u.comments());
        m.put("CreateDate", time(u.createDate()));
        if (fields != UserFields.CREATED) {
            m.put("UpdateDate", time(u.updateDate()));
        }
        if (fields == UserFields.FULL && u.lastLoginDate() != null) {
            m.put("LastLoginDate", time(u.lastLoginDate()));
        }
        return m;
    }

    /** CreateAccessKey's answer carries the secret (the only time it is shown); ListAccessKeys' items do not. */
    static Map<String, Object> accessKey(AccessKey k, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AccessKeyId", k.accessKeyId());
        if (withSecret) {
            m.put("AccessKeySecret", k.accessKeySecret());
        }
        m.put("Status", k.status().name());
        m.put("CreateDate", time(k.createTime()));
        return m;
    }

    /** A group; {@code withUpdateDate} for GetGroup, UpdateGroup, ListGroups (not CreateGroup). */
    static Map<String, Object> group(RamGroup g, boolean withUpdateDate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("GroupId", g.groupId());
        m.put("GroupName", g.groupName());
        m.put("Comments", g.comments());
        m.put("CreateDate", time(g.createDate()));
        if (withUpdateDate) {
            m.put("UpdateDate", time(g.updateDate()));
        }
        return m;
    }

    /** A ListGroupsForUser item. */
    static Map<String, Object> userGroup(RamGroups.UserGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("GroupId", g.group().groupId());
        m.put("GroupName", g.group().groupName());
        m.put("Comments", g.group().comments());
        m.put("JoinDate", time(g.joinDate()));
        return m;
    }

    /** A ListUsersForGroup item. */
    static Map<String, Object> groupUser(RamGroups.GroupUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("UserName", u.user().userName());
        m.put("DisplayName", u.user().displayName());
        m.put("JoinDate", time(u.joinDate()));
        return m;
    }

    /** CreatePolicy's Policy. */
    static Map<String, Object> createdPolicy(RamPolicy p) {
        Map<String, Object> m = policyHead(p);
        m.put("CreateDate", time(p.createDate()));
        return m;
    }

    /** GetPolicy: Policy (its PolicyDocument the deprecated {@code N/A}) and DefaultPolicyVersion. */
    static Map<String, Object> policyDetails(RamPolicies.PolicyDetails d) {
        Map<String, Object> policy = listedPolicy(new RamPolicies.ListedPolicy(d.policy(), d.attachmentCount()));
        policy.put("PolicyDocument", "N/A");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Policy", policy);
        m.put("DefaultPolicyVersion", version(d.defaultVersion()));
        return m;
    }

    /** A ListPolicies item (no Tags: tags are not kept). */
    static Map<String, Object> listedPolicy(RamPolicies.ListedPolicy l) {
        Map<String, Object> m = policyHead(l.policy());
        m.put("AttachmentCount", l.attachmentCount());
        m.put("CreateDate", time(l.policy().createDate()));
        m.put("UpdateDate", time(l.policy().updateDate()));
        return m;
    }

    /** A ListPoliciesForUser / Group / Role item. */
    static Map<String, Object> attachedPolicy(RamAttachments.Attached<RamPolicy> a) {
        Map<String, Object> m = policyHead(a.entity());
        m.put("AttachDate", time(a.attachDate()));
        return m;
    }

    private static Map<String, Object> policyHead(RamPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PolicyName", p.policyName());
        m.put("PolicyType", p.policyType().name());
        m.put("Description", p.description());
        m.put("DefaultVersion", p.defaultVersion());
        return m;
    }

    static Map<String, Object> version(PolicyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("VersionId", v.versionId());
        m.put("IsDefaultVersion", v.isDefaultVersion());
        m.put("PolicyDocument", v.policyDocument());
        m.put("CreateDate", time(v.createDate()));
        return m;
    }

    /** ListEntitiesForPolicy: Groups, Roles, Users, each in attach order. */
    static Map<String, Object> entities(RamAttachments.PolicyEntities e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Groups", wrap("Group", e.groups(), a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("GroupName", a.entity().groupName());
            m.put("Comments", a.entity().comments());
            m.put("AttachDate", time(a.attachDate()));
            return m;
        }));
        out.put("Roles", wrap("Role", e.roles(), a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("RoleName", a.entity().roleName());
            m.put("RoleId", a.entity().roleId());
            m.put("Arn", a.entity().arn());
            m.put("Description", a.entity().description());
            m.put("AttachDate", time(a.attachDate()));
            return m;
        }));
        out.put("Users", wrap("User", e.users(), a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("UserName", a.entity().userName());
            m.put("UserId", a.entity().userId());
            m.put("DisplayName", a.entity().displayName());
            m.put("AttachDate", time(a.attachDate()));
            return m;
        }));
        return out;
    }

    /** Which of a role's fields an answer carries. */
    enum RoleFields {
        /** CreateRole: with the trust policy, no UpdateDate. */
        CREATED,
        /** GetRole, UpdateRole: everything. */
        FULL,
        /** ListRoles: no trust policy. */
        LISTED
    }

    static Map<String, Object> role(RamRole r, RoleFields fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RoleId", r.roleId());
        m.put("RoleName", r.roleName());
        m.put("Arn", r.arn());
        m.put("Description", r.description());
        if (fields != RoleFields.LISTED) {
            m.put("AssumeRolePolicyDocument", r.assumeRolePolicyDocument());
        }
        m.put("MaxSessionDuration", r.maxSessionDuration());
        m.put("CreateDate", time(r.createDate()));
        if (fields != RoleFields.CREATED) {
            m.put("UpdateDate", time(r.updateDate()));
        }
        return m;
    }

    /** A list page: {@code IsTruncated}, {@code Marker} when truncated, then {@code <outer>: {<inner>: [...]}}. */
    static <T> Map<String, Object> page(RamPage<T> page, String outer, String inner,
                                        Function<T, Map<String, Object>> item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("IsTruncated", page.isTruncated());
        if (page.isTruncated()) {
            m.put("Marker", page.marker());
        }
        m.put(outer, wrap(inner, page.items(), item));
        return m;
    }

    /** {@code {<inner>: [items…]}}, the XML-derived wrapper of a list. */
    static <T> Map<String, Object> wrap(String inner, List<T> items, Function<T, Map<String, Object>> item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(inner, items.stream().map(item).toList());
        return m;
    }

    /** One field holding one object: {@code {name: value}}. */
    static Map<String, Object> one(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value);
        return m;
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, UTC, whole seconds. */
    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
