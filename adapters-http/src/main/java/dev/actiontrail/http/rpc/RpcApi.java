package dev.actiontrail.http.rpc;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.api.IdSource;
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
import java.util.function.Function;

/**
 * The ActionTrail RPC API, independent of transport: takes the decoded parameters of a call (including
 * {@code Action} and {@code Version}), runs the use case and returns the response fields or the API error.
 * The HTTP server and the CLI both answer through this one place.
 *
 * <p>Actions served, in both 2020-07-06 and 2017-12-04 (§2, §3): CreateTrail, UpdateTrail, DeleteTrail,
 * DescribeTrails, GetTrailStatus, StartLogging, StopLogging, DescribeRegions, LookupEvents; in 2020-07-06 also
 * CreateDeliveryHistoryJob, GetDeliveryHistoryJob, ListDeliveryHistoryJobs, DeleteDeliveryHistoryJob. Any other action is
 * {@code InvalidAction} (404); a missing Action or Version is {@code MissingParameter}; an unknown version
 * {@code InvalidVersion}; a region ActionTrail does not serve {@code InvalidRegionId}. Security Center's version {@code 2018-12-03} is routed too; its service-trail actions are
 * not served yet and answer {@code InvalidAction}.
 */
public final class RpcApi {
    /** The Security Center (product Sas) API version, routed here for its service-trail calls (seed 000). */
    public static final String SAS_VERSION = "2018-12-03";

    private final TrailService trails;
    private final LookupEventsService lookup;
    private final HistoryJobService historyJobs;
    private final ResourceDirectory resources;
    private final IdSource ids;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    /** Maps one call to its response fields (without RequestId). */
    @FunctionalInterface
    private interface Handler {
        Map<String, Object> handle(CallContext ctx, Params params);
    }

    public RpcApi(TrailService trails, LookupEventsService lookup, HistoryJobService historyJobs,
                  ResourceDirectory resources, IdSource ids) {
        this.trails = Objects.requireNonNull(trails);
        this.historyJobs = Objects.requireNonNull(historyJobs);
        this.lookup = Objects.requireNonNull(lookup);
        this.resources = Objects.requireNonNull(resources);
        this.ids = Objects.requireNonNull(ids);
        registerHandlers();
    }

    /**
     * Answers one call.
     *
     * @param account the authenticated caller's account
     * @param region  the region of the call: {@code RegionId} when given, else the endpoint's or the default
     * @param params  every request parameter, decoded (query and form body merged)
     * @return the response; never throws for API errors (they become error responses with their HTTP status)
     */
    public ApiResponse call(Account account, String region, Map<String, String> params) {
        return call(account, region, params, ids.requestId());
    }

    /** Answers one call under a request ID chosen by the caller (the gateway records it in the call's event). */
    public ApiResponse call(Account account, String region, Map<String, String> params, String requestId) {
        String action = params.getOrDefault("Action", "");
        try {
            if (action.isEmpty()) {
                throw ApiError.MISSING_PARAMETER.exception("Action");
            }
            String versionText = params.get("Version");
            if (versionText == null || versionText.isEmpty()) {
                throw ApiError.MISSING_PARAMETER.exception("Version");
            }
            if (versionText.equals(SAS_VERSION)) {
                throw ApiError.INVALID_ACTION.exception(); // Security Center's service-trail calls: not yet served
            }
            ApiVersion version = ApiVersion.parse(versionText);
            Handler handler = handlers.get(action);
            if (handler == null || !ActionCatalog.of(version).containsKey(action)) {
                throw ApiError.INVALID_ACTION.exception();
            }
            String callRegion = params.getOrDefault("RegionId", "").isEmpty() ? region : params.get("RegionId");
            if (!RegionCatalogue.isKnown(callRegion)) {
                throw ApiError.INVALID_REGION_ID.exception();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("RequestId", requestId);
            body.putAll(handler.handle(new CallContext(account, callRegion, version), new Params(params)));
            return new ApiResponse(200, action, body);
        } catch (ApiException e) {
            return error(action, region, requestId, e);
        }
    }

    /** The error response of a failed call (§1.7): RequestId, HostId, Code, Message, Recommend. */
    public static ApiResponse error(String action, String region, String requestId, ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "actiontrail." + region + ".aliyuncs.com");
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code() + "&product=Actiontrail&requestId="
                + requestId);
        return new ApiResponse(e.httpStatus(), action, body);
    }

    private void registerHandlers() {
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
