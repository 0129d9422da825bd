package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * Who makes a call (access-control reference §1.4, §4.4): an account's root identity, a RAM user, or a session of a
 * RAM role assumed through STS. The root identity is not subject to RAM policies; a RAM user is governed by its own
 * and its groups' policies; a role session by the role's policies intersected with its session policy.
 */
public sealed interface Principal permits Principal.Root, Principal.User, Principal.RoleSession {

    /** The account that owns the identity (for a role session: the role's account). */
    AccountId accountId();

    /** The account's root identity (the Alibaba Cloud account itself). */
    record Root(AccountId accountId) implements Principal {
        public Root {
            Objects.requireNonNull(accountId, "accountId");
        }
    }

    /**
     * A RAM user.
     *
     * @param userId   the user's stored ID (16 digits, unique in the server)
     * @param userName the user's name, e.g. {@code alice}
     */
    record User(AccountId accountId, String userId, String userName) implements Principal {
        public User {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(userName, "userName");
        }
    }

    /**
     * A session of an assumed RAM role (STS AssumeRole).
     *
     * @param roleId           the role's stored ID
     * @param roleName         the role's name
     * @param sessionName      the RoleSessionName given to AssumeRole
     * @param sessionPolicy    the session policy document (JSON text) given to AssumeRole, or null
     * @param assumerAccountId the account of the identity that called AssumeRole (may differ from the role's)
     * @param assumerPrincipalId the principal ID of that identity (user ID, or {@code roleId:session})
     * @param creationTime     when the session was created (UTC, seconds)
     * @param expiration       when its credentials stop working (UTC, seconds)
     */
    record RoleSession(AccountId accountId, String roleId, String roleName, String sessionName, String sessionPolicy,
                       AccountId assumerAccountId, String assumerPrincipalId, Instant creationTime,
                       Instant expiration) implements Principal {
        public RoleSession {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(roleId, "roleId");
            Objects.requireNonNull(roleName, "roleName");
            Objects.requireNonNull(sessionName, "sessionName");
            Objects.requireNonNull(assumerAccountId, "assumerAccountId");
            Objects.requireNonNull(assumerPrincipalId, "assumerPrincipalId");
            Objects.requireNonNull(creationTime, "creationTime");
            Objects.requireNonNull(expiration, "expiration");
        }

        /** {@code <roleId>:<sessionName>}, the session's principal ID (§4.4). */
        public String principalId() {
            return roleId + ":" + sessionName;
        }

        /** {@code <roleName>:<sessionName>}, the userName an event records (§4.4). */
        public String displayName() {
            return roleName + ":" + sessionName;
        }
    }
}
