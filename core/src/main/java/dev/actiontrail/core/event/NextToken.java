package dev.actiontrail.core.event;

import dev.actiontrail.core.error.ApiError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The opaque LookupEvents cursor (§4.2): a keyset position (eventTime ms, seq), the effective time window of the
 * first page, and a fingerprint of the query it belongs to, sealed with a SHA-256 checksum and Base64url-encoded.
 * It carries no secret: the account always comes from the caller, so a forged token can only page through the
 * caller's own events; the checksum and fingerprint make a tampered token or one replayed with other filters fail
 * with {@code InvalidNextToken}.
 */
record NextToken(EventQuery.Position position, Instant start, Instant end, String fingerprint) {
    private static final String VERSION = "v1";

    String encode() {
        String payload = String.join("|", VERSION, Long.toString(position.eventTimeMillis()),
                Long.toString(position.seq()), Long.toString(start.toEpochMilli()), Long.toString(end.toEpochMilli()),
                fingerprint);
        String sealed = payload + "|" + checksum(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws dev.actiontrail.core.error.ApiException InvalidNextToken (400) if the token is malformed, altered,
     *         or was issued for a query with another fingerprint
     */
    static NextToken decode(String token, String expectedFingerprint) {
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int cut = sealed.lastIndexOf('|');
            String payload = sealed.substring(0, cut);
            if (!MessageDigest.isEqual(checksum(payload).getBytes(StandardCharsets.UTF_8),
                    sealed.substring(cut + 1).getBytes(StandardCharsets.UTF_8))) {
                throw ApiError.INVALID_NEXT_TOKEN.exception();
            }
            String[] f = payload.split("\\|", -1);
            if (f.length != 6 || !f[0].equals(VERSION) || !f[5].equals(expectedFingerprint)) {
                throw ApiError.INVALID_NEXT_TOKEN.exception();
            }
            return new NextToken(new EventQuery.Position(Long.parseLong(f[1]), Long.parseLong(f[2])),
                    Instant.ofEpochMilli(Long.parseLong(f[3])), Instant.ofEpochMilli(Long.parseLong(f[4])), f[5]);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiError.INVALID_NEXT_TOKEN.exception();
        }
    }

    /** A short hex digest of {@code text}. */
    static String digest(String text) {
        return checksum(text);
    }

    private static String checksum(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
