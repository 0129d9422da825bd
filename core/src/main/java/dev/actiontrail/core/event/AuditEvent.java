package dev.actiontrail.core.event;

import dev.actiontrail.core.api.UtcSeconds;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ActionTrail event record (§5) as recorded: the original JSON text, kept byte for byte and returned by
 * LookupEvents, plus what is extracted from it to index and route it.
 *
 * <p>Built from the JSON text and its parsed tree (plain Java values: {@code Map<String,Object>}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}); parsing the text is the adapters' job. Required fields:
 * {@code eventId} (non-empty string) and {@code eventTime} (ISO-8601 UTC such as {@code 2022-04-12T10:23:43Z},
 * fractional seconds and numeric offsets accepted). {@code eventVersion} may be a number or a string; unknown
 * fields are kept.
 *
 * <p>Indexed attributes (one entry per value; ResourceType and ResourceName may have several):
 * eventId, eventName, eventType, eventRW, serviceName, userIdentity.userName, userIdentity.accessKeyId,
 * sourceIpAddress, requestId, eventAttributes.SensitiveAction, the role name of an {@code assumed-role} caller
 * (userName before {@code :}), {@code resourceType} / {@code resourceName} split on {@code ;} and {@code ,}
 * (§5: same type comma-separated, different types semicolon-separated) and the keys / values of
 * {@code referencedResources}.
 */
public final class AuditEvent {
    private static final DateTimeFormatter EVENT_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private final String eventId;
    private final Instant eventTime;
    private final String acsRegion;
    private final String eventRW;
    private final String json;
    private final List<Attribute> attributes;

    /** One indexed (key, value) pair of an event. */
    public record Attribute(LookupKey key, String value) {
    }

    private AuditEvent(String eventId, Instant eventTime, String acsRegion, String eventRW, String json,
                       List<Attribute> attributes) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.acsRegion = acsRegion;
        this.eventRW = eventRW;
        this.json = json;
        this.attributes = attributes;
    }

    /**
     * Builds an event from its JSON text and parsed tree.
     *
     * @param json   the event object's JSON text, stored and returned as is
     * @param record the same object parsed into plain Java values
     * @throws InvalidEventException if eventId or eventTime is missing or malformed (the message says which)
     */
    public static AuditEvent of(String json, Map<String, Object> record) {
        Objects.requireNonNull(json, "json");
        String eventId = text(record.get("eventId"));
        if (eventId == null || eventId.isEmpty()) {
            throw new InvalidEventException("missing eventId");
        }
        Object rawTime = record.get("eventTime");
        if (!(rawTime instanceof String timeText)) {
            throw new InvalidEventException("missing eventTime");
        }
        Instant eventTime = parseEventTime(timeText);
        List<Attribute> attrs = new ArrayList<>();
        add(attrs, LookupKey.EventId, eventId);
        add(attrs, LookupKey.EventName, text(record.get("eventName")));
        add(attrs, LookupKey.EventType, text(record.get("eventType")));
        String rw = text(record.get("eventRW"));
        add(attrs, LookupKey.EventRW, rw);
        add(attrs, LookupKey.ServiceName, text(record.get("serviceName")));
        add(attrs, LookupKey.SourceIpAddress, text(record.get("sourceIpAddress")));
        add(attrs, LookupKey.RequestId, text(record.get("requestId")));
        Map<?, ?> identity = map(record.get("userIdentity"));
        String userName = text(identity.get("userName"));
        add(attrs, LookupKey.User, userName);
        add(attrs, LookupKey.EventAccessKeyId, text(identity.get("accessKeyId")));
        if ("assumed-role".equals(text(identity.get("type"))) && userName != null && userName.contains(":")) {
            add(attrs, LookupKey.RoleName, userName.substring(0, userName.indexOf(':')));
        }
        add(attrs, LookupKey.SensitiveAction, text(map(record.get("eventAttributes")).get("SensitiveAction")));
        Set<String> types = new LinkedHashSet<>(split(text(record.get("resourceType"))));
        Set<String> names = new LinkedHashSet<>(split(text(record.get("resourceName"))));
        for (Map.Entry<?, ?> e : map(record.get("referencedResources")).entrySet()) {
            types.add(String.valueOf(e.getKey()));
            if (e.getValue() instanceof Collection<?> c) {
                c.forEach(v -> names.add(text(v)));
            } else if (e.getValue() != null) {
                names.addAll(split(text(e.getValue())));
            }
        }
        types.forEach(t -> add(attrs, LookupKey.ResourceType, t));
        names.forEach(n -> add(attrs, LookupKey.ResourceName, n));
        return new AuditEvent(eventId, eventTime, text(record.get("acsRegion")), rw, json, List.copyOf(attrs));
    }

    /**
     * Parses an event time: ISO-8601 date-time with an offset ({@code Z}, {@code +00:00}, {@code +0000}) and
     * optional fractional seconds.
     *
     * @throws InvalidEventException if it does not parse
     */
    public static Instant parseEventTime(String text) {
        Instant usual = UtcSeconds.parse(text);
        if (usual != null) {
            return usual;
        }
        try {
            return OffsetDateTime.parse(text, EVENT_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("malformed eventTime: " + text);
        }
    }

    /** The event ID, unique per account. */
    public String eventId() {
        return eventId;
    }

    /** When the event happened (UTC). */
    public Instant eventTime() {
        return eventTime;
    }

    /** The region where the event happened ({@code acsRegion}), or null. */
    public String acsRegion() {
        return acsRegion;
    }

    /** {@code Read} or {@code Write}, or null when the record has no eventRW. */
    public String eventRW() {
        return eventRW;
    }

    /** The event's JSON text exactly as recorded. */
    public String json() {
        return json;
    }

    /** The indexed attributes, one entry per (key, value). */
    public List<Attribute> attributes() {
        return attributes;
    }

    private static void add(List<Attribute> attrs, LookupKey key, String value) {
        if (value != null && !value.isEmpty()) {
            attrs.add(new Attribute(key, value));
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String group : value.split(";")) {
            for (String part : group.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
        }
        return parts;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof Collection) {
            return null;
        }
        return String.valueOf(value);
    }
}
