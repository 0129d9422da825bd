package dev.actiontrail.cli.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.EventStore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Imports ActionTrail event files into an account's event history. Each file is read whole and its events are
 * recorded in one transaction, so a file is either imported entirely or not at all; only a file of more than
 * {@link #MAX_BATCH} events is committed in batches of that size, and if such a file then breaks off, the report
 * says how many of its records were stored (importing it again skips them as duplicates).
 */
public final class Importer {
    /** The most events held in memory and committed in one transaction. */
    public static final int MAX_BATCH = 50_000;

    private final EventRecorder recorder;
    private final AccountId account;
    private final LongConsumer progress;

    /**
     * @param progress told the number of input bytes read so far (compressed size for .gz), across all files
     */
    public Importer(EventRecorder recorder, AccountId account, LongConsumer progress) {
        this.recorder = recorder;
        this.account = account;
        this.progress = progress;
    }

    /** The file name endings read when a folder is walked (files named on the command line are always read). */
    public static final List<String> EVENT_FILE_ENDINGS = List.of(".json", ".jsonl", ".ndjson", ".gz", ".log");

    /**
     * The files to read for these arguments: files as given; folders walked (sorted), keeping the files whose name
     * ends with one of {@link #EVENT_FILE_ENDINGS} and is not hidden.
     */
    public static List<Path> expand(List<Path> args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> EVENT_FILE_ENDINGS.stream().anyMatch(f.getFileName().toString()::endsWith))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** Imports one file and adds its counts to {@code report}. */
    public void importFile(Path file, ImportReport report, long bytesBefore) {
        List<AuditEvent> batch = new ArrayList<>();
        int[] counts = new int[2]; // stored, duplicates of this file
        long[] committedRecords = {0};
        try (InputStream in = new CountingStream(Files.newInputStream(file), n -> progress.accept(bytesBefore + n))) {
            EventFileReader.read(in, outcome -> {
                if (outcome instanceof EventFileReader.Rejected r) {
                    report.reject(file, r.index(), r.reason());
                } else if (outcome instanceof EventFileReader.Accepted a) {
                    if (!recorder.isWithinHistory(a.event())) {
                        report.reject(file, a.index(), "eventTime " + a.event().eventTime()
                                + " is older than the event history window (" + recorder.window().days()
                                + " days; see actiontrail account --history-days)");
                        return;
                    }
                    batch.add(a.event());
                    if (batch.size() >= MAX_BATCH) {
                        flush(batch, counts);
                        committedRecords[0] = a.index();
                    }
                }
            });
            flush(batch, counts);
            report.file(file, counts[0], counts[1]);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            report.fail(file, "a JSON value too large to read (an event larger than "
                    + EventFileReader.MAX_EVENT_BYTES + " bytes cannot be imported)", counts[0], committedRecords[0]);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (byte offset " + (e.getLocation().getByteOffset() >= 0 ? e.getLocation().getByteOffset()
                    : e.getLocation().getCharOffset()) + ", line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            report.fail(file, "malformed JSON: " + e.getOriginalMessage() + where, counts[0], committedRecords[0]);
        } catch (IOException | RuntimeException e) {
            report.fail(file, String.valueOf(e.getMessage()), counts[0], committedRecords[0]);
        }
    }

    private void flush(List<AuditEvent> batch, int[] counts) {
        if (batch.isEmpty()) {
            return;
        }
        EventStore.AppendResult result = recorder.record(account, batch);
        counts[0] += result.stored();
        counts[1] += result.duplicates();
        batch.clear();
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer onRead;
        private long count;

        CountingStream(InputStream in, LongConsumer onRead) {
            super(in);
            this.onRead = onRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                onRead.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
                onRead.accept(count);
            }
            return n;
        }
    }
}
