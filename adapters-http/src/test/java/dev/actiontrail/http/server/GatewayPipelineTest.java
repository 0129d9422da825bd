package dev.actiontrail.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ErrorCode;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.testing.InMemoryEventStore;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.CallAuthorizer;
import dev.actiontrail.http.spec.ProductApi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's pipeline without HTTP ({@link Gateway#local}, the path of the operator's CLI): authorization runs
 * once before the handler, and every call — allowed, denied or crashed — is recorded under the RequestId its
 * answer carries.
 */
class GatewayPipelineTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final InMemoryEventStore events = new InMemoryEventStore();
    private final AtomicInteger handled = new AtomicInteger();

    /** A product of two actions: {@code Fine} answers, {@code Crash} fails as no API error would. */
    private final ProductApi product = new ProductApi() {
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
            return "2020-07-06".equals(version);
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
            Map<String, ActionSpec> m = new LinkedHashMap<>();
            m.put("Fine", new ActionSpec("Fine", "answers", List.of("Name"), false, "actiontrail:Fine",
                    ActionSpec.one("acs:actiontrail:{region}:{account}:trail/{Name}"), null, call -> "", call -> {
                        handled.incrementAndGet();
                        return Map.of("Done", true);
                    }));
            m.put("Crash", new ActionSpec("Crash", "fails", List.of(), false, "actiontrail:Crash", call -> List.of("*"), null,
                    call -> "", call -> {
                        handled.incrementAndGet();
                        throw new IllegalStateException("a bug of ours");
                    }));
            return m;
        }
    };

    private Gateway gateway(CallAuthorizer authorizer) {
        return new Gateway(List.of(product), null, authorizer, new EventRecorder(events, clock, HistoryWindow.DEFAULT),
                id -> Account.of(id, null), "cn-hangzhou", IdSource.random(), clock);
    }

    private ApiResponse call(Gateway gateway, Caller caller, String action) {
        return gateway.local(caller, Map.of("Action", action, "Version", "2020-07-06", "Name", "trail-one"),
                "cn-hangzhou", "actiontrail-cli-test");
    }

    private List<JsonNode> recorded() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var e : events.find(new EventQuery(ACCOUNT, List.of(), clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plus(Duration.ofDays(1)), Direction.FORWARD, null), 100)) {
            out.add(JSON.readTree(e.json()));
        }
        return out;
    }

    private static Caller user() {
        return new Caller(new Principal.User(ACCOUNT, "2000000000000001", "alice"), "LTAIalice");
    }

    @Test
    void aDenyingAuthorizerStopsTheCallBeforeItsHandlerAndTheRefusalIsRecorded() throws Exception {
        List<String> resources = new ArrayList<>();
        CallAuthorizer denyAll = (caller, p, action, resource, facts) -> {
            resources.add(action.ramAction() + " " + resource);
            throw p.noPermission().exception();
        };
        ApiResponse r = call(gateway(denyAll), user(), "Fine");
        assertEquals(403, r.status());
        assertEquals("NoPermission", r.body().get("Code"));
        assertEquals(0, handled.get(), "the handler never ran");
        assertEquals(List.of("actiontrail:Fine acs:actiontrail:cn-hangzhou:" + ACCOUNT.value() + ":trail/trail-one"),
                resources);
        List<JsonNode> on = recorded();
        assertEquals(1, on.size());
        assertEquals(r.body().get("RequestId"), on.get(0).path("requestId").asText());
        assertEquals("NoPermission", on.get(0).path("errorCode").asText());
        assertEquals("ram-user", on.get(0).path("userIdentity").path("type").asText());
    }

    @Test
    void aCrashIsAnsweredAndRecordedAsInternalErrorUnderItsRequestId() throws Exception {
        ApiResponse r = call(gateway(CallAuthorizer.ALLOW_ALL), user(), "Crash");
        assertEquals(500, r.status());
        assertEquals("InternalError", r.body().get("Code"));
        List<JsonNode> on = recorded();
        assertEquals(1, on.size());
        assertEquals(r.body().get("RequestId"), on.get(0).path("eventId").asText());
        assertEquals("InternalError", on.get(0).path("errorCode").asText());
        assertTrue(!on.get(0).toString().contains("a bug of ours"), "no internal detail in the record");
    }

    @Test
    void aLocalCallOfTheOperatorIsAuthorizedAsRootAndRecorded() throws Exception {
        List<Caller> asked = new ArrayList<>();
        CallAuthorizer watching = (caller, p, action, resource, facts) -> asked.add(caller);
        ApiResponse r = call(gateway(watching), Caller.localRoot(ACCOUNT), "Fine");
        assertEquals(200, r.status());
        assertEquals(List.of(Caller.localRoot(ACCOUNT)), asked);
        List<JsonNode> on = recorded();
        assertEquals(1, on.size());
        assertEquals("Fine", on.get(0).path("eventName").asText());
        assertEquals("root-account", on.get(0).path("userIdentity").path("type").asText());
        assertEquals("actiontrail-cli-test", on.get(0).path("userAgent").asText());
    }
}
