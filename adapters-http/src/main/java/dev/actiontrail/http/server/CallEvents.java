package dev.actiontrail.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.core.access.AccessKey;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.http.json.EventJson;
import dev.actiontrail.http.rpc.ApiResponse;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ActionTrail event of one authenticated API call, shaped like the API reference notes §5 example 1:
 * eventId (the request ID), eventVersion 1, eventName (the action), eventSource
 * {@code actiontrail.<region>.aliyuncs.com}, eventTime (UTC, seconds), eventType {@code ApiCall}, eventRW
 * ({@code Read} for Describe* / Get* / Lookup* / List*, else {@code Write}), eventCategory {@code Management},
 * acsRegion, serviceName {@code Actiontrail}, apiVersion, requestId, requestParameters (the API parameters and the
 * gateway's fields — never the signature, nonce or credentials), responseElements (writes that succeeded),
 * errorCode / errorMessage (failures), sourceIpAddress, userAgent, userIdentity, and for trail calls resourceType
 * {@code ACS::ActionTrail::Trail} with the trail name(s) as resourceName.
 */
final class CallEvents {
    /** Parameters that authenticate a call rather than describe it: never recorded. */
    private static final Set<String> NOT_RECORDED = Set.of("Signature", "SignatureMethod", "SignatureVersion",
            "SignatureNonce", "SignatureType", "Timestamp", "AccessKeyId", "SecurityToken", "Format", "Action",
            "Version");
    private static final Set<String> TRAIL_ACTIONS = Set.of("CreateTrail", "UpdateTrail", "DeleteTrail",
            "GetTrailStatus", "StartLogging", "StopLogging", "DescribeTrails");

    private CallEvents() {
    }

    /** Whether an action only reads. */
    static String eventRW(String action) {
        for (String prefix : List.of("Describe", "Get", "Lookup", "List")) {
            if (action.startsWith(prefix)) {
                return "Read";
            }
        }
        return "Write";
    }

    static AuditEvent of(String action, String version, String region, Map<String, String> params, AccessKey key,
                         ApiResponse response, Instant now, String sourceIp, String userAgent) {
        String requestId = (String) response.body().get("RequestId");
        String host = "actiontrail." + region + ".aliyuncs.com";
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", requestId);
        e.put("eventVersion", 1);
        e.put("eventName", action);
        e.put("eventSource", host);
        e.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        e.put("eventType", "ApiCall");
        String rw = eventRW(action);
        e.put("eventRW", rw);
        e.put("eventCategory", "Management");
        e.put("acsRegion", region);
        e.put("serviceName", "Actiontrail");
        e.put("apiVersion", version);
        e.put("requestId", requestId);
        Map<String, Object> request = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!NOT_RECORDED.contains(k)) {
                request.put(k, v);
            }
        });
        request.put("AcsHost", host);
        request.put("AcsProduct", "Actiontrail");
        request.put("ServiceCode", "actiontrail");
        request.put("HostId", host);
        request.put("RequestId", requestId);
        request.put("RegionId", region);
        request.put("Region", region);
        e.put("requestParameters", request);
        if (response.ok() && rw.equals("Write")) {
            Map<String, Object> elements = new LinkedHashMap<>(response.body());
            elements.remove("RequestId");
            e.put("responseElements", elements);
        }
        if (!response.ok()) {
            e.put("errorCode", response.errorCode());
            e.put("errorMessage", response.body().get("Message"));
        }
        e.put("sourceIpAddress", sourceIp);
        e.put("userAgent", userAgent == null ? "" : userAgent);
        AccessKey.UserIdentity id = key.identity();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("type", id.type());
        identity.put("principalId", id.principalId());
        identity.put("accountId", id.accountId());
        identity.put("accessKeyId", id.accessKeyId());
        identity.put("userName", id.userName());
        e.put("userIdentity", identity);
        String names = TRAIL_ACTIONS.contains(action) ? params.getOrDefault("Name", params.get("NameList")) : null;
        if (names != null && !names.isEmpty()) {
            e.put("resourceType", "ACS::ActionTrail::Trail");
            e.put("resourceName", names);
        }
        e.put("isGlobal", false);
        try {
            // the text is the compact serialisation of this very tree: no need to parse it back
            return AuditEvent.of(EventJson.MAPPER.writeValueAsString(e), e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
