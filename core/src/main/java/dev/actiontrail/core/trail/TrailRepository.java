package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.AccountId;

import java.util.List;
import java.util.Optional;

/** Port: where trails are kept. Names are unique per account. */
public interface TrailRepository {
    /** The account's trail of that name, if any. */
    Optional<Trail> find(AccountId account, String name);

    /** All trails of the account, ordered by name. */
    List<Trail> list(AccountId account);

    /** The trails of every account, ordered by account, then name (for delivery). */
    List<Trail> listAll();

    /** Stores a new trail (its name is not yet used in the account). */
    void insert(Trail trail);

    /** Replaces the stored trail of the same account and name. */
    void update(Trail trail);

    /** Removes the trail; no-op if absent. */
    void delete(AccountId account, String name);
}
