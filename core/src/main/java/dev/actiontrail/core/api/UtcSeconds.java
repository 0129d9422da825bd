package dev.actiontrail.core.api;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * The one time shape the API uses everywhere — {@code yyyy-MM-ddTHH:mm:ssZ}, UTC to the second (request
 * {@code Timestamp}, eventTime, StartTime / EndTime; API reference notes §1.3, §5) — read without the general
 * ISO-8601 parser, which costs more than the rest of a signature check. Callers fall back to their general parser
 * when this shape does not match.
 */
public final class UtcSeconds {
    private UtcSeconds() {
    }

    /**
     * The instant of {@code text} if it is exactly {@code yyyy-MM-ddTHH:mm:ssZ} with a valid date and time, else
     * null (other shapes, such as fractions or offsets, are left to the caller's parser).
     */
    public static Instant parse(String text) {
        if (text == null || text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the caller's parser reports it in its own words
        }
    }

    /** The decimal number of {@code n} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
