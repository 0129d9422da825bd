package dev.actiontrail.http.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.base.Ticker;

import java.time.Duration;

/**
 * The {@code SignatureNonce}s seen inside the timestamp window (§1.6), so a replayed request is refused with
 * {@code SignatureNonceUsed}. Memory is bounded: entries expire after the window and at most {@code maxEntries}
 * are kept (the oldest are dropped first beyond that; a request older than the window is refused by its timestamp
 * anyway).
 */
public final class NonceCache {
    private final Cache<String, Boolean> seen;

    public NonceCache(Duration window, long maxEntries, Ticker ticker) {
        this.seen = CacheBuilder.newBuilder().expireAfterWrite(window).maximumSize(maxEntries).ticker(ticker).build();
    }

    /** Records the nonce of {@code accessKeyId}; returns false if it was already used inside the window. */
    public boolean firstUse(String accessKeyId, String nonce) {
        return seen.asMap().putIfAbsent(accessKeyId + "\n" + nonce, Boolean.TRUE) == null;
    }
}
