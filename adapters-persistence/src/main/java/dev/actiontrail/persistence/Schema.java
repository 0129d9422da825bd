package dev.actiontrail.persistence;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * The versioned database schema: an ordered list of migrations, and the table {@code schema_version} recording
 * each one applied (version, description, applied_at in epoch ms UTC). Opening a file applies the migrations it
 * lacks, in order, inside the opening write transaction; one already recorded is never applied again. A file whose
 * version is newer than {@link #LATEST} is refused (an older build must not write a schema it does not know).
 *
 * <p>To change the schema append a migration; never edit one that has shipped.
 *
 * <p>V1 tables (all {@code STRICT}; times are epoch milliseconds UTC):
 * <ul>
 *   <li>{@code trail}: one row per trail, key (account_id, name); see {@link SqliteTrailRepository}.</li>
 *   <li>{@code event}: one row per stored event; {@code seq} (the rowid) is the insertion sequence;
 *       UNIQUE (account_id, event_id); index (account_id, event_time, seq) serves unfiltered lookups in time
 *       order.</li>
 *   <li>{@code event_attribute}: one row per distinct indexed (key, value) of an event, key (account_id, attr_key,
 *       attr_value, event_time, seq) as a clustered {@code WITHOUT ROWID} table, so a filter on any LookupKey is a
 *       range scan in time order. {@code attr_key} is {@link dev.actiontrail.core.event.LookupKey#code()}. No
 *       foreign key to {@code event}: SQLite would then need an extra index on {@code seq} to check deletions.</li>
 * </ul>
 *
 * <p>V2 tables (delivery; see {@link SqliteDeliveryLedger}):
 * <ul>
 *   <li>{@code logging_segment}: the spans of the event log (by seq) during which a trail was logging;
 *       {@code until_seq} is null while open.</li>
 *   <li>{@code delivery_cursor}: per (trail, destination) how far delivery got, the batch being written and the
 *       outcome of the last attempt (times in epoch ms UTC).</li>
 * </ul>
 *
 * <p>V3 tables (identities; see {@link SqliteIdentityStore}; all times epoch <b>seconds</b> UTC, as the RAM API keeps
 * them to the second):
 * <ul>
 *   <li>{@code account}: the server's accounts, in creation order (rowid).</li>
 *   <li>{@code access_key}: every stored AccessKey with its secret, in clear (the data folder must be the owner's
 *       only), its account, owner ({@code root} or a RAM user name), status and creation time;
 *       indexed by (account_id, user_name, create_time).</li>
 *   <li>{@code ram_user}, {@code ram_group}: key (account_id, name); {@code user_id} / {@code group_id} unique.</li>
 *   <li>{@code group_member}: key (account_id, group_name, user_name), indexed by user too.</li>
 *   <li>{@code ram_role}: key (account_id, role_name) with {@code COLLATE NOCASE} — role names are unique and found
 *       case-insensitively.</li>
 *   <li>{@code custom_policy} and {@code policy_version} (key (account_id, policy_name, version_number); the default
 *       version is the policy's {@code default_version}, one fact in one place).</li>
 *   <li>{@code policy_attachment}: key (account_id, entity_type, entity_name, policy_type, policy_name), indexed by
 *       policy.</li>
 *   <li>{@code server_secret}: named secrets the server signs STS tokens with.</li>
 *   <li>{@code identity_generation}: one row, bumped in the same transaction by every identity write, so any process
 *       on the file learns of a change with one indexed read.</li>
 * </ul>
 */
final class Schema {
    /** One schema change: its version (1, 2, … in order), what it does, and its statements. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "trails and the event history", List.of(
                    """
                    CREATE TABLE trail (
                        account_id                 TEXT    NOT NULL,
                        name                       TEXT    NOT NULL,
                        home_region                TEXT    NOT NULL,
                        oss_bucket_name            TEXT    NOT NULL,
                        oss_key_prefix             TEXT    NOT NULL,
                        oss_write_role_arn         TEXT    NOT NULL,
                        sls_project_arn            TEXT    NOT NULL,
                        sls_write_role_arn         TEXT    NOT NULL,
                        max_compute_project_arn    TEXT    NOT NULL,
                        max_compute_write_role_arn TEXT    NOT NULL,
                        role_name                  TEXT    NOT NULL,
                        event_rw                   TEXT    NOT NULL,
                        trail_region               TEXT    NOT NULL,
                        organization_trail         INTEGER NOT NULL,
                        organization_id            TEXT    NOT NULL,
                        status                     TEXT    NOT NULL,
                        create_time                INTEGER NOT NULL,
                        update_time                INTEGER NOT NULL,
                        start_logging_time         INTEGER,
                        stop_logging_time          INTEGER,
                        PRIMARY KEY (account_id, name)
                    ) STRICT""",
                    """
                    CREATE TABLE event (
                        seq        INTEGER PRIMARY KEY,
                        account_id TEXT    NOT NULL,
                        event_id   TEXT    NOT NULL,
                        event_time INTEGER NOT NULL,
                        acs_region TEXT,
                        event_rw   TEXT,
                        json       TEXT    NOT NULL,
                        UNIQUE (account_id, event_id)
                    ) STRICT""",
                    "CREATE INDEX event_by_time ON event (account_id, event_time, seq)",
                    "CREATE INDEX event_by_age ON event (event_time)",
                    """
                    CREATE TABLE event_attribute (
                        account_id TEXT    NOT NULL,
                        attr_key   INTEGER NOT NULL,
                        attr_value TEXT    NOT NULL,
                        event_time INTEGER NOT NULL,
                        seq        INTEGER NOT NULL,
                        PRIMARY KEY (account_id, attr_key, attr_value, event_time, seq)
                    ) WITHOUT ROWID, STRICT""")),
            new Migration(2, "delivery (segments, cursors, history jobs) and the event seq counter", List.of(
                    """
                    CREATE TABLE logging_segment (
                        account_id TEXT    NOT NULL,
                        trail_name TEXT    NOT NULL,
                        from_seq   INTEGER NOT NULL,
                        until_seq  INTEGER,
                        PRIMARY KEY (account_id, trail_name, from_seq)
                    ) STRICT""",
                    """
                    CREATE TABLE delivery_cursor (
                        account_id            TEXT    NOT NULL,
                        trail_name            TEXT    NOT NULL,
                        destination           TEXT    NOT NULL,
                        delivered_seq         INTEGER NOT NULL,
                        pending_to_seq        INTEGER NOT NULL,
                        pending_stamp         INTEGER,
                        latest_delivery_time  INTEGER,
                        latest_delivery_error TEXT,
                        failures              INTEGER NOT NULL,
                        next_attempt          INTEGER,
                        PRIMARY KEY (account_id, trail_name, destination)
                    ) STRICT""",
                    """
                    CREATE TABLE delivery_history_job (
                        job_id        INTEGER PRIMARY KEY AUTOINCREMENT,
                        account_id    TEXT    NOT NULL,
                        trail_name    TEXT    NOT NULL,
                        home_region   TEXT    NOT NULL,
                        client_token  TEXT    NOT NULL,
                        job_status    INTEGER NOT NULL,
                        region_status TEXT    NOT NULL,
                        created_time  INTEGER NOT NULL,
                        updated_time  INTEGER NOT NULL,
                        start_time    INTEGER NOT NULL,
                        end_time      INTEGER NOT NULL
                    ) STRICT""",
                    "CREATE INDEX delivery_history_job_by_account ON delivery_history_job (account_id, job_id)",
                    """
                    CREATE TABLE event_seq (
                        id       INTEGER PRIMARY KEY CHECK (id = 1),
                        last_seq INTEGER NOT NULL
                    ) STRICT""",
                    "INSERT INTO event_seq (id, last_seq) SELECT 1, coalesce(max(seq), 0) FROM event")),
            new Migration(3, "identities: accounts, AccessKeys, RAM users, groups, roles, policies, attachments, "
                    + "server secrets and the identity generation", List.of(
                    """
                    CREATE TABLE account (
                        account_id  TEXT    PRIMARY KEY,
                        create_time INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE access_key (
                        access_key_id TEXT    PRIMARY KEY,
                        secret        TEXT    NOT NULL,
                        account_id    TEXT    NOT NULL,
                        user_name     TEXT    NOT NULL,
                        status        TEXT    NOT NULL,
                        create_time   INTEGER NOT NULL
                    ) STRICT""",
                    "CREATE INDEX access_key_by_owner ON access_key (account_id, user_name, create_time)",
                    """
                    CREATE TABLE ram_user (
                        account_id      TEXT    NOT NULL,
                        user_name       TEXT    NOT NULL,
                        user_id         TEXT    NOT NULL UNIQUE,
                        display_name    TEXT    NOT NULL,
                        mobile_phone    TEXT    NOT NULL,
                        email           TEXT    NOT NULL,
                        comments        TEXT    NOT NULL,
                        create_date     INTEGER NOT NULL,
                        update_date     INTEGER NOT NULL,
                        last_login_date INTEGER,
                        PRIMARY KEY (account_id, user_name)
                    ) STRICT""",
                    """
                    CREATE TABLE ram_group (
                        account_id  TEXT    NOT NULL,
                        group_name  TEXT    NOT NULL,
                        group_id    TEXT    NOT NULL UNIQUE,
                        comments    TEXT    NOT NULL,
                        create_date INTEGER NOT NULL,
                        update_date INTEGER NOT NULL,
                        PRIMARY KEY (account_id, group_name)
                    ) STRICT""",
                    """
                    CREATE TABLE group_member (
                        account_id TEXT    NOT NULL,
                        group_name TEXT    NOT NULL,
                        user_name  TEXT    NOT NULL,
                        join_date  INTEGER NOT NULL,
                        PRIMARY KEY (account_id, group_name, user_name)
                    ) STRICT""",
                    "CREATE INDEX group_member_by_user ON group_member (account_id, user_name)",
                    """
                    CREATE TABLE ram_role (
                        account_id           TEXT    NOT NULL,
                        role_name            TEXT    NOT NULL COLLATE NOCASE,
                        role_id              TEXT    NOT NULL UNIQUE,
                        description          TEXT    NOT NULL,
                        trust_policy         TEXT    NOT NULL,
                        max_session_duration INTEGER NOT NULL,
                        create_date          INTEGER NOT NULL,
                        update_date          INTEGER NOT NULL,
                        PRIMARY KEY (account_id, role_name)
                    ) STRICT""",
                    """
                    CREATE TABLE custom_policy (
                        account_id      TEXT    NOT NULL,
                        policy_name     TEXT    NOT NULL,
                        description     TEXT    NOT NULL,
                        default_version TEXT    NOT NULL,
                        create_date     INTEGER NOT NULL,
                        update_date     INTEGER NOT NULL,
                        PRIMARY KEY (account_id, policy_name)
                    ) STRICT""",
                    """
                    CREATE TABLE policy_version (
                        account_id     TEXT    NOT NULL,
                        policy_name    TEXT    NOT NULL,
                        version_number INTEGER NOT NULL,
                        document       TEXT    NOT NULL,
                        create_date    INTEGER NOT NULL,
                        PRIMARY KEY (account_id, policy_name, version_number)
                    ) STRICT""",
                    """
                    CREATE TABLE policy_attachment (
                        account_id  TEXT    NOT NULL,
                        entity_type TEXT    NOT NULL,
                        entity_name TEXT    NOT NULL,
                        policy_type TEXT    NOT NULL,
                        policy_name TEXT    NOT NULL,
                        attach_date INTEGER NOT NULL,
                        PRIMARY KEY (account_id, entity_type, entity_name, policy_type, policy_name)
                    ) STRICT""",
                    "CREATE INDEX policy_attachment_by_policy ON policy_attachment (account_id, policy_type, policy_name)",
                    """
                    CREATE TABLE server_secret (
                        name  TEXT PRIMARY KEY,
                        value BLOB NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE identity_generation (
                        id    INTEGER PRIMARY KEY CHECK (id = 1),
                        value INTEGER NOT NULL
                    ) STRICT""",
                    "INSERT INTO identity_generation (id, value) VALUES (1, 0)")));

    /** The version this build brings files to. */
    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {
    }

    /** The file's current version: the highest migration recorded (0 before the first). */
    static int version(Handle h) {
        return h.createQuery("SELECT coalesce(max(version), 0) FROM schema_version").mapTo(Integer.class).one();
    }

    /**
     * Applies the pending migrations; must run inside a write transaction.
     *
     * @param now recorded as each applied migration's {@code applied_at}
     * @throws IllegalStateException if the file's version is newer than {@link #LATEST}
     */
    static void migrate(Handle h, Instant now) {
        h.execute("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER PRIMARY KEY,
                    description TEXT    NOT NULL,
                    applied_at  INTEGER NOT NULL
                ) STRICT""");
        int current = version(h);
        if (current > LATEST) {
            throw new IllegalStateException("database schema version " + current
                    + " is newer than this build supports (" + LATEST + ")");
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() > current) {
                m.statements().forEach(h::execute);
                h.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        m.version(), m.description(), now.toEpochMilli());
            }
        }
    }
}
