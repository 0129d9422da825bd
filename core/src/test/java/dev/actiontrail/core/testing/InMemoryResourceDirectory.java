package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.destination.ResourceDirectory;
import dev.actiontrail.core.error.ApiError;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ResourceDirectory} in memory, set up by tests: OSS buckets, SLS projects with their Logstores, and
 * MaxCompute projects, each of which can be marked denied (present but not writable for ActionTrail).
 *
 * <ul>
 *   <li>OSS bucket names are global, as in OSS: a bucket belongs to one account; another account sees it as
 *       {@link DestinationAccess#DENIED}.</li>
 *   <li>SLS projects, Logstores and MaxCompute projects are per account.</li>
 *   <li>{@link #ensureLogstore} fails with {@code CreateLogStoreError} when the project is missing or denied, or
 *       after {@link #failLogstoreCreation}; {@link #ensureMaxComputeProject} fails with {@code InternalError}
 *       after {@link #failMaxComputeCreation}.</li>
 * </ul>
 * Thread-safe.
 */
public final class InMemoryResourceDirectory implements ResourceDirectory {
    /** The region a bucket gets when none is given. */
    public static final String DEFAULT_BUCKET_REGION = "cn-hangzhou";

    private record Bucket(AccountId owner, String region) {
    }

    private record Key(AccountId account, String name) {
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Set<String> deniedBuckets = new HashSet<>();
    private final Map<Key, Set<String>> slsProjects = new HashMap<>();
    private final Set<Key> deniedSlsProjects = new HashSet<>();
    private final Set<Key> deniedLogstores = new HashSet<>();
    private final Set<Key> failingLogstoreProjects = new HashSet<>();
    private final Map<AccountId, Set<String>> maxComputeProjects = new HashMap<>();
    private boolean failMaxCompute;

    // ---- set-up -------------------------------------------------------------------------------------------

    /** Adds a writable bucket of {@code owner} in {@link #DEFAULT_BUCKET_REGION}. */
    public InMemoryResourceDirectory addBucket(AccountId owner, String bucket) {
        return addBucket(owner, bucket, DEFAULT_BUCKET_REGION);
    }

    /** Adds a writable bucket of {@code owner} in {@code region} (replacing one of the same name). */
    public synchronized InMemoryResourceDirectory addBucket(AccountId owner, String bucket, String region) {
        buckets.put(Objects.requireNonNull(bucket), new Bucket(Objects.requireNonNull(owner), Objects.requireNonNull(region)));
        deniedBuckets.remove(bucket);
        return this;
    }

    /** Marks an existing bucket as not writable for ActionTrail (its policy denies access). */
    public synchronized InMemoryResourceDirectory denyBucket(String bucket) {
        requirePresent(buckets.containsKey(bucket), "bucket " + bucket);
        deniedBuckets.add(bucket);
        return this;
    }

    /** Makes a denied bucket writable again. */
    public synchronized InMemoryResourceDirectory allowBucket(String bucket) {
        deniedBuckets.remove(bucket);
        return this;
    }

    /** Deletes a bucket. */
    public synchronized InMemoryResourceDirectory removeBucket(String bucket) {
        buckets.remove(bucket);
        deniedBuckets.remove(bucket);
        return this;
    }

    /** Adds a writable SLS project (without Logstores) to the account. */
    public synchronized InMemoryResourceDirectory addSlsProject(AccountId account, String project) {
        slsProjects.putIfAbsent(new Key(account, project), new LinkedHashSet<>());
        deniedSlsProjects.remove(new Key(account, project));
        return this;
    }

    /** Marks an existing SLS project as not writable for ActionTrail. */
    public synchronized InMemoryResourceDirectory denySlsProject(AccountId account, String project) {
        Key key = new Key(account, project);
        requirePresent(slsProjects.containsKey(key), "SLS project " + project);
        deniedSlsProjects.add(key);
        return this;
    }

    /** Adds a Logstore to an existing project. */
    public synchronized InMemoryResourceDirectory addLogstore(AccountId account, String project, String logstore) {
        Set<String> stores = slsProjects.get(new Key(account, project));
        requirePresent(stores != null, "SLS project " + project);
        stores.add(logstore);
        return this;
    }

    /** Marks a Logstore of the project as not writable (the project itself stays as it is). */
    public synchronized InMemoryResourceDirectory denyLogstore(AccountId account, String project, String logstore) {
        deniedLogstores.add(new Key(account, project + "/" + logstore));
        return this;
    }

    /** Deletes a Logstore. */
    public synchronized InMemoryResourceDirectory removeLogstore(AccountId account, String project, String logstore) {
        Set<String> stores = slsProjects.get(new Key(account, project));
        if (stores != null) {
            stores.remove(logstore);
        }
        return this;
    }

    /** Makes {@link #ensureLogstore} fail with {@code CreateLogStoreError} for this project. */
    public synchronized InMemoryResourceDirectory failLogstoreCreation(AccountId account, String project) {
        failingLogstoreProjects.add(new Key(account, project));
        return this;
    }

    /** Makes {@link #ensureMaxComputeProject} fail with {@code InternalError}. */
    public synchronized InMemoryResourceDirectory failMaxComputeCreation(boolean fail) {
        this.failMaxCompute = fail;
        return this;
    }

    // ---- inspection ---------------------------------------------------------------------------------------

    /** The Logstores of the project (empty if the project does not exist). */
    public synchronized Set<String> logstores(AccountId account, String project) {
        Set<String> stores = slsProjects.get(new Key(account, project));
        return stores == null ? Set.of() : Set.copyOf(stores);
    }

    /** The MaxCompute projects created for the account. */
    public synchronized Set<String> maxComputeProjects(AccountId account) {
        return Set.copyOf(maxComputeProjects.getOrDefault(account, Set.of()));
    }

    // ---- port ---------------------------------------------------------------------------------------------

    @Override
    public synchronized DestinationAccess bucketAccess(AccountId account, String bucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return DestinationAccess.MISSING;
        }
        return !b.owner().equals(account) || deniedBuckets.contains(bucket)
                ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized Optional<String> bucketRegion(AccountId account, String bucket) {
        return Optional.ofNullable(buckets.get(bucket)).map(Bucket::region);
    }

    @Override
    public synchronized DestinationAccess slsProjectAccess(AccountId account, String project) {
        Key key = new Key(account, project);
        if (!slsProjects.containsKey(key)) {
            return DestinationAccess.MISSING;
        }
        return deniedSlsProjects.contains(key) ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized DestinationAccess logstoreAccess(AccountId account, String project, String logstore) {
        Set<String> stores = slsProjects.get(new Key(account, project));
        if (stores == null || !stores.contains(logstore)) {
            return DestinationAccess.MISSING;
        }
        return deniedSlsProjects.contains(new Key(account, project))
                || deniedLogstores.contains(new Key(account, project + "/" + logstore))
                ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized void ensureLogstore(AccountId account, String project, String logstore) {
        Key key = new Key(account, project);
        Set<String> stores = slsProjects.get(key);
        if (stores == null || deniedSlsProjects.contains(key) || failingLogstoreProjects.contains(key)) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
        stores.add(logstore);
    }

    @Override
    public synchronized void ensureMaxComputeProject(AccountId account, String project) {
        if (failMaxCompute) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
        maxComputeProjects.computeIfAbsent(account, a -> new LinkedHashSet<>()).add(project);
    }

    private static void requirePresent(boolean present, String what) {
        if (!present) {
            throw new IllegalStateException(what + " does not exist; add it first");
        }
    }
}
