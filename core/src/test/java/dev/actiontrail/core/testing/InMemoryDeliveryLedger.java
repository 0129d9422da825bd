package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DeliveryLedger;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.LoggingSegment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** A {@link DeliveryLedger} in memory; segments open and close at the event log's last seq given by a supplier. */
public final class InMemoryDeliveryLedger implements DeliveryLedger {
    private final LongSupplier lastSeq;
    private final Map<String, List<LoggingSegment>> segments = new HashMap<>();
    private final Map<String, DeliveryCursor> cursors = new HashMap<>();

    public InMemoryDeliveryLedger(LongSupplier lastSeq) {
        this.lastSeq = lastSeq;
    }

    private static String key(AccountId account, String trail) {
        return account.value() + "/" + trail;
    }

    @Override
    public synchronized void openSegment(AccountId account, String trail) {
        List<LoggingSegment> list = segments.computeIfAbsent(key(account, trail), k -> new ArrayList<>());
        if (list.isEmpty() || !list.get(list.size() - 1).open()) {
            list.add(new LoggingSegment(lastSeq.getAsLong(), Long.MAX_VALUE));
        }
    }

    @Override
    public synchronized void closeSegment(AccountId account, String trail) {
        List<LoggingSegment> list = segments.getOrDefault(key(account, trail), new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1).open()) {
            LoggingSegment open = list.remove(list.size() - 1);
            list.add(new LoggingSegment(open.fromSeq(), lastSeq.getAsLong()));
        }
    }

    @Override
    public synchronized List<LoggingSegment> segments(AccountId account, String trail) {
        return List.copyOf(segments.getOrDefault(key(account, trail), List.of()));
    }

    @Override
    public synchronized Optional<DeliveryCursor> cursor(AccountId account, String trail, DestinationType type) {
        return Optional.ofNullable(cursors.get(key(account, trail) + "/" + type));
    }

    @Override
    public synchronized void save(DeliveryCursor cursor) {
        cursors.put(key(cursor.account(), cursor.trail()) + "/" + cursor.type(), cursor);
    }

    @Override
    public synchronized void forget(AccountId account, String trail) {
        segments.remove(key(account, trail));
        cursors.keySet().removeIf(k -> k.startsWith(key(account, trail) + "/"));
    }
}
