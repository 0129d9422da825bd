package dev.actiontrail.core.access;

/** A statement's {@code Effect} (access-control reference §1.1): exactly {@code "Allow"} or {@code "Deny"}, case-sensitive. */
public enum Effect {
    Allow, Deny
}
