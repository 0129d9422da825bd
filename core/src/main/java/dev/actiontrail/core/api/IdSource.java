package dev.actiontrail.core.api;

import java.util.Locale;
import java.util.UUID;

/** Where request IDs and event IDs come from: a port so tests can make them predictable. */
@FunctionalInterface
public interface IdSource {
    /** A new random UUID. */
    UUID next();

    /** A new request ID: an uppercase UUID such as {@code 442DDADF-DA58-4029-8E8B-82C73E9A7A70} (§1.7). */
    default String requestId() {
        return next().toString().toUpperCase(Locale.ROOT);
    }

    /** IDs from {@link UUID#randomUUID()}. */
    static IdSource random() {
        return UUID::randomUUID;
    }
}
