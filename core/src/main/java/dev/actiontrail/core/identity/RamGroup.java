package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * A RAM user group (RAM 2015-05-01 CreateGroup / GetGroup): its stored ID (19 digits), name (1–64 characters of
 * {@code [A-Za-z0-9._-]}) and description ({@code ""} when not set). Times are UTC, second precision;
 * {@code updateDate} equals {@code createDate} until an update.
 */
public record RamGroup(AccountId accountId, String groupId, String groupName, String comments, Instant createDate,
                       Instant updateDate) {
    public RamGroup {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(comments, "comments");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }
}
