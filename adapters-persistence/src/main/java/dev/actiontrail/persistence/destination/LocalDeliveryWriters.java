package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryBatch;
import dev.actiontrail.core.delivery.DeliveryException;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.DestinationWriter;
import dev.actiontrail.core.delivery.LoggedEvent;
import dev.actiontrail.core.destination.DeliveryIdentity;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.region.RegionCatalogue;
import dev.actiontrail.core.trail.Arn;
import dev.actiontrail.core.trail.Trail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The local destinations' delivery writers, in the real services' layouts (API reference notes §6), under the
 * data folder of a {@link LocalResourceDirectory}. Every object is written aside ({@code .staging}), synced, then
 * renamed into place, so a reader never sees a partial object; writing the same batch again replaces the same
 * objects with the same bytes. Before each write the destination's access is checked for the trail's account and
 * the write role it names for that destination ({@link DeliveryIdentity}): a destination of another account that
 * does not (or no longer does) grant the trail fails like a bucket whose policy refuses ActionTrail.
 *
 * <ul>
 *   <li><b>OSS</b> ({@code oss/<bucket>/}): key
 *       {@code <OssKeyPrefix>/AliyunLogs/Actiontrail/<region>/<YYYY>/<MM>/<DD>/Actiontrail_<region>_<YYYYMMDDHHMMSS>_1002_<count>_<size>_<md5>.gz}
 *       with the batch's delivery time (UTC); content the gzip of a JSON array of the events as recorded;
 *       {@code <size>} is the object's size in bytes and {@code <md5>} the lower-case hex MD5 of the object.</li>
 *   <li><b>SLS</b> ({@code sls/<project>/actiontrail_<trail>/}): one JSON-lines shard per delivery,
 *       {@code <YYYYMMDDHHMMSS>_<firstSeq>_<lastSeq>.jsonl} (seqs zero-padded to 12 digits); each line one log
 *       {@code {"__topic__":"actiontrail_audit_event","__time__":<eventTime, epoch s>,"__source__":"actiontrail","event":{...}}}
 *       (§6.2; {@code event} carried as a JSON object).</li>
 *   <li><b>MaxCompute</b> ({@code odps/<project>/actiontrail_<trail>/ds=<YYYYMMDD>/}): table
 *       {@code actiontrail_<trail>} partitioned by the events' day (UTC), one JSON event per line, one file per
 *       delivery and partition, {@code <YYYYMMDDHHMMSS>_<firstSeq>_<lastSeq>.jsonl}.</li>
 * </ul>
 */
public final class LocalDeliveryWriters {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private LocalDeliveryWriters() {
    }

    /** The three writers over the directory's folders (staging files over an hour old are cleared first). */
    public static List<DestinationWriter> all(LocalResourceDirectory resources) {
        resources.cleanStaging(java.time.Duration.ofHours(1));
        return List.of(new Oss(resources), new Sls(resources), new MaxCompute(resources));
    }

    /** The OSS object key of a batch's gzip content (§6.1). */
    public static String ossKey(Trail trail, String region, Instant stamp, int count, byte[] content) {
        String prefix = trail.ossKeyPrefix().isEmpty() ? "" : trail.ossKeyPrefix().replaceAll("/+$", "") + "/";
        return prefix + "AliyunLogs/Actiontrail/" + region + "/" + DAY_PATH.format(stamp) + "/Actiontrail_" + region
                + "_" + STAMP.format(stamp) + "_1002_" + count + "_" + content.length + "_" + md5(content) + ".gz";
    }

    static final class Oss implements DestinationWriter {
        private final LocalResourceDirectory resources;

        Oss(LocalResourceDirectory resources) {
            this.resources = resources;
        }

        @Override
        public DestinationType type() {
            return DestinationType.OSS;
        }

        @Override
        public void write(DeliveryBatch batch) {
            Trail trail = batch.trail();
            String bucket = trail.ossBucketName();
            requireWritable(resources.bucketAccess(new DeliveryIdentity(trail.accountId(), trail.ossWriteRoleArn()),
                            bucket),
                    "NoSuchBucket: The specified bucket does not exist.",
                    "AccessDenied: You have no right to access this object because of bucket acl.");
            String region = batch.region();
            if (!RegionCatalogue.isWellFormed(region)) {
                // it names folders: never a path out of the bucket (a trail's home region comes from the caller)
                throw new DeliveryException("InvalidRegion: cannot deliver under region " + region);
            }
            byte[] gzip = gzipJsonArray(batch.events());
            String key = ossKey(batch.trail(), batch.region(), batch.stamp(), batch.events().size(), gzip);
            place(resources, resources.bucketDir(bucket).resolve(key), gzip);
        }
    }

    static final class Sls implements DestinationWriter {
        private final LocalResourceDirectory resources;

        Sls(LocalResourceDirectory resources) {
            this.resources = resources;
        }

        @Override
        public DestinationType type() {
            return DestinationType.SLS;
        }

        @Override
        public void write(DeliveryBatch batch) {
            Trail trail = batch.trail();
            String project = trail.slsProject().orElseThrow();
            DeliveryIdentity writer = new DeliveryIdentity(trail.accountId(), trail.slsWriteRoleArn());
            AccountId projectAccount = projectAccount(writer, Arn.slsProject(trail.slsProjectArn()));
            requireWritable(resources.slsProjectAccess(writer, projectAccount, project),
                    "ProjectNotExist: The Project does not exist : " + project,
                    "Unauthorized: denied by sts or ram, action: log:PostLogStoreLogs");
            requireWritable(resources.logstoreAccess(writer, projectAccount, project, trail.slsLogstore()),
                    "LogStoreNotExist: logstore " + trail.slsLogstore() + " does not exist",
                    "Unauthorized: denied by sts or ram, action: log:PostLogStoreLogs");
            StringBuilder lines = new StringBuilder();
            for (LoggedEvent e : batch.events()) {
                lines.append("{\"__topic__\":\"actiontrail_audit_event\",\"__time__\":")
                        .append(e.eventTime().getEpochSecond())
                        .append(",\"__source__\":\"actiontrail\",\"event\":").append(e.json()).append("}\n");
            }
            Path shard = resources.logstoreDir(project, trail.slsLogstore())
                    .resolve(shardName(batch.stamp(), batch.firstSeq(), batch.lastSeq()));
            place(resources, shard, lines.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static final class MaxCompute implements DestinationWriter {
        private final LocalResourceDirectory resources;

        MaxCompute(LocalResourceDirectory resources) {
            this.resources = resources;
        }

        @Override
        public DestinationType type() {
            return DestinationType.MAX_COMPUTE;
        }

        @Override
        public void write(DeliveryBatch batch) {
            Trail trail = batch.trail();
            Arn arn = Arn.maxComputeProject(trail.maxComputeProjectArn());
            String project = arn.resource();
            DeliveryIdentity writer = new DeliveryIdentity(trail.accountId(), trail.maxComputeWriteRoleArn());
            requireWritable(resources.maxComputeProjectAccess(writer, projectAccount(writer, arn), project),
                    "ODPS-0420095: Access Denied - The project " + project + " does not exist.",
                    "ODPS-0420095: Access Denied - Authorization Failed [4019], You have NO privilege on "
                            + project);
            Map<String, List<LoggedEvent>> byDay = new LinkedHashMap<>();
            for (LoggedEvent e : batch.events()) {
                byDay.computeIfAbsent(PARTITION.format(e.eventTime()), d -> new ArrayList<>()).add(e);
            }
            Path table = resources.maxComputeProjectDir(project).resolve(trail.maxComputeTable());
            for (Map.Entry<String, List<LoggedEvent>> day : byDay.entrySet()) {
                StringBuilder lines = new StringBuilder();
                day.getValue().forEach(e -> lines.append(e.json()).append('\n'));
                List<LoggedEvent> events = day.getValue();
                Path file = table.resolve("ds=" + day.getKey())
                        .resolve(shardName(batch.stamp(), events.get(0).seq(), events.get(events.size() - 1).seq()));
                place(resources, file, lines.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code <YYYYMMDDHHMMSS>_<firstSeq>_<lastSeq>.jsonl}, seqs zero-padded so names sort in delivery order. */
    static String shardName(Instant stamp, long firstSeq, long lastSeq) {
        return String.format("%s_%012d_%012d.jsonl", STAMP.format(stamp), firstSeq, lastSeq);
    }

    /** The account a trail's project ARN names (the trail's own when it names none). */
    private static AccountId projectAccount(DeliveryIdentity writer, Arn project) {
        return writer.accountNamed(project.accountId())
                .orElseThrow(() -> new DeliveryException("InvalidProject: no account " + project.accountId()));
    }

    private static void requireWritable(DestinationAccess access, String missing, String denied) {
        if (access == DestinationAccess.MISSING) {
            throw new DeliveryException(missing);
        }
        if (access == DestinationAccess.DENIED) {
            throw new DeliveryException(denied);
        }
    }

    /** {@link LocalResourceDirectory#place}, failing as a delivery failure. */
    private static void place(LocalResourceDirectory resources, Path target, byte[] content) {
        try {
            resources.place(target, content);
        } catch (IOException e) {
            throw new DeliveryException("write failed: " + e.getMessage(), e);
        }
    }

    /** The JSON text of a gzip member: about this many characters of events (always whole events). */
    static final int GZIP_MEMBER_CHARS = 1 << 20;

    /**
     * The gzip of the JSON array of the events (each as recorded, comma-separated), at the fastest level (delivery
     * is bound by compression; audit JSON still shrinks about 8x). The array is cut between events every
     * {@link #GZIP_MEMBER_CHARS} characters or so; the pieces are encoded and compressed in parallel into gzip
     * members and concatenated: a multi-member gzip file, which gzip, zcat and every standard gunzip read as one
     * stream. The cuts depend only on the events and each member has a zero modification time, so the same batch
     * always gives the same bytes (a rewrite after a crash replaces an object with itself).
     */
    static byte[] gzipJsonArray(List<LoggedEvent> events) {
        List<Integer> cuts = new ArrayList<>(); // start index of each member's events, then events.size()
        cuts.add(0);
        long chars = 0;
        for (int i = 0; i < events.size(); i++) {
            chars += events.get(i).json().length() + 1;
            if (chars >= GZIP_MEMBER_CHARS && i + 1 < events.size()) {
                cuts.add(i + 1);
                chars = 0;
            }
        }
        cuts.add(events.size());
        byte[][] parts = new byte[cuts.size() - 1][];
        java.util.stream.IntStream.range(0, parts.length).parallel().forEach(m -> {
            int from = cuts.get(m);
            int to = cuts.get(m + 1);
            long length = 2;
            for (int i = from; i < to; i++) {
                length += events.get(i).json().length() + 1;
            }
            StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, length));
            if (from == 0) {
                sb.append('[');
            }
            for (int i = from; i < to; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(events.get(i).json());
            }
            if (to == events.size()) {
                sb.append(']');
            }
            byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
            parts[m] = gzipMember(text, 0, text.length);
        });
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzipMember(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 65536) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data, offset, length);
        } catch (IOException e) {
            throw new DeliveryException("gzip failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
