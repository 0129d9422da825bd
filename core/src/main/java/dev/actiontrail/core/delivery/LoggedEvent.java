package dev.actiontrail.core.delivery;

import java.time.Instant;

/**
 * An event as the event log hands it to delivery: its sequence number (strictly increasing in recording order,
 * never reused), its time, its region ({@code acsRegion}, null for a global event), its {@code eventRW}, its
 * JSON text exactly as recorded, and that text's length in UTF-8 bytes (what the size caps of delivered objects
 * count; a store that keeps the text as UTF-8 knows it without reading the text).
 */
public record LoggedEvent(long seq, Instant eventTime, String acsRegion, String eventRW, String json, long jsonBytes) {
    /** The event with {@code jsonBytes} counted from the text. */
    public LoggedEvent(long seq, Instant eventTime, String acsRegion, String eventRW, String json) {
        this(seq, eventTime, acsRegion, eventRW, json, utf8Length(json));
    }

    /** The UTF-8 length of a text, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
