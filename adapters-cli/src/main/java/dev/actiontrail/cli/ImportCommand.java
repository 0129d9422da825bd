package dev.actiontrail.cli;

import dev.actiontrail.cli.importer.ImportReport;
import dev.actiontrail.cli.importer.Importer;
import dev.actiontrail.cli.local.LocalRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail import <file|dir>...}: loads ActionTrail events (JSON array, JSON lines, {@code Records}
 * wrapper, SLS records, {@code .gz} OSS log files) into the local account's event history and prints a JSON report
 * (Imported, Duplicates, Rejected with a reason per record). Exit status 1 if a file could not be read to its end.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import ActionTrail event files (JSON array, JSON lines, {\"Records\":[...]}, SLS records, .gz).")
final class ImportCommand implements Callable<Integer> {
    /** Inputs larger than this show a progress bar on standard error. */
    static final long PROGRESS_THRESHOLD = 8L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Files or folders (walked recursively).")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        Main main = (Main) spec.root().userObject();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                spec.commandLine().getErr().println("error: no such file: " + input);
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
        List<Path> files = Importer.expand(inputs);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err, total, total > PROGRESS_THRESHOLD);
        ImportReport report = new ImportReport();
        Path[] current = {null};
        // Ctrl-C (SIGINT / SIGTERM): say what was committed before the process ends (the file being read when it
        // came is not half-imported: its open transaction is rolled back)
        Thread onInterrupt = new Thread(() -> {
            Map<String, Object> shown = new java.util.LinkedHashMap<>(report.toMap());
            shown.put("Interrupted", true);
            shown.put("InterruptedFile", current[0] == null ? "" : current[0].toString());
            spec.commandLine().getErr().println();
            spec.commandLine().getErr().println(Json.pretty(shown));
            spec.commandLine().getErr().flush();
        }, "actiontrail-import-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (LocalRuntime rt = main.openRuntime()) {
            Importer importer = new Importer(rt.recorder(), rt.account().id(), bar::update);
            long done = 0;
            for (Path f : files) {
                current[0] = f;
                importer.importFile(f, report, done);
                done += Files.size(f);
            }
            current[0] = null;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
        bar.finish();
        spec.commandLine().getOut().println(Json.pretty(report.toMap()));
        spec.commandLine().getOut().flush();
        return report.hasFailedFiles() ? 1 : 0;
    }

    /** A one-line progress bar by bytes read, redrawn at most every percent. */
    static final class ProgressBar {
        private final PrintWriter err;
        private final long total;
        private final boolean enabled;
        private int shown = -1;

        ProgressBar(PrintWriter err, long total, boolean enabled) {
            this.err = err;
            this.total = Math.max(1, total);
            this.enabled = enabled;
        }

        void update(long bytes) {
            int pct = (int) Math.min(100, bytes * 100 / total);
            if (!enabled || pct == shown) {
                return;
            }
            shown = pct;
            int width = 40;
            int filled = pct * width / 100;
            err.print("\rimporting [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + pct + "%");
            err.flush();
        }

        void finish() {
            if (enabled && shown >= 0) {
                err.println();
                err.flush();
            }
        }
    }
}
