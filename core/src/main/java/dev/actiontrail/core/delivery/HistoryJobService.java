package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.api.UnitOfWork;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailName;
import dev.actiontrail.core.trail.TrailRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Delivery history jobs (data backfill; API reference notes §2.10): CreateDeliveryHistoryJob,
 * GetDeliveryHistoryJob, ListDeliveryHistoryJobs, DeleteDeliveryHistoryJob, and {@link #advance()}, which moves the
 * running jobs on by one step per delivery round: 0 initializing → 1 delivering (the regions to backfill known)
 * → 2 complete, or 3 failed when a destination refuses the write.
 *
 * <p>A job delivers the trail's events of the history window (90 days by default) that live delivery did not and
 * will not deliver — those recorded outside the trail's logging segments — selected by its EventRW and
 * TrailRegion, to each of its destinations; so it never duplicates what live delivery wrote. Its objects carry the
 * job's creation time, so a job step repeated after a crash rewrites the same objects.
 */
public final class HistoryJobService {
    /** The largest ListDeliveryHistoryJobs PageSize (default 20). */
    public static final int MAX_PAGE_SIZE = 100;

    private final TrailRepository trails;
    private final HistoryJobs jobs;
    private final EventLog log;
    private final DeliveryLedger ledger;
    private final Map<DestinationType, DestinationWriter> writers = new LinkedHashMap<>();
    private final Clock clock;
    private final HistoryWindow window;
    private final DeliverySettings settings;
    private final UnitOfWork work;

    /** Job creation and deletion serialized in this process ({@link UnitOfWork#serialized()}). */
    public HistoryJobService(TrailRepository trails, HistoryJobs jobs, EventLog log, DeliveryLedger ledger,
                             List<DestinationWriter> writers, Clock clock, HistoryWindow window,
                             DeliverySettings settings) {
        this(trails, jobs, log, ledger, writers, clock, window, settings, UnitOfWork.serialized());
    }

    /**
     * @param work the store's transactions: CreateDeliveryHistoryJob's checks (ClientToken, one running job per
     *             account) and its insert are one, so two writers on one store cannot both start a job
     */
    public HistoryJobService(TrailRepository trails, HistoryJobs jobs, EventLog log, DeliveryLedger ledger,
                             List<DestinationWriter> writers, Clock clock, HistoryWindow window,
                             DeliverySettings settings, UnitOfWork work) {
        this.work = Objects.requireNonNull(work);
        this.trails = Objects.requireNonNull(trails);
        this.jobs = Objects.requireNonNull(jobs);
        this.log = Objects.requireNonNull(log);
        this.ledger = Objects.requireNonNull(ledger);
        writers.forEach(w -> this.writers.put(w.type(), w));
        this.clock = Objects.requireNonNull(clock);
        this.window = Objects.requireNonNull(window);
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * CreateDeliveryHistoryJob. The same ClientToken (≤ 64 ASCII characters) returns the job it created before.
     *
     * @throws dev.actiontrail.core.error.ApiException MissingParameter (TrailName), InvalidTrailNameException,
     *         TrailNotFoundException (404), InvalidParameterValue (ClientToken),
     *         MaximumNumberOfDeliveryHistoryJobsExceededException (one running job per account)
     */
    public synchronized HistoryJob create(CallContext ctx, String trailName, String clientToken) {
        // the monitor (as advance() takes it) and then the store's transaction: the same order everywhere
        return work.atomically(() -> createAtomically(ctx, trailName, clientToken));
    }

    private HistoryJob createAtomically(CallContext ctx, String trailName, String clientToken) {
        if (trailName == null || trailName.isEmpty()) {
            throw ApiError.MISSING_PARAMETER.exception("TrailName");
        }
        AccountId account = ctx.account().id();
        Trail trail = trails.find(account, TrailName.of(trailName).value())
                .orElseThrow(ApiError.TRAIL_NOT_FOUND::exception);
        if (clientToken != null && !clientToken.isEmpty()) {
            if (clientToken.length() > 64 || !clientToken.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw ApiError.INVALID_PARAMETER_VALUE.exception();
            }
            var previous = jobs.findByClientToken(account, clientToken);
            if (previous.isPresent()) {
                return previous.get();
            }
        }
        if (jobs.running().stream().anyMatch(j -> j.account().equals(account))) {
            throw ApiError.MAXIMUM_NUMBER_OF_DELIVERY_HISTORY_JOBS_EXCEEDED.exception();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return jobs.insert(new HistoryJob(0, account, trail.name(), trail.homeRegion(),
                clientToken == null ? "" : clientToken, HistoryJob.INITIALIZING, Map.of(), now, now,
                window.oldest(now), now));
    }

    /**
     * GetDeliveryHistoryJob.
     *
     * @throws dev.actiontrail.core.error.ApiException DeliveryHistoryJobNotFound (404), MissingParameter,
     *         InvalidParameterValue (not a number)
     */
    public HistoryJob get(CallContext ctx, String jobId) {
        return jobs.find(ctx.account().id(), id(jobId)).orElseThrow(ApiError.DELIVERY_HISTORY_JOB_NOT_FOUND::exception);
    }

    /** A page of ListDeliveryHistoryJobs, with the account's total count. */
    public record Page(List<HistoryJob> jobs, int pageNumber, int pageSize, int totalCount) {
    }

    /**
     * ListDeliveryHistoryJobs: newest first. PageNumber ≥ 1 (default 1), PageSize 1–100 (default 20).
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidParameterValue for a page outside those bounds
     */
    public Page list(CallContext ctx, String pageNumber, String pageSize) {
        int number = intParam(pageNumber, 1, 1, Integer.MAX_VALUE);
        int size = intParam(pageSize, 20, 1, MAX_PAGE_SIZE);
        AccountId account = ctx.account().id();
        long offset = (long) (number - 1) * size;
        List<HistoryJob> page = offset > Integer.MAX_VALUE ? List.of() : jobs.list(account, (int) offset, size);
        return new Page(page, number, size, jobs.count(account));
    }

    /**
     * DeleteDeliveryHistoryJob (a running job stops).
     *
     * @throws dev.actiontrail.core.error.ApiException DeliveryHistoryJobNotFound (404)
     */
    public synchronized void delete(CallContext ctx, String jobId) {
        work.run(() -> {
            if (!jobs.delete(ctx.account().id(), id(jobId))) {
                throw ApiError.DELIVERY_HISTORY_JOB_NOT_FOUND.exception();
            }
        });
    }

    /** Whether some job still runs (initializing or delivering). */
    public boolean hasRunningJobs() {
        return !jobs.running().isEmpty();
    }

    /** Moves every running job on by one step; returns how many events were backfilled. */
    public synchronized int advance() {
        int delivered = 0;
        for (HistoryJob job : jobs.running()) {
            delivered += step(job);
        }
        return delivered;
    }

    private int step(HistoryJob job) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Trail trail = trails.find(job.account(), job.trailName()).orElse(null);
        if (trail == null) {
            jobs.update(job.with(HistoryJob.FAILED, job.regionStatus(), now));
            return 0;
        }
        List<LoggedEvent> events = backfill(job, trail);
        Map<String, Integer> regions = new TreeMap<>();
        if (job.jobStatus() == HistoryJob.INITIALIZING) {
            events.forEach(e -> regions.put(DeliveryService.regionOf(trail, e), HistoryJob.DELIVERING));
            jobs.update(job.with(HistoryJob.DELIVERING, regions, now));
            return 0;
        }
        try {
            for (DestinationType type : DeliveryService.destinations(trail)) {
                DestinationWriter writer = writers.get(type);
                if (writer != null) {
                    for (DeliveryBatch b : DeliveryService.batches(trail, type, job.createdTime(), events, settings)) {
                        writer.write(b);
                    }
                }
            }
            job.regionStatus().keySet().forEach(r -> regions.put(r, HistoryJob.COMPLETE));
            jobs.update(job.with(HistoryJob.COMPLETE, regions, now));
            return events.size();
        } catch (DeliveryException e) {
            job.regionStatus().keySet().forEach(r -> regions.put(r, HistoryJob.FAILED));
            jobs.update(job.with(HistoryJob.FAILED, regions, now));
            return 0;
        }
    }

    /** The events the job delivers: in its time window, outside the trail's logging segments, selected by it. */
    private List<LoggedEvent> backfill(HistoryJob job, Trail trail) {
        List<LoggingSegment> segments = ledger.segments(trail.accountId(), trail.name());
        List<LoggedEvent> out = new ArrayList<>();
        long after = 0;
        long last = log.lastSeq();
        while (after < last) {
            List<LoggedEvent> chunk = log.read(trail.accountId(), after, last, settings.maxEventsPerBatch());
            if (chunk.isEmpty()) {
                break;
            }
            for (LoggedEvent e : chunk) {
                if (!e.eventTime().isBefore(job.startTime()) && !e.eventTime().isAfter(job.endTime())
                        && !DeliveryService.inSegment(segments, e.seq()) && DeliveryService.selects(trail, e)) {
                    out.add(e);
                }
            }
            after = chunk.get(chunk.size() - 1).seq();
        }
        return out;
    }

    private static long id(String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            throw ApiError.MISSING_PARAMETER.exception("JobId");
        }
        try {
            return Long.parseLong(jobId.trim());
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_PARAMETER_VALUE.exception();
        }
    }

    private static int intParam(String value, int dflt, int min, int max) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ApiError.INVALID_PARAMETER_VALUE.exception();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_PARAMETER_VALUE.exception();
        }
    }
}
