package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * A RAM user (RAM 2015-05-01 CreateUser / GetUser): stored ID (16 digits), name, and the optional profile fields
 * ({@code ""} when not set). Times are UTC, second precision; {@code lastLoginDate} is null until a console sign-in.
 */
public record RamUser(AccountId accountId, String userId, String userName, String displayName, String mobilePhone,
                      String email, String comments, Instant createDate, Instant updateDate, Instant lastLoginDate) {
    public RamUser {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(mobilePhone, "mobilePhone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(comments, "comments");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }

    /** {@code acs:ram::<account>:user/<userName>}. */
    public String arn() {
        return "acs:ram::" + accountId.value() + ":user/" + userName;
    }
}
