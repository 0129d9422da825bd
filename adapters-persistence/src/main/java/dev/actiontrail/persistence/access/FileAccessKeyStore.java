package dev.actiontrail.persistence.access;

import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AccessKeyStore;
import dev.actiontrail.core.account.AccountId;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * AccessKeys in one properties file, {@code <data>/access-keys.properties}, readable and writable by its owner only
 * (mode 0600 on POSIX file systems). Each key is stored as {@code <id>.secret}, {@code <id>.account},
 * {@code <id>.user}, {@code <id>.status}, {@code <id>.created} (epoch seconds, UTC). Every change rewrites the file
 * aside and renames it into place, so a crash leaves the old or the new file, never a torn one.
 */
public final class FileAccessKeyStore implements AccessKeyStore {
    /** The file name inside the data folder. */
    public static final String FILE = "access-keys.properties";
    private final Path file;

    public FileAccessKeyStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public synchronized Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(read(load(), accessKeyId));
    }

    @Override
    public synchronized List<AccessKey> list() {
        Properties p = load();
        List<AccessKey> keys = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            if (name.endsWith(".secret")) {
                keys.add(read(p, name.substring(0, name.length() - ".secret".length())));
            }
        }
        keys.sort(Comparator.comparing(AccessKey::createTime).thenComparing(AccessKey::accessKeyId));
        return keys;
    }

    @Override
    public synchronized void add(AccessKey key) {
        Properties p = load();
        if (p.containsKey(key.accessKeyId() + ".secret")) {
            throw new IllegalStateException("AccessKey exists: " + key.accessKeyId());
        }
        write(p, key);
        save(p);
    }

    @Override
    public synchronized void update(AccessKey key) {
        Properties p = load();
        write(p, key);
        save(p);
    }

    @Override
    public synchronized boolean delete(String accessKeyId) {
        Properties p = load();
        boolean existed = p.containsKey(accessKeyId + ".secret");
        for (String field : new String[] {"secret", "account", "user", "status", "created"}) {
            p.remove(accessKeyId + "." + field);
        }
        if (existed) {
            save(p);
        }
        return existed;
    }

    private static AccessKey read(Properties p, String id) {
        String secret = p.getProperty(id + ".secret");
        if (secret == null) {
            return null;
        }
        return new AccessKey(id, secret, AccountId.of(p.getProperty(id + ".account")), p.getProperty(id + ".user"),
                AccessKey.Status.valueOf(p.getProperty(id + ".status", "Active")),
                Instant.ofEpochSecond(Long.parseLong(p.getProperty(id + ".created", "0"))));
    }

    private static void write(Properties p, AccessKey key) {
        String id = key.accessKeyId();
        p.setProperty(id + ".secret", key.accessKeySecret());
        p.setProperty(id + ".account", key.accountId().value());
        p.setProperty(id + ".user", key.userName());
        p.setProperty(id + ".status", key.status().name());
        p.setProperty(id + ".created", Long.toString(key.createTime().getEpochSecond()));
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return p;
    }

    private void save(Properties p) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "actiontrail AccessKeys: keep this file secret");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
