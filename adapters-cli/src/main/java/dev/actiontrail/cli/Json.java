package dev.actiontrail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.http.json.EventJson;

import java.io.UncheckedIOException;

/** Indented JSON for the CLI's own reports (import summary, account). */
final class Json {
    private Json() {
    }

    static String pretty(Object value) {
        try {
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
