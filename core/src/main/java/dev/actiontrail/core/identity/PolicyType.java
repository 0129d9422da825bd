package dev.actiontrail.core.identity;

/** Who maintains a RAM policy: Alibaba Cloud ({@code System}, built in, read-only) or the account ({@code Custom}). */
public enum PolicyType {
    System, Custom
}
