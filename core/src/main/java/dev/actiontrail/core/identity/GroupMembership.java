package dev.actiontrail.core.identity;

import java.time.Instant;
import java.util.Objects;

/** A RAM user's membership of a group of the same account (AddUserToGroup), since {@code joinDate} (UTC, seconds). */
public record GroupMembership(String groupName, String userName, Instant joinDate) {
    public GroupMembership {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(joinDate, "joinDate");
    }
}
