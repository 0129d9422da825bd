package dev.actiontrail.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A RAM policy as GetPolicy / ListPolicies describe it, without its document: type ({@code System}: built in, the
 * same in every account; {@code Custom}: the account's own), name, description ({@code ""} when not set) and the ID
 * of its default version ({@code v1}, {@code v2}, …). Times are UTC, second precision; a custom policy's
 * {@code updateDate} moves when a version is added, removed or made the default.
 */
public record RamPolicy(PolicyType policyType, String policyName, String description, String defaultVersion,
                        Instant createDate, Instant updateDate) {
    public RamPolicy {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultVersion, "defaultVersion");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
    }
}
