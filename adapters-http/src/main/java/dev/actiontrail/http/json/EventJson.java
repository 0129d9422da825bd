package dev.actiontrail.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.InvalidEventException;

import java.util.Map;

/**
 * Turns ActionTrail event JSON (§5) into {@link AuditEvent}s with Jackson. The JSON text stored for an event is
 * the compact serialisation of its tree, keys in their original order and numbers as written (big and decimal
 * numbers are kept exactly).
 */
public final class EventJson {
    /** The shared mapper: exact numbers, original key order. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    private EventJson() {
    }

    /**
     * An event from its parsed JSON node.
     *
     * @throws InvalidEventException if the node is not an object, or lacks eventId / eventTime
     */
    public static AuditEvent fromNode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        try {
            String text = MAPPER.writeValueAsString(node);
            Map<String, Object> tree = MAPPER.convertValue(node, TREE);
            return AuditEvent.of(text, tree);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("unreadable event: " + e.getOriginalMessage());
        }
    }

    /**
     * An event from its JSON text.
     *
     * @throws InvalidEventException if the text is not a JSON object, or lacks eventId / eventTime
     */
    public static AuditEvent fromText(String json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage());
        }
    }
}
