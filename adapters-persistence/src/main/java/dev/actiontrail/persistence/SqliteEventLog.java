package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.EventLog;
import dev.actiontrail.core.delivery.LoggedEvent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * The event table read in recording order (by {@code seq}, its primary key) for delivery.
 */
public final class SqliteEventLog implements EventLog {
    private final SqliteStore store;

    public SqliteEventLog(SqliteStore store) {
        this.store = store;
    }

    /**
     * The last seq ever assigned (0 when none; never decreases, even after a purge), read on {@code h} so callers
     * can use it inside their transaction.
     */
    static long lastSeq(Handle h) {
        return h.createQuery("SELECT last_seq FROM event_seq WHERE id = 1").mapTo(Long.class).findOne().orElse(0L);
    }

    @Override
    public long lastSeq() {
        return store.read(SqliteEventLog::lastSeq);
    }

    /**
     * The events of one account by seq: a range of the primary key. The unary {@code +} keeps SQLite from choosing
     * the index {@code event_by_time} for {@code account_id = ?}, which would read every event of the account and
     * sort them (a delivery round would cost the whole history instead of its batch). {@code octet_length} is the
     * stored UTF-8 size of the text, known without reading it.
     */
    static final String READ = "SELECT seq, event_time, acs_region, event_rw, json, octet_length(json) FROM event "
            + "WHERE seq > ? AND seq <= ? AND +account_id = ? ORDER BY seq LIMIT ?";

    @Override
    public List<LoggedEvent> read(AccountId account, long afterSeq, long untilSeq, int limit) {
        return store.read(h -> h.createQuery(READ)
                .bind(0, afterSeq).bind(1, untilSeq).bind(2, account.value()).bind(3, limit)
                .map((rs, ctx) -> new LoggedEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list());
    }
}
