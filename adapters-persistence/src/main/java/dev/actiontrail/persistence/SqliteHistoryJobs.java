package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.HistoryJob;
import dev.actiontrail.core.delivery.HistoryJobs;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Delivery history jobs in the SQLite file (table {@code delivery_history_job}, schema V2); IDs never reused. */
public final class SqliteHistoryJobs implements HistoryJobs {
    private static final RowMapper<HistoryJob> JOB = (rs, ctx) -> new HistoryJob(rs.getLong("job_id"),
            AccountId.of(rs.getString("account_id")), rs.getString("trail_name"), rs.getString("home_region"),
            rs.getString("client_token"), rs.getInt("job_status"), regions(rs.getString("region_status")),
            Instant.ofEpochMilli(rs.getLong("created_time")), Instant.ofEpochMilli(rs.getLong("updated_time")),
            Instant.ofEpochMilli(rs.getLong("start_time")), Instant.ofEpochMilli(rs.getLong("end_time")));

    private final SqliteStore store;

    public SqliteHistoryJobs(SqliteStore store) {
        this.store = store;
    }

    @Override
    public HistoryJob insert(HistoryJob j) {
        long id = store.write(h -> h.createUpdate("INSERT INTO delivery_history_job (account_id, trail_name, "
                        + "home_region, client_token, job_status, region_status, created_time, updated_time, "
                        + "start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, j.account().value()).bind(1, j.trailName()).bind(2, j.homeRegion()).bind(3, j.clientToken())
                .bind(4, j.jobStatus()).bind(5, regions(j.regionStatus())).bind(6, j.createdTime().toEpochMilli())
                .bind(7, j.updatedTime().toEpochMilli()).bind(8, j.startTime().toEpochMilli())
                .bind(9, j.endTime().toEpochMilli())
                .executeAndReturnGeneratedKeys("job_id").mapTo(Long.class).one());
        return find(j.account(), id).orElseThrow();
    }

    @Override
    public Optional<HistoryJob> find(AccountId account, long jobId) {
        return store.read(h -> h.createQuery("SELECT * FROM delivery_history_job WHERE account_id = ? AND job_id = ?")
                .bind(0, account.value()).bind(1, jobId).map(JOB).findOne());
    }

    @Override
    public Optional<HistoryJob> findByClientToken(AccountId account, String clientToken) {
        return store.read(h -> h.createQuery("SELECT * FROM delivery_history_job WHERE account_id = ? "
                        + "AND client_token = ? ORDER BY job_id LIMIT 1")
                .bind(0, account.value()).bind(1, clientToken).map(JOB).findOne());
    }

    @Override
    public List<HistoryJob> list(AccountId account, int offset, int limit) {
        return store.read(h -> h.createQuery("SELECT * FROM delivery_history_job WHERE account_id = ? "
                        + "ORDER BY job_id DESC LIMIT ? OFFSET ?")
                .bind(0, account.value()).bind(1, limit).bind(2, offset).map(JOB).list());
    }

    @Override
    public int count(AccountId account) {
        return store.read(h -> h.createQuery("SELECT count(*) FROM delivery_history_job WHERE account_id = ?")
                .bind(0, account.value()).mapTo(Integer.class).one());
    }

    @Override
    public List<HistoryJob> running() {
        return store.read(h -> h.createQuery("SELECT * FROM delivery_history_job WHERE job_status IN (0, 1) "
                + "ORDER BY job_id").map(JOB).list());
    }

    @Override
    public void update(HistoryJob j) {
        store.write(h -> h.execute("UPDATE delivery_history_job SET job_status = ?, region_status = ?, "
                        + "updated_time = ? WHERE job_id = ?", j.jobStatus(), regions(j.regionStatus()),
                j.updatedTime().toEpochMilli(), j.jobId()));
    }

    @Override
    public boolean delete(AccountId account, long jobId) {
        return store.write(h -> h.execute("DELETE FROM delivery_history_job WHERE account_id = ? AND job_id = ?",
                account.value(), jobId)) > 0;
    }

    private static String regions(Map<String, Integer> status) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(status).forEach((r, s) -> sb.append(sb.isEmpty() ? "" : ";").append(r).append('=').append(s));
        return sb.toString();
    }

    private static Map<String, Integer> regions(String text) {
        Map<String, Integer> out = new TreeMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                out.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
        }
        return out;
    }
}
