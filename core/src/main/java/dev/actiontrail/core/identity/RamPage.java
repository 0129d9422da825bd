package dev.actiontrail.core.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a RAM list (ListUsers, ListGroups, ListRoles, ListPolicies, ListUsersForGroup): the items, whether
 * more follow ({@code IsTruncated}) and, only then, the {@code Marker} that asks for them.
 *
 * <p>The marker is opaque to clients: the URL-safe Base64 of the sort key of the next page's first item, so a page
 * continues where the last one stopped even if items were added or removed meanwhile. An unreadable marker is
 * {@code InvalidParameter.Marker}; {@code MaxItems} must be 1–1,000 (default 100), else
 * {@code InvalidParameter.MaxItems} [I].
 *
 * @param marker null unless {@code isTruncated}
 */
public record RamPage<T>(List<T> items, boolean isTruncated, String marker) {
    /** Largest {@code MaxItems}. */
    public static final int MAX_ITEMS = 1_000;
    /** {@code MaxItems} when not sent. */
    public static final int DEFAULT_MAX_ITEMS = 100;

    public RamPage {
        items = List.copyOf(items);
    }

    /**
     * The page of {@code all} that starts at {@code marker} (or at the start) and holds at most {@code maxItems}.
     *
     * @param key      each item's unique sort key; items are listed in the order of their keys
     * @param marker   the request's Marker, or null
     * @param maxItems the request's MaxItems, or null
     */
    public static <T> RamPage<T> of(List<T> all, Function<T, String> key, String marker, String maxItems) {
        int limit = RamInput.integer("MaxItems", maxItems, 1, MAX_ITEMS, DEFAULT_MAX_ITEMS);
        String from = RamInput.optional(marker) == null ? null : decode(marker);
        List<T> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(key));
        List<T> page = new ArrayList<>();
        for (T item : sorted) {
            if (from != null && key.apply(item).compareTo(from) < 0) {
                continue;
            }
            if (page.size() == limit) {
                return new RamPage<>(page, true, encode(key.apply(item)));
            }
            page.add(item);
        }
        return new RamPage<>(page, false, null);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RamError.invalidValue("Marker");
        }
    }
}
