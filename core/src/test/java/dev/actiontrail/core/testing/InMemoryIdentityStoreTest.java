package dev.actiontrail.core.testing;

import dev.actiontrail.core.identity.IdentityStore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryIdentityStoreTest extends IdentityStoreContract {
    @Override
    protected IdentityStore newStore() {
        return new InMemoryIdentityStore();
    }

    @Test
    void anotherThreadDoesNotSeeAnOpenBlocksWrites() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean seenDuringBlock = new AtomicBoolean();
        Thread writer = new Thread(() -> store.atomically(() -> {
            store.insertUser(user(A, "alice", "1000000000000001"));
            written.countDown();
            await(release);
            return null;
        }));
        writer.start();
        assertTrue(written.await(5, TimeUnit.SECONDS));
        Thread reader = new Thread(() -> seenDuringBlock.set(store.user(A, "alice").isPresent()));
        reader.start();
        reader.join(200);
        assertTrue(reader.isAlive(), "the reader waits for the block");
        release.countDown();
        writer.join(5_000);
        reader.join(5_000);
        assertTrue(seenDuringBlock.get(), "then sees the committed user");
    }

    @Test
    void contentsAreEqualExactlyWhenNothingChanged() {
        InMemoryIdentityStore memory = (InMemoryIdentityStore) store;
        Object before = memory.contents();
        assertEquals(before, memory.contents());
        memory.insertUser(user(A, "alice", "1000000000000001"));
        assertFalse(before.equals(memory.contents()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
