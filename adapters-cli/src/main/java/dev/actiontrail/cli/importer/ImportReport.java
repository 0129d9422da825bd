package dev.actiontrail.cli.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an import: imported / duplicate / rejected counts, the reason of every rejected record and every
 * file that could not be read. {@link #toMap()} is what {@code actiontrail import} prints (as JSON).
 */
public final class ImportReport {
    private int files;
    private long imported;
    private long duplicates;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private final List<Map<String, Object>> failedFiles = new ArrayList<>();

    synchronized void file(Path file, int stored, int duplicate) {
        files++;
        imported += stored;
        duplicates += duplicate;
    }

    synchronized void reject(Path file, long record, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("File", file.toString());
        m.put("Record", record);
        m.put("Reason", reason);
        rejected.add(m);
    }

    synchronized void fail(Path file, String reason, int storedBeforeFailure, long lastStoredRecord) {
        files++;
        imported += storedBeforeFailure;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("File", file.toString());
        m.put("Reason", reason);
        m.put("StoredBeforeFailure", storedBeforeFailure);
        m.put("StoredUpToRecord", lastStoredRecord);
        failedFiles.add(m);
    }

    public long imported() {
        return imported;
    }

    public long duplicates() {
        return duplicates;
    }

    public int rejectedCount() {
        return rejected.size();
    }

    /** Whether some file could not be read to its end. */
    public synchronized boolean hasFailedFiles() {
        return !failedFiles.isEmpty();
    }

    /** {@code Files, Imported, Duplicates, Rejected, RejectedRecords[], FailedFiles[]}. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Files", files);
        m.put("Imported", imported);
        m.put("Duplicates", duplicates);
        m.put("Rejected", rejected.size());
        m.put("RejectedRecords", rejected);
        m.put("FailedFiles", failedFiles);
        return m;
    }
}
