package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The lookups the RAM use cases share: an entity that must exist ({@code EntityNotExist.User} / {@code .Group} /
 * {@code .Role}, 404), and the time a change is stamped with (UTC, whole seconds).
 */
final class RamEntities {
    private RamEntities() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static RamUser user(IdentityStore store, AccountId account, String userName) {
        return store.user(account, userName).orElseThrow(RamError.ENTITY_NOT_EXIST_USER::exception);
    }

    static RamGroup group(IdentityStore store, AccountId account, String groupName) {
        return store.group(account, groupName).orElseThrow(RamError.ENTITY_NOT_EXIST_GROUP::exception);
    }

    static RamRole role(IdentityStore store, AccountId account, String roleName) {
        return store.role(account, roleName).orElseThrow(RamError.ENTITY_NOT_EXIST_ROLE::exception);
    }
}
