package dev.actiontrail.cli;

import dev.actiontrail.core.delivery.DeliveryService;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AccessKeys;
import dev.actiontrail.http.server.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code actiontrail serve}: the standalone ActionTrail API server on the data folder. Logs one line with its
 * address when ready; SIGTERM (or Ctrl-C) drains the requests in flight and closes the store.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the ActionTrail API server (the official SDKs and the aliyun CLI talk to it unchanged).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "The account the server serves (16 digits); saved in the data folder.")
    String accountId;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this PEM certificate (chain); needs --tls-key. Calls over it have "
                    + "acs:SecureTransport true.")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key of --tls-cert.")
    java.nio.file.Path tlsKey;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Level of the server's logs: TRACE, DEBUG, INFO, WARN, ERROR or OFF (default: ${DEFAULT-VALUE}).")
    String logLevel = "INFO";

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Logs as text lines or one JSON object per line, on standard output (default: ${DEFAULT-VALUE}).")
    String logFormat = "text";

    @Option(names = "--delivery-interval", paramLabel = "SECONDS",
            description = "Delivery window: trails deliver the events of each window as one object per region "
                    + "(default: ${DEFAULT-VALUE}; the real service uses 300).")
    int deliveryInterval = 5;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        main.refuseEndpoint();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        for (java.nio.file.Path f : new java.nio.file.Path[] {tlsCert, tlsKey}) {
            if (f != null && !java.nio.file.Files.isReadable(f)) {
                throw new IllegalArgumentException("cannot read " + f.toAbsolutePath());
            }
        }
        // the port first: a port in use must not leave a new data folder behind
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("error: cannot listen on " + host + ":" + port + ": "
                    + (e instanceof java.net.BindException ? "address already in use" : e.getClass().getSimpleName()));
            spec.commandLine().getErr().flush();
            return 1;
        }
        Logs.toStandardOutput(logLevel, logFormat);
        LocalRuntime rt = LocalRuntime.open(main.globals.data, accountId);
        rootKey(rt.accessKeys(), rt, main.globals, out);
        ApiServer server = new ApiServer(rt.gateway(main.globals.region), rt::storeReachable, Main.VERSION);
        int bound = server.start(host, port, tlsCert == null ? null : new ApiServer.Tls(tlsCert, tlsKey));
        ScheduledExecutorService deliverer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "actiontrail-delivery");
            t.setDaemon(true);
            return t;
        });
        deliverer.scheduleWithFixedDelay(() -> deliverWindow(rt::deliverRound, Duration.ofSeconds(deliveryInterval)),
                deliveryInterval, deliveryInterval, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: draining the calls in flight (30 s at most), then a last delivery round");
            server.stop(Duration.ofSeconds(30));
            deliverer.shutdown();
            try {
                deliverer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deliverQuietly(rt::deliverRound); // the last window's events
            rt.close();
            LOG.info("stopped");
            Logs.flush();
            stopped.countDown();
        }, "actiontrail-shutdown"));
        out.println("actiontrail listening on " + (tlsCert == null ? "http" : "https") + "://" + host + ":" + bound + " (region " + main.globals.region
                + ", account " + rt.account().id() + ", data " + main.globals.data.toAbsolutePath() + ")");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * One delivery round; a failure is recorded per destination by the round itself, so nothing escapes here.
     *
     * @return whether another round should follow at once: it delivered events, more are waiting, and no
     *         destination failed
     */
    static boolean deliverQuietly(Supplier<DeliveryService.Round> round) {
        try {
            DeliveryService.Round r = round.get();
            if (r.failures() > 0 && !FAILING.getAndSet(true)) {
                LOG.warn("delivery failing to {} destination(s); retried with backoff (GetTrailStatus shows each "
                        + "destination's LatestDeliveryError)", r.failures());
            } else if (r.failures() == 0 && FAILING.getAndSet(false)) {
                LOG.info("delivery recovered: every destination delivers again");
            }
            return r.eventsDelivered() > 0 && !r.caughtUp() && r.failures() == 0;
        } catch (RuntimeException e) {
            LOG.error("delivery round failed", e);
            return false;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("actiontrail.server");
    /** Whether the last round had a failing destination (to log a failure and its recovery once each). */
    private static final java.util.concurrent.atomic.AtomicBoolean FAILING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A window's delivery: rounds (each at most a batch per destination) while they deliver and more is waiting,
     * within the window's time — so a backlog (after an outage, or a busy window) drains at delivery speed instead
     * of one batch per window.
     *
     * @return how many rounds ran
     */
    static int deliverWindow(Supplier<DeliveryService.Round> round, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        int rounds = 1;
        while (deliverQuietly(round) && System.nanoTime() < end) {
            rounds++; // the next round takes the next batch (already read ahead)
        }
        return rounds;
    }

    /** The root key: from the options, else the environment, else the stored one, else a new one printed once. */
    private static void rootKey(AccessKeys keys, LocalRuntime rt, GlobalOptions globals, PrintWriter out) {
        String id = globals.keyId();
        String secret = globals.keySecret();
        if (id != null && !id.isEmpty() && secret != null && !secret.isEmpty()) {
            keys.supply(rt.account().id(), id, secret);
            return;
        }
        if (!keys.hasStoredRootKey()) {
            AccessKey key = keys.create(rt.account().id(), AccessKey.ROOT);
            out.println("Created the root AccessKey (shown once; stored in the data folder, owner-only):");
            out.println("  AccessKeyId:     " + key.accessKeyId());
            out.println("  AccessKeySecret: " + key.accessKeySecret());
        }
    }
}
