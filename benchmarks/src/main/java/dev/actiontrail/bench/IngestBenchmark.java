package dev.actiontrail.bench;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.persistence.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * P1 ingest: batches of fresh generated events recorded durably, one transaction per batch, on a new database file.
 * {@link #recorder} goes through the embedded library ({@link EventRecorder} on {@link SqliteStore}: seq counter,
 * duplicate detection, attribute extraction already done by {@link AuditEvent}); {@link #rawJdbc} is the limit: a
 * minimal sqlite-jdbc loop inserting the same rows (event row + one row per attribute) into equivalent tables (same
 * DDL, indexes and pragmas: WAL, synchronous=FULL). One operation = one batch; events/s = ops/s × batch.
 * The batch is generated before each invocation, outside the measured time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
public class IngestBenchmark {
    static final String ACCOUNT = "1234567890123456";
    static final long SEED = 42;

    /** The DDL of the store's event tables (schema V1), for the raw loop. */
    static final List<String> DDL = List.of("""
            CREATE TABLE event (
                seq        INTEGER PRIMARY KEY,
                account_id TEXT    NOT NULL,
                event_id   TEXT    NOT NULL,
                event_time INTEGER NOT NULL,
                acs_region TEXT,
                event_rw   TEXT,
                json       TEXT    NOT NULL,
                UNIQUE (account_id, event_id)
            ) STRICT""",
            "CREATE INDEX event_by_time ON event (account_id, event_time, seq)",
            "CREATE INDEX event_by_age ON event (event_time)",
            """
            CREATE TABLE event_attribute (
                account_id TEXT    NOT NULL,
                attr_key   INTEGER NOT NULL,
                attr_value TEXT    NOT NULL,
                event_time INTEGER NOT NULL,
                seq        INTEGER NOT NULL,
                PRIMARY KEY (account_id, attr_key, attr_value, event_time, seq)
            ) WITHOUT ROWID, STRICT""");

    /** A stream of fresh events and a scratch folder. */
    @State(Scope.Thread)
    public abstract static class Base {
        @Param({"1", "100", "10000"})
        public int batch;
        Path dir;
        EventGenerator generator;
        long next;
        List<AuditEvent> events;

        void init() throws IOException {
            dir = Files.createTempDirectory("actiontrail-ingest-");
            Instant now = Instant.now();
            // a generous count so that the time spacing is about 1 ms: events land at "now", in time order
            generator = new EventGenerator(SEED, ACCOUNT, now, now.plus(Duration.ofDays(1)), 86_400_000L);
            next = 0;
        }

        @Setup(Level.Invocation)
        public void nextBatch() {
            events = generator.events(next, batch);
            next += batch;
        }

        void deleteDir() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The embedded library. */
    public static class Library extends Base {
        SqliteStore store;
        EventRecorder recorder;
        AccountId account = AccountId.of(ACCOUNT);

        @Setup(Level.Trial)
        public void open() throws IOException {
            init();
            store = SqliteStore.open(dir.resolve("actiontrail.db"));
            recorder = new EventRecorder(store.events(), Clock.systemUTC(), HistoryWindow.DEFAULT);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            store.close();
            deleteDir();
        }
    }

    /** The raw sqlite-jdbc loop. */
    public static class Raw extends Base {
        Connection connection;
        PreparedStatement insertEvent;
        PreparedStatement insertAttribute;
        long seq;

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            init();
            connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            insertEvent = connection.prepareStatement("INSERT INTO event (seq, account_id, event_id, event_time,"
                    + " acs_region, event_rw, json) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insertAttribute = connection.prepareStatement("INSERT INTO event_attribute (account_id, attr_key,"
                    + " attr_value, event_time, seq) VALUES (?, ?, ?, ?, ?)");
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, SQLException {
            connection.close();
            deleteDir();
        }
    }

    @Benchmark
    public Object recorder(Library s) {
        return s.recorder.record(s.account, s.events);
    }

    @Benchmark
    public long rawJdbc(Raw s) throws SQLException {
        long first = s.seq + 1;
        s.seq += s.events.size();
        return insertRaw(s.insertEvent, s.insertAttribute, s.connection, s.events, first, ACCOUNT);
    }

    /** Inserts one batch in one transaction with plain prepared statements; returns the rows inserted. */
    static long insertRaw(PreparedStatement insertEvent, PreparedStatement insertAttribute, Connection c,
                          List<AuditEvent> events, long firstSeq, String account) throws SQLException {
        long seq = firstSeq;
        long rows = 0;
        for (AuditEvent e : events) {
            long time = e.eventTime().toEpochMilli();
            insertEvent.setLong(1, seq);
            insertEvent.setString(2, account);
            insertEvent.setString(3, e.eventId());
            insertEvent.setLong(4, time);
            insertEvent.setString(5, e.acsRegion());
            insertEvent.setString(6, e.eventRW());
            insertEvent.setString(7, e.json());
            rows += insertEvent.executeUpdate();
            for (AuditEvent.Attribute a : e.attributes()) {
                insertAttribute.setString(1, account);
                insertAttribute.setInt(2, a.key().code());
                insertAttribute.setString(3, a.value());
                insertAttribute.setLong(4, time);
                insertAttribute.setLong(5, seq);
                rows += insertAttribute.executeUpdate();
            }
            seq++;
        }
        c.commit();
        return rows;
    }
}
