package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.http.rpc.ActionCatalog;
import dev.actiontrail.http.rpc.ActionDoc;
import dev.actiontrail.http.rpc.ram.RamApi;
import dev.actiontrail.http.rpc.sts.StsApi;
import picocli.CommandLine;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code actiontrail} command line: every ActionTrail API action ({@code actiontrail CreateTrail --Name ...}),
 * every RAM and STS action ({@code actiontrail ram CreateUser --UserName ...}, {@code actiontrail sts AssumeRole
 * ...}), local destinations ({@code oss}, {@code sls}, {@code odps}), {@code import} of ActionTrail event files,
 * {@code account} settings and accounts, {@code access-key}s, all on the data folder given by {@code --data} (or,
 * for the API actions, on the server given by {@code --endpoint}).
 */
@Command(name = "actiontrail", mixinStandardHelpOptions = true, version = "actiontrail " + Main.VERSION,
        description = "Self-hosted Alibaba Cloud ActionTrail: trails, event history (LookupEvents) and delivery.",
        subcommands = {DestinationCommands.Oss.class, DestinationCommands.Sls.class, DestinationCommands.Odps.class,
                ImportCommand.class, AccountCommand.class, ServeCommand.class, AccessKeyCommand.class,
                DeliverCommand.class, InitCommand.class, HealthCommand.class})
public final class Main implements Runnable {
    /** This build's version. */
    public static final String VERSION = "0.1.0";

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status (0 = success). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Vert.x logs through SLF4J (Logback) like everything else
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        Map<String, ActionDoc> legacy = ActionCatalog.of(ApiVersion.V2017_12_04);
        for (ActionDoc action : ActionCatalog.of(ApiVersion.V2020_07_06).values()) {
            cl.addSubcommand(action.name(), ApiActionCommand.build(main, action, legacy.get(action.name())));
        }
        cl.addSubcommand("ram", ApiActionCommand.group(main, "ram",
                "RAM (Resource Access Management, API " + ApiActionCommand.RAM_VERSION
                        + "): users, groups, roles, policies and their AccessKeys.",
                RamApi.catalog(), ApiActionCommand.RAM_VERSION));
        cl.addSubcommand("sts", ApiActionCommand.group(main, "sts",
                "STS (Security Token Service, API " + ApiActionCommand.STS_VERSION
                        + "): AssumeRole (temporary credentials) and GetCallerIdentity.",
                StsApi.catalog(), ApiActionCommand.STS_VERSION));
        cl.addSubcommand("generate-completion", new picocli.AutoComplete.GenerateCompletion());
        // every command's own flags (not the API's parameters) from ACTIONTRAIL_<FLAG> or the ACTIONTRAIL_CONFIG file
        cl.setDefaultValueProvider(new FlagDefaults(System.getenv()));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            commandLine.getErr().flush();
            return 2;
        });
        return cl.execute(args);
    }

    /**
     * Opens the data folder given by the global options. Only the default folder is created by a command on first
     * use (and any folder by {@code init} and {@code serve}): a mistyped {@code --data} must not quietly start a new
     * history with a new random account.
     *
     * @throws IllegalStateException naming the path, when {@code --data} names no data folder
     */
    LocalRuntime openRuntime() {
        refuseEndpoint();
        if (!LocalRuntime.exists(globals.data) && !globals.data.equals(GlobalOptions.DEFAULT_DATA)) {
            Path at = globals.data.toAbsolutePath().normalize();
            throw new IllegalStateException("no data folder at " + at + " (create one with: actiontrail init --data "
                    + at + ")");
        }
        return LocalRuntime.open(globals.data);
    }

    /**
     * Commands that work on the local data folder only (import, deliver, oss, sls, odps, account, access-key, init,
     * serve) refuse {@code --endpoint} instead of ignoring it.
     *
     * @throws IllegalStateException when {@code --endpoint} is given
     */
    void refuseEndpoint() {
        if (globals.endpoint != null) {
            throw new IllegalStateException("this command works on a local data folder (--data) only and cannot "
                    + "call a server: remove --endpoint " + globals.endpoint + " (API actions, ram and sts take it)");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

}
