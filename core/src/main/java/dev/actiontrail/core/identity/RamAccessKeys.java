package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * AccessKeys managed through RAM (RAM 2015-05-01 CreateAccessKey, UpdateAccessKey, ListAccessKeys,
 * DeleteAccessKey; access-control reference §3). Each call runs in one {@link IdentityStore#atomically} block and
 * checks everything before it writes.
 *
 * <p><b>Whose keys.</b> With {@code UserName} the named RAM user's of the caller's account; without it the caller's
 * own: a RAM user's own keys, or for the account's root identity its root keys (stored under user name
 * {@link AccessKey#ROOT}, so the name {@code root} never names a RAM user). A role session has no keys of its own
 * and must name a user ({@code MissingUserName}) [I]. A key of another account or of another identity is answered
 * as absent ({@code EntityNotExist.User.AccessKey}), never touched. Keys supplied from outside the store (see
 * {@link AccessKeys#supply}) are not managed here.
 *
 * <p>The secret is returned once, by {@link #create}; the list answers leave it out (the handler's business).
 */
public final class RamAccessKeys {
    private final IdentityStore store;
    private final RamLimits limits;
    private final Clock clock;

    public RamAccessKeys(IdentityStore store, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * CreateAccessKey: a new active key (ID {@code LTAI…}, secret of 30 characters; {@link AccessKeys#generate}).
     *
     * @param userName the RAM user, or null for the caller's own keys
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.UserName.*}, {@code MissingUserName}
     *         (a role session without UserName) (400); {@code EntityNotExist.User} (404);
     *         {@code LimitExceeded.User.AccessKey} beyond {@link RamLimits#accessKeysPerUser()} (409)
     */
    public AccessKey create(Caller caller, String userName) {
        String name = checkedUserName(userName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            String owner = owner(caller, name);
            if (store.accessKeys(account, owner).size() >= limits.accessKeysPerUser()) {
                throw RamError.LIMIT_EXCEEDED_USER_ACCESS_KEY.exception();
            }
            AccessKey key = AccessKeys.generate(account, owner, clock);
            store.add(key);
            return key;
        });
    }

    /**
     * UpdateAccessKey: sets a key's Status ({@code Active} or {@code Inactive}).
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserAccessKeyId}, {@code MissingStatus},
     *         {@code InvalidParameter.Status}, {@code InvalidParameter.UserName.*} (400); {@code EntityNotExist.User},
     *         {@code EntityNotExist.User.AccessKey} (404)
     */
    public void update(Caller caller, String userName, String userAccessKeyId, String status) {
        String id = RamInput.required("UserAccessKeyId", userAccessKeyId);
        AccessKey.Status newStatus = RamInput.choice("Status", RamInput.required("Status", status),
                AccessKey.Status.class);
        String name = checkedUserName(userName);
        store.atomically(() -> {
            AccessKey key = ownKey(caller, owner(caller, name), id);
            store.update(new AccessKey(key.accessKeyId(), key.accessKeySecret(), key.accountId(), key.userName(),
                    newStatus, key.createTime()));
            return null;
        });
    }

    /**
     * ListAccessKeys: the keys of the user (or the caller's own), oldest first.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.UserName.*}, {@code MissingUserName}
     *         (400); {@code EntityNotExist.User} (404)
     */
    public List<AccessKey> list(Caller caller, String userName) {
        String name = checkedUserName(userName);
        return store.atomically(() -> store.accessKeys(caller.accountId(), owner(caller, name)));
    }

    /**
     * DeleteAccessKey.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserAccessKeyId}, {@code InvalidParameter.UserName.*}
     *         (400); {@code EntityNotExist.User}, {@code EntityNotExist.User.AccessKey} (404)
     */
    public void delete(Caller caller, String userName, String userAccessKeyId) {
        String id = RamInput.required("UserAccessKeyId", userAccessKeyId);
        String name = checkedUserName(userName);
        store.atomically(() -> {
            AccessKey key = ownKey(caller, owner(caller, name), id);
            store.delete(key.accessKeyId());
            return null;
        });
    }

    /**
     * The user name the keys are stored under: the named user (which must exist), or the caller's own identity.
     * Runs inside the transaction.
     */
    private String owner(Caller caller, String userName) {
        if (userName != null) {
            return RamEntities.user(store, caller.accountId(), userName).userName();
        }
        if (caller.principal() instanceof Principal.User user) {
            return RamEntities.user(store, caller.accountId(), user.userName()).userName();
        }
        if (caller.isRoot()) {
            return AccessKey.ROOT;
        }
        throw RamError.missing("UserName"); // a role session has no keys of its own
    }

    private AccessKey ownKey(Caller caller, String owner, String accessKeyId) {
        return store.find(accessKeyId)
                .filter(k -> k.accountId().equals(caller.accountId()) && k.userName().equals(owner))
                .orElseThrow(RamError.ENTITY_NOT_EXIST_USER_ACCESS_KEY::exception);
    }

    private static String checkedUserName(String userName) {
        return RamInput.optional(userName) == null ? null : RamInput.userName("UserName", userName);
    }
}
