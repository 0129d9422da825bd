package dev.actiontrail.core.destination;

/** What ActionTrail finds when it checks a destination: missing, present but not writable for it, or writable. */
public enum DestinationAccess {
    MISSING, DENIED, WRITABLE
}
