package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.trail.EventRW;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRegion;
import dev.actiontrail.core.trail.TrailRepository;
import dev.actiontrail.core.trail.TrailStatus;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link TrailRepository} on SQLite (table {@code trail}, key (account_id, name)). Times are stored as epoch
 * milliseconds UTC ({@code start_logging_time} / {@code stop_logging_time} NULL while unset), enums by name,
 * {@link TrailRegion} by its value ({@code All} or a region ID), {@code organization_trail} as 0/1.
 * Obtain it from {@link SqliteStore#trails()}.
 */
public final class SqliteTrailRepository implements TrailRepository {
    private static final String SELECT = "SELECT * FROM trail WHERE account_id = :account_id";
    private static final RowMapper<Trail> TRAIL = (rs, ctx) -> new Trail(
            AccountId.of(rs.getString("account_id")),
            rs.getString("name"),
            rs.getString("home_region"),
            rs.getString("oss_bucket_name"),
            rs.getString("oss_key_prefix"),
            rs.getString("oss_write_role_arn"),
            rs.getString("sls_project_arn"),
            rs.getString("sls_write_role_arn"),
            rs.getString("max_compute_project_arn"),
            rs.getString("max_compute_write_role_arn"),
            rs.getString("role_name"),
            EventRW.valueOf(rs.getString("event_rw")),
            new TrailRegion(rs.getString("trail_region")),
            rs.getInt("organization_trail") != 0,
            rs.getString("organization_id"),
            TrailStatus.valueOf(rs.getString("status")),
            instant(rs, "create_time"),
            instant(rs, "update_time"),
            instant(rs, "start_logging_time"),
            instant(rs, "stop_logging_time"));

    private final SqliteStore store;

    SqliteTrailRepository(SqliteStore store) {
        this.store = store;
    }

    @Override
    public Optional<Trail> find(AccountId account, String name) {
        return store.read(h -> h.createQuery(SELECT + " AND name = :name")
                .bind("account_id", account.value())
                .bind("name", name)
                .map(TRAIL)
                .findOne());
    }

    /** All trails of the account, ordered by name (binary, i.e. code point order). */
    @Override
    public List<Trail> list(AccountId account) {
        return store.read(h -> h.createQuery(SELECT + " ORDER BY name")
                .bind("account_id", account.value())
                .map(TRAIL)
                .list());
    }

    /** The trails of every account, ordered by account, then name. */
    @Override
    public List<Trail> listAll() {
        return store.read(h -> h.createQuery("SELECT * FROM trail ORDER BY account_id, name").map(TRAIL).list());
    }

    /**
     * @throws IllegalStateException if the account already has a trail of that name
     */
    @Override
    public void insert(Trail trail) {
        Map<String, Object> row = row(trail);
        String sql = "INSERT INTO trail (" + String.join(", ", row.keySet()) + ") VALUES ("
                + row.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "))
                + ") ON CONFLICT (account_id, name) DO NOTHING";
        if (execute(sql, row) == 0) {
            throw new IllegalStateException("trail already exists: " + trail.accountId() + "/" + trail.name());
        }
    }

    /**
     * @throws IllegalStateException if the account has no trail of that name
     */
    @Override
    public void update(Trail trail) {
        Map<String, Object> row = row(trail);
        String sql = "UPDATE trail SET " + row.keySet().stream().map(c -> c + " = :" + c)
                .collect(Collectors.joining(", ")) + " WHERE account_id = :account_id AND name = :name";
        if (execute(sql, row) == 0) {
            throw new IllegalStateException("no such trail: " + trail.accountId() + "/" + trail.name());
        }
    }

    @Override
    public void delete(AccountId account, String name) {
        store.write(h -> h.execute("DELETE FROM trail WHERE account_id = ? AND name = ?", account.value(), name));
    }

    private int execute(String sql, Map<String, Object> row) {
        return store.write(h -> h.createUpdate(sql).bindMap(row).execute());
    }

    /** The trail's column values by column name (also the statements' parameter names). */
    private static Map<String, Object> row(Trail t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("account_id", t.accountId().value());
        row.put("name", t.name());
        row.put("home_region", t.homeRegion());
        row.put("oss_bucket_name", t.ossBucketName());
        row.put("oss_key_prefix", t.ossKeyPrefix());
        row.put("oss_write_role_arn", t.ossWriteRoleArn());
        row.put("sls_project_arn", t.slsProjectArn());
        row.put("sls_write_role_arn", t.slsWriteRoleArn());
        row.put("max_compute_project_arn", t.maxComputeProjectArn());
        row.put("max_compute_write_role_arn", t.maxComputeWriteRoleArn());
        row.put("role_name", t.roleName());
        row.put("event_rw", t.eventRW().name());
        row.put("trail_region", t.trailRegion().value());
        row.put("organization_trail", t.organizationTrail() ? 1 : 0);
        row.put("organization_id", t.organizationId());
        row.put("status", t.status().name());
        row.put("create_time", millis(t.createTime()));
        row.put("update_time", millis(t.updateTime()));
        row.put("start_logging_time", millis(t.startLoggingTime()));
        row.put("stop_logging_time", millis(t.stopLoggingTime()));
        return row;
    }

    private static Long millis(Instant time) {
        return time == null ? null : time.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
