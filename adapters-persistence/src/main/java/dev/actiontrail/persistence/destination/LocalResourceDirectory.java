package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
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
import java.nio.file.Files;
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
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local stand-ins for an account's OSS buckets, SLS projects / Logstores and MaxCompute projects: folders under a
 * data folder {@code root}.
 *
 * <ul>
 *   <li>OSS bucket {@code b}: folder {@code root/oss/b} (objects are files below it); its region and creation time
 *       in {@code root/oss-meta/b.properties} (keys {@code region}, {@code created} as ISO-8601 UTC).</li>
 *   <li>SLS project {@code p}: folder {@code root/sls/p}; Logstore {@code l}: folder {@code root/sls/p/l};
 *       metadata in {@code root/sls-meta/p.properties}.</li>
 *   <li>MaxCompute project {@code p}: folder {@code root/odps/p}; metadata in {@code root/odps-meta/p.properties}.</li>
 * </ul>
 *
 * <p>Access ({@link DestinationAccess}): {@code MISSING} if the folder is absent (or the name could not be a folder
 * name); {@code DENIED} if the folder is not writable or a policy marker {@code root/oss-meta/b.deny} /
 * {@code root/sls-meta/p.deny} exists (a bucket / project policy refusing ActionTrail; the marker matters where
 * permissions do not, e.g. when running as root); else {@code WRITABLE}. A Logstore is {@code DENIED} when its
 * project is.
 *
 * <p>The {@code account} parameters are ignored: a data folder holds the resources of one account. Creation
 * methods for the CLI throw {@link IllegalArgumentException} for a malformed name, an unknown region or an existing
 * resource, and {@link UncheckedIOException} when the file system fails. Not synchronized: concurrent creations of
 * the same resource are resolved by the file system (one wins, the other gets IllegalArgumentException).
 */
public final class LocalResourceDirectory implements ResourceDirectory {
    /** A listed bucket: its name, region ({@code ""} if unknown) and creation time (UTC, second precision). */
    public record Bucket(String name, String region, Instant created) {
    }

    /** Names that can be used as one folder name (every valid bucket, project and Logstore name is one). */
    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Clock clock;
    private final Area oss;
    private final Area sls;
    private final Area odps;
    private final Path staging;

    /** Resources under {@code root}; creation times from the system clock. */
    public LocalResourceDirectory(Path root) {
        this(root, Clock.systemUTC());
    }

    /** Resources under {@code root}; {@code clock} stamps creation times. */
    public LocalResourceDirectory(Path root, Clock clock) {
        this.clock = clock;
        this.staging = root.resolve(".staging");
        this.oss = new Area(this, root, "oss", "bucket");
        this.sls = new Area(this, root, "sls", "SLS project");
        this.odps = new Area(this, root, "odps", "MaxCompute project");
    }

    // --- ResourceDirectory ---

    @Override
    public DestinationAccess bucketAccess(AccountId account, String bucket) {
        return oss.access(bucket);
    }

    @Override
    public Optional<String> bucketRegion(AccountId account, String bucket) {
        return oss.find(bucket).map(Bucket::region).filter(r -> !r.isEmpty());
    }

    @Override
    public DestinationAccess slsProjectAccess(AccountId account, String project) {
        return sls.access(project);
    }

    @Override
    public DestinationAccess logstoreAccess(AccountId account, String project, String logstore) {
        DestinationAccess projectAccess = sls.access(project);
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
     * @throws ApiException {@code CreateLogStoreError} if the project is missing or not writable, the Logstore name
     *         cannot be a folder name, or the folder cannot be created
     */
    @Override
    public void ensureLogstore(AccountId account, String project, String logstore) {
        Path dir = logstoreDir(project, logstore);
        if (sls.access(project) != DestinationAccess.WRITABLE || dir == null) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ApiError.CREATE_LOG_STORE_ERROR.exception();
        }
    }

    /**
     * Creates the project folder (region unknown: empty) if absent.
     *
     * @throws ApiException {@code InternalError} if the name cannot be a folder name or the folder cannot be created
     */
    @Override
    public void ensureMaxComputeProject(AccountId account, String project) {
        Path dir = odps.dir(project);
        if (dir == null) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            odps.create(project, "", now());
        } catch (IllegalArgumentException e) {
            // created meanwhile: it exists, as wanted
        } catch (UncheckedIOException e) {
            throw ApiError.INTERNAL_ERROR.exception();
        }
    }

    // --- OSS (CLI) ---

    /**
     * Creates a bucket.
     *
     * @param region a region ID such as {@code cn-hangzhou}
     * @throws IllegalArgumentException if the name is not a valid bucket name, the region is unknown, or the bucket
     *         exists
     */
    public void createBucket(String bucket, String region) {
        if (!OssBucketName.isValid(bucket)) {
            throw new IllegalArgumentException("invalid bucket name: " + bucket);
        }
        oss.create(bucket, requireRegion(region), now());
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

    /**
     * Creates an SLS project.
     *
     * @throws IllegalArgumentException if the name is not a valid project name, the region is unknown, or the
     *         project exists
     */
    public void createSlsProject(String project, String region) {
        String r = requireRegion(region);
        requireValid(Arn::slsProject, "acs:log:" + r + "::project/" + project, "invalid SLS project name: " + project);
        sls.create(project, r, now());
    }

    /** The SLS project names, in order. */
    public List<String> listSlsProjects() {
        return sls.list().stream().map(Bucket::name).toList();
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

    /**
     * Creates a MaxCompute project; a trail can only deliver to one named {@code actiontrail_…}, so only such names
     * are accepted.
     *
     * @throws IllegalArgumentException if the name is not a valid {@code actiontrail_…} project name, the region is
     *         unknown, or the project exists
     */
    public void createMaxComputeProject(String project, String region) {
        String r = requireRegion(region);
        requireValid(Arn::maxComputeProject, "acs:odps:" + r + "::project/" + project,
                "invalid MaxCompute project name (must start with actiontrail_): " + project);
        odps.create(project, r, now());
    }

    /** The MaxCompute project names, in order. */
    public List<String> listMaxComputeProjects() {
        return odps.list().stream().map(Bucket::name).toList();
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

    /** Whether ActionTrail may write to the MaxCompute project. */
    public DestinationAccess maxComputeProjectAccess(String project) {
        return odps.access(project);
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

        DestinationAccess access(String name) {
            Path dir = dir(name);
            if (dir == null || !Files.isDirectory(dir)) {
                return DestinationAccess.MISSING;
            }
            boolean denied = !Files.isWritable(dir) || Files.exists(meta.resolve(name + ".deny"));
            return denied ? DestinationAccess.DENIED : DestinationAccess.WRITABLE;
        }

        /** @throws IllegalArgumentException if it exists or the name cannot be a folder name */
        void create(String name, String region, Instant created) {
            Path dir = dir(name);
            if (dir == null) {
                throw new IllegalArgumentException("invalid " + label + " name: " + name);
            }
            Properties props = new Properties();
            props.setProperty("region", region);
            props.setProperty("created", created.toString());
            try {
                Files.createDirectories(data);
                Files.createDirectories(meta);
                Files.createDirectory(dir);
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                props.store(text, null);
                directory.place(meta.resolve(name + ".properties"), text.toByteArray()); // whole or not at all
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException(label + " already exists: " + name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The resource if its folder exists. Its metadata file is parsed once and cached while the file's
         * modification time, size and file key (inode) are unchanged — a resource's region and creation time never
         * change, and the file is only ever replaced whole by a rename (a new inode) — so a hot read costs two
         * {@code stat}s.
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
                        : Files.getLastModifiedTime(dir).toInstant().truncatedTo(ChronoUnit.SECONDS));
                if (version != null) {
                    metadata.put(name, new Cached(version, bucket));
                }
                return Optional.of(bucket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
            if (access(name) == DestinationAccess.MISSING) {
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
