package dev.actiontrail.cli;

import dev.actiontrail.cli.local.AccountSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail account [--account-id ID] [--resource-directory-id RD | --no-resource-directory]}: shows, and
 * optionally changes, the data folder's local account (its 16-digit ID, its resource directory, its event history
 * window).
 */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Show or change the local account of the data folder.")
final class AccountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--account-id", paramLabel = "ID", description = "Set the account ID (16 digits).")
    String accountId;

    @Option(names = "--resource-directory-id", paramLabel = "RD",
            description = "Make the account the management account of this resource directory (allows an organization trail).")
    String resourceDirectoryId;

    @Option(names = "--no-resource-directory",
            description = "The account manages no resource directory (CreateTrail with IsOrganizationTrail=true is refused).")
    boolean noResourceDirectory;

    @Override
    public Integer call() {
        return DestinationCommands.withRuntime(spec, rt -> {
            AccountSettings s = rt.settings();
            if (accountId != null) {
                s.setAccountId(accountId);
            }
            if (resourceDirectoryId != null || noResourceDirectory) {
                s.setResourceDirectoryId(noResourceDirectory ? "" : resourceDirectoryId);
            }
            s.save();
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("AccountId", s.account().id().value());
            shown.put("ResourceDirectoryId", s.account().resourceDirectoryId().orElse(""));
            shown.put("HistoryDays", s.historyWindow().days());
            return Json.pretty(shown);
        });
    }
}
