package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.delivery.DeliveryService;
import dev.actiontrail.core.delivery.DeliverySettings;
import dev.actiontrail.core.destination.CrossAccountRoles;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.InMemoryDeliveryLedger;
import dev.actiontrail.core.testing.InMemoryEventLog;
import dev.actiontrail.core.testing.InMemoryHistoryJobs;
import dev.actiontrail.core.testing.InMemoryTrailRepository;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRequest;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.core.trail.TrailStatusReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trails of account B and the local destinations of account A, through the trail use cases and delivery: the real
 * directory and writers, in-memory trails, events and ledger, and a fake of A's RAM roles.
 */
class LocalResourceDirectoryCrossAccountDeliveryTest {
    static final AccountId A = AccountId.of("1111111111111111");
    static final AccountId B = AccountId.of("2222222222222222");
    static final AccountId C = AccountId.of("3333333333333333");
    static final String ROLE_OF_A = "acs:ram::1111111111111111:role/actiontrail-writer";
    static final CallContext AS_B = new CallContext(Account.of(B, null), "cn-hangzhou", ApiVersion.V2020_07_06);
    static final Instant T0 = Instant.parse("2024-05-20T12:00:00Z");

    @TempDir
    Path root;
    final Map<String, Set<AccountId>> grants = new ConcurrentHashMap<>();
    final CrossAccountRoles roles = (trailOwner, roleArn, owner) ->
            grants.getOrDefault(roleArn, Set.of()).contains(trailOwner);
    MutableClock clock = new MutableClock(T0);
    LocalResourceDirectory resources;
    InMemoryEventLog log;
    InMemoryTrailRepository trails;
    InMemoryDeliveryLedger ledger;
    TrailService service;
    DeliveryService delivery;
    int ids;

    @BeforeEach
    void setUp() {
        resources = new LocalResourceDirectory(root, A, roles, clock);
        resources.createBucket("a-audit", "cn-hangzhou", A);
        resources.createSlsProject("a-project", "cn-hangzhou", A);
        log = new InMemoryEventLog();
        trails = new InMemoryTrailRepository();
        ledger = new InMemoryDeliveryLedger(log::lastSeq);
        service = new TrailService(trails, resources, ledger, new InMemoryHistoryJobs(), clock);
        delivery = new DeliveryService(trails, log, ledger, LocalDeliveryWriters.all(resources), clock,
                DeliverySettings.DEFAULT);
    }

    static TrailRequest ossTrail(String bucket, String role) {
        return new TrailRequest("b-trail", bucket, null, role, null, null, null, null, null, null, null, null);
    }

    void record(AccountId account) {
        ids++;
        log.append(account, "ev-" + ids, "2024-05-20T11:00:0" + (ids % 10) + "Z", "cn-hangzhou", "Write");
    }

    @Test
    void accountBCannotCreateATrailOnABucketOfAWithoutAGrantingRoleOfA() {
        for (String role : new String[] {null, ROLE_OF_A, "acs:ram::3333333333333333:role/actiontrail-writer"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> service.create(AS_B, ossTrail("a-audit", role)));
            assertEquals("InsufficientBucketPolicyException", e.code(), String.valueOf(role));
            assertEquals(403, e.httpStatus());
        }
        grants.put(ROLE_OF_A, Set.of(C)); // trusts another account only
        assertThrows(ApiException.class, () -> service.create(AS_B, ossTrail("a-audit", ROLE_OF_A)));
        assertEquals(List.of(), trails.listAll(), "nothing changed");
        assertEquals(List.of(), resources.listObjects("oss://a-audit"));
    }

    @Test
    void aGrantedTrailDeliversUntilTheOwnerRevokesThenFailsAndWritesNothing() {
        grants.put(ROLE_OF_A, Set.of(B));
        Trail trail = service.create(AS_B, ossTrail("a-audit", ROLE_OF_A));
        assertEquals(ROLE_OF_A, trail.ossWriteRoleArn());
        service.startLogging(AS_B, "b-trail");
        record(B);
        record(A); // A's events never go to B's trail

        DeliveryService.Round first = delivery.deliverOnce();
        assertEquals(0, first.failures());
        assertEquals(1, first.eventsDelivered());
        assertEquals(1, resources.listObjects("oss://a-audit").size());
        assertEquals(Boolean.TRUE, service.status(AS_B, "b-trail", false).ossBucketStatus());

        grants.clear(); // A deletes the role or stops trusting B
        record(B);
        clock.advance(Duration.ofMinutes(5));
        DeliveryService.Round refused = delivery.deliverOnce();
        assertEquals(1, refused.failures());
        assertEquals(0, refused.eventsDelivered());
        TrailStatusReport status = service.status(AS_B, "b-trail", false);
        assertTrue(status.latestDeliveryError().startsWith("AccessDenied"), status.latestDeliveryError());
        assertEquals(Boolean.FALSE, status.ossBucketStatus());
        assertEquals(1, resources.listObjects("oss://a-audit").size(), "no object written after the revocation");
    }

    @Test
    void aGrantedTrailStopsWhenTheBucketChangesOwner() throws Exception {
        grants.put(ROLE_OF_A, Set.of(B));
        service.create(AS_B, ossTrail("a-audit", ROLE_OF_A));
        service.startLogging(AS_B, "b-trail");
        // the bucket passes to account C (its metadata is replaced whole, as every writer of it does)
        Path file = root.resolve("oss-meta/a-audit.properties");
        Path part = root.resolve("oss-meta/a-audit.part");
        Files.writeString(part, Files.readString(file).replace("owner=" + A, "owner=" + C));
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        record(B);

        DeliveryService.Round refused = delivery.deliverOnce();
        assertEquals(1, refused.failures());
        assertTrue(service.status(AS_B, "b-trail", false).latestDeliveryError().startsWith("AccessDenied"));
        assertEquals(List.of(), resources.listObjects("oss://a-audit"));
    }

    @Test
    void anSlsProjectOfAIsUsedOnlyWithAGrantingRoleOfA() {
        String arn = "acs:log:cn-hangzhou:" + A + ":project/a-project";
        ApiException e = assertThrows(ApiException.class, () -> service.create(AS_B, new TrailRequest("b-trail",
                null, null, null, arn, null, null, null, null, null, null, null)));
        assertEquals("InsufficientSlsPolicyException", e.code());
        assertEquals(403, e.httpStatus());
        // named as B's own project, A's project does not exist for B
        ApiException own = assertThrows(ApiException.class, () -> service.create(AS_B, new TrailRequest("b-trail",
                null, null, null, "acs:log:cn-hangzhou:" + B + ":project/a-project", null, null, null, null, null,
                null, null)));
        assertEquals("SlsProjectDoesNotExistException", own.code());
        assertFalse(Files.exists(root.resolve("sls/a-project/actiontrail_b-trail")));

        grants.put(ROLE_OF_A, Set.of(B));
        service.create(AS_B, new TrailRequest("b-trail", null, null, null, arn, ROLE_OF_A, null, null, null, null,
                null, null));
        assertTrue(Files.isDirectory(root.resolve("sls/a-project/actiontrail_b-trail")));
        service.startLogging(AS_B, "b-trail");
        record(B);
        assertEquals(0, delivery.deliverOnce().failures());
        assertEquals(Boolean.TRUE, service.status(AS_B, "b-trail", false).slsLogStoreStatus());
    }
}
