package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RAM user groups of the caller's account and their members (RAM 2015-05-01 CreateGroup, GetGroup, ListGroups,
 * UpdateGroup, DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, ListUsersForGroup; access-control
 * reference §3). Each call runs in one {@link IdentityStore#atomically} block and checks everything before it
 * writes. GroupIds are 19 digits ({@link RamIds}).
 */
public final class RamGroups {
    private final IdentityStore store;
    private final RamLimits limits;
    private final Clock clock;

    public RamGroups(IdentityStore store, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A group a user belongs to, with the time the user joined it (ListGroupsForUser). */
    public record UserGroup(RamGroup group, Instant joinDate) {
    }

    /** A member of a group, with the time it joined (ListUsersForGroup). */
    public record GroupUser(RamUser user, Instant joinDate) {
    }

    /**
     * CreateGroup.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingGroupName}, {@code InvalidParameter.GroupName.*},
     *         {@code InvalidParameter.Comments.Length} (400); {@code EntityAlreadyExists.Group},
     *         {@code LimitExceeded.Group} (409)
     */
    public RamGroup create(Caller caller, String groupName, String comments) {
        String name = RamInput.groupName("GroupName", groupName);
        String text = RamInput.text("Comments", comments, 128);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            if (store.group(account, name).isPresent()) {
                throw RamError.ENTITY_ALREADY_EXISTS_GROUP.exception();
            }
            if (store.groups(account).size() >= limits.groups()) {
                throw RamError.LIMIT_EXCEEDED_GROUP.exception();
            }
            Instant now = RamEntities.now(clock);
            RamGroup group = new RamGroup(account, RamIds.groupId(), name, text == null ? "" : text, now, now);
            store.insertGroup(group);
            return group;
        });
    }

    /**
     * GetGroup.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingGroupName}, {@code InvalidParameter.GroupName.*}
     *         (400); {@code EntityNotExist.Group} (404)
     */
    public RamGroup get(Caller caller, String groupName) {
        String name = RamInput.groupName("GroupName", groupName);
        return store.atomically(() -> RamEntities.group(store, caller.accountId(), name));
    }

    /**
     * ListGroups: ordered by name, a page at a time.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.Marker}, {@code InvalidParameter.MaxItems}
     */
    public RamPage<RamGroup> list(Caller caller, String marker, String maxItems) {
        return store.atomically(() -> RamPage.of(store.groups(caller.accountId()), RamGroup::groupName, marker,
                maxItems));
    }

    /**
     * UpdateGroup: renames the group (its members and attached policies follow) and/or sets its Comments;
     * UpdateDate becomes now.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.GroupName.*},
     *         {@code InvalidParameter.NewGroupName.*}, {@code InvalidParameter.NewComments.Length} (400);
     *         {@code EntityNotExist.Group} (404); {@code EntityAlreadyExists.Group} when NewGroupName is taken (409)
     */
    public RamGroup update(Caller caller, String groupName, String newGroupName, String newComments) {
        String name = RamInput.groupName("GroupName", groupName);
        String newName = RamInput.optional(newGroupName) == null ? null
                : RamInput.groupName("NewGroupName", newGroupName);
        String text = RamInput.text("NewComments", newComments, 128);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamGroup old = RamEntities.group(store, account, name);
            String finalName = newName == null ? old.groupName() : newName;
            if (!finalName.equals(old.groupName()) && store.group(account, finalName).isPresent()) {
                throw RamError.ENTITY_ALREADY_EXISTS_GROUP.exception();
            }
            RamGroup updated = new RamGroup(account, old.groupId(), finalName, text == null ? old.comments() : text,
                    old.createDate(), RamEntities.now(clock));
            store.updateGroup(old.groupName(), updated);
            return updated;
        });
    }

    /**
     * DeleteGroup: only a group without members and attached policies.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingGroupName}, {@code InvalidParameter.GroupName.*}
     *         (400); {@code EntityNotExist.Group} (404); {@code DeleteConflict.Group.User},
     *         {@code DeleteConflict.Group.Policy} (409, in that order)
     */
    public void delete(Caller caller, String groupName) {
        String name = RamInput.groupName("GroupName", groupName);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamGroup group = RamEntities.group(store, account, name);
            if (store.memberships(account).stream().anyMatch(m -> m.groupName().equals(group.groupName()))) {
                throw RamError.DELETE_CONFLICT_GROUP_USER.exception();
            }
            if (store.attachments(account).stream()
                    .anyMatch(a -> a.isOn(PolicyAttachment.EntityType.Group, group.groupName()))) {
                throw RamError.DELETE_CONFLICT_GROUP_POLICY.exception();
            }
            store.deleteGroup(account, group.groupName());
            return null;
        });
    }

    /**
     * AddUserToGroup.
     *
     * @throws dev.actiontrail.core.error.ApiException name errors of UserName and GroupName (400);
     *         {@code EntityNotExist.User}, {@code EntityNotExist.Group} (404); {@code EntityAlreadyExists.User.Group},
     *         {@code LimitExceeded.User.Group} beyond {@link RamLimits#groupsPerUser()} (409)
     */
    public void addUser(Caller caller, String groupName, String userName) {
        String user = RamInput.userName("UserName", userName);
        String group = RamInput.groupName("GroupName", groupName);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamEntities.user(store, account, user);
            RamEntities.group(store, account, group);
            List<GroupMembership> ofUser = store.memberships(account).stream()
                    .filter(m -> m.userName().equals(user)).toList();
            if (ofUser.stream().anyMatch(m -> m.groupName().equals(group))) {
                throw RamError.ENTITY_ALREADY_EXISTS_USER_GROUP.exception();
            }
            if (ofUser.size() >= limits.groupsPerUser()) {
                throw RamError.LIMIT_EXCEEDED_USER_GROUP.exception();
            }
            store.insertMembership(account, new GroupMembership(group, user, RamEntities.now(clock)));
            return null;
        });
    }

    /**
     * RemoveUserFromGroup.
     *
     * @throws dev.actiontrail.core.error.ApiException name errors of UserName and GroupName (400);
     *         {@code EntityNotExist.User}, {@code EntityNotExist.Group}, {@code EntityNotExist.User.Group} (404)
     */
    public void removeUser(Caller caller, String groupName, String userName) {
        String user = RamInput.userName("UserName", userName);
        String group = RamInput.groupName("GroupName", groupName);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamEntities.user(store, account, user);
            RamEntities.group(store, account, group);
            if (!store.deleteMembership(account, group, user)) {
                throw RamError.ENTITY_NOT_EXIST_USER_GROUP.exception();
            }
            return null;
        });
    }

    /**
     * ListGroupsForUser: the user's groups, in the order it joined them.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingUserName}, {@code InvalidParameter.UserName.*}
     *         (400); {@code EntityNotExist.User} (404)
     */
    public List<UserGroup> groupsForUser(Caller caller, String userName) {
        String user = RamInput.userName("UserName", userName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamEntities.user(store, account, user);
            List<UserGroup> out = new ArrayList<>();
            for (GroupMembership m : store.memberships(account)) {
                if (m.userName().equals(user)) {
                    out.add(new UserGroup(RamEntities.group(store, account, m.groupName()), m.joinDate()));
                }
            }
            return out;
        });
    }

    /**
     * ListUsersForGroup: the group's members ordered by user name, a page at a time.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingGroupName}, {@code InvalidParameter.GroupName.*},
     *         {@code InvalidParameter.Marker}, {@code InvalidParameter.MaxItems} (400); {@code EntityNotExist.Group}
     *         (404)
     */
    public RamPage<GroupUser> usersForGroup(Caller caller, String groupName, String marker, String maxItems) {
        String group = RamInput.groupName("GroupName", groupName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamEntities.group(store, account, group);
            List<GroupUser> members = new ArrayList<>();
            for (GroupMembership m : store.memberships(account)) {
                if (m.groupName().equals(group)) {
                    members.add(new GroupUser(RamEntities.user(store, account, m.userName()), m.joinDate()));
                }
            }
            return RamPage.of(members, u -> u.user().userName(), marker, maxItems);
        });
    }
}
