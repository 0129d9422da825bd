package dev.actiontrail.core.testing;

import dev.actiontrail.core.event.AuditEvent;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link AuditEvent}s from hand-written maps, without a JSON library: the map is written as compact JSON
 * by {@link #toJson} (keys in map order) and given to {@link AuditEvent#of} together with the map itself.
 *
 * <pre>{@code
 * AuditEvent e = Events.event(Events.record(
 *         "eventId", "E1", "eventTime", "2024-05-19T10:00:00Z", "eventName", "DescribeInstances",
 *         "userIdentity", Events.record("type", "ram-user", "userName", "alice")));
 * }</pre>
 */
public final class Events {
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Events() {
    }

    /** The event whose JSON text is {@link #toJson}{@code (record)}. */
    public static AuditEvent event(Map<String, ?> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) record;
        return AuditEvent.of(toJson(record), tree);
    }

    /**
     * A typical ApiCall event (§5 example 2 shape): eventId, eventVersion 1, eventTime, eventName, eventType
     * ApiCall, eventRW Read, acsRegion cn-hangzhou, serviceName Ecs, requestId = eventId, and a ram-user
     * {@code alice}, followed by {@code overrides} (key, value, key, value, …; a null value removes the key).
     */
    public static AuditEvent apiCall(String eventId, String eventTime, Object... overrides) {
        Map<String, Object> r = record(
                "eventId", eventId,
                "eventVersion", 1,
                "eventTime", eventTime,
                "eventName", "DescribeInstances",
                "eventType", "ApiCall",
                "eventRW", "Read",
                "acsRegion", "cn-hangzhou",
                "serviceName", "Ecs",
                "requestId", eventId,
                "sourceIpAddress", "10.0.0.1",
                "userIdentity", record("type", "ram-user", "accountId", "1234567890123456",
                        "principalId", "245494290036250000", "userName", "alice"));
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in key/value pairs");
        }
        for (int i = 0; i < overrides.length; i += 2) {
            String key = (String) overrides[i];
            if (overrides[i + 1] == null) {
                r.remove(key);
            } else {
                r.put(key, overrides[i + 1]);
            }
        }
        return event(r);
    }

    /** An ordered, mutable map from (key, value, key, value, …); values may be maps, lists, strings, numbers. */
    public static Map<String, Object> record(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("record takes key/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The eventId of an event JSON text written by {@link #toJson} (or any compact JSON with {@code "eventId":"…"}). */
    public static String eventIdOf(String json) {
        Matcher m = EVENT_ID.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no eventId in " + json);
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The eventIds of event JSON texts, in order. */
    public static List<String> eventIdsOf(List<String> jsons) {
        return jsons.stream().map(Events::eventIdOf).toList();
    }

    /**
     * Compact JSON for plain Java values: {@code Map} (keys as strings, in map order), {@code Collection} and
     * arrays of objects, {@code CharSequence}, {@code Number}, {@code Boolean} and {@code null}.
     */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            writeArray(out, list);
        } else if (value instanceof Object[] array) {
            writeArray(out, Arrays.asList(array));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof CharSequence s) {
            string(out, s.toString());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeArray(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
