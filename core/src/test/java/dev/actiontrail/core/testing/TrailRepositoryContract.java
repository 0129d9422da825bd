package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.trail.EventRW;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRegion;
import dev.actiontrail.core.trail.TrailRepository;
import dev.actiontrail.core.trail.TrailStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The behaviour every {@link TrailRepository} must have. An adapter proves its repository by extending this class
 * and implementing {@link #newRepository()}; the in-memory repository does too.
 */
public abstract class TrailRepositoryContract {
    protected static final AccountId A = AccountId.of("1111111111111111");
    protected static final AccountId B = AccountId.of("2222222222222222");

    protected TrailRepository repository;

    /** A new, empty repository. */
    protected abstract TrailRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    /** A trail with every field set to a distinct, non-default value. */
    protected static Trail fullTrail(AccountId account, String name) {
        return new Trail(account, name, "cn-hangzhou", "audit-log", "at-product-audit",
                "acs:ram::" + account + ":role/oss-writer",
                "acs:log:cn-hangzhou:" + account + ":project/audit-project",
                "acs:ram::" + account + ":role/sls-writer",
                "acs:odps:cn-hangzhou:" + account + ":project/actiontrail_audit",
                "acs:ram::" + account + ":role/odps-writer",
                "aliyunactiontraildefaultrole", EventRW.Read, TrailRegion.parse("cn-beijing"), true, "rd-Ab12Cd",
                TrailStatus.Disable,
                Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-02T10:00:00Z"),
                Instant.parse("2024-05-01T11:00:00Z"), Instant.parse("2024-05-01T12:00:00Z"));
    }

    /** A fresh trail with only an OSS bucket. */
    protected static Trail freshTrail(AccountId account, String name) {
        return new Trail(account, name, "cn-hangzhou", "bucket-" + name, "", "", "", "", "", "", "",
                EventRW.All, TrailRegion.ALL, false, "", TrailStatus.Fresh,
                Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:00Z"), null, null);
    }

    @Test
    void anInsertedTrailIsFoundWithEveryField() {
        Trail full = fullTrail(A, "trail-full");
        Trail fresh = freshTrail(A, "trail-fresh");
        repository.insert(full);
        repository.insert(fresh);
        assertEquals(Optional.of(full), repository.find(A, "trail-full"));
        assertEquals(Optional.of(fresh), repository.find(A, "trail-fresh"));
    }

    @Test
    void findOfAnUnknownNameOrAnotherAccountIsEmpty() {
        repository.insert(freshTrail(A, "trail-one"));
        assertEquals(Optional.empty(), repository.find(A, "trail-two"));
        assertEquals(Optional.empty(), repository.find(B, "trail-one"));
    }

    @Test
    void listIsTheAccountsTrailsOrderedByName() {
        repository.insert(freshTrail(A, "trail-c"));
        repository.insert(freshTrail(A, "trail-a"));
        repository.insert(freshTrail(B, "trail-b"));
        repository.insert(freshTrail(A, "trail-b"));

        assertEquals(List.of("trail-a", "trail-b", "trail-c"),
                repository.list(A).stream().map(Trail::name).toList());
        assertEquals(List.of(freshTrail(B, "trail-b")), repository.list(B));
        assertEquals(List.of(), repository.list(AccountId.of("3333333333333333")));
    }

    @Test
    void theSameNameMayBeUsedByTwoAccounts() {
        repository.insert(freshTrail(A, "trail-one"));
        repository.insert(fullTrail(B, "trail-one"));
        assertEquals("bucket-trail-one", repository.find(A, "trail-one").orElseThrow().ossBucketName());
        assertEquals("audit-log", repository.find(B, "trail-one").orElseThrow().ossBucketName());
    }

    @Test
    void updateReplacesTheStoredTrail() {
        repository.insert(freshTrail(A, "trail-one"));
        Trail changed = fullTrail(A, "trail-one");
        repository.update(changed);
        assertEquals(Optional.of(changed), repository.find(A, "trail-one"));
        assertEquals(1, repository.list(A).size());
    }

    @Test
    void deleteRemovesOnlyThatTrailAndIgnoresAbsentOnes() {
        repository.insert(freshTrail(A, "trail-one"));
        repository.insert(freshTrail(A, "trail-two"));
        repository.insert(freshTrail(B, "trail-one"));

        repository.delete(A, "trail-one");
        repository.delete(A, "trail-absent");

        assertEquals(List.of("trail-two"), repository.list(A).stream().map(Trail::name).toList());
        assertEquals(1, repository.list(B).size());
    }
}
