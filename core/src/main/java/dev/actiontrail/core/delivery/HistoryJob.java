package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Map;

/**
 * A delivery history job (data backfill, API reference notes §2.10): delivers the trail's events of the last 90 days
 * that live delivery did not deliver (recorded before the trail took effect, or while it was stopped) to its
 * destinations.
 *
 * @param jobStatus      0 initializing, 1 delivering, 2 complete, 3 failed
 * @param regionStatus   per event region, the same status codes
 * @param startTime      the oldest event time backfilled (UTC) — createdTime minus 90 days
 * @param endTime        the newest event time backfilled (UTC) — createdTime
 */
public record HistoryJob(long jobId, AccountId account, String trailName, String homeRegion, String clientToken,
                         int jobStatus, Map<String, Integer> regionStatus, Instant createdTime, Instant updatedTime,
                         Instant startTime, Instant endTime) {
    public static final int INITIALIZING = 0;
    public static final int DELIVERING = 1;
    public static final int COMPLETE = 2;
    public static final int FAILED = 3;

    /** Whether the job still runs (initializing or delivering). */
    public boolean running() {
        return jobStatus == INITIALIZING || jobStatus == DELIVERING;
    }

    HistoryJob with(int status, Map<String, Integer> regions, Instant now) {
        return new HistoryJob(jobId, account, trailName, homeRegion, clientToken, status, Map.copyOf(regions),
                createdTime, now, startTime, endTime);
    }
}
