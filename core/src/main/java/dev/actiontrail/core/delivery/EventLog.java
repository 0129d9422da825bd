package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;

import java.util.List;

/** Port: the event history read in recording order, for delivery. */
public interface EventLog {
    /** The sequence number of the last event recorded so far (0 when none). */
    long lastSeq();

    /** At most {@code limit} events of the account with {@code afterSeq < seq ≤ untilSeq}, by seq ascending. */
    List<LoggedEvent> read(AccountId account, long afterSeq, long untilSeq, int limit);
}
