package dev.actiontrail.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy attached to a RAM user, group or role of the account (AttachPolicyToUser / Group / Role), since
 * {@code attachDate} (UTC, seconds). {@code entityName} is the user's, group's or role's name as stored.
 */
public record PolicyAttachment(PolicyType policyType, String policyName, EntityType entityType, String entityName,
                               Instant attachDate) {
    public PolicyAttachment {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(attachDate, "attachDate");
    }

    /** What a policy is attached to. */
    public enum EntityType {
        User, Group, Role;

        /** The name {@code AccessDeniedDetail} gives it: {@code RamUser}, {@code RamGroup}, {@code RamRole}. */
        public String attachedEntityType() {
            return "Ram" + name();
        }
    }

    /** Whether this attaches the policy {@code (type, name)} to the entity {@code (entityType, entityName)}. */
    public boolean matches(PolicyType type, String name, EntityType entity, String entityName) {
        return policyType == type && policyName.equals(name) && entityType == entity
                && this.entityName.equals(entityName);
    }

    /** Whether this attaches a policy to the entity {@code (entityType, entityName)}. */
    public boolean isOn(EntityType entity, String name) {
        return entityType == entity && entityName.equals(name);
    }

    /** Whether this attaches the policy {@code (type, name)}. */
    public boolean isOf(PolicyType type, String name) {
        return policyType == type && policyName.equals(name);
    }
}
