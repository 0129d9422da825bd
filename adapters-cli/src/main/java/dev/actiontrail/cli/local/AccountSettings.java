package dev.actiontrail.cli.local;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.HistoryWindow;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The data folder's own settings, in {@code <data>/account.properties}: the local account's ID (16 digits, made
 * up at first use), its resource directory ID (an organization trail needs one; empty means the account is not a
 * resource directory management account) and the event history window in days.
 */
public final class AccountSettings {
    static final String FILE = "account.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties props;

    private AccountSettings(Path file, Properties props) {
        this.file = file;
        this.props = props;
    }

    /** Loads the settings of the data folder, creating them (a new account) on first use. */
    public static AccountSettings load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Properties props = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    props.load(r);
                }
                return new AccountSettings(file, props);
            }
            String id = Long.toString(1_000_000_000_000_000L + (long) (RANDOM.nextDouble() * 8_999_999_999_999_999L));
            props.setProperty("AccountId", id);
            props.setProperty("ResourceDirectoryId", "rd-" + Long.toString(Math.abs(RANDOM.nextLong()), 36)
                    .substring(0, 6));
            props.setProperty("HistoryDays", Integer.toString(HistoryWindow.DEFAULT.days()));
            AccountSettings settings = new AccountSettings(file, props);
            settings.save();
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Account account() {
        return Account.of(AccountId.of(props.getProperty("AccountId")), props.getProperty("ResourceDirectoryId", ""));
    }

    public HistoryWindow historyWindow() {
        return new HistoryWindow(Integer.parseInt(props.getProperty("HistoryDays", "90")));
    }

    /** Sets the account ID (16 digits). */
    public void setAccountId(String id) {
        props.setProperty("AccountId", AccountId.of(id).value());
    }

    /** Sets the resource directory ID; empty makes the account one that may not create organization trails. */
    public void setResourceDirectoryId(String id) {
        props.setProperty("ResourceDirectoryId", id == null ? "" : id);
    }

    public void setHistoryDays(int days) {
        props.setProperty("HistoryDays", Integer.toString(new HistoryWindow(days).days()));
    }

    /** Writes the settings (atomically: aside, then renamed). */
    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                props.store(w, "actiontrail local account");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
