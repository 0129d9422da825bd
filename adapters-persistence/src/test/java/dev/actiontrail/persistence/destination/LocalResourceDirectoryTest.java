package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.CrossAccountRoles;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.persistence.destination.LocalResourceDirectory.Bucket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static dev.actiontrail.core.destination.DestinationAccess.DENIED;
import static dev.actiontrail.core.destination.DestinationAccess.MISSING;
import static dev.actiontrail.core.destination.DestinationAccess.WRITABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class LocalResourceDirectoryTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00.750Z");

    @TempDir
    Path root;
    LocalResourceDirectory resources;

    @BeforeEach
    void setUp() {
        resources = new LocalResourceDirectory(root, ACCOUNT, CrossAccountRoles.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void createdBucketsAreWritableListedAndKnowTheirRegion() {
        assertEquals(MISSING, resources.bucketAccess(ACCOUNT, "my-bucket"));
        assertEquals(Optional.empty(), resources.bucketRegion(ACCOUNT, "my-bucket"));
        resources.createBucket("my-bucket", "cn-shanghai");
        resources.createBucket("a-bucket", "cn-hangzhou");

        assertTrue(Files.isDirectory(root.resolve("oss/my-bucket")));
        assertEquals(WRITABLE, resources.bucketAccess(ACCOUNT, "my-bucket"));
        assertEquals(Optional.of("cn-shanghai"), resources.bucketRegion(ACCOUNT, "my-bucket"));
        Instant created = Instant.parse("2024-05-01T10:00:00Z");
        assertEquals(List.of(new Bucket("a-bucket", "cn-hangzhou", created, ACCOUNT),
                new Bucket("my-bucket", "cn-shanghai", created, ACCOUNT)), resources.listBuckets());
        assertEquals(resources.listBuckets(), new LocalResourceDirectory(root).listBuckets(), "kept on disk");
    }

    @Test
    void bucketMetadataReplacedByAnotherProcessIsReadAgain() throws Exception {
        resources.createBucket("my-bucket", "cn-hangzhou");
        assertEquals(Optional.of("cn-hangzhou"), resources.bucketRegion(ACCOUNT, "my-bucket"));
        assertEquals(Optional.of("cn-hangzhou"), resources.bucketRegion(ACCOUNT, "my-bucket"), "cached");
        assertEquals(List.of("my-bucket.properties"), listNames(root.resolve("oss-meta")), "no staging left");

        // another process replaces the file whole (as create does), keeping even its modification time
        Path file = root.resolve("oss-meta/my-bucket.properties");
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
        Path part = root.resolve("oss-meta/other.part");
        Files.writeString(part, Files.readString(file).replace("cn-hangzhou", "cn-beijing"));
        Files.setLastModifiedTime(part, time);
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(Optional.of("cn-beijing"), resources.bucketRegion(ACCOUNT, "my-bucket"));
    }

    private static List<String> listNames(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void bucketCreationRefusesBadNamesUnknownRegionsAndExistingBuckets() {
        resources.createBucket("my-bucket", "cn-hangzhou");
        for (String bad : new String[] {"My-Bucket", "ab", "bucket-", "../escape", "a/b", ""}) {
            assertThrows(IllegalArgumentException.class, () -> resources.createBucket(bad, "cn-hangzhou"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> resources.createBucket("other-bucket", "mars-1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resources.createBucket("my-bucket", "cn-beijing"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(Optional.of("cn-hangzhou"), resources.bucketRegion(ACCOUNT, "my-bucket"));
        assertEquals(1, resources.listBuckets().size());
    }

    @Test
    void aBucketPolicyCanDenyActionTrail() {
        resources.createBucket("my-bucket", "cn-hangzhou");
        resources.setBucketPolicy("my-bucket", false);
        assertEquals(DENIED, resources.bucketAccess(ACCOUNT, "my-bucket"));
        assertTrue(Files.exists(root.resolve("oss-meta/my-bucket.deny")));
        resources.setBucketPolicy("my-bucket", false);
        assertEquals(DENIED, resources.bucketAccess(ACCOUNT, "my-bucket"));
        resources.setBucketPolicy("my-bucket", true);
        assertEquals(WRITABLE, resources.bucketAccess(ACCOUNT, "my-bucket"));
        assertThrows(IllegalArgumentException.class, () -> resources.setBucketPolicy("no-bucket", false));
    }

    @Test
    void anUnwritableBucketIsDenied() throws Exception {
        resources.createBucket("my-bucket", "cn-hangzhou");
        Path dir = root.resolve("oss/my-bucket");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "permissions do not restrict this user (root)");
            assertEquals(DENIED, resources.bucketAccess(ACCOUNT, "my-bucket"));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void namesThatAreNotFolderNamesAreMissing() throws Exception {
        Files.createDirectories(root.resolve("oss"));
        Files.createDirectories(root.resolve("sls/proj"));
        for (String name : new String[] {"..", ".", "../oss", "", "a/b", null}) {
            assertEquals(MISSING, resources.bucketAccess(ACCOUNT, name), name);
            assertEquals(MISSING, resources.slsProjectAccess(ACCOUNT, name), name);
            assertEquals(MISSING, resources.logstoreAccess(ACCOUNT, "proj", name), name);
        }
    }

    @Test
    void listObjectsWalksTheBucketFolder() throws Exception {
        resources.createBucket("my-bucket", "cn-hangzhou");
        Path bucket = root.resolve("oss/my-bucket");
        Files.createDirectories(bucket.resolve("AliyunLogs/2024"));
        Files.writeString(bucket.resolve("AliyunLogs/2024/b.json.gz"), "x");
        Files.writeString(bucket.resolve("AliyunLogs/2024/a.json.gz"), "x");
        Files.writeString(bucket.resolve("top.txt"), "x");
        assertEquals(List.of("oss://my-bucket/AliyunLogs/2024/a.json.gz", "oss://my-bucket/AliyunLogs/2024/b.json.gz",
                "oss://my-bucket/top.txt"), resources.listObjects("oss://my-bucket"));
        assertEquals(List.of("oss://my-bucket/AliyunLogs/2024/a.json.gz", "oss://my-bucket/AliyunLogs/2024/b.json.gz"),
                resources.listObjects("oss://my-bucket/AliyunLogs/"));
        assertThrows(IllegalArgumentException.class, () -> resources.listObjects("oss://no-bucket"));
        assertThrows(IllegalArgumentException.class, () -> resources.listObjects("s3://my-bucket"));
    }

    @Test
    void logstoresAreCreatedInWritableProjectsOnly() {
        assertEquals(MISSING, resources.slsProjectAccess(ACCOUNT, "sls-proj"));
        assertEquals(MISSING, resources.logstoreAccess(ACCOUNT, "sls-proj", "actiontrail_t1"));
        assertCreateLogStoreError(() -> resources.ensureLogstore(ACCOUNT, "sls-proj", "actiontrail_t1"));

        resources.createSlsProject("sls-proj", "cn-hangzhou");
        assertEquals(WRITABLE, resources.slsProjectAccess(ACCOUNT, "sls-proj"));
        assertEquals(MISSING, resources.logstoreAccess(ACCOUNT, "sls-proj", "actiontrail_t1"));
        resources.ensureLogstore(ACCOUNT, "sls-proj", "actiontrail_t1");
        resources.ensureLogstore(ACCOUNT, "sls-proj", "actiontrail_t1");
        assertTrue(Files.isDirectory(root.resolve("sls/sls-proj/actiontrail_t1")));
        assertEquals(WRITABLE, resources.logstoreAccess(ACCOUNT, "sls-proj", "actiontrail_t1"));
        assertCreateLogStoreError(() -> resources.ensureLogstore(ACCOUNT, "sls-proj", "../escape"));

        resources.setSlsProjectPolicy("sls-proj", false);
        assertEquals(DENIED, resources.slsProjectAccess(ACCOUNT, "sls-proj"));
        assertEquals(DENIED, resources.logstoreAccess(ACCOUNT, "sls-proj", "actiontrail_t1"));
        assertCreateLogStoreError(() -> resources.ensureLogstore(ACCOUNT, "sls-proj", "actiontrail_t2"));
        assertTrue(Files.notExists(root.resolve("sls/sls-proj/actiontrail_t2")));
        resources.setSlsProjectPolicy("sls-proj", true);
        assertEquals(WRITABLE, resources.logstoreAccess(ACCOUNT, "sls-proj", "actiontrail_t1"));
    }

    @Test
    void slsProjectsAreValidatedAndListed() {
        resources.createSlsProject("proj-b", "cn-hangzhou");
        resources.createSlsProject("proj-a", "cn-beijing");
        assertThrows(IllegalArgumentException.class, () -> resources.createSlsProject("proj-a", "cn-hangzhou"));
        assertThrows(IllegalArgumentException.class, () -> resources.createSlsProject("Bad_Name", "cn-hangzhou"));
        assertThrows(IllegalArgumentException.class, () -> resources.createSlsProject("proj-c", "nowhere"));
        assertThrows(IllegalArgumentException.class, () -> resources.setSlsProjectPolicy("proj-z", false));
        assertEquals(List.of("proj-a", "proj-b"), resources.listSlsProjects());
    }

    @Test
    void maxComputeProjectsAreEnsuredAndCreated() {
        assertEquals(List.of(), resources.listMaxComputeProjects());
        resources.ensureMaxComputeProject(ACCOUNT, "actiontrail_1234567890123456");
        resources.ensureMaxComputeProject(ACCOUNT, "actiontrail_1234567890123456");
        assertTrue(Files.isDirectory(root.resolve("odps/actiontrail_1234567890123456")));
        resources.createMaxComputeProject("actiontrail_audit", "cn-hangzhou");
        assertEquals(List.of("actiontrail_1234567890123456", "actiontrail_audit"), resources.listMaxComputeProjects());
        assertThrows(IllegalArgumentException.class, () -> resources.createMaxComputeProject("audit", "cn-hangzhou"));
        assertThrows(IllegalArgumentException.class,
                () -> resources.createMaxComputeProject("actiontrail_audit", "cn-hangzhou"));
        ApiException e = assertThrows(ApiException.class,
                () -> resources.ensureMaxComputeProject(ACCOUNT, "../actiontrail_x"));
        assertEquals(ApiError.INTERNAL_ERROR, e.error());
    }

    private static void assertCreateLogStoreError(org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(ApiError.CREATE_LOG_STORE_ERROR, e.error());
    }
}
