package dev.actiontrail.cli.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Each record yields an {@link AuditEvent} or a rejection with its reason. In JSON lines a record's index is its line
 * number and a malformed line is one rejected record; in the other shapes the index is the record's position and a
 * syntax error ends the input with an {@link IOException} whose location gives the byte offset.
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
            in = new GZIPInputStream(in, 65536);
        }
        in = new BufferedInputStream(in, 65536);
        if (isJsonLines(in)) {
            readLines(in, sink);
            return;
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

    /** The longest first line looked at to tell JSON lines from other shapes. */
    static final int MAX_SNIFFED_LINE = 8 << 20;

    /**
     * Whether the input is JSON lines: its first non-blank line is one whole JSON object by itself (a JSON array,
     * or an object spread over several lines, is not). Leaves the stream where it was.
     */
    private static boolean isJsonLines(InputStream in) throws IOException {
        in.mark(MAX_SNIFFED_LINE + 1);
        try {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            int read = 0;
            while ((b = in.read()) >= 0 && read++ < MAX_SNIFFED_LINE) {
                if (b == '\n') {
                    if (line.toString(java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                        line.reset();
                        continue;
                    }
                    break;
                }
                line.write(b);
            }
            String first = line.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!first.startsWith("{") || read > MAX_SNIFFED_LINE || b < 0) {
                return false; // an array, a bigger first line, or a single line (then both readings agree)
            }
            try {
                return EventJson.MAPPER.readTree(first).isObject();
            } catch (JsonProcessingException e) {
                return false;
            }
        } finally {
            in.reset();
        }
    }

    /**
     * JSON lines: each line is read on its own, so a malformed line is one rejected record — with its true line
     * number as its index — and the lines after it are still read. Blank lines are skipped (and counted).
     */
    private static void readLines(InputStream in, Consumer<Outcome> sink) throws IOException {
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        long lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_EVENT_BYTES) { // more characters than bytes allowed: too large, unread
                sink.accept(new Rejected(lineNumber, "event larger than " + MAX_EVENT_BYTES + " bytes"));
                continue;
            }
            JsonNode root;
            try {
                root = EventJson.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                sink.accept(new Rejected(lineNumber, "malformed JSON: " + e.getOriginalMessage()));
                continue;
            }
            for (Iterator<JsonNode> it = records(root); it.hasNext(); ) {
                sink.accept(outcome(lineNumber, it.next()));
            }
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

    /** The largest event imported, in UTF-8 bytes of its JSON (ActionTrail's own events are a few KiB). */
    public static final int MAX_EVENT_BYTES = 8 << 20;

    private static Outcome outcome(long index, JsonNode record) {
        try {
            JsonNode event = unwrapSls(record);
            AuditEvent e = EventJson.fromNode(event);
            String json = e.json();
            if (json.length() > MAX_EVENT_BYTES / 3
                    && json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
                return new Rejected(index, "event larger than " + MAX_EVENT_BYTES + " bytes");
            }
            return new Accepted(index, e);
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
