package dev.actiontrail.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.http.json.EventJson;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.CallFacts;
import dev.actiontrail.http.spec.Invocation;
import dev.actiontrail.http.spec.ProductApi;

import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * The event of one authenticated API call of any product, shaped like the API reference notes §5 example 1:
 * eventId (the request ID), eventVersion 1, eventName (the action), eventSource (the product's host, e.g.
 * {@code actiontrail.<region>.aliyuncs.com}, {@code ram.aliyuncs.com}), eventTime (UTC, seconds), eventType
 * {@code ApiCall}, eventRW (from the action's spec; {@code Write} for an unknown action), eventCategory
 * {@code Management}, acsRegion, serviceName (the product: {@code Actiontrail}, {@code Ram}, {@code Sts}), apiVersion,
 * requestId, requestParameters (the API parameters and the gateway's fields — never the signature, nonce, token,
 * passwords or other credentials), responseElements (writes that succeeded, without any {@code AccessKeySecret} or
 * {@code SecurityToken}), errorCode / errorMessage (failures, denials included), sourceIpAddress, userAgent,
 * userIdentity by caller type (access-control reference §4.4: {@code root-account}, {@code ram-user} with the user's
 * ID as principalId, {@code assumed-role} with principalId {@code <roleId>:<session>}, userName
 * {@code <role>:<session>} and sessionContext), and the spec's resourceType / resourceName.
 */
final class CallEvents {
    /** Parameters that authenticate a call rather than describe it: never recorded. */
    private static final Set<String> NOT_RECORDED = Set.of("Signature", "SignatureMethod", "SignatureVersion",
            "SignatureNonce", "SignatureType", "Timestamp", "AccessKeyId", "SecurityToken", "Format", "Action",
            "Version", "Password", "NewPassword", "OldPassword", "AccessKeySecret");
    /** Answer fields that are secrets: never recorded in responseElements, at any depth. */
    private static final Set<String> SECRET_FIELDS = Set.of("AccessKeySecret", "SecurityToken", "Password");

    private CallEvents() {
    }

    /**
     * @param spec the action's spec, or null when the call named no served action
     * @param call the call as its handler saw it, or null when it did not get that far
     */
    static AuditEvent of(ProductApi product, ActionSpec spec, Invocation call, String action, String version, String region,
                         Map<String, String> params, Caller caller, ApiResponse response, CallFacts facts) {
        String requestId = (String) response.body().get("RequestId");
        String host = product.host(region);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", requestId);
        e.put("eventVersion", 1);
        e.put("eventName", action);
        e.put("eventSource", host);
        e.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(facts.time().truncatedTo(ChronoUnit.SECONDS)));
        e.put("eventType", "ApiCall");
        String rw = spec == null ? "Write" : spec.eventRW();
        e.put("eventRW", rw);
        e.put("eventCategory", "Management");
        e.put("acsRegion", region);
        e.put("serviceName", product.product());
        e.put("apiVersion", version);
        e.put("requestId", requestId);
        Map<String, Object> request = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!NOT_RECORDED.contains(k)) {
                request.put(k, v);
            }
        });
        request.put("AcsHost", host);
        request.put("AcsProduct", product.product());
        request.put("ServiceCode", product.serviceCode());
        request.put("HostId", host);
        request.put("RequestId", requestId);
        request.put("RegionId", region);
        request.put("Region", region);
        if (caller.principal() instanceof Principal.RoleSession s) {
            request.put("stsTokenPrincipalName", s.roleName() + "/" + s.sessionName());
            request.put("stsTokenPlayerUid", s.assumerAccountId().value());
        }
        e.put("requestParameters", request);
        if (response.ok() && rw.equals("Write")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> elements = (Map<String, Object>) withoutSecrets(response.body());
            elements.remove("RequestId");
            e.put("responseElements", elements);
        }
        if (!response.ok()) {
            e.put("errorCode", response.errorCode());
            e.put("errorMessage", response.body().get("Message"));
        }
        e.put("sourceIpAddress", facts.sourceIp());
        e.put("userAgent", facts.userAgent() == null ? "" : facts.userAgent());
        e.put("userIdentity", userIdentity(caller));
        String names = spec == null || call == null ? null : spec.resourceName().apply(call);
        if (spec != null && spec.resourceType() != null && names != null && !names.isEmpty()) {
            e.put("resourceType", spec.resourceType());
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

    /** The {@code userIdentity} of a caller (§5, access-control reference §4.4). */
    static Map<String, Object> userIdentity(Caller caller) {
        Map<String, Object> identity = new LinkedHashMap<>();
        Principal principal = caller.principal();
        if (principal instanceof Principal.Root r) {
            identity.put("type", "root-account");
            identity.put("principalId", r.accountId().value());
            identity.put("accountId", r.accountId().value());
            identity.put("accessKeyId", caller.accessKeyId());
            identity.put("userName", "root");
        } else if (principal instanceof Principal.User u) {
            identity.put("type", "ram-user");
            identity.put("principalId", u.userId());
            identity.put("accountId", u.accountId().value());
            identity.put("accessKeyId", caller.accessKeyId());
            identity.put("userName", u.userName());
        } else if (principal instanceof Principal.RoleSession s) {
            identity.put("type", "assumed-role");
            identity.put("principalId", s.principalId());
            identity.put("accountId", s.accountId().value());
            identity.put("accessKeyId", caller.accessKeyId());
            identity.put("userName", s.displayName());
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("mfaAuthenticated", "false");
            attributes.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(s.creationTime()));
            identity.put("sessionContext", Map.of("attributes", attributes));
        }
        return identity;
    }

    private static Object withoutSecrets(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!SECRET_FIELDS.contains(String.valueOf(k))) {
                    out.put(String.valueOf(k), withoutSecrets(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(withoutSecrets(v)));
            return out;
        }
        return value;
    }
}
