package dev.actiontrail.persistence;

import dev.actiontrail.core.trail.TrailRepository;
import dev.actiontrail.core.testing.TrailRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The core's {@link TrailRepositoryContract}, on a real SQLite file: the same tests the in-memory fake passes. */
class SqliteTrailRepositoryContractTest extends TrailRepositoryContract {
    @TempDir
    Path dir;
    private SqliteStore opened;

    @Override
    protected TrailRepository newRepository() {
        opened = SqliteStore.open(dir.resolve("contract.db"));
        return opened.trails();
    }

    @AfterEach
    void close() {
        opened.close();
    }
}
