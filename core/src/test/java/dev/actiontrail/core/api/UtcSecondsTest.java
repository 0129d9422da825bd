package dev.actiontrail.core.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UtcSecondsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T08:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"})
    void readsTheApisShapeAsTheIsoParserDoes(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), UtcSeconds.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T08:00:00.5Z", "2026-11-21T08:00:00+08:00", "2026-11-21 08:00:00Z",
            "2026-11-21T08:00:00z", "2026-11-21T08:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-21T24:00:00Z", "2026-11-21T08:60:00Z", "2026-1a-21T08:00:00Z", "", "x"})
    void leavesEveryOtherTextToTheCaller(String text) {
        assertNull(UtcSeconds.parse(text));
    }

    @Test
    void nullIsNotATime() {
        assertNull(UtcSeconds.parse(null));
        assertEquals(Instant.parse("2026-11-21T08:00:00Z"), UtcSeconds.parse("2026-11-21T08:00:00Z"));
    }
}
