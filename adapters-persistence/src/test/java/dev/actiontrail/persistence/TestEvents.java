package dev.actiontrail.persistence;

import dev.actiontrail.core.event.AuditEvent;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds {@link AuditEvent}s without a JSON library: the record tree by hand ({@link #map}) and its JSON text
 * written from that same tree ({@link #json}), so text and tree always match.
 */
final class TestEvents {
    private TestEvents() {
    }

    /** An ordered map from alternating keys and values: {@code map("a", 1, "b", map(...))}. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** An event with this eventId and eventTime (ISO-8601) plus the given further fields. */
    static AuditEvent event(String eventId, String eventTime, Object... moreFields) {
        Map<String, Object> record = map("eventId", eventId, "eventTime", eventTime);
        record.putAll(map(moreFields));
        return AuditEvent.of(json(record), record);
    }

    /** JSON text of a tree of maps, collections, strings, numbers, booleans and nulls. */
    static String json(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> json(String.valueOf(e.getKey())) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(TestEvents::json).collect(Collectors.joining(",", "[", "]"));
        }
        StringBuilder s = new StringBuilder("\"");
        for (char ch : value.toString().toCharArray()) {
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> s.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return s.append('"').toString();
    }
}
