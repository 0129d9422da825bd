package dev.actiontrail.core.trail;

import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.region.RegionCatalogue;

/**
 * The regions a trail covers: {@code All} (default) or one region ID that DescribeRegions returns (§2.2).
 */
public record TrailRegion(String value) {
    public static final TrailRegion ALL = new TrailRegion("All");

    /**
     * Parses the parameter; null or empty means {@code All}.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidQueryParameter} (400) for an unknown region
     */
    public static TrailRegion parse(String value) {
        if (value == null || value.isEmpty() || value.equals(ALL.value)) {
            return ALL;
        }
        if (!RegionCatalogue.isKnown(value)) {
            throw ApiError.INVALID_QUERY_PARAMETER.exception();
        }
        return new TrailRegion(value);
    }

    /** Whether events of {@code regionId} fall under this trail. */
    public boolean covers(String regionId) {
        return this.equals(ALL) || value.equals(regionId);
    }

    @Override
    public String toString() {
        return value;
    }
}
