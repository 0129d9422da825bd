package dev.actiontrail.core.api;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The consistency boundary of one use case (port): everything a use case reads and writes through the store's ports
 * inside {@link #atomically} is one transaction — it sees no other writer's changes half-done, and its own writes
 * commit together or not at all. So the rules a use case checks before it writes (a trail name is free, at most five
 * trails per region, no history job is running) still hold when it writes, also with another process (the CLI beside
 * a running server) on the same store.
 */
@FunctionalInterface
public interface UnitOfWork {
    /**
     * Runs {@code work} as one transaction and returns its result once committed; an exception rolls everything
     * back and propagates. Calls nest: an inner call joins the outer transaction.
     */
    <T> T atomically(Supplier<T> work);

    /** {@link #atomically(Supplier)} for work without a result. */
    default void run(Runnable work) {
        atomically(() -> {
            work.run();
            return null;
        });
    }

    /**
     * One lock for stores that live in this process only (the in-memory ones): use cases run one at a time, which is
     * all the isolation such a store needs. It does not roll anything back.
     */
    static UnitOfWork serialized() {
        ReentrantLock lock = new ReentrantLock();
        return new UnitOfWork() {
            @Override
            public <T> T atomically(Supplier<T> work) {
                lock.lock();
                try {
                    return work.get();
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
