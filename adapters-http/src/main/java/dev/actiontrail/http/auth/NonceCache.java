package dev.actiontrail.http.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.base.Ticker;

import java.time.Duration;

/**
 * The {@code SignatureNonce}s seen inside the timestamp window (§1.6), so a replayed request is refused with
 * {@code SignatureNonceUsed}. A timestamp is accepted while it is within {@code skew} of the server clock on either
 * side, so a request stays replayable for up to twice the skew after it was first seen (its timestamp may be ahead
 * of the server clock): entries are kept that long (plus a second, so the edges of both checks do not meet).
 * Memory is bounded: at most {@code maxEntries} are kept (the oldest are dropped first beyond that; a request older
 * than the window is refused by its timestamp anyway).
 */
public final class NonceCache {
    private final Cache<String, Boolean> seen;

    /**
     * @param skew the allowed clock skew of a request's timestamp ({@link Authenticator#SKEW}); nonces are
     *             remembered for twice that plus one second
     */
    public NonceCache(Duration skew, long maxEntries, Ticker ticker) {
        this.seen = CacheBuilder.newBuilder().expireAfterWrite(skew.multipliedBy(2).plusSeconds(1))
                .maximumSize(maxEntries).ticker(ticker).build();
    }

    /** Records the nonce of {@code accessKeyId}; returns false if it was already used inside the window. */
    public boolean firstUse(String accessKeyId, String nonce) {
        return seen.asMap().putIfAbsent(accessKeyId + "\n" + nonce, Boolean.TRUE) == null;
    }
}
