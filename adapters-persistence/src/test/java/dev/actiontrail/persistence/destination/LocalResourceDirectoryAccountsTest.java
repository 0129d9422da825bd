package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.CrossAccountRoles;
import dev.actiontrail.core.destination.DeliveryIdentity;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.persistence.destination.LocalResourceDirectory.Bucket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.actiontrail.core.destination.DestinationAccess.DENIED;
import static dev.actiontrail.core.destination.DestinationAccess.MISSING;
import static dev.actiontrail.core.destination.DestinationAccess.WRITABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The owners of local resources: one data folder, several accounts. */
class LocalResourceDirectoryAccountsTest {
    /** The data folder's default account. */
    static final AccountId A = AccountId.of("1111111111111111");
    static final AccountId B = AccountId.of("2222222222222222");
    static final AccountId C = AccountId.of("3333333333333333");
    static final String ROLE_OF_A = "acs:ram::1111111111111111:role/actiontrail-writer";
    static final String ROLE_OF_C = "acs:ram::3333333333333333:role/actiontrail-writer";
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path root;
    /** Write role ARN → the trail accounts it lets deliver (the fake of the owners' RAM roles). */
    final Map<String, Set<AccountId>> grants = new ConcurrentHashMap<>();
    final CrossAccountRoles roles = (trailOwner, roleArn, owner) ->
            grants.getOrDefault(roleArn, Set.of()).contains(trailOwner);
    LocalResourceDirectory resources;

    @BeforeEach
    void setUp() {
        resources = new LocalResourceDirectory(root, A, roles, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static DeliveryIdentity as(AccountId account, String role) {
        return new DeliveryIdentity(account, role);
    }

    @Test
    void aBucketOfAnotherAccountIsDeniedAndItsRegionHiddenUnlessTheOwnersRoleGrants() {
        resources.createBucket("a-bucket", "cn-shanghai", A);

        assertEquals(WRITABLE, resources.bucketAccess(A, "a-bucket"));
        assertEquals(Optional.of("cn-shanghai"), resources.bucketRegion(A, "a-bucket"));
        assertEquals(DENIED, resources.bucketAccess(B, "a-bucket"));
        assertEquals(Optional.empty(), resources.bucketRegion(B, "a-bucket"));
        assertEquals(MISSING, resources.bucketAccess(B, "no-bucket"));

        // B names a role of A that does not (yet) trust it
        assertEquals(DENIED, resources.bucketAccess(as(B, ROLE_OF_A), "a-bucket"));
        assertEquals(Optional.empty(), resources.bucketRegion(as(B, ROLE_OF_A), "a-bucket"));
        // a role of a third account is never enough, even one that trusts B
        grants.put(ROLE_OF_C, Set.of(B));
        assertEquals(DENIED, resources.bucketAccess(as(B, ROLE_OF_C), "a-bucket"));
        // B's own service-linked role does not reach A's bucket
        assertEquals(DENIED, resources.bucketAccess(
                as(B, "acs:ram::2222222222222222:role/aliyunserviceroleforactiontrail"), "a-bucket"));

        grants.put(ROLE_OF_A, Set.of(B));
        assertEquals(WRITABLE, resources.bucketAccess(as(B, ROLE_OF_A), "a-bucket"));
        assertEquals(Optional.of("cn-shanghai"), resources.bucketRegion(as(B, ROLE_OF_A), "a-bucket"));
        assertEquals(DENIED, resources.bucketAccess(as(C, ROLE_OF_A), "a-bucket"), "granted to B only");
        assertEquals(DENIED, resources.bucketAccess(B, "a-bucket"), "without the role B is still refused");

        // the bucket's own policy still applies to a granted writer
        resources.setBucketPolicy("a-bucket", false);
        assertEquals(DENIED, resources.bucketAccess(as(B, ROLE_OF_A), "a-bucket"));
        resources.setBucketPolicy("a-bucket", true);

        // the owner with a write role of another account is refused, as before owners existed
        assertEquals(DENIED, resources.bucketAccess(as(A, ROLE_OF_C), "a-bucket"));
        assertEquals(WRITABLE, resources.bucketAccess(as(A, ROLE_OF_A), "a-bucket"));
    }

    @Test
    void namesAreUniqueAcrossAccountsAndAnExistingNameDoesNotTellItsOwner() {
        resources.createBucket("shared", "cn-hangzhou", A);
        resources.createSlsProject("shared-project", "cn-hangzhou", A);
        resources.createMaxComputeProject("actiontrail_shared", "cn-hangzhou", A);

        IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class,
                () -> resources.createBucket("shared", "cn-beijing", B));
        assertEquals("bucket already exists: shared", bucket.getMessage());
        IllegalArgumentException sls = assertThrows(IllegalArgumentException.class,
                () -> resources.createSlsProject("shared-project", "cn-beijing", B));
        assertEquals("SLS project already exists: shared-project", sls.getMessage());
        IllegalArgumentException odps = assertThrows(IllegalArgumentException.class,
                () -> resources.createMaxComputeProject("actiontrail_shared", "cn-beijing", B));
        assertEquals("MaxCompute project already exists: actiontrail_shared", odps.getMessage());

        assertEquals(List.of(new Bucket("shared", "cn-hangzhou", NOW, A)), resources.listBuckets());
        assertEquals(List.of(new Bucket("shared-project", "cn-hangzhou", NOW, A)), resources.slsProjects());
        assertEquals(List.of(new Bucket("actiontrail_shared", "cn-hangzhou", NOW, A)),
                resources.maxComputeProjects());
    }

    @Test
    void aResourceThatRecordsNoOwnerBelongsToTheDefaultAccount() throws Exception {
        // as written before resources had owners
        Files.createDirectories(root.resolve("oss/old-bucket"));
        Files.createDirectories(root.resolve("oss-meta"));
        Files.writeString(root.resolve("oss-meta/old-bucket.properties"),
                "region=cn-beijing\ncreated=2023-01-01T00\\:00\\:00Z\n");
        Files.createDirectories(root.resolve("sls/old-project"));
        Files.createDirectories(root.resolve("sls-meta"));
        Files.writeString(root.resolve("sls-meta/old-project.properties"), "region=cn-beijing\n");

        assertEquals(WRITABLE, resources.bucketAccess(A, "old-bucket"));
        assertEquals(Optional.of("cn-beijing"), resources.bucketRegion(A, "old-bucket"));
        assertEquals(DENIED, resources.bucketAccess(B, "old-bucket"));
        assertEquals(Optional.empty(), resources.bucketRegion(B, "old-bucket"));
        assertEquals(WRITABLE, resources.slsProjectAccess(A, "old-project"));
        assertEquals(MISSING, resources.slsProjectAccess(B, "old-project"), "B has no project of that name");
        assertEquals(List.of(new Bucket("old-bucket", "cn-beijing", Instant.parse("2023-01-01T00:00:00Z"), A)),
                resources.listBuckets());
        assertFalse(Files.readString(root.resolve("oss-meta/old-bucket.properties")).contains("owner"),
                "reading does not rewrite the file");

        // the default owner is the composition root's choice
        LocalResourceDirectory ofB = new LocalResourceDirectory(root, B, roles, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(WRITABLE, ofB.bucketAccess(B, "old-bucket"));
        assertEquals(DENIED, ofB.bucketAccess(A, "old-bucket"));

        // a recorded owner is kept whatever the default
        resources.createBucket("new-bucket", "cn-hangzhou");
        assertTrue(Files.readString(root.resolve("oss-meta/new-bucket.properties")).contains("owner=" + A));
        assertEquals(DENIED, ofB.bucketAccess(B, "new-bucket"));
        assertEquals(Optional.of(B), ofB.defaultOwner());
    }

    @Test
    void singleAccountModeLetsAnyAccountUseResourcesWithoutOwnerButNotOthersResources() throws Exception {
        LocalResourceDirectory single = new LocalResourceDirectory(root);
        single.createBucket("any-bucket", "cn-hangzhou");
        assertFalse(Files.readString(root.resolve("oss-meta/any-bucket.properties")).contains("owner"));
        assertEquals(WRITABLE, single.bucketAccess(A, "any-bucket"));
        assertEquals(WRITABLE, single.bucketAccess(B, "any-bucket"));
        assertEquals(Optional.empty(), single.defaultOwner());

        resources.createBucket("a-bucket", "cn-hangzhou", A);
        assertEquals(DENIED, single.bucketAccess(B, "a-bucket"));
        // opened with a default owner, the ownerless bucket is the default account's
        assertEquals(DENIED, resources.bucketAccess(B, "any-bucket"));
    }

    @Test
    void slsProjectsOfAnotherAccountAreUsedOnlyThroughAGrantingRoleOfTheOwner() {
        resources.createSlsProject("proj-a", "cn-hangzhou", A);

        // B names A's project without a role of A: refused, whether or not the project exists
        assertEquals(DENIED, resources.slsProjectAccess(DeliveryIdentity.of(B), A, "proj-a"));
        assertEquals(DENIED, resources.slsProjectAccess(DeliveryIdentity.of(B), A, "no-such-project"));
        assertEquals(DENIED, resources.slsProjectAccess(as(B, ROLE_OF_A), A, "proj-a"));
        // B names the project as its own: B has none of that name
        assertEquals(MISSING, resources.slsProjectAccess(B, "proj-a"));
        assertCreateLogStoreError(() -> resources.ensureLogstore(as(B, ROLE_OF_A), A, "proj-a", "actiontrail_t"));
        assertCreateLogStoreError(() -> resources.ensureLogstore(B, "proj-a", "actiontrail_t"));
        assertFalse(Files.exists(root.resolve("sls/proj-a/actiontrail_t")));

        grants.put(ROLE_OF_A, Set.of(B));
        assertEquals(WRITABLE, resources.slsProjectAccess(as(B, ROLE_OF_A), A, "proj-a"));
        assertEquals(MISSING, resources.slsProjectAccess(as(B, ROLE_OF_A), A, "no-such-project"));
        assertEquals(MISSING, resources.logstoreAccess(as(B, ROLE_OF_A), A, "proj-a", "actiontrail_t"));
        resources.ensureLogstore(as(B, ROLE_OF_A), A, "proj-a", "actiontrail_t");
        assertTrue(Files.isDirectory(root.resolve("sls/proj-a/actiontrail_t")));
        assertEquals(WRITABLE, resources.logstoreAccess(as(B, ROLE_OF_A), A, "proj-a", "actiontrail_t"));

        grants.clear(); // A revokes
        assertEquals(DENIED, resources.logstoreAccess(as(B, ROLE_OF_A), A, "proj-a", "actiontrail_t"));
        assertEquals(WRITABLE, resources.logstoreAccess(A, "proj-a", "actiontrail_t"));
    }

    @Test
    void maxComputeProjectsAreCreatedForTheAccountTheArnNamesAndNeverTakeAnotherAccountsName() {
        resources.createMaxComputeProject("actiontrail_a", "cn-hangzhou", A);

        // B's own project of a name A has: refused, and A's project stays A's
        assertEquals(DENIED, resources.maxComputeProjectAccess(DeliveryIdentity.of(B), B, "actiontrail_a"));
        ApiException taken = assertThrows(ApiException.class,
                () -> resources.ensureMaxComputeProject(B, "actiontrail_a"));
        assertEquals(ApiError.INTERNAL_ERROR, taken.error());
        // A's project without a granting role of A
        assertEquals(DENIED, resources.maxComputeProjectAccess(as(B, ROLE_OF_A), A, "actiontrail_new"));
        ApiException denied = assertThrows(ApiException.class,
                () -> resources.ensureMaxComputeProject(as(B, ROLE_OF_A), A, "actiontrail_new"));
        assertEquals(ApiError.INTERNAL_ERROR, denied.error());
        assertEquals(List.of("actiontrail_a"), resources.listMaxComputeProjects());

        grants.put(ROLE_OF_A, Set.of(B));
        assertEquals(WRITABLE, resources.maxComputeProjectAccess(as(B, ROLE_OF_A), A, "actiontrail_a"));
        resources.ensureMaxComputeProject(as(B, ROLE_OF_A), A, "actiontrail_new");
        assertEquals(List.of(new Bucket("actiontrail_a", "cn-hangzhou", NOW, A),
                new Bucket("actiontrail_new", "", NOW, A)), resources.maxComputeProjects());

        resources.ensureMaxComputeProject(B, "actiontrail_b");
        assertEquals(B, resources.maxComputeProjects().get(1).owner());
        assertEquals(DENIED, resources.maxComputeProjectAccess(DeliveryIdentity.of(A), A, "actiontrail_b"));
    }

    @Test
    void aMetadataFileLeftWithoutItsFolderIsInvisibleAndReplacedByTheNextCreation() throws Exception {
        Files.createDirectories(root.resolve("oss-meta"));
        Files.writeString(root.resolve("oss-meta/ghost.properties"), "region=cn-beijing\nowner=" + C + "\n");
        assertEquals(MISSING, resources.bucketAccess(C, "ghost"));
        assertEquals(List.of(), resources.listBuckets());

        resources.createBucket("ghost", "cn-hangzhou", B);
        assertEquals(WRITABLE, resources.bucketAccess(B, "ghost"));
        assertEquals(DENIED, resources.bucketAccess(C, "ghost"));
        assertEquals(List.of(new Bucket("ghost", "cn-hangzhou", NOW, B)), resources.listBuckets());
    }

    @Test
    void aMalformedOwnerFailsClosed() throws Exception {
        resources.createBucket("odd-bucket", "cn-hangzhou", A);
        Path file = root.resolve("oss-meta/odd-bucket.properties");
        Path part = root.resolve("oss-meta/odd.part");
        Files.writeString(part, Files.readString(file).replace("owner=" + A, "owner=12345"));
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IllegalStateException.class, () -> resources.bucketAccess(A, "odd-bucket"));
    }

    private static void assertCreateLogStoreError(org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(ApiError.CREATE_LOG_STORE_ERROR, e.error());
    }
}
