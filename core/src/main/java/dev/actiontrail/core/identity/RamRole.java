package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * A RAM role (RAM 2015-05-01 CreateRole): its stored ID, name, description, trust policy
 * ({@code AssumeRolePolicyDocument}, JSON text) and the longest session STS may issue for it, in seconds
 * (3600–43200). Times are UTC, second precision; {@code updateDate} equals {@code createDate} until an update.
 */
public record RamRole(AccountId accountId, String roleId, String roleName, String description,
                      String assumeRolePolicyDocument, int maxSessionDuration, Instant createDate, Instant updateDate) {
    public RamRole {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }

    /** {@code acs:ram::<account>:role/<roleName>} (the Arn RAM answers; lower-case name as Alibaba Cloud renders it). */
    public String arn() {
        return arn(accountId.value(), roleName);
    }

    /**
     * The ARN of role {@code roleName} of an account as RAM shows it ({@code acs:ram::<account>:role/<name>}, the name
     * in lower case: role names are unique regardless of case, so each role has one ARN however it is spelt).
     */
    public static String arn(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName.toLowerCase(java.util.Locale.ROOT);
    }
}
