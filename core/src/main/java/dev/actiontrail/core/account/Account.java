package dev.actiontrail.core.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An Alibaba Cloud account as ActionTrail sees it: its ID and, when it is the management account of a resource
 * directory, that directory's ID ({@code rd-...}). Only such an account may create an organization
 * (multi-account) trail (seed 001, {@code NotAllowCreateOrganizationTrail}).
 */
public record Account(AccountId id, Optional<String> resourceDirectoryId) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceDirectoryId, "resourceDirectoryId");
    }

    public static Account of(AccountId id, String resourceDirectoryId) {
        return new Account(id, Optional.ofNullable(resourceDirectoryId).filter(s -> !s.isEmpty()));
    }
}
