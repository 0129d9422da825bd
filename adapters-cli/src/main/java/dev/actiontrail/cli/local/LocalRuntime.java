package dev.actiontrail.cli.local;

import dev.actiontrail.core.access.Authorizer;
import dev.actiontrail.core.access.PolicyParser;
import dev.actiontrail.core.identity.AccessKeys;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.SecurityTokens;
import dev.actiontrail.core.identity.SigningKeys;
import dev.actiontrail.core.identity.RamLimits;
import dev.actiontrail.core.identity.RamServices;
import dev.actiontrail.core.sts.StsService;
import dev.actiontrail.core.destination.TrustPolicyRoles;
import dev.actiontrail.http.authz.AccessControl;
import dev.actiontrail.http.json.JacksonPolicyParser;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.rpc.ram.RamApi;
import dev.actiontrail.http.rpc.sts.StsApi;
import dev.actiontrail.http.spec.ProductApi;
import dev.actiontrail.persistence.SqliteIdentityStore;
import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.event.LookupEventsService;
import dev.actiontrail.core.event.Retention;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.http.auth.Authenticator;
import dev.actiontrail.http.auth.NonceCache;
import dev.actiontrail.http.rpc.RpcApi;
import dev.actiontrail.http.server.Gateway;
import dev.actiontrail.core.delivery.DeliveryService;
import dev.actiontrail.core.delivery.DeliverySettings;
import dev.actiontrail.core.delivery.DestinationWriter;
import dev.actiontrail.core.delivery.HistoryJobService;
import dev.actiontrail.persistence.SqliteDeliveryLedger;
import dev.actiontrail.persistence.SqliteEventLog;
import dev.actiontrail.persistence.SqliteHistoryJobs;
import dev.actiontrail.persistence.SqliteStore;
import dev.actiontrail.persistence.destination.LocalDeliveryWriters;
import dev.actiontrail.persistence.destination.LocalResourceDirectory;

import com.google.common.base.Ticker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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
    private final List<ProductApi> products;
    private final SqliteIdentityStore identities;
    private final AccessKeys accessKeys;
    private final SigningKeys signingKeys;
    private final Authorizer authorizer;
    private final DeliveryService delivery;
    private final HistoryJobService historyJobs;
    private final Clock clock;
    private final IdSource ids;
    private final Retention retention;

    private LocalRuntime(Path dataDir, String accountId, Clock clock, IdSource ids) {
        this.clock = clock;
        this.ids = ids;
        this.settings = AccountSettings.load(dataDir);
        if (accountId != null) {
            settings.setAccountId(accountId);
            settings.save();
        }
        HistoryWindow window = settings.historyWindow();
        this.store = SqliteStore.open(dataDir.resolve(DATABASE));
        PolicyParser parser = new JacksonPolicyParser(); // policy documents are read by the adapter, into core's model
        this.resources = new LocalResourceDirectory(dataDir, settings.account().id(),
                new TrustPolicyRoles(store.identities(), parser));
        this.recorder = new EventRecorder(store.events(), clock, window);
        SqliteDeliveryLedger ledger = new SqliteDeliveryLedger(store);
        SqliteHistoryJobs jobs = new SqliteHistoryJobs(store);
        SqliteEventLog log = new SqliteEventLog(store);
        TrailService trails = new TrailService(store.trails(), resources, ledger, jobs, clock, store.unitOfWork());
        List<DestinationWriter> writers = LocalDeliveryWriters.all(resources);
        this.delivery = new DeliveryService(store.trails(), log, ledger, writers, clock, DeliverySettings.DEFAULT);
        this.historyJobs = new HistoryJobService(store.trails(), jobs, log, ledger, writers, clock, window,
                DeliverySettings.DEFAULT, store.unitOfWork());
        LookupEventsService lookup = new LookupEventsService(store.events(), clock, window);
        this.api = new RpcApi(trails, lookup, historyJobs, resources);
        this.identities = store.identities();
        SqliteIdentityStore.importKeysFile(dataDir, identities);
        identities.createAccount(settings.account().id(), clock.instant());
        this.accessKeys = new AccessKeys(identities, clock);
        SecurityTokens tokens = new SecurityTokens(identities, clock);
        this.signingKeys = new SigningKeys(accessKeys, identities, tokens);
        this.authorizer = new Authorizer(identities, parser);
        this.products = List.of(api, new RamApi(RamServices.create(identities, parser, RamLimits.defaults(), clock)),
                new StsApi(new StsService(identities, tokens, parser, clock)));
        // nothing is deleted here: only the explicit retention command (retention()) deletes events
        this.retention = new Retention(store.events(), clock,
                () -> historyJobs.hasRunningJobs() ? 0 : delivery.retentionFloor());
    }

    /** Whether {@code dataDir} holds a data folder (its database). */
    public static boolean exists(Path dataDir) {
        return java.nio.file.Files.exists(dataDir.resolve(DATABASE));
    }

    /** Opens the data folder (creating it and its account on first use). Opening never deletes anything. */
    public static LocalRuntime open(Path dataDir) {
        return open(dataDir, null);
    }

    /**
     * Opens the data folder with {@code accountId} (16 digits) as its default account, set and saved before anything
     * is built on it (the server's {@code --account-id}); null keeps the saved one.
     *
     * @throws IllegalArgumentException an account ID that is not 16 digits
     */
    public static LocalRuntime open(Path dataDir, String accountId) {
        return new LocalRuntime(dataDir, accountId, Clock.systemUTC(), IdSource.timeOrdered(Clock.systemUTC()));
    }

    /**
     * The retention use case on this data folder: what changing the history window would delete, and doing it
     * (keeping what a trail has still to deliver, and everything while a delivery history job runs).
     */
    public Retention retention() {
        return retention;
    }

    public Account account() {
        return settings.account();
    }

    public AccountSettings settings() {
        return settings;
    }

    /** The products the gateway serves: ActionTrail first, then RAM and STS. */
    public List<ProductApi> products() {
        return products;
    }

    /** The accounts, RAM identities, policies and AccessKeys of the data folder. */
    public SqliteIdentityStore identities() {
        return identities;
    }

    /**
     * Runs one API call of the operator's local CLI as the default account's root identity, through the gateway's
     * pipeline: authorized and recorded as an event (userAgent {@code actiontrail-cli/<version>}) like a call over
     * HTTP.
     *
     * @param params the call's parameters, with {@code Action} and {@code Version}
     */
    public ApiResponse call(Map<String, String> params, String region, String userAgent) {
        return gateway(region).local(Caller.localRoot(account().id()), params, region, userAgent);
    }

    /** Where recorded events' IDs come from (time-ordered, as the gateway's). */
    public IdSource ids() {
        return ids;
    }

    public EventRecorder recorder() {
        return recorder;
    }

    public LocalResourceDirectory resources() {
        return resources;
    }

    /** Delivery of the trails' events to the data folder's local destinations. */
    public DeliveryService delivery() {
        return delivery;
    }

    /**
     * One delivery round: live delivery, then one step of every running delivery history job (what the server
     * does every delivery window and {@code actiontrail deliver} does on demand).
     *
     * @return the live round's outcome, with the backfilled events added to its count
     */
    public DeliveryService.Round deliverRound() {
        DeliveryService.Round live = delivery.deliverOnce();
        int backfilled = historyJobs.advance();
        return new DeliveryService.Round(live.eventsDelivered() + backfilled, live.objectsWritten(), live.failures(),
                live.caughtUp() && !historyJobs.hasRunningJobs());
    }

    /** The AccessKeys of the data folder (in its database; owner-only). */
    public AccessKeys accessKeys() {
        return accessKeys;
    }

    /** Whether the database answers (for {@code /health}). */
    public boolean storeReachable() {
        return store.isReachable();
    }

    /**
     * The RPC gateway of the server: signatures checked against the stored AccessKeys and STS tokens (15-minute
     * skew, nonces remembered for that window, at most a million), every call authorized by RAM policies and
     * recorded in its caller's account.
     */
    public Gateway gateway(String defaultRegion) {
        Authenticator auth = new Authenticator(signingKeys,
                new NonceCache(Authenticator.SKEW, 1_000_000, Ticker.systemTicker()), clock);
        return new Gateway(products, auth, new AccessControl(authorizer), recorder,
                id -> id.equals(settings.account().id()) ? settings.account() : Account.of(id, null),
                defaultRegion, ids, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
