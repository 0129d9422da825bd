package dev.actiontrail.cli;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AccessKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail access-key create|list|delete}: the AccessKeys the server accepts, stored in the data folder
 * ({@code access-keys.properties}, owner-only). {@code create} prints the secret once; {@code list} never does.
 */
@Command(name = "access-key", mixinStandardHelpOptions = true, description = "Manage the server's AccessKeys.",
        subcommands = {AccessKeyCommand.Create.class, AccessKeyCommand.ListKeys.class, AccessKeyCommand.Delete.class})
final class AccessKeyCommand {
    private static Map<String, Object> shown(AccessKey k, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AccessKeyId", k.accessKeyId());
        if (withSecret) {
            m.put("AccessKeySecret", k.accessKeySecret());
        }
        m.put("AccountId", k.accountId().value());
        m.put("UserName", k.userName());
        m.put("Status", k.status().name());
        m.put("CreateDate", k.createTime().toString());
        return m;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key for an account's root identity, or for a RAM user with --user-name.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--user-name", description = "RAM user the key belongs to (default: root).")
        String userName = AccessKey.ROOT;
        @Option(names = "--account-id", paramLabel = "ID",
                description = "Account the key belongs to (16 digits; default: the data folder's account).")
        String accountId;

        @Override
        public Integer call() {
            return DestinationCommands.withRuntime(spec, rt -> {
                AccountId account = accountId == null ? rt.account().id() : AccountId.of(accountId.trim());
                if (!rt.identities().accountExists(account)) {
                    throw new IllegalArgumentException("no such account: " + account);
                }
                return Json.pretty(shown(rt.accessKeys().create(account, userName), true));
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored keys (no secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return DestinationCommands.withRuntime(spec, rt -> {
                List<Map<String, Object>> keys = rt.accessKeys().list().stream().map(k -> shown(k, false)).toList();
                return Json.pretty(Map.of("AccessKeys", keys));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stored key.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ACCESS_KEY_ID")
        String accessKeyId;

        @Override
        public Integer call() {
            return DestinationCommands.withRuntime(spec, rt -> {
                if (!rt.accessKeys().delete(accessKeyId)) {
                    throw new IllegalArgumentException("no such AccessKey: " + accessKeyId);
                }
                return "AccessKey " + accessKeyId + " deleted.";
            });
        }
    }
}
