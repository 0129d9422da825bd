package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail init [--data DIR] [--account-id ID]}: creates a data folder (its database and its default
 * account, a random 16-digit ID unless given). Every other command but {@code serve} refuses a {@code --data} that
 * names no data folder, so a mistyped path never starts a new history quietly. On an existing folder it changes
 * nothing and says so.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a data folder (database and default account); other commands need one to exist.")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--account-id", paramLabel = "ID", description = "The default account's ID (16 digits).")
    String accountId;

    @Override
    public Integer call() {
        Main main = (Main) spec.root().userObject();
        main.refuseEndpoint();
        boolean existed = LocalRuntime.exists(main.globals.data);
        if (existed && accountId != null) {
            spec.commandLine().getErr().println("error: " + main.globals.data.toAbsolutePath().normalize()
                    + " is already a data folder; its account is changed with: actiontrail account --account-id");
            spec.commandLine().getErr().flush();
            return 1;
        }
        try (LocalRuntime rt = LocalRuntime.open(main.globals.data, existed ? null : accountId)) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("DataFolder", main.globals.data.toAbsolutePath().normalize().toString());
            shown.put("AccountId", rt.account().id().value());
            shown.put("Created", !existed);
            spec.commandLine().getOut().println(Json.pretty(shown));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
