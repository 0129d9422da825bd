package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.util.Objects;

/**
 * The authenticated caller of one API call: its {@link Principal} and the AccessKey that signed the call (an
 * {@code STS.} key for a role session; empty for a call made by the operator's local CLI, which acts as the
 * account's root identity without a key).
 */
public record Caller(Principal principal, String accessKeyId) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
    }

    /** The account the call acts in (a role session acts in the role's account). */
    public AccountId accountId() {
        return principal.accountId();
    }

    /** The root identity of {@code account} calling without an AccessKey (the local CLI). */
    public static Caller localRoot(AccountId account) {
        return new Caller(new Principal.Root(account), "");
    }

    public boolean isRoot() {
        return principal instanceof Principal.Root;
    }
}
