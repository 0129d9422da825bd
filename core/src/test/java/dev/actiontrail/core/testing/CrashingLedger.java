package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DeliveryLedger;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.LoggingSegment;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link DeliveryLedger} around another whose {@link #save} can be made to throw, as if the process died between
 * two steps of a delivery (a batch written but not yet recorded as delivered, and so on).
 */
public final class CrashingLedger implements DeliveryLedger {
    private final DeliveryLedger delegate;
    private volatile Predicate<DeliveryCursor> failing = c -> false;

    public CrashingLedger(DeliveryLedger delegate) {
        this.delegate = delegate;
    }

    public void failSaves(Predicate<DeliveryCursor> which) {
        failing = which;
    }

    @Override
    public void openSegment(AccountId account, String trail) {
        delegate.openSegment(account, trail);
    }

    @Override
    public void closeSegment(AccountId account, String trail) {
        delegate.closeSegment(account, trail);
    }

    @Override
    public List<LoggingSegment> segments(AccountId account, String trail) {
        return delegate.segments(account, trail);
    }

    @Override
    public Optional<DeliveryCursor> cursor(AccountId account, String trail, DestinationType type) {
        return delegate.cursor(account, trail, type);
    }

    @Override
    public void save(DeliveryCursor cursor) {
        if (failing.test(cursor)) {
            throw new IllegalStateException("crash while saving " + cursor);
        }
        delegate.save(cursor);
    }

    @Override
    public void forget(AccountId account, String trail) {
        delegate.forget(account, trail);
    }
}
