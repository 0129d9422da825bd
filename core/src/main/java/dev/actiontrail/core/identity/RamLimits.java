package dev.actiontrail.core.identity;

/**
 * The quotas the RAM use cases enforce, per account unless said otherwise (access-control reference §3.1; the
 * published "old limits", some raised to today's defaults [U]). Breaking one answers its {@code LimitExceeded.*}
 * code (409) and changes nothing.
 *
 * @param users                   RAM users ({@code LimitExceeded.User})
 * @param groups                  groups ({@code LimitExceeded.Group})
 * @param roles                   roles ({@code LimitExceeded.Role})
 * @param customPolicies          custom policies ({@code LimitExceeded.Policy})
 * @param accessKeysPerUser       stored AccessKeys per RAM user, and per root identity
 *                                ({@code LimitExceeded.User.AccessKey})
 * @param versionsPerPolicy       versions per custom policy ({@code LimitExceeded.Policy.Version})
 * @param groupsPerUser           groups one user may join ({@code LimitExceeded.User.Group})
 * @param systemPoliciesPerEntity system policies attached to one user, group or role
 *                                ({@code LimitExceeded.User.Policy} / {@code .Group.Policy} / {@code .Role.Policy})
 * @param customPoliciesPerEntity custom policies attached to one user, group or role (same codes)
 */
public record RamLimits(int users, int groups, int roles, int customPolicies, int accessKeysPerUser,
                        int versionsPerPolicy, int groupsPerUser, int systemPoliciesPerEntity,
                        int customPoliciesPerEntity) {
    public RamLimits {
        if (users < 1 || groups < 1 || roles < 1 || customPolicies < 1 || accessKeysPerUser < 1
                || versionsPerPolicy < 1 || groupsPerUser < 1 || systemPoliciesPerEntity < 1
                || customPoliciesPerEntity < 1) {
            throw new IllegalArgumentException("every RAM limit must be at least 1: " + this);
        }
    }

    /**
     * 1,000 users, 300 groups, 1,000 roles, 1,500 custom policies (today's defaults, larger than the old 100 / 50 /
     * 100 / 200 [U]); 2 AccessKeys per user, 5 versions per policy, 5 groups per user, 20 system and 5 custom
     * policies per user, group or role (the published limits).
     */
    public static RamLimits defaults() {
        return new RamLimits(1_000, 300, 1_000, 1_500, 2, 5, 5, 20, 5);
    }
}
