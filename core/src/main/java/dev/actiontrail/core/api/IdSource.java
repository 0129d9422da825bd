package dev.actiontrail.core.api;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** Where request IDs and event IDs come from: a port so tests can make them predictable. */
@FunctionalInterface
public interface IdSource {
    /** A new unique UUID. */
    UUID next();

    /** A new request ID: an uppercase UUID such as {@code 442DDADF-DA58-4029-8E8B-82C73E9A7A70} (§1.7). */
    default String requestId() {
        return next().toString().toUpperCase(Locale.ROOT);
    }

    /** IDs from {@link UUID#randomUUID()} (122 random bits). */
    static IdSource random() {
        return UUID::randomUUID;
    }

    /**
     * Time-ordered IDs in the RFC 9562 version 7 layout: the first 48 bits are the clock's epoch milliseconds (UTC),
     * then the version (7), then 74 bits taken from {@link UUID#randomUUID()} (a cryptographically strong source).
     * They look like any other UUID ({@code 019AA4F2-7C3B-7D41-9E0A-5B6C1D2E3F40}) but IDs made close in time sort
     * close together, so the indexes they are stored in (event ID, request ID) grow at their end instead of at random
     * places: an event recorded now touches the same few index pages as the events recorded just before it.
     */
    static IdSource timeOrdered(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return () -> {
            UUID r = UUID.randomUUID();
            long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
            long high = (millis << 16) | 0x7000L | (r.getMostSignificantBits() & 0x0FFFL);
            return new UUID(high, r.getLeastSignificantBits()); // the variant bits (10) of the random UUID are kept
        };
    }
}
