package dev.actiontrail.core.event;

import dev.actiontrail.core.event.AuditEvent.Attribute;
import dev.actiontrail.core.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.actiontrail.core.testing.Events.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is extracted from an event record (§5) to index and route it. */
class AuditEventTest {

    private static List<String> values(AuditEvent e, LookupKey key) {
        return e.attributes().stream().filter(a -> a.key() == key).map(Attribute::value).toList();
    }

    /** The DescribeMetricList event of the Sentinel sample (assumed role, eventVersion "1"). */
    private static Map<String, Object> describeMetricList() {
        return record(
                "acsRegion", "cn-hangzhou",
                "additionalEventData", record("CallerBid", "26888"),
                "apiVersion", "2019-01-01",
                "eventCategory", "Management",
                "eventId", "D1EC688E-2AB3-54F1-A669-1F54B3F27276",
                "eventName", "DescribeMetricList",
                "eventRW", "Read",
                "eventSource", "metrics-share.aliyuncs.com",
                "eventTime", "2022-04-12T10:23:43Z",
                "eventType", "ApiCall",
                "eventVersion", "1",
                "requestId", "D1EC688E-2AB3-54F1-A669-1F54B3F27276",
                "requestParameters", record("MetricName", "delivery_oss_success_count", "Period", 60,
                        "Dimensions", List.of(record("instanceId", "ali_trail_log")),
                        "stsTokenPlayerUid", 1124245511283938L),
                "serviceName", "Cms",
                "sourceIpAddress", "actiontrail.aliyuncs.com",
                "userAgent", "actiontrail.aliyuncs.com",
                "userIdentity", record(
                        "accessKeyId", "STS.NUav87jQZ3eT9TTP18tYDuvSS",
                        "accountId", "5558349267652842",
                        "principalId", "353345730733868420:actiontrail",
                        "sessionContext", record("attributes",
                                record("mfaAuthenticated", "false", "creationDate", "2022-04-12T10:23:43Z")),
                        "type", "assumed-role",
                        "userName", "aliyunserviceroleforactiontrail:actiontrail"));
    }

    /** The DeleteDisk system event of the stratocloud sample (eventVersion 1, SensitiveAction, references). */
    private static Map<String, Object> deleteDisk() {
        return record(
                "eventId", "92b33345-0cef-47be-821f-fb9914d3****",
                "eventAttributes", record("SensitiveAction", "true"),
                "eventVersion", 1,
                "sourceIpAddress", "ecs.aliyuncs.com",
                "userAgent", "ecs.aliyuncs.com",
                "eventRW", "Write",
                "eventType", "ApiCall",
                "referencedResources", record(
                        "ACS::ECS::Instance", List.of("i-8vb0smn1lf6g77md****"),
                        "ACS::ECS::Disk", List.of("d-8vbf8rpv2nn0l1zm****")),
                "userIdentity", record("type", "system", "userName", "ecs.aliyuncs.com"),
                "serviceName", "Ecs",
                "requestId", "32B7EB75-62EE-511E-9449-E19EBF67C2ED",
                "eventTime", "2022-10-22T21:52:00Z",
                "isGlobal", false,
                "acsRegion", "cn-hangzhou",
                "eventName", "DeleteDisk");
    }

    @Test
    void theAssumedRoleSampleIsIndexed() {
        AuditEvent e = Events.event(describeMetricList());
        assertEquals("D1EC688E-2AB3-54F1-A669-1F54B3F27276", e.eventId());
        assertEquals(Instant.parse("2022-04-12T10:23:43Z"), e.eventTime());
        assertEquals("cn-hangzhou", e.acsRegion());
        assertEquals("Read", e.eventRW());
        assertEquals(List.of(
                new Attribute(LookupKey.EventId, "D1EC688E-2AB3-54F1-A669-1F54B3F27276"),
                new Attribute(LookupKey.EventName, "DescribeMetricList"),
                new Attribute(LookupKey.EventType, "ApiCall"),
                new Attribute(LookupKey.EventRW, "Read"),
                new Attribute(LookupKey.ServiceName, "Cms"),
                new Attribute(LookupKey.SourceIpAddress, "actiontrail.aliyuncs.com"),
                new Attribute(LookupKey.RequestId, "D1EC688E-2AB3-54F1-A669-1F54B3F27276"),
                new Attribute(LookupKey.User, "aliyunserviceroleforactiontrail:actiontrail"),
                new Attribute(LookupKey.EventAccessKeyId, "STS.NUav87jQZ3eT9TTP18tYDuvSS"),
                new Attribute(LookupKey.RoleName, "aliyunserviceroleforactiontrail")), e.attributes());
    }

    @Test
    void theSystemEventSampleIsIndexed() {
        AuditEvent e = Events.event(deleteDisk());
        assertEquals(List.of("true"), values(e, LookupKey.SensitiveAction));
        assertEquals(List.of("ecs.aliyuncs.com"), values(e, LookupKey.User));
        assertEquals(List.of(), values(e, LookupKey.RoleName));
        assertEquals(List.of(), values(e, LookupKey.EventAccessKeyId));
        assertEquals(List.of("ACS::ECS::Instance", "ACS::ECS::Disk"), values(e, LookupKey.ResourceType));
        assertEquals(List.of("i-8vb0smn1lf6g77md****", "d-8vbf8rpv2nn0l1zm****"), values(e, LookupKey.ResourceName));
        assertEquals("Write", e.eventRW());
    }

    @Test
    void theJsonTextIsKeptAsGiven() {
        String json = "{ \"eventId\" : \"E1\",\n  \"eventTime\":\"2022-04-12T10:23:43Z\", \"unknownField\": [1, {}] }";
        AuditEvent e = AuditEvent.of(json, record("eventId", "E1", "eventTime", "2022-04-12T10:23:43Z",
                "unknownField", List.of(1, record())));
        assertSame(json, e.json());
        assertEquals(List.of(new Attribute(LookupKey.EventId, "E1")), e.attributes());
        assertNull(e.acsRegion());
        assertNull(e.eventRW());
    }

    @Test
    void eventVersionMayBeANumberOrAString() {
        Map<String, Object> asString = describeMetricList();
        Map<String, Object> asNumber = describeMetricList();
        asNumber.put("eventVersion", 1);
        Map<String, Object> empty = describeMetricList();
        empty.put("eventVersion", "");
        Map<String, Object> absent = describeMetricList();
        absent.remove("eventVersion");

        AuditEvent s = Events.event(asString);
        assertEquals(s.attributes(), Events.event(asNumber).attributes());
        assertEquals(s.attributes(), Events.event(empty).attributes());
        assertEquals(s.eventTime(), Events.event(absent).eventTime());
        assertTrue(Events.event(asNumber).json().contains("\"eventVersion\":1,"));
        assertTrue(s.json().contains("\"eventVersion\":\"1\","));
    }

    @Test
    void resourceNamesAndTypesAreSplitOnCommaAndSemicolon() {
        AuditEvent e = Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "resourceType", "ACS::ECS::Instance;ACS::ECS::SecurityGroup",
                "resourceName", "i-bp1, i-bp2;sg-1;;,");
        assertEquals(List.of("ACS::ECS::Instance", "ACS::ECS::SecurityGroup"), values(e, LookupKey.ResourceType));
        assertEquals(List.of("i-bp1", "i-bp2", "sg-1"), values(e, LookupKey.ResourceName));
    }

    @Test
    void referencedResourcesAddTheirKeysAsTypesAndTheirValuesAsNames() {
        AuditEvent e = Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "resourceType", "ACS::SLB::LoadBalancer",
                "resourceName", "lb-1",
                "referencedResources", record(
                        "ACS::SLB::LoadBalancer", List.of("lb-1", "lb-2"),
                        "ACS::OSS::Bucket", "b-1,b-2",
                        "ACS::RAM::User", List.of()));
        assertEquals(List.of("ACS::SLB::LoadBalancer", "ACS::OSS::Bucket", "ACS::RAM::User"),
                values(e, LookupKey.ResourceType));
        assertEquals(List.of("lb-1", "lb-2", "b-1", "b-2"), values(e, LookupKey.ResourceName),
                "each value once, in order");
    }

    @ParameterizedTest
    @CsvSource({
            "assumed-role, custom-role-for-actiontrail:u1, custom-role-for-actiontrail",
            "assumed-role, AliyunServiceRoleForActionTrail:session:x, AliyunServiceRoleForActionTrail",
            "assumed-role, role-without-session, ",
            "ram-user,     alice:bob, ",
            "root-account, root, ",
    })
    void theRoleNameIsTheUserNameOfAnAssumedRoleBeforeTheColon(String type, String userName, String role) {
        AuditEvent e = Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "userIdentity", record("type", type, "userName", userName));
        assertEquals(role == null ? List.of() : List.of(role), values(e, LookupKey.RoleName));
        assertEquals(List.of(userName), values(e, LookupKey.User));
    }

    @Test
    void sensitiveActionComesFromEventAttributes() {
        assertEquals(List.of("true"), values(Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "eventAttributes", record("SensitiveAction", "true")), LookupKey.SensitiveAction));
        assertEquals(List.of("true"), values(Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "eventAttributes", record("SensitiveAction", true)), LookupKey.SensitiveAction));
        assertEquals(List.of(), values(Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "eventAttributes", record("Other", "true")), LookupKey.SensitiveAction));
        assertEquals(List.of(), values(Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "SensitiveAction", "true"), LookupKey.SensitiveAction));
    }

    @Test
    void emptyOrStructuredValuesAreNotIndexed() {
        AuditEvent e = Events.apiCall("E1", "2024-05-19T10:00:00Z",
                "eventName", "", "serviceName", record("x", 1), "sourceIpAddress", List.of("10.0.0.1"),
                "userIdentity", "alice");
        assertEquals(List.of(), values(e, LookupKey.EventName));
        assertEquals(List.of(), values(e, LookupKey.ServiceName));
        assertEquals(List.of(), values(e, LookupKey.SourceIpAddress));
        assertEquals(List.of(), values(e, LookupKey.User));
    }

    @Test
    void aMissingOrEmptyEventIdIsInvalid() {
        Map<String, Object> r = deleteDisk();
        r.remove("eventId");
        InvalidEventException missing = assertThrows(InvalidEventException.class, () -> Events.event(r));
        assertEquals("missing eventId", missing.getMessage());
        r.put("eventId", "");
        assertEquals("missing eventId", assertThrows(InvalidEventException.class, () -> Events.event(r)).getMessage());
        r.put("eventId", record("id", "x"));
        assertEquals("missing eventId", assertThrows(InvalidEventException.class, () -> Events.event(r)).getMessage());
    }

    @Test
    void aMissingOrNonTextEventTimeIsInvalid() {
        Map<String, Object> r = deleteDisk();
        r.remove("eventTime");
        assertEquals("missing eventTime",
                assertThrows(InvalidEventException.class, () -> Events.event(r)).getMessage());
        r.put("eventTime", 1666475520000L);
        assertEquals("missing eventTime",
                assertThrows(InvalidEventException.class, () -> Events.event(r)).getMessage());
    }

    @Test
    void thePascalCaseExportVariantIsNotAnEvent() {
        Map<String, Object> flink = record("EventId", "83BB0682-9EBA-402F-8359-26B1676A9EE2",
                "EventTime", "2020-12-01T11:54:59.366+0000", "EventVersion", "");
        assertThrows(InvalidEventException.class, () -> Events.event(flink));
    }

    @ParameterizedTest
    @CsvSource({
            "2022-04-12T10:23:43Z,           2022-04-12T10:23:43Z",
            "2020-12-01T11:54:59.366+0000,   2020-12-01T11:54:59.366Z",
            "2020-12-01T11:54:59+00:00,      2020-12-01T11:54:59Z",
            "2020-12-01T19:54:59.5+08:00,    2020-12-01T11:54:59.500Z",
            "2020-12-01T19:54:59+0800,       2020-12-01T11:54:59Z",
            "2020-12-01T11:54:59.123456789Z, 2020-12-01T11:54:59.123456789Z",
    })
    void eventTimesWithFractionsAndOffsetsAreUtcInstants(String text, String utc) {
        assertEquals(Instant.parse(utc), AuditEvent.parseEventTime(text));
        assertEquals(Instant.parse(utc), Events.apiCall("E1", text).eventTime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-04-12T10:23:43", "2022-04-12", "2022-04-12 10:23:43Z", "yesterday", "",
            "2022-13-12T10:23:43Z", "Wed Dec 02 15:41:06 CST 2015", "1547792223000"})
    void malformedEventTimesAreInvalid(String text) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> AuditEvent.parseEventTime(text));
        assertEquals("malformed eventTime: " + text, e.getMessage());
        assertThrows(InvalidEventException.class, () -> Events.apiCall("E1", text));
    }

    @Test
    void nullJsonIsRejected() {
        Map<String, Object> r = new HashMap<>(deleteDisk());
        assertThrows(NullPointerException.class, () -> AuditEvent.of(null, r));
    }
}
