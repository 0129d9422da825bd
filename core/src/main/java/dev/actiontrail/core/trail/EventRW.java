package dev.actiontrail.core.trail;

import dev.actiontrail.core.error.ApiError;

/** The read/write type of events a trail delivers: {@code Read}, {@code Write} or {@code All} (§2.2). */
public enum EventRW {
    Read, Write, All;

    /** Whether an event whose {@code eventRW} is {@code eventRw} is selected by this setting. */
    public boolean selects(String eventRw) {
        return this == All || name().equals(eventRw);
    }

    /**
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidQueryParameter} (400) for any other value
     */
    public static EventRW parse(String value) {
        for (EventRW rw : values()) {
            if (rw.name().equals(value)) {
                return rw;
            }
        }
        throw ApiError.INVALID_QUERY_PARAMETER.exception();
    }
}
