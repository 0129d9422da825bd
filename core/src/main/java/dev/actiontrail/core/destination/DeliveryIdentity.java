package dev.actiontrail.core.destination;

import dev.actiontrail.core.account.AccountId;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom ActionTrail writes a trail's events to one destination as: the trail's account and the write role ARN the
 * trail names for that destination ({@code OssWriteRoleArn}, {@code SlsWriteRoleArn} or
 * {@code MaxComputeWriteRoleArn}; {@code ""} when it names none, as 2017-12-04 trails do: ActionTrail then acts for
 * the trail's own account).
 *
 * <p>The one ownership rule every {@link ResourceDirectory} applies ({@link #mayWriteTo}): a trail may write to a
 * resource of its own account with no write role or a role of its own account, and to a resource of another account
 * only with a write role <em>of that owner account</em> that the owner's {@link CrossAccountRoles} grants. A write
 * role of any third account is never enough.
 */
public record DeliveryIdentity(AccountId account, String writeRoleArn) {
    /** A RAM role ARN (already validated by the trail rules): its account (may be empty) and role name. */
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d*):role/(.+)");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{16}");

    public DeliveryIdentity {
        Objects.requireNonNull(account, "account");
        writeRoleArn = writeRoleArn == null ? "" : writeRoleArn;
    }

    /** The account acting for itself, with no write role. */
    public static DeliveryIdentity of(AccountId account) {
        return new DeliveryIdentity(account, "");
    }

    /**
     * Whether ActionTrail may write as this identity into a resource owned by {@code owner} (the rule in the class
     * comment). Says nothing about the resource's own policy: the directory checks that next.
     */
    public boolean mayWriteTo(AccountId owner, CrossAccountRoles roles) {
        Objects.requireNonNull(owner, "owner");
        if (writeRoleArn.isEmpty()) {
            return owner.equals(account);
        }
        Matcher m = ROLE_ARN.matcher(writeRoleArn);
        if (!m.matches()) {
            return false;
        }
        String roleAccount = m.group(1).isEmpty() ? account.value() : m.group(1);
        if (!roleAccount.equals(owner.value())) {
            return false; // a write role is always one of the resource's owner
        }
        return owner.equals(account) || roles.mayDeliverAs(account, writeRoleArn, owner);
    }

    /**
     * Whether this identity may learn about a resource owned by {@code owner} (e.g. a bucket's region): its owner,
     * or a trail the owner granted writing.
     */
    public boolean maySee(AccountId owner, CrossAccountRoles roles) {
        return owner.equals(account) || mayWriteTo(owner, roles);
    }

    /**
     * The account an ARN's account field names: {@link #account()} when it is empty (an ARN without account means
     * the caller's), else that account; empty if it is not a 16-digit account ID (no resource can be there).
     */
    public Optional<AccountId> accountNamed(String arnAccountId) {
        if (arnAccountId == null || arnAccountId.isEmpty()) {
            return Optional.of(account);
        }
        return ACCOUNT_ID.matcher(arnAccountId).matches() ? Optional.of(AccountId.of(arnAccountId)) : Optional.empty();
    }
}
