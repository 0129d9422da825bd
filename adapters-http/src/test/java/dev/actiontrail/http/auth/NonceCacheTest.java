package dev.actiontrail.http.auth;

import com.google.common.base.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NonceCache}: a nonce is refused again while a request carrying it could still pass the timestamp check. */
class NonceCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private final NonceCache cache = new NonceCache(Duration.ofMinutes(15), 1_000, ticker);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void secondUseIsRefused() {
        assertTrue(cache.firstUse("testid", "n1"));
        assertFalse(cache.firstUse("testid", "n1"));
        assertTrue(cache.firstUse("testid", "n2"));
    }

    @Test
    void noncesArePerAccessKey() {
        assertTrue(cache.firstUse("testid", "n1"));
        assertTrue(cache.firstUse("otherid", "n1"));
        assertFalse(cache.firstUse("otherid", "n1"));
    }

    @Test
    void keyAndNonceDoNotRunTogether() {
        assertTrue(cache.firstUse("ab", "c"));
        assertTrue(cache.firstUse("a", "bc"));
    }

    @Test
    void rememberedForTheWholeTimestampWindowOfTwiceTheSkew() {
        assertTrue(cache.firstUse("testid", "n1"));
        advance(Duration.ofMinutes(15));
        assertFalse(cache.firstUse("testid", "n1"));
        advance(Duration.ofMinutes(15));
        assertFalse(cache.firstUse("testid", "n1"), "a timestamp 15 minutes ahead is still valid 30 minutes later");
    }

    @Test
    void forgottenAfterTheWindow() {
        assertTrue(cache.firstUse("testid", "n1"));
        advance(Duration.ofMinutes(31));
        assertTrue(cache.firstUse("testid", "n1"));
        assertFalse(cache.firstUse("testid", "n1"));
    }
}
