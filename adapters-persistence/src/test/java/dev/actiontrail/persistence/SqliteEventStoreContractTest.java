package dev.actiontrail.persistence;

import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.testing.EventStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The core's {@link EventStoreContract}, on a real SQLite file: the same tests the in-memory fake passes. */
class SqliteEventStoreContractTest extends EventStoreContract {
    @TempDir
    Path dir;
    private SqliteStore opened;

    @Override
    protected EventStore newStore() {
        opened = SqliteStore.open(dir.resolve("contract.db"));
        return opened.events();
    }

    @AfterEach
    void close() {
        opened.close();
    }
}
