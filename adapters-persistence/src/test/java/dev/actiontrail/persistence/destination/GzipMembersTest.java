package dev.actiontrail.persistence.destination;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large delivered objects are multi-member gzip: one stream to readers, the same bytes every time. */
class GzipMembersTest {
    @Test
    void largeContentIsCompressedInMembersThatReadAsOneStreamAndAreDeterministic() throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < 3 * LocalDeliveryWriters.GZIP_MEMBER_BYTES + 12345; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"eventId\":\"E-").append(i).append("\",\"eventName\":\"Describe")
                    .append(i % 97).append("\"}");
        }
        byte[] json = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);

        byte[] gz = LocalDeliveryWriters.gzip(json);
        assertArrayEquals(gz, LocalDeliveryWriters.gzip(json), "deterministic: the same objects on a rewrite");
        int members = 0;
        for (int i = 0; i + 1 < gz.length; i++) {
            if ((gz[i] & 0xff) == 0x1f && (gz[i + 1] & 0xff) == 0x8b && (i == 0 || gz[i + 2] == 8)) {
                members++;
            }
        }
        assertTrue(members >= 4, "compressed in members: " + members);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(json, in.readAllBytes(), "one stream to a standard reader");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(LocalDeliveryWriters.gzip(
                "[]".getBytes(StandardCharsets.UTF_8))))) {
            assertArrayEquals("[]".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }
}
