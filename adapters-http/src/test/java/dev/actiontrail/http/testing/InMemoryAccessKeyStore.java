package dev.actiontrail.http.testing;

import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AccessKeyStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link AccessKeyStore} in memory for tests. Thread-safe. */
public final class InMemoryAccessKeyStore implements AccessKeyStore {
    private final Map<String, AccessKey> keys = new LinkedHashMap<>();

    @Override
    public synchronized Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    @Override
    public synchronized List<AccessKey> list() {
        List<AccessKey> out = new ArrayList<>(keys.values());
        out.sort(Comparator.comparing(AccessKey::createTime));
        return out;
    }

    @Override
    public synchronized void add(AccessKey key) {
        if (keys.putIfAbsent(key.accessKeyId(), key) != null) {
            throw new IllegalStateException("duplicate key " + key.accessKeyId());
        }
    }

    @Override
    public synchronized void update(AccessKey key) {
        if (keys.replace(key.accessKeyId(), key) == null) {
            throw new IllegalStateException("no key " + key.accessKeyId());
        }
    }

    @Override
    public synchronized boolean delete(String accessKeyId) {
        return keys.remove(accessKeyId) != null;
    }
}
