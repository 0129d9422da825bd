package dev.actiontrail.http.rpc;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.delivery.HistoryJob;
import dev.actiontrail.core.delivery.HistoryJobService;
import dev.actiontrail.core.event.EventPage;
import dev.actiontrail.core.region.AcceptLanguage;
import dev.actiontrail.core.region.RegionCatalogue;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailStatusReport;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response shapes of each action and version (API reference notes §2.2–§2.9, §3, §4.2): field names, order and
 * types. Times are ISO-8601 UTC without fractions ({@code 2021-04-06T02:08:38Z}); booleans are JSON booleans;
 * absent times are left out.
 */
final class Shapes {
    private Shapes() {
    }

    /** CreateTrail / UpdateTrail: the stored configuration (§2.2; 2017-12-04 field set of §3). */
    static Map<String, Object> trailConfig(Trail t, ApiVersion version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", t.name());
        m.put("HomeRegion", t.homeRegion());
        m.put("OssBucketName", t.ossBucketName());
        m.put("OssKeyPrefix", t.ossKeyPrefix());
        if (version == ApiVersion.V2017_12_04) {
            m.put("RoleName", t.roleName());
        } else {
            m.put("OssWriteRoleArn", t.ossWriteRoleArn());
        }
        m.put("SlsProjectArn", t.slsProjectArn());
        m.put("SlsWriteRoleArn", t.slsWriteRoleArn());
        if (version == ApiVersion.V2020_07_06) {
            m.put("MaxComputeProjectArn", t.maxComputeProjectArn());
            m.put("MaxComputeWriteRoleArn", t.maxComputeWriteRoleArn());
        }
        m.put("EventRW", t.eventRW().name());
        m.put("TrailRegion", t.trailRegion().value());
        return m;
    }

    /** One DescribeTrails item (§2.5; 2017-12-04 item of §3). {@code bucketRegion} may be empty. */
    static Map<String, Object> trailItem(Trail t, String bucketRegion, String callRegion, ApiVersion version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", t.name());
        m.put("HomeRegion", t.homeRegion());
        m.put("TrailRegion", t.trailRegion().value());
        m.put("Status", t.status().name());
        m.put("EventRW", t.eventRW().name());
        m.put("OssBucketName", t.ossBucketName());
        m.put("OssBucketLocation", bucketRegion.isEmpty() ? "" : "oss-" + bucketRegion);
        m.put("OssKeyPrefix", t.ossKeyPrefix());
        m.put("SlsProjectArn", t.slsProjectArn());
        m.put("SlsWriteRoleArn", t.slsWriteRoleArn());
        m.put("Region", t.homeRegion());
        if (version == ApiVersion.V2017_12_04) {
            m.put("RoleName", t.roleName());
            m.put("IncludeGlobalServiceEvent", true);
            m.put("Type", t.organizationTrail() ? "Organization" : "Standard");
            return m;
        }
        m.put("OssWriteRoleArn", t.ossWriteRoleArn());
        m.put("MaxComputeProjectArn", t.maxComputeProjectArn());
        m.put("MaxComputeWriteRoleArn", t.maxComputeWriteRoleArn());
        m.put("IsOrganizationTrail", t.organizationTrail());
        if (t.organizationTrail()) {
            m.put("OrganizationId", t.organizationId());
        }
        m.put("IsShadowTrail", t.homeRegion().equals(callRegion) ? 0 : 1);
        m.put("TrailArn", t.trailArn());
        m.put("CreateTime", time(t.createTime()));
        m.put("UpdateTime", time(t.updateTime()));
        putTime(m, "StartLoggingTime", t.startLoggingTime());
        putTime(m, "StopLoggingTime", t.stopLoggingTime());
        return m;
    }

    /**
     * GetTrailStatus (§2.6). Delivery times and errors appear only once a delivery was attempted; destination status
     * fields only for the trail's destinations.
     */
    static Map<String, Object> trailStatus(TrailStatusReport r, ApiVersion version) {
        Trail t = r.trail();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("IsLogging", t.isLogging());
        putTime(m, "StartLoggingTime", t.startLoggingTime());
        putTime(m, "StopLoggingTime", t.stopLoggingTime());
        putTime(m, "LatestDeliveryTime", r.latestDeliveryTime());
        if (r.latestDeliveryError() != null) {
            m.put("LatestDeliveryError", r.latestDeliveryError());
        }
        if (version == ApiVersion.V2020_07_06) {
            putTime(m, "LatestDeliveryLogServiceTime", r.latestDeliveryLogServiceTime());
            if (r.latestDeliveryLogServiceError() != null) {
                m.put("LatestDeliveryLogServiceError", r.latestDeliveryLogServiceError());
            }
            if (r.ossBucketStatus() != null) {
                m.put("OssBucketStatus", r.ossBucketStatus());
            }
            if (r.slsLogStoreStatus() != null) {
                m.put("SlsLogStoreStatus", r.slsLogStoreStatus());
            }
        }
        return m;
    }

    /** DescribeRegions (§2.8): nested {@code Regions.Region}; 2017-12-04 items carry only RegionId. */
    static Map<String, Object> regions(AcceptLanguage language, ApiVersion version) {
        List<Map<String, Object>> items = RegionCatalogue.all().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("RegionId", r.regionId());
            if (version == ApiVersion.V2020_07_06) {
                m.put("LocalName", r.localName(language));
                m.put("RegionEndpoint", r.endpoint());
            }
            return m;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Regions", Map.of("Region", items));
        return m;
    }

    /** LookupEvents (§4.2): the window, the events as recorded, and NextToken only when there is a next page. */
    static Map<String, Object> events(EventPage page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("StartTime", time(page.startTime()));
        m.put("EndTime", time(page.endTime()));
        if (page.nextToken() != null) {
            m.put("NextToken", page.nextToken());
        }
        m.put("Events", page.events().stream().map(RawJson::new).toList());
        return m;
    }

    /** One delivery history job: the ListDeliveryHistoryJobs item, or with {@code detailed} GetDeliveryHistoryJob. */
    static Map<String, Object> historyJob(HistoryJob j, boolean detailed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("JobId", j.jobId());
        m.put("TrailName", j.trailName());
        m.put("HomeRegion", j.homeRegion());
        m.put("JobStatus", j.jobStatus());
        m.put("CreatedTime", time(j.createdTime()));
        m.put("UpdatedTime", time(j.updatedTime()));
        m.put("StartTime", time(j.startTime()));
        m.put("EndTime", time(j.endTime()));
        if (detailed) {
            m.put("Status", j.regionStatus().entrySet().stream().map(e -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("Region", e.getKey());
                r.put("Status", e.getValue());
                return r;
            }).toList());
        }
        return m;
    }

    /** ListDeliveryHistoryJobs (§2.10). */
    static Map<String, Object> historyJobs(HistoryJobService.Page page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("DeliveryHistoryJobs", page.jobs().stream().map(j -> historyJob(j, false)).toList());
        m.put("PageNumber", page.pageNumber());
        m.put("PageSize", page.pageSize());
        m.put("TotalCount", page.totalCount());
        return m;
    }

    /** ISO-8601 UTC, whole seconds. */
    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static void putTime(Map<String, Object> m, String field, Instant t) {
        if (t != null) {
            m.put(field, time(t));
        }
    }
}
