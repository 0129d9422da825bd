package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.CrossAccountRoles;
import dev.actiontrail.core.destination.DeliveryIdentity;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.destination.ResourceDirectory;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.region.RegionCatalogue;
import dev.actiontrail.core.trail.Arn;
import dev.actiontrail.core.trail.OssBucketName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local stand-ins for the OSS buckets, SLS projects / Logstores and MaxCompute projects of the accounts of a data
 * folder: folders under the data folder {@code root}.
 *
 * <ul>
 *   <li>OSS bucket {@code b}: folder {@code root/oss/b} (objects are files below it); its region, creation time and
 *       owner account in {@code root/oss-meta/b.properties} (keys {@code region}, {@code created} as ISO-8601 UTC,
 *       {@code owner} a 16-digit account ID).</li>
 *   <li>SLS project {@code p}: folder {@code root/sls/p}; Logstore {@code l}: folder {@code root/sls/p/l};
 *       metadata in {@code root/sls-meta/p.properties}.</li>
 *   <li>MaxCompute project {@code p}: folder {@code root/odps/p}; metadata in {@code root/odps-meta/p.properties}.</li>
 * </ul>
 *
 * <p><b>Owners.</b> Every resource is owned by one account; names are global across accounts, as in OSS (creating a
 * name another account has fails with "already exists", not telling whose it is). A resource whose metadata records
 * no owner — made before resources had owners, or a folder without metadata — belongs to the data folder's default
 * account ({@code defaultOwner}). Who may write where follows {@link DeliveryIdentity#mayWriteTo}: the owner, or a
 * trail of another account naming a write role of the owner that {@link CrossAccountRoles} grants (see
 * {@link ResourceDirectory} for what is answered to others).
 *
 * <p>Access ({@link DestinationAccess}) for a writer the owner admits: {@code MISSING} if the folder is absent (or
 * the name could not be a folder name); {@code DENIED} if the folder is not writable or a policy marker
 * {@code root/oss-meta/b.deny} / {@code root/sls-meta/p.deny} exists (a bucket / project policy refusing ActionTrail;
 * the marker matters where permissions do not, e.g. when running as root); else {@code WRITABLE}. A Logstore is
 * {@code DENIED} when its project is.
 *
 * <p><b>Creation</b> writes the metadata first, then the folder, and readers only see a resource whose folder
 * exists: a resource is never seen without its owner. Creations are serialized (a lock in this process and a lock
 * file {@code root/.create.lock} across processes); a metadata file left without its folder by a crash is replaced
 * by the next creation of that name. Creation methods for the CLI throw {@link IllegalArgumentException} for a
 * malformed name, an unknown region or an existing resource, and {@link UncheckedIOException} when the file system
 * fails.
 */
public final class LocalResourceDirectory implements ResourceDirectory {
    /**
     * A listed bucket or project: its name, region ({@code ""} if unknown), creation time (UTC, second precision)
     * and owner account (the default owner when none is recorded; null only in single-account mode).
     */
    public record Bucket(String name, String region, Instant created, AccountId owner) {
    }

    /** Names that can be used as one folder name (every valid bucket, project and Logstore name is one). */
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    /** Serializes creations in this process (the lock file serializes them across processes). */
    private static final Object CREATE_LOCK = new Object();

    private final Clock clock;
    private final AccountId defaultOwner;
    private final CrossAccountRoles roles;
    private final Path root;
    private final Area oss;
    private final Area sls;
    private final Area odps;
    private final Path staging;

    /**
     * Resources under {@code root} of several accounts; creation times from the system clock.
     *
     * @param defaultOwner the data folder's default account: the owner of resources that record none
     * @param roles        the grants of write roles across accounts
     */
    public LocalResourceDirectory(Path root, AccountId defaultOwner, CrossAccountRoles roles) {
        this(root, defaultOwner, roles, Clock.systemUTC());
    }

    /** Resources under {@code root} of several accounts; {@code clock} stamps creation times. */
    public LocalResourceDirectory(Path root, AccountId defaultOwner, CrossAccountRoles roles, Clock clock) {
        this(clock, root, Objects.requireNonNull(defaultOwner, "defaultOwner"), roles);
    }

    /**
     * Single-account mode, for tools and tests that know no account: resources are created without an owner, and a
     * resource that records no owner belongs to whichever account asks. A data folder of several accounts must be
     * opened with its default owner instead.
     */
    public LocalResourceDirectory(Path root) {
        this(root, Clock.systemUTC());
    }

    /** {@link #LocalResourceDirectory(Path) Single-account mode}; {@code clock} stamps creation times. */
    public LocalResourceDirectory(Path root, Clock clock) {
        this(clock, root, null, CrossAccountRoles.NONE);
    }

    /** @param defaultOwner null for single-account mode */
    private LocalResourceDirectory(Clock clock, Path root, AccountId defaultOwner, CrossAccountRoles roles) {
        this.clock = Objects.requireNonNull(clock);
        this.defaultOwner = defaultOwner;
        this.roles = Objects.requireNonNull(roles);
        this.root = root;
        this.staging = root.resolve(".staging");
        this.oss = new Area(this, root, "oss", "bucket");
        this.sls = new Area(this, root, "sls", "SLS project");
        this.odps = new Area(this, root, "odps", "MaxCompute project");
    }

    /** The owner of resources that record none; empty in single-account mode. */
    public Optional<AccountId> defaultOwner() {
        return Optional.ofNullable(defaultOwner);
    }

    // --- ResourceDirectory ---

    @Override
    public DestinationAccess bucketAccess(DeliveryIdentity writer, String bucket) {
        Optional<Bucket> found = oss.find(bucket);
        if (found.isEmpty()) {
            return DestinationAccess.MISSING;
        }
        if (!writer.mayWriteTo(ownerOf(found.get(), writer), roles)) {
            return DestinationAccess.DENIED;
        }
        return oss.policyAccess(bucket);
    }

    @Override
    public Optional<String> bucketRegion(DeliveryIdentity viewer, String bucket) {
        return oss.find(bucket).filter(b -> viewer.maySee(ownerOf(b, viewer), roles))
                .map(Bucket::region).filter(r -> !r.isEmpty());
    }

    @Override
    public DestinationAccess slsProjectAccess(DeliveryIdentity writer, AccountId projectAccount, String project) {
        boolean granted = writer.mayWriteTo(projectAccount, roles);
        if (!granted && !projectAccount.equals(writer.account())) {
            return DestinationAccess.DENIED; // another account's, not granted: whether it exists is not told
        }
        Optional<Bucket> found = sls.find(project);
        if (found.isEmpty() || !projectAccount.equals(ownerOf(found.get(), writer))) {
            return DestinationAccess.MISSING;
        }
        return granted ? sls.policyAccess(project) : DestinationAccess.DENIED;
    }

    @Override
    public DestinationAccess logstoreAccess(DeliveryIdentity writer, AccountId projectAccount, String project,
                                            String logstore) {
        DestinationAccess projectAccess = slsProjectAccess(writer, projectAccount, project);
        if (projectAccess != DestinationAccess.WRITABLE) {
            return projectAccess;
        }
        Path dir = logstoreDir(project, logstore);
        if (dir == null || !Files.isDirectory(dir)) {
            return DestinationAccess.MISSING;
        }
        return Files.isWritable(dir) ? DestinationAccess.WRITABLE : DestinationAccess.DENIED;
    }

    /**
     * Creates the Logstore folder if absent.
     *
     * @throws ApiException {@code CreateLogStoreError} if the project is missing or not writable for {@code writer},
     *         the Logstore name cannot be a folder name, or the folder cannot be created
     */
    @Override
    public void ensureLogstore(DeliveryIdentity writer, AccountId projectAccount, String project, String logstore) {
        Path dir = logstoreDir(project, logstore);
        if (dir == null || slsProjectAccess(writer, projectAccount, project) != DestinationAccess.WRITABLE) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
    }

    @Override
    public DestinationAccess maxComputeProjectAccess(DeliveryIdentity writer, AccountId projectAccount,
                                                     String project) {
        if (!writer.mayWriteTo(projectAccount, roles)) {
            return DestinationAccess.DENIED;
        }
        Optional<Bucket> found = odps.find(project);
        if (found.isEmpty()) {
            return DestinationAccess.MISSING;
        }
        if (!projectAccount.equals(ownerOf(found.get(), writer))) {
            return DestinationAccess.DENIED; // the name is another account's: it cannot be made here
        }
        return odps.policyAccess(project);
    }

    /**
     * Creates the project folder (region unknown: empty), owned by {@code projectAccount}, if absent.
     *
     * @throws ApiException {@code InternalError} if the name cannot be a folder name, the folder cannot be created,
     *         or the project is not writable for {@code writer} (e.g. another account has that name)
     */
    @Override
    public void ensureMaxComputeProject(DeliveryIdentity writer, AccountId projectAccount, String project) {
        if (odps.dir(project) == null) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
        DestinationAccess access = maxComputeProjectAccess(writer, projectAccount, project);
        if (access == DestinationAccess.MISSING) {
            try {
                odps.create(project, "", now(), projectAccount);
            } catch (IllegalArgumentException e) {
                // created meanwhile: whose it is is checked next
            } catch (UncheckedIOException e) {
                throw ApiError.INTERNAL_ERROR.exception();
            }
            access = maxComputeProjectAccess(writer, projectAccount, project);
        }
        if (access != DestinationAccess.WRITABLE) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
    }

    /** The owner a resource's writer is checked against: its owner; in single-account mode, if none, the writer. */
    private static AccountId ownerOf(Bucket resource, DeliveryIdentity writer) {
        return resource.owner() != null ? resource.owner() : writer.account();
    }

    // --- OSS (CLI) ---

    /**
     * Creates a bucket of the default owner (in single-account mode: recording no owner).
     *
     * @see #createBucket(String, String, AccountId)
     */
    public void createBucket(String bucket, String region) {
        createBucket0(bucket, region, defaultOwner);
    }

    /**
     * Creates a bucket owned by {@code owner}.
     *
     * @param region a region ID such as {@code cn-hangzhou}
     * @throws IllegalArgumentException if the name is not a valid bucket name, the region is unknown, or a bucket of
     *         that name exists (of any account)
     */
    public void createBucket(String bucket, String region, AccountId owner) {
        createBucket0(bucket, region, Objects.requireNonNull(owner, "owner"));
    }

    private void createBucket0(String bucket, String region, AccountId owner) {
        if (!OssBucketName.isValid(bucket)) {
            throw new IllegalArgumentException("invalid bucket name: " + bucket);
        }
        oss.create(bucket, requireRegion(region), now(), owner);
    }

    /** The buckets, ordered by name. */
    public List<Bucket> listBuckets() {
        return oss.list();
    }

    /**
     * Sets whether the bucket's policy lets ActionTrail write (removes or creates its deny marker).
     *
     * @throws IllegalArgumentException if the bucket does not exist
     */
    public void setBucketPolicy(String bucket, boolean allowActionTrail) {
        oss.setPolicy(bucket, allowActionTrail);
    }

    /**
     * The objects of a bucket whose key starts with a prefix, as {@code oss://bucket/key} in key order (keys use
     * {@code /} between folders).
     *
     * @param url {@code oss://bucket} or {@code oss://bucket/prefix}
     * @throws IllegalArgumentException if the URL is malformed or the bucket does not exist
     */
    public List<String> listObjects(String url) {
        if (url == null || !url.startsWith("oss://")) {
            throw new IllegalArgumentException("not an oss:// URL: " + url);
        }
        String path = url.substring("oss://".length());
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        Path dir = oss.dir(bucket);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such bucket: " + bucket);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString().replace(dir.getFileSystem().getSeparator(), "/"))
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .map(key -> "oss://" + bucket + "/" + key)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- SLS (CLI) ---

    /** Creates an SLS project of the default owner (in single-account mode: recording no owner). */
    public void createSlsProject(String project, String region) {
        createSlsProject0(project, region, defaultOwner);
    }

    /**
     * Creates an SLS project owned by {@code owner}.
     *
     * @throws IllegalArgumentException if the name is not a valid project name, the region is unknown, or a project
     *         of that name exists (of any account)
     */
    public void createSlsProject(String project, String region, AccountId owner) {
        createSlsProject0(project, region, Objects.requireNonNull(owner, "owner"));
    }

    private void createSlsProject0(String project, String region, AccountId owner) {
        String r = requireRegion(region);
        requireValid(Arn::slsProject, "acs:log:" + r + "::project/" + project, "invalid SLS project name: " + project);
        sls.create(project, r, now(), owner);
    }

    /** The SLS project names, in order. */
    public List<String> listSlsProjects() {
        return sls.list().stream().map(Bucket::name).toList();
    }

    /** The SLS projects with their regions, creation times and owners, ordered by name. */
    public List<Bucket> slsProjects() {
        return sls.list();
    }

    /**
     * Sets whether the project's policy lets ActionTrail write (removes or creates its deny marker).
     *
     * @throws IllegalArgumentException if the project does not exist
     */
    public void setSlsProjectPolicy(String project, boolean allowActionTrail) {
        sls.setPolicy(project, allowActionTrail);
    }

    // --- MaxCompute (CLI) ---

    /** Creates a MaxCompute project of the default owner (in single-account mode: recording no owner). */
    public void createMaxComputeProject(String project, String region) {
        createMaxComputeProject0(project, region, defaultOwner);
    }

    /**
     * Creates a MaxCompute project owned by {@code owner}; a trail can only deliver to one named
     * {@code actiontrail_…}, so only such names are accepted.
     *
     * @throws IllegalArgumentException if the name is not a valid {@code actiontrail_…} project name, the region is
     *         unknown, or a project of that name exists (of any account)
     */
    public void createMaxComputeProject(String project, String region, AccountId owner) {
        createMaxComputeProject0(project, region, Objects.requireNonNull(owner, "owner"));
    }

    private void createMaxComputeProject0(String project, String region, AccountId owner) {
        String r = requireRegion(region);
        requireValid(Arn::maxComputeProject, "acs:odps:" + r + "::project/" + project,
                "invalid MaxCompute project name (must start with actiontrail_): " + project);
        odps.create(project, r, now(), owner);
    }

    /** The MaxCompute project names, in order. */
    public List<String> listMaxComputeProjects() {
        return odps.list().stream().map(Bucket::name).toList();
    }

    /** The MaxCompute projects with their regions, creation times and owners, ordered by name. */
    public List<Bucket> maxComputeProjects() {
        return odps.list();
    }

    // --- for the delivery writers ---

    /** The folder of a bucket (objects are files below it, keys use {@code /}), or null for an impossible name. */
    public Path bucketDir(String bucket) {
        return oss.dir(bucket);
    }

    /** The folder of a Logstore inside its project's folder, or null for an impossible name. */
    public Path logstoreDir(String project, String logstore) {
        Path projectDir = sls.dir(project);
        return projectDir == null || !isFolderName(logstore) ? null : projectDir.resolve(logstore);
    }

    /** The folder of a MaxCompute project, or null for an impossible name. */
    public Path maxComputeProjectDir(String project) {
        return odps.dir(project);
    }

    /**
     * Deletes the staging files older than {@code age}: what a process killed mid-write left behind (a live write
     * takes far less). Returns how many were deleted.
     */
    public int cleanStaging(java.time.Duration age) {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(age);
        int deleted = 0;
        try (Stream<Path> parts = Files.list(staging)) {
            for (Path part : parts.toList()) {
                if (Files.getLastModifiedTime(part).toInstant().isBefore(cutoff) && Files.deleteIfExists(part)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /** Where delivery writes objects before renaming them into place (on the same file system). */
    public Path stagingDir() {
        return staging;
    }

    /**
     * Writes {@code content} aside ({@link #stagingDir()}), syncs it, renames it onto {@code target} atomically
     * (replacing it) and syncs the folders the rename and any folder it created are in: a reader sees the old file
     * or the whole new one, never a partial one, and once this returns the file survives a power loss.
     *
     * @throws IOException if it cannot be written; nothing is left in the staging folder then
     */
    void place(Path target, byte[] content) throws IOException {
        Path staged = staging.resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(staged.getParent());
            Path existing = target.getParent();
            while (existing != null && !Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
                syncDirectory(dir);
                if (dir.equals(existing)) {
                    break;
                }
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException ignored) {
                // the staging file is garbage either way (cleanStaging removes it later)
            }
            throw e;
        }
    }

    /** Syncs a folder's entries where the platform allows opening a folder (Linux, macOS); else does nothing. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows: folders cannot be opened; the rename is as durable as the file system makes it
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String requireRegion(String region) {
        if (!RegionCatalogue.isKnown(region)) {
            throw new IllegalArgumentException("unknown region: " + region);
        }
        return region;
    }

    /** Checks a name with core's ARN rules for it (the one place those rules live). */
    private static void requireValid(Function<String, Arn> parser, String arn, String message) {
        try {
            parser.apply(arn);
        } catch (ApiException e) {
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean isFolderName(String name) {
        return name != null && FOLDER_NAME.matcher(name).matches();
    }

    /**
     * One kind of resource: its folders under {@code root/<kind>}, its metadata and policy markers under
     * {@code root/<kind>-meta}.
     */
    private static final class Area {
        private final Path data;
        private final Path meta;
        private final String label;
        private final Map<String, Cached> metadata = new ConcurrentHashMap<>();
        private final LocalResourceDirectory directory;

        Area(LocalResourceDirectory directory, Path root, String kind, String label) {
            this.directory = directory;
            this.data = root.resolve(kind);
            this.meta = root.resolve(kind + "-meta");
            this.label = label;
        }

        /** The resource's folder, or null if {@code name} cannot be a folder name. */
        Path dir(String name) {
            return isFolderName(name) ? data.resolve(name) : null;
        }

        /** The access its policy gives ActionTrail, for an existing resource: DENIED or WRITABLE. */
        DestinationAccess policyAccess(String name) {
            Path dir = dir(name);
            if (dir == null || !Files.isDirectory(dir)) {
                return DestinationAccess.MISSING;
            }
            boolean denied = !Files.isWritable(dir) || Files.exists(meta.resolve(name + ".deny"));
            return denied ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
        }

        /**
         * Creates the resource: its metadata (whole and synced), then its folder — so no reader sees the folder
         * without its owner. Serialized with every other creation (in this process and, by a lock file, across
         * processes); a metadata file without its folder is a crashed creation's and is replaced.
         *
         * @param owner null to record none (single-account mode)
         * @throws IllegalArgumentException if it exists or the name cannot be a folder name
         */
        void create(String name, String region, Instant created, AccountId owner) {
            Path dir = dir(name);
            if (dir == null) {
                throw new IllegalArgumentException("invalid " + label + " name: " + name);
            }
            Properties props = new Properties();
            props.setProperty("region", region);
            props.setProperty("created", created.toString());
            if (owner != null) {
                props.setProperty("owner", owner.value());
            }
            synchronized (CREATE_LOCK) {
                try {
                    Files.createDirectories(directory.root);
                    try (FileChannel lock = FileChannel.open(directory.root.resolve(".create.lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                         FileLock ignored = lock.lock()) {
                        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                            throw new IllegalArgumentException(label + " already exists: " + name);
                        }
                        Files.createDirectories(data);
                        Files.createDirectories(meta);
                        ByteArrayOutputStream text = new ByteArrayOutputStream();
                        props.store(text, null);
                        directory.place(meta.resolve(name + ".properties"), text.toByteArray()); // whole or not at all
                        Files.createDirectory(dir);
                        syncDirectory(data);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new IllegalArgumentException(label + " already exists: " + name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /**
         * The resource if its folder exists. Its metadata file is parsed once and cached while the file's
         * modification time, size and file key (inode) are unchanged — a resource's region, creation time and owner
         * never change, and the file is only ever replaced whole by a rename (a new inode) — so a hot read costs two
         * {@code stat}s.
         *
         * @throws IllegalStateException if the metadata records an owner that is not an account ID
         */
        Optional<Bucket> find(String name) {
            Path dir = dir(name);
            if (dir == null || !Files.isDirectory(dir)) {
                return Optional.empty();
            }
            try {
                Path file = meta.resolve(name + ".properties");
                BasicFileAttributes attributes = attributesOrNull(file);
                Object version = attributes == null ? null
                        : List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
                Cached cached = metadata.get(name);
                if (cached != null && version != null && version.equals(cached.version())) {
                    return Optional.of(cached.bucket());
                }
                Properties props = new Properties();
                if (attributes != null) {
                    try (InputStream in = Files.newInputStream(file)) {
                        props.load(in);
                    }
                }
                String created = props.getProperty("created");
                Bucket bucket = new Bucket(name, props.getProperty("region", ""), created != null
                        ? Instant.parse(created)
                        : Files.getLastModifiedTime(dir).toInstant().truncatedTo(ChronoUnit.SECONDS),
                        owner(props.getProperty("owner"), file));
                if (version != null) {
                    metadata.put(name, new Cached(version, bucket));
                }
                return Optional.of(bucket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The recorded owner, or the default owner if none is recorded. */
        private AccountId owner(String recorded, Path file) {
            if (recorded == null || recorded.isBlank()) {
                return directory.defaultOwner;
            }
            try {
                return AccountId.of(recorded.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("malformed owner in " + file + ": " + recorded);
            }
        }

        private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
            try {
                return Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        /** A parsed metadata file and the version it had: (modification time, size, file key, i.e. inode). */
        private record Cached(Object version, Bucket bucket) {
        }

        List<Bucket> list() {
            if (!Files.isDirectory(data)) {
                return List.of();
            }
            try (Stream<Path> dirs = Files.list(data)) {
                return dirs.map(d -> d.getFileName().toString()).sorted()
                        .flatMap(name -> find(name).stream())
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @throws IllegalArgumentException if the resource does not exist */
        void setPolicy(String name, boolean allow) {
            if (find(name).isEmpty()) {
                throw new IllegalArgumentException("no such " + label + ": " + name);
            }
            Path marker = meta.resolve(name + ".deny");
            try {
                if (allow) {
                    Files.deleteIfExists(marker);
                } else {
                    Files.createDirectories(meta);
                    if (!Files.exists(marker)) {
                        Files.createFile(marker);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
