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
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open SQLite database file holding the trails, the event history and the identities, and the adapters that use
 * it: {@link #events()} (the {@link dev.actiontrail.core.event.EventStore}), {@link #trails()} (the
 * {@link dev.actiontrail.core.trail.TrailRepository}) and {@link #identities()} (the
 * {@link dev.actiontrail.core.identity.IdentityStore}). Open with {@link #open(Path)}, close with {@link #close()}.
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
 * <p><b>Checkpoints.</b> The WAL is copied back into the database file by a background thread with its own
 * connection ({@code PRAGMA wal_checkpoint(PASSIVE)}, at most every {@value #CHECKPOINT_INTERVAL_MS} ms while
 * commits arrive), not by the committing writer: SQLite's automatic checkpoint would otherwise run inside every
 * ~1000th commit, writing and syncing the database file while every other writer waits. A passive checkpoint
 * never blocks the writer or the readers; durability is unchanged (a commit is durable once its WAL frames are
 * synced). The WAL is reused from its start once fully checkpointed; past {@value #WAL_LIMIT_PAGES} pages
 * (64 MiB) writers are paused briefly for a RESTART checkpoint, so the WAL stays bounded under a steady stream.
 *
 * <p><b>Schema.</b> Versioned; pending migrations are applied when the file is opened (see the package-private {@code Schema}).
 */
public final class SqliteStore implements Closeable {
    /** How long a statement waits for another connection's lock before failing, in milliseconds. */
    public static final int BUSY_TIMEOUT_MS = 5_000;
    /**
     * Idle read connections kept open: more than the server's worker threads (Vert.x's 20), so that concurrent
     * lookups reuse connections instead of opening (and closing) a SQLite connection per request past the fourth.
     */
    private static final int IDLE_READERS = 32;

    private final Path file;
    private final Jdbi jdbi;
    private final Handle writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Most recently used first: a reused connection's page cache is then the warmest. */
    private final BlockingDeque<Handle> idleReaders = new LinkedBlockingDeque<>(IDLE_READERS);
    /** The shortest pause between two background checkpoints, in milliseconds. */
    static final int CHECKPOINT_INTERVAL_MS = 50;
    /** The write connection's page cache, in KiB. */
    static final int WRITER_CACHE_KIB = 65_536;
    /** The WAL size (pages, 4 KiB each) past which the background checkpoint pauses writers to rewind it. */
    static final int WAL_LIMIT_PAGES = 16_384;

    private final SqliteEventStore events;
    private final SqliteTrailRepository trails;
    private final SqliteIdentityStore identities;
    private volatile boolean closed;
    private final Object checkpointSignal = new Object();
    private boolean checkpointWanted; // guarded by checkpointSignal
    private Thread checkpointer;

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
        this.identities = new SqliteIdentityStore(this);
        startCheckpointer();
    }

    /** Moves WAL checkpoints off the commit path: see the class description. */
    private void startCheckpointer() {
        writer.execute("PRAGMA wal_autocheckpoint=0");
        // the writer's page cache: every event inserts ~16 index entries, most at random places of the attribute index,
        // so more of its interior and hot leaf pages stay cached (readers keep SQLite's default 2 MiB each)
        writer.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
        Handle checkpoints = jdbi.open();
        checkpointer = new Thread(() -> {
            try (checkpoints) {
                while (true) {
                    synchronized (checkpointSignal) {
                        while (!checkpointWanted && !closed) {
                            checkpointSignal.wait();
                        }
                        if (closed) {
                            return;
                        }
                        checkpointWanted = false;
                    }
                    try {
                        long walPages = checkpoints.createQuery("PRAGMA wal_checkpoint(PASSIVE)")
                                .map((rs, ctx) -> rs.getLong(2)).one();
                        if (walPages > WAL_LIMIT_PAGES) {
                            restartWal(checkpoints);
                        }
                    } catch (RuntimeException e) {
                        // busy or transient: the next commit asks again; the WAL only grows meanwhile
                    }
                    Thread.sleep(CHECKPOINT_INTERVAL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "actiontrail-checkpoint " + file.getFileName());
        checkpointer.setDaemon(true);
        checkpointer.start();
    }

    /**
     * Bounds the WAL: a passive checkpoint cannot rewind it while commits keep coming, so past
     * {@link #WAL_LIMIT_PAGES} the writers are paused for a RESTART checkpoint (cheap: the passive ones already
     * copied almost every frame), after which the next commit writes the WAL from its start.
     */
    private void restartWal(Handle checkpoints) throws InterruptedException {
        if (!writeLock.tryLock(1, TimeUnit.SECONDS)) {
            return; // a long write or close(): try again after the next commit
        }
        try {
            if (!closed) {
                checkpoints.createQuery("PRAGMA wal_checkpoint(RESTART)").mapToMap().list();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void requestCheckpoint() {
        synchronized (checkpointSignal) {
            checkpointWanted = true;
            checkpointSignal.notifyAll();
        }
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
            ownerOnly(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent, e);
        }
        return new SqliteStore(file, clock);
    }

    /**
     * The database holds AccessKey secrets and server secrets: it is created (or narrowed) to mode 0600 before
     * SQLite opens it, so its {@code -wal} and {@code -shm} files, which SQLite creates with the database file's
     * mode, are owner-only too. Does nothing on a file system without POSIX permissions.
     */
    private static void ownerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> rw =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        if (Files.notExists(file)) {
            try {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(rw));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first; narrowed below
            }
        }
        Files.setPosixFilePermissions(file, rw);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path side = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(side)) {
                Files.setPosixFilePermissions(side, rw);
            }
        }
    }

    /**
     * This file's transactions as the core's {@link dev.actiontrail.core.api.UnitOfWork}: a use case's work runs in
     * one write transaction ({@code BEGIN IMMEDIATE}, so it is serialized with every other writer of the file, in
     * this process or another); the ports' reads and writes inside it join it.
     */
    public dev.actiontrail.core.api.UnitOfWork unitOfWork() {
        return new dev.actiontrail.core.api.UnitOfWork() {
            @Override
            public <T> T atomically(java.util.function.Supplier<T> work) {
                return write(h -> work.get());
            }
        };
    }

    /** The event history kept in this file. */
    public SqliteEventStore events() {
        return events;
    }

    /** The trails kept in this file. */
    public SqliteTrailRepository trails() {
        return trails;
    }

    /** The accounts, RAM identities, policies, AccessKeys and server secrets kept in this file. */
    public SqliteIdentityStore identities() {
        return identities;
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
            if (checkpointer != null) {
                requestCheckpoint();
            }
        }
    }

    /**
     * Runs {@code work} on a read connection (autocommit: each statement sees the last committed state). Inside a
     * {@link #write} of the same thread it runs on the write connection instead, so it sees that transaction's own
     * writes (what {@link SqliteIdentityStore#atomically} relies on).
     */
    <T> T read(HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            return work.withHandle(writer);
        }
        Handle handle = idleReaders.pollFirst();
        if (handle == null) {
            handle = jdbi.open();
        }
        try {
            return work.withHandle(handle);
        } finally {
            if (!idleReaders.offerFirst(handle)) {
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
            synchronized (checkpointSignal) {
                checkpointSignal.notifyAll();
            }
            try {
                checkpointer.join(); // its connection closed before the writer's, so the last close checkpoints
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
