package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.delivery.LoggedEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivered OSS objects are multi-member gzip of the JSON array: one stream to readers, the same bytes every time. */
class GzipMembersTest {
    private static LoggedEvent event(long seq, String json) {
        return new LoggedEvent(seq, Instant.parse("2024-05-01T00:00:00Z"), "cn-hangzhou", "Read", json);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void largeArraysAreCompressedInMembersThatReadAsOneStreamAndAreDeterministic() throws IOException {
        List<LoggedEvent> events = new ArrayList<>();
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; expected.length() < 3 * LocalDeliveryWriters.GZIP_MEMBER_CHARS + 12345; i++) {
            String json = "{\"eventId\":\"E-" + i + "\",\"eventName\":\"Describe" + (i % 97) + "\",\"userName\":\"\u5f20"
                    + (i % 13) + "\"}";
            events.add(event(i + 1, json));
            expected.append(i == 0 ? "" : ",").append(json);
        }
        byte[] json = expected.append(']').toString().getBytes(StandardCharsets.UTF_8);

        byte[] gz = LocalDeliveryWriters.gzipJsonArray(events);
        assertArrayEquals(gz, LocalDeliveryWriters.gzipJsonArray(List.copyOf(events)),
                "deterministic: the same objects on a rewrite");
        int members = 0;
        for (int i = 0; i + 3 < gz.length; i++) {
            if ((gz[i] & 0xff) == 0x1f && (gz[i + 1] & 0xff) == 0x8b && gz[i + 2] == 8 && gz[i + 3] == 0) {
                members++;
            }
        }
        assertTrue(members >= 4, "compressed in members: " + members);
        assertArrayEquals(json, gunzip(gz), "one stream to a standard reader");
    }

    @Test
    void smallArraysAreOneMember() throws IOException {
        assertEquals("[]", new String(gunzip(LocalDeliveryWriters.gzipJsonArray(List.of())), StandardCharsets.UTF_8));
        assertEquals("[{\"a\":1}]", new String(gunzip(LocalDeliveryWriters.gzipJsonArray(
                List.of(event(1, "{\"a\":1}")))), StandardCharsets.UTF_8));
        assertEquals("[{\"a\":1},{\"b\":2}]", new String(gunzip(LocalDeliveryWriters.gzipJsonArray(
                List.of(event(1, "{\"a\":1}"), event(2, "{\"b\":2}")))), StandardCharsets.UTF_8));
    }
}
