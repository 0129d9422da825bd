package dev.actiontrail.persistence;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open SQLite database file holding the trails and the event history, and the adapters that use it:
 * {@link #events()} (the {@link dev.actiontrail.core.event.EventStore}) and {@link #trails()} (the
 * {@link dev.actiontrail.core.trail.TrailRepository}). Open with {@link #open(Path)}, close with {@link #close()}.
 * Thread-safe.
 *
 * <p><b>Durability.</b> Every connection runs with {@code journal_mode=WAL} and {@code synchronous=FULL}. In WAL
 * mode {@code synchronous=NORMAL} already survives a crash of the process, but may lose the last commits on a power
 * loss or OS crash (the WAL is only synced at checkpoints). {@code FULL} syncs the WAL on every commit, so an event
 * batch acknowledged by {@link SqliteEventStore#append} survives both. Audit data must never be lost once
 * acknowledged, so we pay the extra fsync per commit (amortised by appending whole batches in one transaction).
 *
 * <p><b>Concurrency.</b> SQLite allows one writer at a time. This process writes through one dedicated connection,
 * one transaction at a time (a fair lock). Write transactions begin with {@code BEGIN IMMEDIATE}, so they take the
 * write lock up front and never fail upgrading a read lock when another process (e.g. the CLI on the same data
 * folder) writes too; {@code busy_timeout} ({@value #BUSY_TIMEOUT_MS} ms) makes them wait for such a process rather
 * than fail. Reads use separate connections, kept in a small pool of idle ones: in WAL mode readers see the last
 * committed state and neither block nor are blocked by the writer. {@code foreign_keys=ON} is set on every
 * connection (the current schema declares no foreign keys; later migrations may).
 *
 * <p><b>Schema.</b> Versioned; pending migrations are applied when the file is opened (see the package-private {@code Schema}).
 */
public final class SqliteStore implements Closeable {
    /** How long a statement waits for another connection's lock before failing, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int IDLE_READERS = 4;

    private final Path file;
    private final Jdbi jdbi;
    private final Handle writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Handle> idleReaders = new ArrayBlockingQueue<>(IDLE_READERS);
    private final SqliteEventStore events;
    private final SqliteTrailRepository trails;
    private volatile boolean closed;

    private SqliteStore(Path file, Clock clock) {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        String url = "jdbc:sqlite:" + file;
        this.jdbi = Jdbi.create(() -> config.createConnection(url));
        this.writer = jdbi.open();
        try {
            String mode = writer.createQuery("PRAGMA journal_mode").mapTo(String.class).one();
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new IllegalStateException("SQLite refused WAL mode for " + file + " (journal_mode=" + mode + ")");
            }
            write(h -> {
                Schema.migrate(h, clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        this.events = new SqliteEventStore(this);
        this.trails = new SqliteTrailRepository(this);
    }

    /**
     * Opens (creating it and its parent folders if absent) the database file and brings its schema up to date.
     *
     * @throws IllegalStateException if the file's schema is newer than this software, or WAL mode is unavailable
     * @throws UncheckedIOException  if the parent folder cannot be created
     * @throws org.jdbi.v3.core.ConnectionException if the file cannot be opened as a SQLite database
     */
    public static SqliteStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** Like {@link #open(Path)}; {@code clock} stamps the migrations applied now (tests). */
    static SqliteStore open(Path file, Clock clock) {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
        return new SqliteStore(file, clock);
    }

    /** The event history kept in this file. */
    public SqliteEventStore events() {
        return events;
    }

    /** The trails kept in this file. */
    public SqliteTrailRepository trails() {
        return trails;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Whether the database answers a trivial query (for health checks); false once closed or broken. */
    public boolean isReachable() {
        try {
            return read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The schema version of the open file (the highest migration applied; {@link Schema#LATEST} once open). */
    public int schemaVersion() {
        return read(Schema::version);
    }

    /**
     * Runs {@code work} in one write transaction (BEGIN IMMEDIATE … COMMIT), after any other write of this store;
     * returns once committed (durable). A thrown exception rolls the transaction back and propagates.
     */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        writeLock.lock();
        try {
            ensureOpen();
            return writer.inTransaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read connection (autocommit: each statement sees the last committed state). */
    <T> T read(HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        Handle handle = idleReaders.poll();
        if (handle == null) {
            handle = jdbi.open();
        }
        try {
            return work.withHandle(handle);
        } finally {
            if (!idleReaders.offer(handle)) {
                handle.close();
            }
            if (closed) {
                closeIdleReaders();
            }
        }
    }

    /** Closes the connections; waits for a write in progress. Further use throws IllegalStateException. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writer.close();
        } finally {
            writeLock.unlock();
        }
        closeIdleReaders();
    }

    private void closeIdleReaders() {
        for (Handle h = idleReaders.poll(); h != null; h = idleReaders.poll()) {
            h.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store closed: " + file);
        }
    }
}
