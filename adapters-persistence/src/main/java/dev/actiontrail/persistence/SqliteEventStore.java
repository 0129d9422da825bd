package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.StoredEvent;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link EventStore} on SQLite (tables {@code event} and {@code event_attribute}, created by the package-private {@code Schema}).
 *
 * <p>Event times are kept in epoch milliseconds UTC: finer fractions are truncated, and {@link StoredEvent#eventTime()}
 * has millisecond precision, matching {@link EventQuery.Position#eventTimeMillis()}. {@code seq} is assigned at
 * append (highest stored + 1, increasing within a batch); it may skip numbers (duplicates) and, after a purge
 * deleted the newest events, reuse purged ones — it is a tiebreaker within the store, not an event identity.
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
    private static final String INSERT_ATTRIBUTE = "INSERT INTO event_attribute "
            + "(account_id, attr_key, attr_value, event_time, seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final SqliteStore store;

    SqliteEventStore(SqliteStore store) {
        this.store = store;
    }

    /**
     * Stores the batch in one transaction and returns once it is committed and synced. An event whose eventId the
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
        String accountId = account.value();
        return store.write(h -> {
            long seq = h.createQuery("SELECT coalesce(max(seq), 0) FROM event").mapTo(Long.class).one();
            long firstSeq = seq + 1;
            PreparedBatch eventRows = h.prepareBatch(INSERT_EVENT);
            for (AuditEvent e : events) {
                eventRows.add(++seq, accountId, e.eventId(), e.eventTime().toEpochMilli(), e.acsRegion(),
                        e.eventRW(), e.json());
            }
            int[] inserted = eventRows.execute();
            PreparedBatch attributeRows = h.prepareBatch(INSERT_ATTRIBUTE);
            int stored = 0;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    continue;
                }
                stored++;
                AuditEvent e = events.get(i);
                long time = e.eventTime().toEpochMilli();
                for (AuditEvent.Attribute a : e.attributes()) {
                    attributeRows.add(accountId, a.key().code(), a.value(), time, firstSeq + i);
                }
            }
            if (attributeRows.size() > 0) {
                attributeRows.execute();
            }
            return new AppendResult(stored, events.size() - stored);
        });
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
        return store.read(h -> sql.bindTo(h.createQuery(sql.text()))
                .map((rs, ctx) -> new StoredEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)))
                .list());
    }

    /**
     * Deletes every event with {@code eventTime < cutoff} (compared in ms) and its attributes, in one transaction.
     * Both tables are scanned (events expire by time across all accounts, and no index leads with time); the
     * write lock is held meanwhile.
     *
     * @return how many events were deleted
     */
    @Override
    public long purgeBefore(Instant cutoff) {
        long millis = cutoff.toEpochMilli();
        boolean expired = store.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM event WHERE event_time < ?)")
                .bind(0, millis).mapTo(Boolean.class).one());
        if (!expired) {
            return 0; // the common case: one probe of event_by_age
        }
        return store.write(h -> {
            h.execute("DELETE FROM event_attribute WHERE event_time < ?", millis);
            return (long) h.execute("DELETE FROM event WHERE event_time < ?", millis);
        });
    }

    /** A statement's text and its named arguments. */
    record Sql(String text, Map<String, Object> args) {
        Query bindTo(Query q) {
            args.forEach(q::bind);
            return q;
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
