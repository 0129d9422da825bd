package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * An AccessKey pair that signs API requests: its ID (e.g. {@code LTAI5t...}), its secret, and the identity it
 * belongs to — the account's root identity ({@code userName} {@code root}) or a RAM user. The secret never leaves
 * the key store except to verify or create signatures; {@link #toString()} leaves it out.
 *
 * @param createTime UTC, second precision
 */
public record AccessKey(String accessKeyId, String accessKeySecret, AccountId accountId, String userName,
                        Status status, Instant createTime) {

    /** Whether a key may sign requests. */
    public enum Status {
        Active, Inactive
    }

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createTime, "createTime");
    }

    /** Whether the key belongs to the account's root identity. */
    public boolean isRoot() {
        return userName.equals(ROOT);
    }

    /** The user name of the root identity, as ActionTrail records it. */
    public static final String ROOT = "root";

    /**
     * The {@code userIdentity} ActionTrail records for a call signed with this key (§5): {@code type}
     * ({@code root-account} or {@code ram-user}), {@code principalId} (the account ID for root, else a stable user
     * ID derived from the account and user name), {@code accountId}, {@code accessKeyId}, {@code userName}.
     */
    public UserIdentity identity() {
        if (isRoot()) {
            return new UserIdentity("root-account", accountId.value(), accountId.value(), accessKeyId, ROOT);
        }
        long principal = Math.abs((accountId.value() + "/" + userName).hashCode()) % 100_000_000L;
        return new UserIdentity("ram-user", accountId.value().substring(0, 8) + String.format("%08d", principal),
                accountId.value(), accessKeyId, userName);
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", account " + accountId + ", user " + userName + ", " + status + "]";
    }

    /** The caller as an event records it ({@code userIdentity}, §5). */
    public record UserIdentity(String type, String principalId, String accountId, String accessKeyId,
                               String userName) {
    }
}
