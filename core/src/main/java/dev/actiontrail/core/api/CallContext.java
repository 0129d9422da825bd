package dev.actiontrail.core.api;

import dev.actiontrail.core.account.Account;

import java.util.Objects;

/**
 * Who calls, where and in which API version: the caller's account, the region of the call (from {@code RegionId},
 * the endpoint host, or the default; §1.1) and the API version whose rules apply.
 */
public record CallContext(Account account, String region, ApiVersion version) {
    public CallContext {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(version, "version");
    }
}
