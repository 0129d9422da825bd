package dev.actiontrail.core.access;

import dev.actiontrail.core.identity.AttachedPolicy;
import dev.actiontrail.core.identity.PolicyType;

import java.util.Objects;

/**
 * An identity policy ready for evaluation: its parsed document and where it comes from (for diagnostics).
 *
 * @param policyName         the policy's name, e.g. {@code AliyunActionTrailReadOnlyAccess}
 * @param policyType         System or Custom
 * @param attachedEntityType {@code RamUser}, {@code RamGroup} or {@code RamRole} (as {@link AttachedPolicy} has it)
 * @param document           the parsed document (an identity policy)
 */
public record ApplicablePolicy(String policyName, PolicyType policyType, String attachedEntityType,
                               PolicyDocument document) {
    public ApplicablePolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(attachedEntityType, "attachedEntityType");
        Objects.requireNonNull(document, "document");
    }

    /** The attachment's source info with its parsed document. */
    public static ApplicablePolicy of(AttachedPolicy attached, PolicyDocument document) {
        return new ApplicablePolicy(attached.policyName(), attached.type(), attached.attachedEntityType(), document);
    }
}
