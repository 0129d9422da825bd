package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.trail.EventRW;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRegion;
import dev.actiontrail.core.trail.TrailStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqliteTrailRepositoryTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("6543210987654321");
    static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;
    SqliteStore store;
    SqliteTrailRepository trails;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("at.db"));
        trails = store.trails();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A fresh trail: every destination set, so every column is exercised. */
    static Trail trail(AccountId account, String name) {
        return new Trail(account, name, "cn-hangzhou", "bucket-" + name, "prefix/" + name,
                "acs:ram::" + account + ":role/oss-writer", "acs:log:cn-hangzhou:" + account + ":project/sls-p",
                "acs:ram::" + account + ":role/sls-writer",
                "acs:odps:cn-hangzhou:" + account + ":project/actiontrail_" + account,
                "acs:ram::" + account + ":role/odps-writer", "", EventRW.All, TrailRegion.ALL, false, "",
                TrailStatus.Fresh, CREATED, CREATED, null, null);
    }

    static Trail started(Trail t, Instant at) {
        return new Trail(t.accountId(), t.name(), t.homeRegion(), t.ossBucketName(), t.ossKeyPrefix(),
                t.ossWriteRoleArn(), "", "", "", "", "aliyunactiontraildefaultrole", EventRW.Write,
                new TrailRegion("cn-shanghai"), true, "rd-abc123", TrailStatus.Enable, t.createTime(), at, at,
                Instant.parse("2024-05-01T09:00:00.123Z"));
    }

    @Test
    void insertedTrailsAreFoundWithEveryFieldIntact() {
        Trail t = trail(ACCOUNT, "trail-one");
        trails.insert(t);
        assertEquals(Optional.of(t), trails.find(ACCOUNT, "trail-one"));
        assertEquals(Optional.empty(), trails.find(ACCOUNT, "trail-two"));
        assertEquals(Optional.empty(), trails.find(OTHER, "trail-one"));
    }

    @Test
    void updateReplacesEveryField() {
        Trail t = trail(ACCOUNT, "trail-one");
        trails.insert(t);
        Trail updated = started(t, CREATED.plusSeconds(60));
        trails.update(updated);
        assertEquals(Optional.of(updated), trails.find(ACCOUNT, "trail-one"));
    }

    @Test
    void listIsPerAccountAndOrderedByName() {
        trails.insert(trail(ACCOUNT, "trail-c"));
        trails.insert(trail(ACCOUNT, "trail-a"));
        trails.insert(trail(OTHER, "trail-b"));
        trails.insert(trail(ACCOUNT, "trail-b"));
        assertEquals(List.of("trail-a", "trail-b", "trail-c"),
                trails.list(ACCOUNT).stream().map(Trail::name).toList());
        assertEquals(List.of(trail(OTHER, "trail-b")), trails.list(OTHER));
        assertEquals(List.of(), trails.list(AccountId.of("0000000000000000")));
    }

    @Test
    void deleteRemovesOnlyThatTrailAndIgnoresAbsentOnes() {
        trails.insert(trail(ACCOUNT, "trail-a"));
        trails.insert(trail(OTHER, "trail-a"));
        trails.delete(ACCOUNT, "trail-a");
        trails.delete(ACCOUNT, "trail-zz");
        assertEquals(Optional.empty(), trails.find(ACCOUNT, "trail-a"));
        assertEquals(Optional.of(trail(OTHER, "trail-a")), trails.find(OTHER, "trail-a"));
    }

    @Test
    void brokenPreconditionsAreRefused() {
        trails.insert(trail(ACCOUNT, "trail-a"));
        assertThrows(IllegalStateException.class, () -> trails.insert(trail(ACCOUNT, "trail-a")));
        assertThrows(IllegalStateException.class, () -> trails.update(trail(ACCOUNT, "trail-b")));
        assertEquals(Optional.of(trail(ACCOUNT, "trail-a")), trails.find(ACCOUNT, "trail-a"));
    }

    @Test
    void trailsSurviveReopening() {
        Trail t = started(trail(ACCOUNT, "trail-a"), CREATED.plusSeconds(5));
        trails.insert(t);
        store.close();
        store = SqliteStore.open(dir.resolve("at.db"));
        assertEquals(List.of(t), store.trails().list(ACCOUNT));
    }
}
