package dev.actiontrail.core.identity;

import java.util.List;
import java.util.Optional;

/** Port: where AccessKeys are kept (with their secrets; implementations must protect them). */
public interface AccessKeyStore {
    Optional<AccessKey> find(String accessKeyId);

    /** All keys, ordered by creation time. */
    List<AccessKey> list();

    /** Stores a new key. */
    void add(AccessKey key);

    /** Replaces the stored key of the same ID. */
    void update(AccessKey key);

    /** Removes the key; returns whether it existed. */
    boolean delete(String accessKeyId);
}
