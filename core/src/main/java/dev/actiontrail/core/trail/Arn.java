package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Alibaba Cloud Resource Names a trail refers to (§7):
 * <ul>
 *   <li>RAM role {@code acs:ram::<accountId>:role/<roleName>} (empty region),</li>
 *   <li>SLS project {@code acs:log:<region>:<accountId>:project/<project>} (account may be empty),</li>
 *   <li>MaxCompute project {@code acs:odps:<region>:<accountId>:project/actiontrail_<...>},</li>
 *   <li>trail {@code acs:actiontrail:<homeRegion>:<accountId>:trail/<name>}.</li>
 * </ul>
 * {@code accountId} is empty when the ARN leaves it out (it then means the caller's account).
 */
public record Arn(String value, String service, String region, String accountId, String resourceType, String resource) {
    private static final Pattern SHAPE = Pattern.compile("acs:([a-z-]+):([a-z0-9-]*):(\\d*):([a-z]+)/(.+)");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.@_-]{1,64}");
    private static final Pattern SLS_PROJECT = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern ODPS_PROJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{2,27}");
    /** The service-linked role ActionTrail uses when no write role is given (2020-07-06). */
    public static final String SERVICE_LINKED_ROLE = "aliyunserviceroleforactiontrail";
    /** The default RAM role of 2017-12-04 trails. */
    public static final String DEFAULT_2017_ROLE = "aliyunactiontraildefaultrole";

    /** Whether the ARN names a resource of {@code account} (an empty account ID means the caller's own). */
    public boolean belongsTo(AccountId account) {
        return accountId.isEmpty() || accountId.equals(account.value());
    }

    /**
     * Parses a RAM role ARN.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidQueryParameter} (400) if malformed
     */
    public static Arn ramRole(String value) {
        Arn arn = parse(value);
        if (!arn.service.equals("ram") || !arn.region.isEmpty() || !arn.resourceType.equals("role")
                || !ROLE_NAME.matcher(arn.resource).matches()) {
            throw ApiError.INVALID_QUERY_PARAMETER.exception();
        }
        return arn;
    }

    /**
     * Parses an SLS project ARN.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidQueryParameter} (400) if malformed
     */
    public static Arn slsProject(String value) {
        Arn arn = parse(value);
        if (!arn.service.equals("log") || arn.region.isEmpty() || !arn.resourceType.equals("project")
                || !SLS_PROJECT.matcher(arn.resource).matches()) {
            throw ApiError.INVALID_QUERY_PARAMETER.exception();
        }
        return arn;
    }

    /**
     * Parses a MaxCompute project ARN; the project name must start with {@code actiontrail_} (seed 001).
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidQueryParameter} (400) if malformed or if the
     *         project name does not start with {@code actiontrail_}
     */
    public static Arn maxComputeProject(String value) {
        Arn arn = parse(value);
        if (!arn.service.equals("odps") || arn.region.isEmpty() || !arn.resourceType.equals("project")
                || !ODPS_PROJECT.matcher(arn.resource).matches() || !arn.resource.startsWith("actiontrail_")) {
            throw ApiError.INVALID_QUERY_PARAMETER.exception();
        }
        return arn;
    }

    /** The ARN of the role {@code roleName} in {@code account}. */
    public static String ramRoleOf(AccountId account, String roleName) {
        return "acs:ram::" + account.value() + ":role/" + roleName;
    }

    /** The ARN of a trail. */
    public static String trailOf(String homeRegion, AccountId account, String trailName) {
        return "acs:actiontrail:" + homeRegion + ":" + account.value() + ":trail/" + trailName;
    }

    private static Arn parse(String value) {
        Matcher m = value == null ? null : SHAPE.matcher(value);
        if (m == null || !m.matches()) {
            throw ApiError.INVALID_QUERY_PARAMETER.exception();
        }
        return new Arn(value, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    @Override
    public String toString() {
        return value;
    }
}
