package dev.actiontrail.core.identity;

import java.security.SecureRandom;

/**
 * The IDs RAM gives its entities: decimal digits from a {@link SecureRandom}, never starting with 0 —
 * {@code UserId} 16 digits, {@code GroupId} and {@code RoleId} 19 digits. Unique in practice (10^15 and more
 * values); the stores also refuse a duplicate. Thread-safe.
 */
public final class RamIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RamIds() {
    }

    /** A new UserId: 16 digits. */
    public static String userId() {
        return digits(16);
    }

    /** A new GroupId: 19 digits. */
    public static String groupId() {
        return digits(19);
    }

    /** A new RoleId: 19 digits. */
    public static String roleId() {
        return digits(19);
    }

    private static String digits(int n) {
        char[] out = new char[n];
        out[0] = (char) ('1' + RANDOM.nextInt(9));
        for (int i = 1; i < n; i++) {
            out[i] = (char) ('0' + RANDOM.nextInt(10));
        }
        return new String(out);
    }
}
