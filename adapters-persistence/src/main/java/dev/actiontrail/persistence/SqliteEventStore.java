package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.StoredEvent;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link EventStore} on SQLite (tables {@code event} and {@code event_attribute}, created by the package-private {@code Schema}).
 *
 * <p>Event times are kept in epoch milliseconds UTC: finer fractions are truncated, and {@link StoredEvent#eventTime()}
 * has millisecond precision, matching {@link EventQuery.Position#eventTimeMillis()}. {@code seq} is assigned at
 * append from the persistent counter {@code event_seq} (one row, schema V2), in commit
 * order: strictly increasing forever, never reused, not even after a purge deleted the newest events, so
 * "seq &gt; s" means "committed after the event with seq s". It may skip numbers (duplicates).
 *
 * <p><b>Group commit.</b> Concurrent {@link #append} calls (e.g. the server's worker threads each recording one API
 * call) are committed together: a caller enqueues its batch; one caller at a time leads, writing every queued batch
 * in one transaction (one fsync), handing each caller its own result and waking only that caller, then handing the
 * lead to the oldest batch still waiting. Each caller still returns only once its events are committed; a batch
 * that makes the combined transaction fail is retried alone, so one caller's failure never fails another's.
 *
 * <p>Every {@link dev.actiontrail.core.event.LookupKey} filter is an index range scan in (event_time, seq) order:
 * with no filter the scan runs on {@code event_by_time}; otherwise on {@code event_attribute} for the first filter,
 * each further filter being a primary-key point lookup per candidate, and the JSON fetched by {@code seq}.
 * Obtain it from {@link SqliteStore#events()}.
 */
public final class SqliteEventStore implements EventStore {
    private static final String INSERT_EVENT = "INSERT INTO event "
            + "(seq, account_id, event_id, event_time, acs_region, event_rw, json) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (account_id, event_id) DO NOTHING";
    /**
     * Every attribute row of a group in one statement: the rows travel as one JSON array of
     * {@code [account_id, attr_key, attr_value, event_time, seq]} tuples expanded by {@code json_each}, so a group
     * costs one statement execution instead of one per row (each costs more in the driver than the insert itself).
     * ({@code WHERE true} is SQLite's required disambiguation of an upsert on {@code INSERT … SELECT}.)
     */
    private static final String INSERT_ATTRIBUTES = "INSERT INTO event_attribute "
            + "(account_id, attr_key, attr_value, event_time, seq) "
            + "SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4 FROM json_each(?) j "
            + "WHERE true ON CONFLICT DO NOTHING";

    /** At most this many events are combined into one group transaction (one caller's larger batch goes alone). */
    static final int MAX_GROUP_EVENTS = 20_000;
    private static final Pattern NAMED = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");

    private final SqliteStore store;
    private final Object monitor = new Object();
    /** Batches waiting for a group commit; guarded by {@link #monitor}. */
    private final ArrayDeque<PendingAppend> pending = new ArrayDeque<>();
    /** Whether a caller leads (is committing, or has been handed) the next group; guarded by {@link #monitor}. */
    private boolean committing;

    SqliteEventStore(SqliteStore store) {
        this.store = store;
    }

    /** One caller's batch waiting for a group commit, then its outcome. */
    private static final class PendingAppend {
        final String account;
        final List<AuditEvent> events;
        AppendResult result;
        RuntimeException failure;
        final Thread thread = Thread.currentThread();
        volatile boolean done; // set by the group's leader (result or failure first), then the thread is unparked
        volatile boolean leader; // set under the monitor: this caller commits the next group

        PendingAppend(String account, List<AuditEvent> events) {
            this.account = account;
            this.events = events;
        }

        void complete(AppendResult r) {
            result = r;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        AppendResult outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * Stores the batch in one transaction (possibly shared with concurrent callers' batches: see group commit in the
     * class description) and returns once it is committed and synced. An event whose eventId the
     * account already has, or that repeats an eventId earlier in the batch, counts as a duplicate: its row and
     * attributes are not stored. Identical (key, value) attributes of one event are indexed once.
     *
     * @return (stored, duplicates), summing to {@code events.size()}
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public AppendResult append(AccountId account, List<AuditEvent> events) {
        Objects.requireNonNull(account, "account");
        if (events.isEmpty()) {
            return new AppendResult(0, 0);
        }
        PendingAppend mine = new PendingAppend(account.value(), events);
        boolean interrupted = false;
        synchronized (monitor) {
            pending.add(mine);
            if (!committing) {
                committing = true;
                mine.leader = true;
            }
        }
        try {
            while (true) {
                // a follower sleeps until its batch is committed or it is made the next leader: waking only that
                // one thread (not every waiter) keeps context switches to one per caller
                while (!mine.done && !mine.leader) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted(); // the batch is queued: its outcome must still be awaited
                }
                if (mine.done) {
                    return mine.outcome();
                }
                List<PendingAppend> group;
                synchronized (monitor) {
                    group = drainGroup();
                }
                try {
                    commitGroup(group);
                } finally {
                    mine.leader = false;
                    PendingAppend next;
                    synchronized (monitor) {
                        next = pending.peek();
                        if (next == null) {
                            committing = false;
                        } else {
                            next.leader = true; // hand over: the oldest waiting batch commits the next group
                        }
                    }
                    for (PendingAppend p : group) {
                        if (p != mine) {
                            LockSupport.unpark(p.thread);
                        }
                    }
                    if (next != null && next != mine) {
                        LockSupport.unpark(next.thread);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The queued batches, in order, up to {@link #MAX_GROUP_EVENTS} events (at least one batch). */
    private List<PendingAppend> drainGroup() {
        List<PendingAppend> group = new ArrayList<>();
        int size = 0;
        for (PendingAppend p = pending.peek(); p != null; p = pending.peek()) {
            if (!group.isEmpty() && size + p.events.size() > MAX_GROUP_EVENTS) {
                break;
            }
            pending.poll();
            group.add(p);
            size += p.events.size();
        }
        return group;
    }

    /** Commits the batches in one transaction and completes each; a failure is isolated by retrying each alone. */
    private void commitGroup(List<PendingAppend> group) {
        try {
            List<AppendResult> results = store.write(h -> insert(h, group));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).fail(e);
                return;
            }
            for (PendingAppend p : group) {
                try {
                    p.complete(store.write(h -> insert(h, List.of(p))).get(0));
                } catch (RuntimeException alone) {
                    p.fail(alone);
                }
            }
        } catch (Error e) {
            group.forEach(p -> p.fail(new IllegalStateException("append failed", e)));
            throw e;
        }
    }

    /** Inserts the batches inside the current write transaction; their results in order. */
    private static List<AppendResult> insert(Handle h, List<PendingAppend> group) {
        Connection c = h.getConnection();
        try (PreparedStatement eventRow = c.prepareStatement(INSERT_EVENT)) {
            long seq = lastSeq(c);
            List<AppendResult> results = new ArrayList<>(group.size());
            AttributeRows attributes = new AttributeRows();
            for (PendingAppend p : group) {
                int stored = 0;
                for (AuditEvent e : p.events) {
                    long eventSeq = ++seq;
                    long time = e.eventTime().toEpochMilli();
                    eventRow.setLong(1, eventSeq);
                    eventRow.setString(2, p.account);
                    eventRow.setString(3, e.eventId());
                    eventRow.setLong(4, time);
                    eventRow.setString(5, e.acsRegion());
                    eventRow.setString(6, e.eventRW());
                    eventRow.setString(7, e.json());
                    if (eventRow.executeUpdate() == 0) {
                        seq--; // duplicate eventId: no row, no attributes, and its seq is not spent
                        continue;
                    }
                    stored++;
                    for (AuditEvent.Attribute a : e.attributes()) {
                        attributes.add(p.account, a, time, eventSeq);
                    }
                    if (attributes.length() >= ATTRIBUTE_CHUNK_CHARS) { // huge batches go in several statements
                        insertAttributes(c, attributes);
                        attributes = new AttributeRows();
                    }
                }
                results.add(new AppendResult(stored, p.events.size() - stored));
            }
            insertAttributes(c, attributes);
            try (PreparedStatement update = c.prepareStatement("UPDATE event_seq SET last_seq = ? WHERE id = 1")) {
                update.setLong(1, seq);
                update.executeUpdate();
            }
            return results;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append events", e);
        }
    }

    /** The JSON of one attribute statement stops growing past this many characters (a statement per few MB). */
    static final int ATTRIBUTE_CHUNK_CHARS = 4 << 20;

    private static void insertAttributes(Connection c, AttributeRows attributes) throws SQLException {
        if (attributes.isEmpty()) {
            return;
        }
        try (PreparedStatement rows = c.prepareStatement(INSERT_ATTRIBUTES)) {
            rows.setString(1, attributes.json());
            rows.executeUpdate();
        }
    }

    /** The attribute rows of a group as the JSON array {@link #INSERT_ATTRIBUTES} expands. */
    private static final class AttributeRows {
        private final StringBuilder json = new StringBuilder(4096).append('[');
        private boolean empty = true;

        void add(String account, AuditEvent.Attribute a, long time, long seq) {
            json.append(empty ? "[" : ",[");
            quote(account);
            json.append(',').append(a.key().code()).append(',');
            quote(a.value());
            json.append(',').append(time).append(',').append(seq).append(']');
            empty = false;
        }

        boolean isEmpty() {
            return empty;
        }

        int length() {
            return json.length();
        }

        String json() {
            return json + "]";
        }

        /** Appends {@code s} as a JSON string (RFC 8259 escapes; other characters as they are). */
        private void quote(String s) {
            json.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (ch < 0x20) {
                            json.append(String.format("\\u%04x", (int) ch));
                        } else {
                            json.append(ch);
                        }
                    }
                }
            }
            json.append('"');
        }
    }

    /**
     * The highest seq ever assigned: the counter, or the highest stored seq if a writer that does not know the
     * counter (an older build) stored more since.
     */
    private static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT max(coalesce((SELECT last_seq FROM event_seq WHERE id = 1),"
                + " 0), coalesce((SELECT max(seq) FROM event), 0))");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * At most {@code limit} events of {@code query.account()} with {@code start ≤ eventTime ≤ end} (ms, inclusive)
     * carrying every filter attribute, ordered by (eventTime, seq) ascending (FORWARD) or descending (BACKWARD),
     * strictly after {@code query.after()} in that order when given.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws IllegalStateException    if the store is closed
     */
    @Override
    public List<StoredEvent> find(EventQuery query, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        Sql sql = findSql(query, limit);
        List<Object> args = new ArrayList<>();
        String text = sql.positional(args);
        return store.read(h -> {
            // plain JDBC: this is the hot path of LookupEvents, and JDBI's per-call binding and mapping lookups cost
            // more than the indexed query itself
            try (PreparedStatement ps = h.getConnection().prepareStatement(text)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<StoredEvent> found = new ArrayList<>(Math.min(limit, 64));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new StoredEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot look up events", e);
            }
        });
    }

    /**
     * Deletes every event with {@code eventTime < cutoff} (compared in ms) and {@code seq < belowSeq}, and its
     * attributes, in one transaction. Both tables are scanned (events expire by time across all accounts, and no
     * index leads with time); the write lock is held meanwhile.
     *
     * @return how many events were deleted
     */
    @Override
    public long purgeBefore(Instant cutoff, long belowSeq) {
        long millis = cutoff.toEpochMilli();
        boolean any = store.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM event WHERE event_time < ? AND seq < ?)")
                .bind(0, millis).bind(1, belowSeq).mapTo(Boolean.class).one());
        if (!any) {
            return 0; // one probe of event_by_age; the plan has already counted
        }
        return store.write(h -> {
            h.execute("DELETE FROM event_attribute WHERE event_time < ? AND seq < ?", millis, belowSeq);
            return (long) h.execute("DELETE FROM event WHERE event_time < ? AND seq < ?", millis, belowSeq);
        });
    }

    @Override
    public long countBefore(Instant cutoff, long belowSeq) {
        return store.read(h -> h.createQuery("SELECT count(*) FROM event WHERE event_time < ? AND seq < ?")
                .bind(0, cutoff.toEpochMilli()).bind(1, belowSeq).mapTo(Long.class).one());
    }

    /** A statement's text and its named arguments. */
    record Sql(String text, Map<String, Object> args) {
        Query bindTo(Query q) {
            args.forEach(q::bind);
            return q;
        }

        /** The text with each {@code :name} replaced by {@code ?}; the values in that order are added to {@code out}. */
        String positional(List<Object> out) {
            Matcher m = NAMED.matcher(text);
            StringBuilder sb = new StringBuilder(text.length());
            while (m.find()) {
                if (!args.containsKey(m.group(1))) {
                    throw new IllegalStateException("unbound parameter " + m.group());
                }
                out.add(args.get(m.group(1)));
                m.appendReplacement(sb, "?");
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    /**
     * The SELECT of {@link #find}, returning (seq, event_time, json). Time bounds are inclusive; when paging, the
     * bound on the paging side is tightened to the cursor's time so that SQLite's range starts at the cursor
     * whichever of the two constraints it uses, and the row value {@code (event_time, seq) > (t, s)} (or {@code <})
     * then skips what the cursor already returned within that millisecond.
     */
    static Sql findSql(EventQuery q, int limit) {
        boolean forward = q.direction() == Direction.FORWARD;
        long from = q.start().toEpochMilli();
        long to = q.end().toEpochMilli();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account", q.account().value());
        StringBuilder sql = new StringBuilder();
        String d;
        List<AuditEvent.Attribute> filters = q.filters();
        if (filters.isEmpty()) {
            d = "e";
            sql.append("SELECT e.seq, e.event_time, e.json FROM event e WHERE e.account_id = :account");
        } else {
            // CROSS JOIN pins the join order: the attribute range drives, event is looked up by seq.
            d = "a0";
            sql.append("SELECT e.seq, e.event_time, e.json FROM event_attribute a0 CROSS JOIN event e ON e.seq = a0.seq"
                    + " WHERE a0.account_id = :account AND a0.attr_key = :k0 AND a0.attr_value = :v0");
            for (int i = 0; i < filters.size(); i++) {
                args.put("k" + i, filters.get(i).key().code());
                args.put("v" + i, filters.get(i).value());
                if (i > 0) {
                    sql.append((" AND EXISTS (SELECT 1 FROM event_attribute a%1$d WHERE a%1$d.account_id = :account"
                            + " AND a%1$d.attr_key = :k%1$d AND a%1$d.attr_value = :v%1$d"
                            + " AND a%1$d.event_time = a0.event_time AND a%1$d.seq = a0.seq)").formatted(i));
                }
            }
        }
        EventQuery.Position after = q.after();
        if (after != null) {
            if (forward) {
                from = Math.max(from, after.eventTimeMillis());
            } else {
                to = Math.min(to, after.eventTimeMillis());
            }
            sql.append(" AND (").append(d).append(".event_time, ").append(d).append(".seq) ")
                    .append(forward ? ">" : "<").append(" (:afterTime, :afterSeq)");
            args.put("afterTime", after.eventTimeMillis());
            args.put("afterSeq", after.seq());
        }
        sql.append(" AND ").append(d).append(".event_time BETWEEN :from AND :to");
        args.put("from", from);
        args.put("to", to);
        String order = forward ? " ASC" : " DESC";
        sql.append(" ORDER BY ").append(d).append(".event_time").append(order)
                .append(", ").append(d).append(".seq").append(order).append(" LIMIT :limit");
        args.put("limit", limit);
        return new Sql(sql.toString(), args);
    }
}
