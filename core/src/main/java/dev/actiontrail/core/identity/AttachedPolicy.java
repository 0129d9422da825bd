package dev.actiontrail.core.identity;

import java.util.Objects;

/**
 * A policy that applies to a principal, as the authorizer needs it: its type and name, the entity it is attached
 * to ({@code RamUser}, {@code RamGroup} or {@code RamRole}, as {@code AccessDeniedDetail} names them), and for a
 * custom policy the document of its default version (JSON text). For a system policy {@code document} is null: the
 * built-in catalogue holds it.
 */
public record AttachedPolicy(PolicyType type, String policyName, String attachedEntityType, String document) {
    public AttachedPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(attachedEntityType, "attachedEntityType");
    }
}
