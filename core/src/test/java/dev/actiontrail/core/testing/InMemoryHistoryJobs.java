package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.HistoryJob;
import dev.actiontrail.core.delivery.HistoryJobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** {@link HistoryJobs} in memory, IDs from 1. */
public final class InMemoryHistoryJobs implements HistoryJobs {
    private final TreeMap<Long, HistoryJob> jobs = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized HistoryJob insert(HistoryJob job) {
        HistoryJob stored = new HistoryJob(nextId++, job.account(), job.trailName(), job.homeRegion(),
                job.clientToken(), job.jobStatus(), job.regionStatus(), job.createdTime(), job.updatedTime(),
                job.startTime(), job.endTime());
        jobs.put(stored.jobId(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<HistoryJob> find(AccountId account, long jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.account().equals(account));
    }

    @Override
    public synchronized Optional<HistoryJob> findByClientToken(AccountId account, String clientToken) {
        return jobs.values().stream().filter(j -> j.account().equals(account) && j.clientToken().equals(clientToken))
                .findFirst();
    }

    @Override
    public synchronized List<HistoryJob> list(AccountId account, int offset, int limit) {
        return jobs.descendingMap().values().stream().filter(j -> j.account().equals(account))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized int count(AccountId account) {
        return (int) jobs.values().stream().filter(j -> j.account().equals(account)).count();
    }

    @Override
    public synchronized List<HistoryJob> running() {
        List<HistoryJob> out = new ArrayList<>(jobs.values().stream().filter(HistoryJob::running).toList());
        out.sort(Comparator.comparingLong(HistoryJob::jobId));
        return out;
    }

    @Override
    public synchronized void update(HistoryJob job) {
        jobs.put(job.jobId(), job);
    }

    @Override
    public synchronized boolean delete(AccountId account, long jobId) {
        return find(account, jobId).map(j -> jobs.remove(jobId) != null).orElse(false);
    }
}
