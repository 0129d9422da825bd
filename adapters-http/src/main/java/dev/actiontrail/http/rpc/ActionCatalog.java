package dev.actiontrail.http.rpc;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.event.LookupKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions each API version serves and their parameters (API reference notes §2, §3, §4): the wire shapes as
 * data, shared by the server and the CLI.
 */
public final class ActionCatalog {
    private static final Map<ApiVersion, Map<String, ActionDoc>> CATALOG = Map.of(
            ApiVersion.V2020_07_06, build(ApiVersion.V2020_07_06),
            ApiVersion.V2017_12_04, build(ApiVersion.V2017_12_04));

    private ActionCatalog() {
    }

    /** The actions of {@code version}, by name, in documentation order. */
    public static Map<String, ActionDoc> of(ApiVersion version) {
        return CATALOG.get(version);
    }

    /** The 2017-12-04 LookupEvents filter parameters ({@code EventName}, {@code Event}, {@code Request}, …). */
    public static List<String> legacyLookupFilters() {
        List<String> names = new ArrayList<>();
        for (LookupKey k : LookupKey.values()) {
            k.parameterName(ApiVersion.V2017_12_04).ifPresent(names::add);
        }
        return names;
    }

    private static Map<String, ActionDoc> build(ApiVersion v) {
        boolean legacy = v == ApiVersion.V2017_12_04;
        List<String> trail = legacy
                ? List.of("Name", "OssBucketName", "RoleName", "OssKeyPrefix", "SlsProjectArn", "SlsWriteRoleArn",
                        "EventRW", "TrailRegion")
                : List.of("Name", "OssBucketName", "OssKeyPrefix", "OssWriteRoleArn", "SlsProjectArn",
                        "SlsWriteRoleArn", "MaxComputeProjectArn", "MaxComputeWriteRoleArn", "EventRW", "TrailRegion",
                        "IsOrganizationTrail");
        List<String> lookup = new ArrayList<>(legacy ? legacyLookupFilters()
                : List.of("LookupAttribute.N.Key", "LookupAttribute.N.Value"));
        lookup.addAll(List.of("StartTime", "EndTime", "Direction", "MaxResults", "NextToken"));
        Map<String, ActionDoc> m = new LinkedHashMap<>();
        add(m, "CreateTrail", "Creates a trail (a new trail is Fresh and does not log until StartLogging).", trail);
        add(m, "UpdateTrail", "Updates the given settings of a trail; call it from the trail's home region.",
                trail.stream().filter(n -> !n.equals("IsOrganizationTrail")).toList());
        add(m, "DeleteTrail", "Deletes a trail.", List.of("Name"));
        add(m, "DescribeTrails", "Lists the trails of the region.", legacy
                ? List.of("NameList", "IncludeShadowTrails")
                : List.of("NameList", "IncludeShadowTrails", "IncludeOrganizationTrail"));
        add(m, "GetTrailStatus", "Shows whether a trail is logging and how its delivery goes.",
                legacy ? List.of("Name") : List.of("Name", "IsOrganizationTrail"));
        add(m, "StartLogging", "Starts logging: the trail delivers events from now on.", List.of("Name"));
        add(m, "StopLogging", "Stops logging.", List.of("Name"));
        add(m, "DescribeRegions", "Lists the regions ActionTrail serves.",
                legacy ? List.of() : List.of("AcceptLanguage"));
        add(m, "LookupEvents", "Looks up events of the event history (last 90 days, at most 30 days per query).",
                lookup);
        if (!legacy) {
            add(m, "CreateDeliveryHistoryJob", "Backfills a trail's destinations with the events of the last 90 days.",
                    List.of("TrailName", "ClientToken"));
            add(m, "GetDeliveryHistoryJob", "Shows a delivery history job and its progress per region.",
                    List.of("JobId"));
            add(m, "ListDeliveryHistoryJobs", "Lists delivery history jobs, newest first.",
                    List.of("PageNumber", "PageSize"));
            add(m, "DeleteDeliveryHistoryJob", "Deletes a delivery history job.", List.of("JobId"));
        }
        return m;
    }

    private static void add(Map<String, ActionDoc> m, String name, String summary, List<String> params) {
        m.put(name, new ActionDoc(name, summary, List.copyOf(params)));
    }
}
