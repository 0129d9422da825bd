package dev.actiontrail.cli.local;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.event.LookupEventsService;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.http.rpc.RpcApi;
import dev.actiontrail.persistence.SqliteStore;
import dev.actiontrail.persistence.destination.LocalResourceDirectory;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root of the embedded default: the data folder's SQLite database ({@code actiontrail.db}),
 * its local OSS / SLS / MaxCompute destinations, the local account, and the core use cases wired to them.
 * Close it to close the database.
 */
public final class LocalRuntime implements AutoCloseable {
    /** The database file inside the data folder. */
    public static final String DATABASE = "actiontrail.db";

    private final SqliteStore store;
    private final LocalResourceDirectory resources;
    private final AccountSettings settings;
    private final EventRecorder recorder;
    private final RpcApi api;

    private LocalRuntime(Path dataDir, Integer historyDays, Clock clock, IdSource ids) {
        this.settings = AccountSettings.load(dataDir);
        if (historyDays != null) {
            settings.setHistoryDays(historyDays);
            settings.save();
        }
        HistoryWindow window = settings.historyWindow();
        this.store = SqliteStore.open(dataDir.resolve(DATABASE));
        this.resources = new LocalResourceDirectory(dataDir);
        this.recorder = new EventRecorder(store.events(), clock, window);
        TrailService trails = new TrailService(store.trails(), resources, clock);
        LookupEventsService lookup = new LookupEventsService(store.events(), clock, window);
        this.api = new RpcApi(trails, lookup, resources, ids);
        recorder.purgeExpired();
    }

    /**
     * Opens the data folder (creating it and its account on first use).
     *
     * @param historyDays the event history window to set and save, or null to keep the saved one (default 90)
     */
    public static LocalRuntime open(Path dataDir, Integer historyDays) {
        return new LocalRuntime(dataDir, historyDays, Clock.systemUTC(), IdSource.random());
    }

    public Account account() {
        return settings.account();
    }

    public AccountSettings settings() {
        return settings;
    }

    public RpcApi api() {
        return api;
    }

    public EventRecorder recorder() {
        return recorder;
    }

    public LocalResourceDirectory resources() {
        return resources;
    }

    @Override
    public void close() {
        store.close();
    }
}
