package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.CrossAccountRoles;
import dev.actiontrail.core.destination.DeliveryIdentity;
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
 *       {@link DestinationAccess#DENIED} and does not learn its region, unless the writer names a write role of the
 *       owner that the {@link CrossAccountRoles} set with {@link #crossAccountRoles} grant (none by default).</li>
 *   <li>SLS projects (with their Logstores) and MaxCompute projects are kept per owner account; MaxCompute project
 *       names are global (a name another account has is {@code DENIED}). Access follows
 *       {@link DeliveryIdentity#mayWriteTo} like buckets.</li>
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
    private CrossAccountRoles roles = CrossAccountRoles.NONE;

    // ---- set-up -------------------------------------------------------------------------------------------

    /** The grants of write roles across accounts ({@link CrossAccountRoles#NONE} until set). */
    public synchronized InMemoryResourceDirectory crossAccountRoles(CrossAccountRoles roles) {
        this.roles = Objects.requireNonNull(roles);
        return this;
    }

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
    public synchronized DestinationAccess bucketAccess(DeliveryIdentity writer, String bucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return DestinationAccess.MISSING;
        }
        return !writer.mayWriteTo(b.owner(), roles) || deniedBuckets.contains(bucket)
                ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized Optional<String> bucketRegion(DeliveryIdentity viewer, String bucket) {
        return Optional.ofNullable(buckets.get(bucket)).filter(b -> viewer.maySee(b.owner(), roles))
                .map(Bucket::region);
    }

    @Override
    public synchronized DestinationAccess slsProjectAccess(DeliveryIdentity writer, AccountId projectAccount,
                                                           String project) {
        boolean granted = writer.mayWriteTo(projectAccount, roles);
        if (!granted && !projectAccount.equals(writer.account())) {
            return DestinationAccess.DENIED; // another account's, not granted: whether it exists is not told
        }
        Key key = new Key(projectAccount, project);
        if (!slsProjects.containsKey(key)) {
            return DestinationAccess.MISSING;
        }
        return !granted || deniedSlsProjects.contains(key) ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized DestinationAccess logstoreAccess(DeliveryIdentity writer, AccountId projectAccount,
                                                         String project, String logstore) {
        DestinationAccess projectAccess = slsProjectAccess(writer, projectAccount, project);
        if (projectAccess == DestinationAccess.MISSING) {
            return DestinationAccess.MISSING;
        }
        if (!writer.mayWriteTo(projectAccount, roles)) {
            return DestinationAccess.DENIED; // not the writer's to look into
        }
        Set<String> stores = slsProjects.get(new Key(projectAccount, project));
        if (!stores.contains(logstore)) {
            return DestinationAccess.MISSING;
        }
        return projectAccess == DestinationAccess.DENIED
                || deniedLogstores.contains(new Key(projectAccount, project + "/" + logstore))
                ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
    }

    @Override
    public synchronized void ensureLogstore(DeliveryIdentity writer, AccountId projectAccount, String project,
                                            String logstore) {
        Key key = new Key(projectAccount, project);
        if (slsProjectAccess(writer, projectAccount, project) != DestinationAccess.WRITABLE
                || failingLogstoreProjects.contains(key)) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
        slsProjects.get(key).add(logstore);
    }

    @Override
    public synchronized DestinationAccess maxComputeProjectAccess(DeliveryIdentity writer, AccountId projectAccount,
                                                                  String project) {
        if (!writer.mayWriteTo(projectAccount, roles)) {
            return DestinationAccess.DENIED;
        }
        if (maxComputeProjects.getOrDefault(projectAccount, Set.of()).contains(project)) {
            return DestinationAccess.WRITABLE;
        }
        boolean takenElsewhere = maxComputeProjects.values().stream().anyMatch(names -> names.contains(project));
        return takenElsewhere ? DestinationAccess.DENIED : DestinationAccess.MISSING;
    }

    @Override
    public synchronized void ensureMaxComputeProject(DeliveryIdentity writer, AccountId projectAccount,
                                                     String project) {
        if (failMaxCompute) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
        switch (maxComputeProjectAccess(writer, projectAccount, project)) {
            case MISSING -> maxComputeProjects.computeIfAbsent(projectAccount, a -> new LinkedHashSet<>()).add(project);
            case DENIED -> throw ApiError.INTERNAL_ERROR.exception();
            case WRITABLE -> { }
        }
    }

    private static void requirePresent(boolean present, String what) {
        if (!present) {
            throw new IllegalStateException(what + " does not exist; add it first");
        }
    }
}
