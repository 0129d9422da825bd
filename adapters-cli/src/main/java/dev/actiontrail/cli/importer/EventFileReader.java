package dev.actiontrail.cli.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.InvalidEventException;
import dev.actiontrail.http.json.EventJson;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads ActionTrail events from one input, whatever its shape:
 * <ul>
 *   <li>a JSON array of events (what OSS delivery writes, and LookupEvents' {@code Events});</li>
 *   <li>JSON lines (one event per line) or concatenated objects;</li>
 *   <li>a wrapper object with the events in {@code Records}, {@code Events} or {@code records};</li>
 *   <li>SLS-shaped records carrying the event in an {@code event} field, directly or under {@code contents}, as an
 *       object or as a JSON string (§6.2);</li>
 *   <li>any of these gzip-compressed ({@code .gz} OSS-delivered log files; detected by the gzip magic bytes).</li>
 * </ul>
 * Each record yields an {@link AuditEvent} or a rejection with its reason; a syntax error ends the input with an
 * {@link IOException} whose message gives the line.
 */
public final class EventFileReader {
    private EventFileReader() {
    }

    /** What happened to one record of the input. */
    public sealed interface Outcome {
        /** The record's 1-based position in the input. */
        long index();
    }

    /** A usable event. */
    public record Accepted(long index, AuditEvent event) implements Outcome {
    }

    /** A record that is not a usable event, and why. */
    public record Rejected(long index, String reason) implements Outcome {
    }

    /**
     * Reads every record of the input in order and hands each outcome to {@code sink}.
     *
     * @throws IOException on a read error or malformed JSON (the message says where)
     */
    public static void read(InputStream raw, Consumer<Outcome> sink) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 65536));
        }
        long[] index = {0};
        try (JsonParser parser = EventJson.MAPPER.getFactory().createParser(in)) {
            MappingIterator<JsonNode> roots = EventJson.MAPPER.readValues(parser, JsonNode.class);
            while (roots.hasNextValue()) {
                JsonNode root = roots.nextValue();
                for (Iterator<JsonNode> it = records(root); it.hasNext(); ) {
                    sink.accept(outcome(++index[0], it.next()));
                }
            }
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static Iterator<JsonNode> records(JsonNode root) {
        if (root.isArray()) {
            return root.elements();
        }
        for (String wrapper : new String[] {"Records", "Events", "records"}) {
            if (root.isObject() && root.path(wrapper).isArray()) {
                return root.get(wrapper).elements();
            }
        }
        return java.util.List.of(root).iterator();
    }

    private static Outcome outcome(long index, JsonNode record) {
        try {
            JsonNode event = unwrapSls(record);
            return new Accepted(index, EventJson.fromNode(event));
        } catch (InvalidEventException e) {
            return new Rejected(index, e.getMessage());
        }
    }

    /** The event inside an SLS record ({@code event} or {@code contents.event}, object or JSON string). */
    private static JsonNode unwrapSls(JsonNode record) {
        JsonNode holder = record.path("contents").isObject() ? record.get("contents") : record;
        JsonNode event = holder.get("event");
        if (event == null || record.has("eventId")) {
            return record;
        }
        if (event.isTextual()) {
            try {
                return EventJson.MAPPER.readTree(event.asText());
            } catch (IOException e) {
                throw new InvalidEventException("SLS record whose event field is not JSON");
            }
        }
        return event;
    }
}
