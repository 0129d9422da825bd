package dev.actiontrail.cli;

import dev.actiontrail.cli.local.AccountSettings;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AccessKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail account [--account-id ID] [--resource-directory-id RD | --no-resource-directory]}: shows, and
 * optionally changes, the data folder's local (default) account (its 16-digit ID, its resource directory, its
 * event history window). {@code account create} adds another account of the server with its root AccessKey;
 * {@code account list} lists the accounts. Both only use the data folder's database, so they work beside a running
 * server.
 */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Show or change the local account of the data folder; create and list accounts.",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class})
final class AccountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--account-id", paramLabel = "ID", description = "Set the account ID (16 digits).")
    String accountId;

    @Option(names = "--resource-directory-id", paramLabel = "RD",
            description = "Make the account the management account of this resource directory (allows an organization trail).")
    String resourceDirectoryId;

    @Option(names = "--history-days", paramLabel = "N",
            description = "Set the event history window (days of history kept and reachable by LookupEvents; default "
                    + "90). Shrinking it deletes the events that leave the window, except those a trail has still to "
                    + "deliver (and all while a delivery history job runs): the command says how many and asks first.")
    Integer historyDays;

    @Option(names = "--yes", description = "With --history-days: do not ask before deleting events.")
    boolean yes;

    @Option(names = "--no-resource-directory",
            description = "The account manages no resource directory (CreateTrail with IsOrganizationTrail=true is refused).")
    boolean noResourceDirectory;

    @Override
    public Integer call() {
        if (historyDays != null) {
            return RetentionChange.run(spec, historyDays, yes);
        }
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

    /**
     * {@code account create [--account-id ID]}: a new account (a random 16-digit ID unless given) and its root
     * AccessKey, created together or not at all. Prints the key's secret this once.
     */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account and its root AccessKey (the secret is shown only here, once).")
    static final class Create implements Callable<Integer> {
        private static final SecureRandom RANDOM = new SecureRandom();

        @Spec
        CommandSpec spec;

        @Option(names = "--account-id", paramLabel = "ID",
                description = "The new account's ID (16 digits; default: a random one).")
        String accountId;

        @Override
        public Integer call() {
            return DestinationCommands.withRuntime(spec, rt -> {
                AccountId wanted = accountId == null ? null : AccountId.of(accountId.trim());
                AccessKey key = rt.identities().atomically(() -> {
                    AccountId id = wanted;
                    if (id == null) {
                        do {
                            id = randomId();
                        } while (rt.identities().accountExists(id));
                    }
                    if (!rt.identities().createAccount(id, Instant.now())) {
                        throw new IllegalArgumentException("account " + id + " exists already");
                    }
                    return rt.accessKeys().create(id, AccessKey.ROOT);
                });
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("AccountId", key.accountId().value());
                shown.put("AccessKeyId", key.accessKeyId());
                shown.put("AccessKeySecret", key.accessKeySecret());
                return Json.pretty(shown);
            });
        }

        private static AccountId randomId() {
            return AccountId.of(Long.toString(1_000_000_000_000_000L
                    + Math.floorMod(RANDOM.nextLong(), 9_000_000_000_000_000L)));
        }
    }

    /** {@code account list}: every account of the data folder, the default one marked. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the accounts (Default: the data folder's local account, used without --endpoint).")
    static final class ListAccounts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return DestinationCommands.withRuntime(spec, rt -> {
                AccountId local = rt.account().id();
                List<Map<String, Object>> accounts = rt.identities().accounts().stream().map(id -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("AccountId", id.value());
                    m.put("Default", id.equals(local));
                    return m;
                }).toList();
                return Json.pretty(Map.of("Accounts", accounts));
            });
        }
    }
}
