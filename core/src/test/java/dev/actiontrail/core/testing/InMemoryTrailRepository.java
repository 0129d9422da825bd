package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link TrailRepository} in memory: names unique per account, {@link #list} ordered by name. Thread-safe.
 *
 * <p>Breaking the port's preconditions fails loudly so a use case that relies on them is caught: inserting a name
 * already used in the account, or updating an absent trail, throws {@link IllegalStateException}.
 */
public final class InMemoryTrailRepository implements TrailRepository {
    private final Map<AccountId, TreeMap<String, Trail>> byAccount = new HashMap<>();

    @Override
    public synchronized Optional<Trail> find(AccountId account, String name) {
        return Optional.ofNullable(trailsOf(account).get(name));
    }

    @Override
    public synchronized List<Trail> list(AccountId account) {
        return List.copyOf(trailsOf(account).values());
    }

    @Override
    public synchronized List<Trail> listAll() {
        List<Trail> all = new java.util.ArrayList<>();
        byAccount.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(
                java.util.Comparator.comparing(AccountId::value))).forEach(e -> all.addAll(e.getValue().values()));
        return all;
    }

    @Override
    public synchronized void insert(Trail trail) {
        Objects.requireNonNull(trail, "trail");
        TreeMap<String, Trail> trails = byAccount.computeIfAbsent(trail.accountId(), a -> new TreeMap<>());
        if (trails.containsKey(trail.name())) {
            throw new IllegalStateException("trail already stored: " + trail.accountId() + "/" + trail.name());
        }
        trails.put(trail.name(), trail);
    }

    @Override
    public synchronized void update(Trail trail) {
        Objects.requireNonNull(trail, "trail");
        TreeMap<String, Trail> trails = trailsOf(trail.accountId());
        if (!trails.containsKey(trail.name())) {
            throw new IllegalStateException("no such trail to update: " + trail.accountId() + "/" + trail.name());
        }
        trails.put(trail.name(), trail);
    }

    @Override
    public synchronized void delete(AccountId account, String name) {
        TreeMap<String, Trail> trails = byAccount.get(account);
        if (trails != null) {
            trails.remove(name);
        }
    }

    /** Every stored trail of every account, by account then name: a snapshot to compare before and after a call. */
    public synchronized List<Trail> all() {
        List<Trail> all = new ArrayList<>();
        byAccount.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.value().compareTo(b.value())))
                .forEach(e -> all.addAll(e.getValue().values()));
        return List.copyOf(all);
    }

    /** Removes every trail. */
    public synchronized void clear() {
        byAccount.clear();
    }

    private TreeMap<String, Trail> trailsOf(AccountId account) {
        TreeMap<String, Trail> trails = byAccount.get(account);
        return trails == null ? new TreeMap<>() : trails;
    }
}
