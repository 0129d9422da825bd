package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * RAM users of the caller's account (RAM 2015-05-01 CreateUser, GetUser, UpdateUser, ListUsers, DeleteUser;
 * access-control reference §3). Each call runs in one {@link IdentityStore#atomically} block and checks everything
 * before it writes, so a rejected call changes nothing.
 *
 * <p>The name {@code root} is reserved: it is the name the account's root identity's AccessKeys are stored under
 * ({@link AccessKey#ROOT}), so CreateUser and UpdateUser answer {@code EntityAlreadyExists.User} for it.
 */
public final class RamUsers {
    private final IdentityStore store;
    private final RamLimits limits;
    private final Clock clock;

    public RamUsers(IdentityStore store, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The optional profile fields of CreateUser ({@code DisplayName}, {@code MobilePhone}, {@code Email},
     * {@code Comments}) or UpdateUser ({@code NewDisplayName} …), as sent (null or empty: not sent).
     */
    public record Profile(String displayName, String mobilePhone, String email, String comments) {
        /** No field sent. */
        public static Profile none() {
            return new Profile(null, null, null, null);
        }

        /** The fields checked under their wire names ({@code prefix} {@code ""} or {@code "New"}); absent ones null. */
        Profile checked(String prefix) {
            return new Profile(RamInput.displayName(prefix + "DisplayName", displayName),
                    RamInput.mobilePhone(prefix + "MobilePhone", mobilePhone),
                    RamInput.email(prefix + "Email", email),
                    RamInput.text(prefix + "Comments", comments, 128));
        }
    }

    /**
     * CreateUser.
     *
     * @return the new user: a 16-digit UserId, absent profile fields {@code ""}, CreateDate = UpdateDate = now
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserName}, {@code InvalidParameter.UserName.*},
     *         {@code InvalidParameter.DisplayName.*}, {@code InvalidParameter.MobilePhone.Format},
     *         {@code InvalidParameter.Email.Format}, {@code InvalidParameter.Comments.Length} (400);
     *         {@code EntityAlreadyExists.User}, {@code LimitExceeded.User} (409)
     */
    public RamUser create(Caller caller, String userName, Profile profile) {
        String name = RamInput.userName("UserName", userName);
        Profile p = profile.checked("");
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            requireFreeName(account, name);
            if (store.users(account).size() >= limits.users()) {
                throw RamError.LIMIT_EXCEEDED_USER.exception();
            }
            Instant now = RamEntities.now(clock);
            RamUser user = new RamUser(account, RamIds.userId(), name, orEmpty(p.displayName()),
                    orEmpty(p.mobilePhone()), orEmpty(p.email()), orEmpty(p.comments()), now, now, null);
            store.insertUser(user);
            return user;
        });
    }

    /**
     * GetUser.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserName}, {@code InvalidParameter.UserName.*}
     *         (400); {@code EntityNotExist.User} (404)
     */
    public RamUser get(Caller caller, String userName) {
        String name = RamInput.userName("UserName", userName);
        return store.atomically(() -> RamEntities.user(store, caller.accountId(), name));
    }

    /**
     * UpdateUser: renames the user ({@code NewUserName}; its AccessKeys, group memberships and attached policies
     * follow it) and/or changes the profile fields sent; UpdateDate becomes now.
     *
     * @throws dev.actiontrail.core.error.ApiException the parameter errors of {@link #create} for UserName,
     *         NewUserName and the {@code New…} fields (400); {@code EntityNotExist.User} (404);
     *         {@code EntityAlreadyExists.User} when NewUserName is taken (409)
     */
    public RamUser update(Caller caller, String userName, String newUserName, Profile newProfile) {
        String name = RamInput.userName("UserName", userName);
        String newName = RamInput.optional(newUserName) == null ? null : RamInput.userName("NewUserName", newUserName);
        Profile p = newProfile.checked("New");
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamUser old = RamEntities.user(store, account, name);
            String finalName = newName == null ? old.userName() : newName;
            if (!finalName.equals(old.userName())) {
                requireFreeName(account, finalName);
            }
            RamUser updated = new RamUser(account, old.userId(), finalName,
                    p.displayName() == null ? old.displayName() : p.displayName(),
                    p.mobilePhone() == null ? old.mobilePhone() : p.mobilePhone(),
                    p.email() == null ? old.email() : p.email(),
                    p.comments() == null ? old.comments() : p.comments(),
                    old.createDate(), RamEntities.now(clock), old.lastLoginDate());
            store.updateUser(old.userName(), updated);
            return updated;
        });
    }

    /**
     * ListUsers: the account's users ordered by name, a page at a time.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.Marker}, {@code InvalidParameter.MaxItems}
     *         (400)
     */
    public RamPage<RamUser> list(Caller caller, String marker, String maxItems) {
        return store.atomically(() -> RamPage.of(store.users(caller.accountId()), RamUser::userName, marker, maxItems));
    }

    /**
     * DeleteUser: only a user without AccessKeys, attached policies and group memberships.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserName}, {@code InvalidParameter.UserName.*}
     *         (400); {@code EntityNotExist.User} (404); {@code DeleteConflict.User.AccessKey},
     *         {@code DeleteConflict.User.Policy}, {@code DeleteConflict.User.Group} (409, checked in that order)
     */
    public void delete(Caller caller, String userName) {
        String name = RamInput.userName("UserName", userName);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamUser user = RamEntities.user(store, account, name);
            if (!store.accessKeys(account, user.userName()).isEmpty()) {
                throw RamError.DELETE_CONFLICT_USER_ACCESS_KEY.exception();
            }
            if (store.attachments(account).stream()
                    .anyMatch(a -> a.isOn(PolicyAttachment.EntityType.User, user.userName()))) {
                throw RamError.DELETE_CONFLICT_USER_POLICY.exception();
            }
            if (store.memberships(account).stream().anyMatch(m -> m.userName().equals(user.userName()))) {
                throw RamError.DELETE_CONFLICT_USER_GROUP.exception();
            }
            store.deleteUser(account, user.userName());
            return null;
        });
    }

    private void requireFreeName(AccountId account, String name) {
        if (name.equals(AccessKey.ROOT) || store.user(account, name).isPresent()) {
            throw RamError.ENTITY_ALREADY_EXISTS_USER.exception();
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
