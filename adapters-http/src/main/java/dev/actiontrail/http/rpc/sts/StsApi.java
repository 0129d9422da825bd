package dev.actiontrail.http.rpc.sts;

import dev.actiontrail.core.error.ErrorCode;
import dev.actiontrail.core.identity.StsError;
import dev.actiontrail.core.sts.StsService;
import dev.actiontrail.http.authz.Conditions;
import dev.actiontrail.http.rpc.ActionDoc;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.Invocation;
import dev.actiontrail.http.spec.ProductApi;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * STS (product {@code Sts}, version {@code 2015-04-01}; access-control reference §4): {@code AssumeRole} (RAM action
 * {@code sts:AssumeRole} on the role's ARN) and {@code GetCallerIdentity} (no permission needed). Host
 * {@code sts.aliyuncs.com}; denied calls answer STS's own {@code NoPermission} message.
 */
public final class StsApi implements ProductApi {
    /** The STS API version served. */
    public static final String VERSION = "2015-04-01";
    private final Map<String, ActionSpec> actions;
    private final StsService sts;

    public StsApi(StsService sts) {
        this.sts = Objects.requireNonNull(sts);
        Map<String, ActionDoc> docs = new LinkedHashMap<>();
        catalog().forEach(d -> docs.put(d.name(), d));
        Map<String, ActionSpec> m = new LinkedHashMap<>();
        ActionDoc assume = docs.get("AssumeRole");
        m.put("AssumeRole", new ActionSpec(assume.name(), assume.summary(), assume.parameters(), false,
                "sts:AssumeRole", ActionSpec.one(call -> roleResource(call.param("RoleArn"))), "ACS::RAM::Role",
                call -> roleName(call.param("RoleArn")), this::assumeRole));
        ActionDoc who = docs.get("GetCallerIdentity");
        m.put("GetCallerIdentity", new ActionSpec(who.name(), who.summary(), who.parameters(), true, null,
                call -> List.of("*"), null, call -> null, this::callerIdentity));
        this.actions = Map.copyOf(m);
    }

    /** The actions' documentation (name, summary, parameters), without a service behind them (the CLI's help). */
    public static List<ActionDoc> catalog() {
        return List.of(
                new ActionDoc("AssumeRole",
                        "Assumes a RAM role: temporary credentials (STS AccessKey, secret, SecurityToken) for a role session.",
                        List.of("RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId")),
                new ActionDoc("GetCallerIdentity", "Shows who the caller is.",
                        List.of()));
    }

    @Override
    public String product() {
        return "Sts";
    }

    @Override
    public String serviceCode() {
        return "sts";
    }

    @Override
    public boolean serves(String version) {
        return VERSION.equals(version);
    }

    @Override
    public String host(String region) {
        return "sts.aliyuncs.com";
    }

    @Override
    public ErrorCode internalError() {
        return StsError.INTERNAL_ERROR;
    }

    @Override
    public ErrorCode noPermission() {
        return StsError.NO_PERMISSION;
    }

    @Override
    public Map<String, ActionSpec> actions(String version) {
        return serves(version) ? actions : Map.of();
    }

    private Map<String, Object> assumeRole(Invocation call) {
        StsService.AssumedRole r = sts.assumeRole(call.caller(), new StsService.AssumeRoleRequest(
                call.param("RoleArn"), call.param("RoleSessionName"), call.param("DurationSeconds"),
                call.param("Policy"), call.param("ExternalId")), Conditions.of(call.caller(), call.facts()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", r.assumedRoleId());
        user.put("Arn", r.arn());
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("SecurityToken", r.credentials().securityToken());
        credentials.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(r.credentials().expiration()));
        credentials.put("AccessKeySecret", r.credentials().accessKeySecret());
        credentials.put("AccessKeyId", r.credentials().accessKeyId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AssumedRoleUser", user);
        out.put("Credentials", credentials);
        return out;
    }

    private Map<String, Object> callerIdentity(Invocation call) {
        StsService.CallerIdentity id = sts.callerIdentity(call.caller());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IdentityType", id.identityType());
        out.put("AccountId", id.accountId());
        out.put("PrincipalId", id.principalId());
        if (id.userId() != null) {
            out.put("UserId", id.userId());
        }
        if (id.roleId() != null) {
            out.put("RoleId", id.roleId());
        }
        out.put("Arn", id.arn());
        return out;
    }

    /** The role's canonical ARN ({@link StsService#canonicalRoleArn}), or the RoleArn as sent when malformed. */
    private static String roleResource(String roleArn) {
        return StsService.canonicalRoleArn(roleArn).orElse(roleArn == null ? "*" : roleArn);
    }

    private static String roleName(String roleArn) {
        if (roleArn == null) {
            return null;
        }
        int slash = roleArn.lastIndexOf(":role/");
        return slash < 0 ? null : roleArn.substring(slash + ":role/".length());
    }
}
