package dev.actiontrail.core.trail;

/**
 * A trail's status (§2.7): {@code Fresh} (created, never started), {@code Enable} (logging) and {@code Disable}
 * (stopped). {@code Fresh} → StartLogging → {@code Enable} ⇄ {@code Disable}.
 */
public enum TrailStatus {
    Fresh, Enable, Disable
}
