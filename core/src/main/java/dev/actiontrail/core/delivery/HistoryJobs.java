package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;

import java.util.List;
import java.util.Optional;

/** Port: where delivery history jobs are kept. */
public interface HistoryJobs {
    /** Stores a new job and returns it with its assigned ID (positive, increasing). */
    HistoryJob insert(HistoryJob job);

    Optional<HistoryJob> find(AccountId account, long jobId);

    /** The account's job created with this client token, if any. */
    Optional<HistoryJob> findByClientToken(AccountId account, String clientToken);

    /** A page of the account's jobs, newest first; {@code offset} and {@code limit} count jobs. */
    List<HistoryJob> list(AccountId account, int offset, int limit);

    /** How many jobs the account has. */
    int count(AccountId account);

    /** The running jobs of every account, oldest first. */
    List<HistoryJob> running();

    void update(HistoryJob job);

    /** Removes the job; returns whether it existed. */
    boolean delete(AccountId account, long jobId);
}
