package dev.actiontrail.http.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import dev.actiontrail.http.json.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link ApiResponse}s as the API does (§1.7): flat JSON objects, or with {@code Format=XML} a
 * {@code <Action>Response} document ({@code <Error>} for errors) whose arrays repeat their element name.
 */
public final class ApiRenderer {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(RawJson.class, new JsonSerializer<>() {
                @Override
                public void serialize(RawJson value, JsonGenerator gen, SerializerProvider serializers)
                        throws IOException {
                    gen.writeRawValue(value.json());
                }
            }))
            .build();

    /** Built at first use: most answers are JSON, and the XML stack (Woodstox) takes long to load. */
    private static final class Xml {
        static final XmlMapper MAPPER = XmlMapper.builder()
                .defaultUseWrapper(false)
                .configure(ToXmlGenerator.Feature.WRITE_XML_DECLARATION, true)
                .build();
    }

    /** Built at first use (the CLI's output). */
    private static final class Pretty {
        static final ObjectMapper MAPPER = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private ApiRenderer() {
    }

    /** Compact JSON of the response body. */
    public static String json(ApiResponse response) {
        return write(JSON, response.body());
    }

    /** Indented JSON of the response body (events indented too), as the aliyun CLI prints it. */
    public static String prettyJson(ApiResponse response) {
        return write(Pretty.MAPPER, expandRaw(response.body()));
    }

    /** The XML document of the response ({@code <Action>Response}, or {@code <Error>} for a failure). */
    public static String xml(ApiResponse response) {
        String root = response.ok() ? response.action() + "Response" : "Error";
        try {
            return Xml.MAPPER.writer().withRootName(root).writeValueAsString(xmlNames(expandRaw(response.body())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@link RawJson} values by their parsed trees (for XML, which cannot embed JSON text, and indenting). */
    /**
     * The same tree with every key made a legal XML element name: characters outside {@code [A-Za-z0-9._-]} become
     * {@code _}, and a name not starting with a letter or {@code _} gets a leading {@code _} (recorded events may
     * carry any parameter name, e.g. {@code " charset"}; JSON answers keep them as recorded).
     */
    private static Object xmlNames(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(xmlName(String.valueOf(k)), xmlNames(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(xmlNames(v)));
            return out;
        }
        return value;
    }

    static String xmlName(String key) {
        String name = key.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                || name.regionMatches(true, 0, "xml", 0, 3) ? "_" + name : name;
    }

    private static Object expandRaw(Object value) {
        if (value instanceof RawJson raw) {
            try {
                return EventJson.MAPPER.readValue(raw.json(), Object.class);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, expandRaw(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(expandRaw(v)));
            return out;
        }
        return value;
    }
}
