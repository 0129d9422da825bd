package dev.actiontrail.core.delivery;

/** The kinds of destination a trail delivers to (seed 001): an OSS bucket, an SLS Logstore, a MaxCompute project. */
public enum DestinationType {
    OSS, SLS, MAX_COMPUTE
}
