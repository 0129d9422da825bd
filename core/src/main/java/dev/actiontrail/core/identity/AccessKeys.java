package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Managing AccessKeys: creating (IDs {@code LTAI} + 20 characters, secrets of 30, from a {@link SecureRandom}),
 * listing, disabling, deleting, and finding the key that signed a request. A key supplied from outside (command
 * line or the SDKs' {@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}) is served
 * alongside the stored ones without being stored.
 */
public final class AccessKeys {
    private static final char[] ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AccessKeyStore store;
    private final Clock clock;
    private final List<AccessKey> supplied = new ArrayList<>();

    public AccessKeys(AccessKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Creates and stores a new active key.
     *
     * @param userName {@code root} for the account's root identity, else a RAM user name
     */
    public synchronized AccessKey create(AccountId account, String userName) {
        AccessKey key = generate(account, userName, clock);
        store.add(key);
        return key;
    }

    /**
     * A new active key, not stored: ID {@code LTAI} + 20 characters, secret of 30, both from a {@link SecureRandom};
     * created now (UTC, seconds). The RAM use case CreateAccessKey stores it inside its own transaction.
     *
     * @param userName {@code root} for the account's root identity, else a RAM user name
     */
    public static AccessKey generate(AccountId account, String userName, Clock clock) {
        return new AccessKey("LTAI" + random(ID_CHARS, 20), random(SECRET_CHARS, 30), account, userName,
                AccessKey.Status.Active, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Serves a root key given from outside (not stored) for {@code account}. */
    public synchronized AccessKey supply(AccountId account, String accessKeyId, String accessKeySecret) {
        AccessKey key = new AccessKey(accessKeyId, accessKeySecret, account, AccessKey.ROOT, AccessKey.Status.Active,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        supplied.removeIf(k -> k.accessKeyId().equals(accessKeyId));
        supplied.add(key);
        return key;
    }

    /** The key with this ID, supplied or stored. */
    public synchronized Optional<AccessKey> find(String accessKeyId) {
        return supplied.stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst()
                .or(() -> store.find(accessKeyId));
    }

    /** The stored keys. */
    public List<AccessKey> list() {
        return store.list();
    }

    /** Whether any root key is stored. */
    public boolean hasStoredRootKey() {
        return store.list().stream().anyMatch(AccessKey::isRoot);
    }

    /** Sets a stored key's status; returns false if no such key. */
    public synchronized boolean setStatus(String accessKeyId, AccessKey.Status status) {
        Optional<AccessKey> key = store.find(accessKeyId);
        key.ifPresent(k -> store.update(new AccessKey(k.accessKeyId(), k.accessKeySecret(), k.accountId(),
                k.userName(), status, k.createTime())));
        return key.isPresent();
    }

    /** Deletes a stored key; returns false if no such key. */
    public synchronized boolean delete(String accessKeyId) {
        return store.delete(accessKeyId);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
