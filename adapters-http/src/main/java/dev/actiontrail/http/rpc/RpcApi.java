package dev.actiontrail.http.rpc;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.delivery.HistoryJobService;
import dev.actiontrail.core.destination.ResourceDirectory;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.event.LookupEventsService;
import dev.actiontrail.core.event.LookupRequest;
import dev.actiontrail.core.region.AcceptLanguage;
import dev.actiontrail.core.region.RegionCatalogue;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRequest;
import dev.actiontrail.core.trail.TrailService;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.EnumMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import dev.actiontrail.core.error.ErrorCode;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.Invocation;
import dev.actiontrail.http.spec.ProductApi;

/**
 * The ActionTrail product (API reference notes §2, §3): its actions as {@link ActionSpec}s — parameters, Read/Write,
 * RAM action and resource ARN (access-control reference §1.2, from the published RAM tables: {@code CreateTrail} and
 * {@code DescribeTrails} on {@code acs:actiontrail:{region}:{account}:trail/*}; {@code UpdateTrail},
 * {@code DeleteTrail}, {@code GetTrailStatus}, {@code StartLogging}, {@code StopLogging} on
 * {@code …:trail/{Name}} with the trail's home region, whichever region the call names; every other action on
 * {@code *}; {@code DescribeRegions} needs no permission) — and the
 * thin handlers that run the core use cases.
 *
 * <p>Actions served, in both 2020-07-06 and 2017-12-04: CreateTrail, UpdateTrail, DeleteTrail, DescribeTrails,
 * GetTrailStatus, StartLogging, StopLogging, DescribeRegions, LookupEvents; in 2020-07-06 also
 * CreateDeliveryHistoryJob, GetDeliveryHistoryJob, ListDeliveryHistoryJobs, DeleteDeliveryHistoryJob. Security
 * Center's version {@code 2018-12-03} is routed here too; its service-trail actions are not served yet
 * ({@code InvalidAction}). A region ActionTrail does not serve is {@code InvalidRegionId}.
 */
public final class RpcApi implements ProductApi {
    /** The Security Center (product Sas) API version, routed here for its service-trail calls (seed 000). */
    public static final String SAS_VERSION = "2018-12-03";
    private static final String TRAILS = "acs:actiontrail:{region}:{account}:trail/*";
    private static final String TRAIL_TYPE = "ACS::ActionTrail::Trail";
    /** The actions that only read (eventRW {@code Read}); every other one writes. */
    private static final Set<String> READS = Set.of("DescribeTrails", "GetTrailStatus", "DescribeRegions",
            "LookupEvents", "GetDeliveryHistoryJob", "ListDeliveryHistoryJobs");

    private final TrailService trails;
    private final LookupEventsService lookup;
    private final HistoryJobService historyJobs;
    private final ResourceDirectory resources;
    private final Map<ApiVersion, Map<String, ActionSpec>> specs = new EnumMap<>(ApiVersion.class);

    /** Maps one call to its response fields (without RequestId). */
    @FunctionalInterface
    private interface Handler {
        Map<String, Object> handle(CallContext ctx, Params params);
    }

    public RpcApi(TrailService trails, LookupEventsService lookup, HistoryJobService historyJobs,
                  ResourceDirectory resources) {
        this.trails = Objects.requireNonNull(trails);
        this.historyJobs = Objects.requireNonNull(historyJobs);
        this.lookup = Objects.requireNonNull(lookup);
        this.resources = Objects.requireNonNull(resources);
        Map<String, Handler> handlers = handlers();
        for (ApiVersion v : ApiVersion.values()) {
            Map<String, ActionSpec> m = new LinkedHashMap<>();
            for (ActionDoc doc : ActionCatalog.of(v).values()) {
                m.put(doc.name(), spec(doc, v, handlers.get(doc.name())));
            }
            specs.put(v, Map.copyOf(m));
        }
    }

    @Override
    public String product() {
        return "Actiontrail";
    }

    @Override
    public String serviceCode() {
        return "actiontrail";
    }

    @Override
    public boolean serves(String version) {
        return version.equals(SAS_VERSION) || ApiVersion.isKnown(version);
    }

    @Override
    public String host(String region) {
        return "actiontrail." + region + ".aliyuncs.com";
    }

    @Override
    public ErrorCode noPermission() {
        return ApiError.NO_PERMISSION;
    }

    @Override
    public Map<String, ActionSpec> actions(String version) {
        return ApiVersion.isKnown(version) ? specs.get(ApiVersion.parse(version)) : Map.of();
    }

    /** @throws ApiException {@code InvalidRegionId} for a region ActionTrail does not serve */
    @Override
    public Optional<ActionSpec> action(String name, String version, String region) {
        Optional<ActionSpec> spec = Optional.ofNullable(actions(version).get(name));
        if (spec.isPresent() && !RegionCatalogue.isKnown(region)) {
            throw ApiError.INVALID_REGION_ID.exception();
        }
        return spec;
    }

    /**
     * {@code acs:actiontrail:<region>:<account>:trail/<Name>} with the trail's home region when it exists (the call's
     * region otherwise): the same ARN whichever region a call on the trail is sent to.
     */
    private String trailArn(Invocation call) {
        String name = call.param("Name");
        String region = trails.homeRegion(call.account().id(), name).orElse(call.region());
        return "acs:actiontrail:" + region + ":" + call.account().id().value() + ":trail/"
                + (name == null || name.isEmpty() ? "*" : name);
    }

    private ActionSpec spec(ActionDoc doc, ApiVersion version, Handler handler) {
        String name = doc.name();
        boolean trailAction = Set.of("UpdateTrail", "DeleteTrail", "GetTrailStatus", "StartLogging", "StopLogging")
                .contains(name);
        boolean trailsAction = name.equals("CreateTrail") || name.equals("DescribeTrails");
        String ramAction = name.equals("DescribeRegions") ? null : "actiontrail:" + name;
        Function<Invocation, String> resource = trailAction ? this::trailArn
                : trailsAction ? ActionSpec.arn(TRAILS) : call -> "*";
        boolean namesTrails = trailAction || trailsAction;
        Function<Invocation, String> resourceName = call -> namesTrails
                ? (call.param("Name") != null ? call.param("Name") : call.param("NameList")) : null;
        return new ActionSpec(name, doc.summary(), doc.parameters(), READS.contains(name), ramAction,
                ActionSpec.one(resource),
                namesTrails ? TRAIL_TYPE : null, resourceName,
                call -> handler.handle(new CallContext(call.account(), call.region(), version), call.params()));
    }

    /** The error response of a failed ActionTrail call (§1.7): RequestId, HostId, Code, Message, Recommend. */
    public static ApiResponse error(String action, String region, String requestId, ApiException e) {
        return ErrorAnswers.of("Actiontrail", "actiontrail." + region + ".aliyuncs.com", action, requestId, e);
    }

    private Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new LinkedHashMap<>();
        handlers.put("CreateTrail", (ctx, p) -> Shapes.trailConfig(trails.create(ctx, trailRequest(p)), ctx.version()));
        handlers.put("UpdateTrail", (ctx, p) -> Shapes.trailConfig(trails.update(ctx, trailRequest(p)), ctx.version()));
        handlers.put("DeleteTrail", (ctx, p) -> {
            trails.delete(ctx, p.get("Name"));
            return Map.of();
        });
        handlers.put("DescribeTrails", this::describeTrails);
        handlers.put("GetTrailStatus", (ctx, p) -> Shapes.trailStatus(
                trails.status(ctx, p.get("Name"), p.bool("IsOrganizationTrail", false)), ctx.version()));
        handlers.put("StartLogging", (ctx, p) -> {
            trails.startLogging(ctx, p.get("Name"));
            return Map.of();
        });
        handlers.put("StopLogging", (ctx, p) -> {
            trails.stopLogging(ctx, p.get("Name"));
            return Map.of();
        });
        handlers.put("DescribeRegions", (ctx, p) ->
                Shapes.regions(AcceptLanguage.parse(p.get("AcceptLanguage")), ctx.version()));
        handlers.put("LookupEvents", (ctx, p) -> Shapes.events(lookup.lookup(ctx, lookupRequest(p, ctx.version()))));
        handlers.put("CreateDeliveryHistoryJob", (ctx, p) -> Map.of("JobId",
                historyJobs.create(ctx, p.get("TrailName"), p.get("ClientToken")).jobId()));
        handlers.put("GetDeliveryHistoryJob", (ctx, p) -> Shapes.historyJob(historyJobs.get(ctx, p.get("JobId")), true));
        handlers.put("ListDeliveryHistoryJobs", (ctx, p) -> Shapes.historyJobs(
                historyJobs.list(ctx, p.get("PageNumber"), p.get("PageSize"))));
        handlers.put("DeleteDeliveryHistoryJob", (ctx, p) -> {
            historyJobs.delete(ctx, p.get("JobId"));
            return Map.of();
        });
        return handlers;
    }

    private Map<String, Object> describeTrails(CallContext ctx, Params p) {
        List<Trail> found = trails.describe(ctx, p.list("NameList"), p.bool("IncludeShadowTrails", false));
        p.bool("IncludeOrganizationTrail", false); // validated only: the account's own organization trail is listed
        Function<Trail, String> bucketRegion = t -> t.hasOss()
                ? resources.bucketRegion(t.accountId(), t.ossBucketName()).orElse("") : "";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TrailList", found.stream()
                .map(t -> Shapes.trailItem(t, bucketRegion.apply(t), ctx.region(), ctx.version())).toList());
        return m;
    }

    private static TrailRequest trailRequest(Params p) {
        return new TrailRequest(p.get("Name"), p.get("OssBucketName"), p.get("OssKeyPrefix"), p.get("OssWriteRoleArn"),
                p.get("SlsProjectArn"), p.get("SlsWriteRoleArn"), p.get("MaxComputeProjectArn"),
                p.get("MaxComputeWriteRoleArn"), p.get("RoleName"), p.get("EventRW"), p.get("TrailRegion"),
                p.get("IsOrganizationTrail"));
    }

    private static LookupRequest lookupRequest(Params p, ApiVersion version) {
        List<Map.Entry<String, String>> attributes;
        if (version == ApiVersion.V2020_07_06) {
            attributes = p.pairs("LookupAttribute", "Key", "Value");
        } else {
            attributes = new ArrayList<>();
            for (String name : ActionCatalog.legacyLookupFilters()) {
                String value = p.get(name);
                if (value != null && !value.isEmpty()) {
                    attributes.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
                }
            }
        }
        return new LookupRequest(attributes, p.get("StartTime"), p.get("EndTime"), p.get("Direction"),
                p.get("MaxResults"), p.get("NextToken"));
    }

}
