package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DeliveryLedger;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.LoggingSegment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivery's durable memory in the SQLite file (tables {@code logging_segment} and {@code delivery_cursor}, schema
 * V2). Each method is one transaction; segments open and close at the event log's last seq read in that same
 * transaction.
 */
public final class SqliteDeliveryLedger implements DeliveryLedger {
    private final SqliteStore store;

    public SqliteDeliveryLedger(SqliteStore store) {
        this.store = store;
    }

    @Override
    public void openSegment(AccountId account, String trail) {
        store.write(h -> {
            boolean open = h.createQuery("SELECT EXISTS (SELECT 1 FROM logging_segment WHERE account_id = ? "
                            + "AND trail_name = ? AND until_seq IS NULL)")
                    .bind(0, account.value()).bind(1, trail).mapTo(Boolean.class).one();
            if (open) {
                return null;
            }
            long last = SqliteEventLog.lastSeq(h);
            // Nothing recorded since the latest segment closed (e.g. StopLogging then StartLogging on an idle
            // log): reopen it, as a new segment would start where it ends (and collide with it if it is empty).
            int reopened = h.execute("UPDATE logging_segment SET until_seq = NULL WHERE account_id = ? "
                    + "AND trail_name = ? AND until_seq >= ? AND from_seq = (SELECT max(from_seq) FROM logging_segment "
                    + "WHERE account_id = ? AND trail_name = ?)", account.value(), trail, last, account.value(), trail);
            if (reopened == 0) {
                h.execute("INSERT INTO logging_segment (account_id, trail_name, from_seq, until_seq) "
                        + "VALUES (?, ?, ?, NULL)", account.value(), trail, last);
            }
            return null;
        });
    }

    @Override
    public void closeSegment(AccountId account, String trail) {
        // never before its start (the last seq can only go back if the newest events were purged)
        store.write(h -> h.execute("UPDATE logging_segment SET until_seq = max(from_seq, ?) WHERE account_id = ? "
                + "AND trail_name = ? AND until_seq IS NULL", SqliteEventLog.lastSeq(h), account.value(), trail));
    }

    @Override
    public List<LoggingSegment> segments(AccountId account, String trail) {
        return store.read(h -> h.createQuery("SELECT from_seq, until_seq FROM logging_segment "
                        + "WHERE account_id = ? AND trail_name = ? ORDER BY from_seq")
                .bind(0, account.value()).bind(1, trail)
                .map((rs, ctx) -> {
                    long from = rs.getLong(1);
                    long until = rs.getLong(2);
                    return new LoggingSegment(from, rs.wasNull() ? Long.MAX_VALUE : until);
                })
                .list());
    }

    @Override
    public Optional<DeliveryCursor> cursor(AccountId account, String trail, DestinationType type) {
        return store.read(h -> h.createQuery("SELECT delivered_seq, pending_to_seq, pending_stamp, "
                        + "latest_delivery_time, latest_delivery_error, failures, next_attempt FROM delivery_cursor "
                        + "WHERE account_id = ? AND trail_name = ? AND destination = ?")
                .bind(0, account.value()).bind(1, trail).bind(2, type.name())
                .map((rs, ctx) -> new DeliveryCursor(account, trail, type, rs.getLong(1), rs.getLong(2),
                        instant(rs.getObject(3)), instant(rs.getObject(4)), rs.getString(5), rs.getInt(6),
                        instant(rs.getObject(7))))
                .findOne());
    }

    @Override
    public void save(DeliveryCursor c) {
        store.write(h -> h.execute("INSERT OR REPLACE INTO delivery_cursor (account_id, trail_name, destination, "
                        + "delivered_seq, pending_to_seq, pending_stamp, latest_delivery_time, latest_delivery_error, "
                        + "failures, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.account().value(), c.trail(), c.type().name(), c.deliveredSeq(), c.pendingToSeq(),
                millis(c.pendingStamp()), millis(c.latestDeliveryTime()), c.latestDeliveryError(), c.failures(),
                millis(c.nextAttempt())));
    }

    @Override
    public void forget(AccountId account, String trail) {
        store.write(h -> {
            h.execute("DELETE FROM logging_segment WHERE account_id = ? AND trail_name = ?", account.value(), trail);
            return h.execute("DELETE FROM delivery_cursor WHERE account_id = ? AND trail_name = ?",
                    account.value(), trail);
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
