package dev.actiontrail.core.access;

import dev.actiontrail.core.identity.PolicyType;

import java.time.Instant;
import java.util.Objects;

/**
 * A built-in system policy (RAM {@code PolicyType} {@code System}; read-only, shared by every account).
 *
 * @param policyName     e.g. {@code AliyunActionTrailFullAccess} (names compare exactly)
 * @param description    the Description RAM answers, e.g. {@code Provides full access to ActionTrail.}
 * @param policyDocument the document of the default version, JSON text exactly as GetPolicy answers it
 * @param defaultVersion the default version's ID, e.g. {@code v2}
 * @param createDate     creation time (UTC, seconds)
 * @param updateDate     last update time (UTC, seconds)
 * @param document       {@code policyDocument} parsed
 */
public record SystemPolicy(String policyName, String description, String policyDocument, String defaultVersion,
                           Instant createDate, Instant updateDate, PolicyDocument document) {
    public SystemPolicy {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(policyDocument, "policyDocument");
        Objects.requireNonNull(defaultVersion, "defaultVersion");
        Objects.requireNonNull(createDate, "createDate");
        Objects.requireNonNull(updateDate, "updateDate");
        Objects.requireNonNull(document, "document");
    }

    /** Always {@link PolicyType#System}. */
    public PolicyType policyType() {
        return PolicyType.System;
    }
}
