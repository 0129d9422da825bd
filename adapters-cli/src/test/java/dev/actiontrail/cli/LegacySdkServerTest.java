package dev.actiontrail.cli;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.actiontrail.model.v20200706.CreateTrailRequest;
import com.aliyuncs.actiontrail.model.v20200706.CreateTrailResponse;
import com.aliyuncs.actiontrail.model.v20200706.DeleteTrailRequest;
import com.aliyuncs.actiontrail.model.v20200706.DescribeRegionsRequest;
import com.aliyuncs.actiontrail.model.v20200706.DescribeRegionsResponse;
import com.aliyuncs.actiontrail.model.v20200706.DescribeTrailsRequest;
import com.aliyuncs.actiontrail.model.v20200706.DescribeTrailsResponse;
import com.aliyuncs.actiontrail.model.v20200706.GetTrailStatusRequest;
import com.aliyuncs.actiontrail.model.v20200706.GetTrailStatusResponse;
import com.aliyuncs.actiontrail.model.v20200706.LookupEventsRequest;
import com.aliyuncs.actiontrail.model.v20200706.LookupEventsResponse;
import com.aliyuncs.actiontrail.model.v20200706.StartLoggingRequest;
import com.aliyuncs.actiontrail.model.v20200706.StopLoggingRequest;
import com.aliyuncs.actiontrail.model.v20200706.UpdateTrailRequest;
import com.aliyuncs.actiontrail.model.v20200706.UpdateTrailResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy SDK ({@code aliyun-java-sdk-actiontrail 1.2.0} + {@code aliyun-java-sdk-core 4.7.3}) against the real
 * server: SDK → HTTP (POST, every parameter in the query; StopLogging as GET) → core → SQLite.
 */
class LegacySdkServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;
    ServerFixture fixture;
    IAcsClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        fixture.runtime.resources().createBucket("audit-log", "cn-hangzhou");
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ServerFixture.KEY_ID,
                ServerFixture.KEY_SECRET));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private <T extends AcsResponse> T call(RpcAcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(fixture.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    @Test
    void fullLifecycleAndTheCallsOwnEvents() throws Exception {
        CreateTrailRequest create = new CreateTrailRequest();
        create.setName("trail-test");
        create.setOssBucketName("audit-log");
        CreateTrailResponse created = call(create);
        assertEquals("trail-test", created.getName());
        assertEquals("cn-hangzhou", created.getHomeRegion());
        assertEquals("All", created.getEventRW());
        assertTrue(created.getRequestId().matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));

        DescribeTrailsRequest describe = new DescribeTrailsRequest();
        describe.setNameList("trail-test");
        DescribeTrailsResponse.Trail fresh = call(describe).getTrailList().get(0);
        assertEquals("Fresh", fresh.getStatus());
        assertEquals("acs:actiontrail:cn-hangzhou:" + fixture.accountId() + ":trail/trail-test", fresh.getTrailArn());
        assertEquals(Boolean.FALSE, fresh.getIsOrganizationTrail());

        StartLoggingRequest start = new StartLoggingRequest();
        start.setName("trail-test");
        call(start);
        GetTrailStatusRequest statusRequest = new GetTrailStatusRequest();
        statusRequest.setName("trail-test");
        GetTrailStatusResponse status = call(statusRequest);
        assertEquals(Boolean.TRUE, status.getIsLogging());
        assertNotNull(status.getStartLoggingTime());
        assertEquals(Boolean.TRUE, status.getOssBucketStatus());

        UpdateTrailRequest update = new UpdateTrailRequest();
        update.setName("trail-test");
        update.setEventRW("Write");
        UpdateTrailResponse updated = call(update);
        assertEquals("Write", updated.getEventRW());
        assertEquals("audit-log", updated.getOssBucketName());

        LookupEventsRequest lookup = new LookupEventsRequest();
        LookupEventsRequest.LookupAttribute attr = new LookupEventsRequest.LookupAttribute();
        attr.setKey("EventName");
        attr.setValue("CreateTrail");
        lookup.setLookupAttributes(List.of(attr));
        LookupEventsResponse events = call(lookup);
        assertEquals(1, events.getEvents().size());
        JsonNode event = JSON.valueToTree(events.getEvents().get(0));
        assertEquals("CreateTrail", event.get("eventName").asText());
        assertEquals(created.getRequestId(), event.get("requestId").asText());
        assertEquals("Write", event.get("eventRW").asText());
        assertEquals("ApiCall", event.get("eventType").asText());
        assertEquals("actiontrail.cn-hangzhou.aliyuncs.com", event.get("eventSource").asText());
        assertEquals("root-account", event.at("/userIdentity/type").asText());
        assertEquals(fixture.accountId(), event.at("/userIdentity/accountId").asText());
        assertEquals(ServerFixture.KEY_ID, event.at("/userIdentity/accessKeyId").asText());
        assertEquals("root", event.at("/userIdentity/userName").asText());
        assertEquals("trail-test", event.at("/requestParameters/Name").asText());
        assertEquals("audit-log", event.at("/requestParameters/OssBucketName").asText());
        assertFalse(event.get("requestParameters").has("Signature"));
        assertFalse(event.get("requestParameters").has("SignatureNonce"));
        assertFalse(event.get("requestParameters").has("AccessKeyId"));
        assertEquals("ACS::ActionTrail::Trail", event.get("resourceType").asText());
        assertEquals("trail-test", event.get("resourceName").asText());
        assertEquals("127.0.0.1", event.get("sourceIpAddress").asText());
        assertTrue(event.get("userAgent").asText().contains("Core/4.7.3"));
        assertEquals("trail-test", event.at("/responseElements/Name").asText());

        StopLoggingRequest stopRequest = new StopLoggingRequest();
        stopRequest.setName("trail-test");
        assertEquals(MethodType.GET, stopRequest.getSysMethod(), "the legacy SDK sends StopLogging as GET");
        call(stopRequest);
        assertEquals(Boolean.FALSE, call(statusRequest).getIsLogging());

        DeleteTrailRequest delete = new DeleteTrailRequest();
        delete.setName("trail-test");
        call(delete);
        assertEquals(0, call(new DescribeTrailsRequest()).getTrailList().size());

        // Read your writes: every call above is now in the history, newest first.
        LookupEventsRequest all = new LookupEventsRequest();
        all.setMaxResults("50");
        List<String> names = new ArrayList<>();
        for (Map<Object, Object> e : call(all).getEvents()) {
            names.add(String.valueOf(e.get("eventName")));
        }
        assertEquals(List.of("DescribeTrails", "DeleteTrail", "GetTrailStatus", "StopLogging", "LookupEvents",
                "UpdateTrail", "GetTrailStatus", "StartLogging", "DescribeTrails", "CreateTrail"), names);
    }

    @Test
    void documentedErrorsArriveWithTheirCodesAndStatuses() throws Exception {
        GetTrailStatusRequest missing = new GetTrailStatusRequest();
        missing.setName("no-such-trail");
        ClientException notFound = assertThrows(ClientException.class, () -> call(missing));
        assertEquals("TrailNotFoundException", notFound.getErrCode());
        assertEquals("The specified Trail does not exist.", notFound.getErrMsg());

        CreateTrailRequest noBucket = new CreateTrailRequest();
        noBucket.setName("trail-test");
        noBucket.setOssBucketName("no-such-bucket");
        assertEquals("BucketDoesNotExistException",
                assertThrows(ClientException.class, () -> call(noBucket)).getErrCode());

        for (int i = 1; i <= 5; i++) {
            fixture.runtime.resources().createBucket("bucket-" + i, "cn-hangzhou");
            CreateTrailRequest ok = new CreateTrailRequest();
            ok.setName("trail-" + i + "-x");
            ok.setOssBucketName("bucket-" + i);
            call(ok);
        }
        fixture.runtime.resources().createBucket("bucket-6", "cn-hangzhou");
        CreateTrailRequest sixth = new CreateTrailRequest();
        sixth.setName("trail-6-x");
        sixth.setOssBucketName("bucket-6");
        ClientException limit = assertThrows(ClientException.class, () -> call(sixth));
        assertEquals("MaximumNumberOfTrailsExceededException", limit.getErrCode());

        LookupEventsRequest bad = new LookupEventsRequest();
        LookupEventsRequest.LookupAttribute attr = new LookupEventsRequest.LookupAttribute();
        attr.setKey("Colour");
        attr.setValue("blue");
        bad.setLookupAttributes(List.of(attr));
        assertEquals("InvalidLookupAttributesException",
                assertThrows(ClientException.class, () -> call(bad)).getErrCode());

        // a wrong secret: the server's StringToSign in the message lets the SDK name the real cause
        IAcsClient wrong = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ServerFixture.KEY_ID,
                "not-the-secret"));
        DescribeTrailsRequest describe = new DescribeTrailsRequest();
        describe.setSysEndpoint(fixture.endpoint());
        describe.setSysProtocol(ProtocolType.HTTP);
        ClientException signature = assertThrows(ClientException.class, () -> wrong.getAcsResponse(describe));
        assertEquals("SDK.InvalidAccessKeySecret", signature.getErrCode());

        IAcsClient unknown = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "LTAInobody",
                ServerFixture.KEY_SECRET));
        assertEquals("InvalidAccessKeyId.NotFound",
                assertThrows(ClientException.class, () -> unknown.getAcsResponse(describe)).getErrCode());
    }

    @Test
    void pagingThroughLookupEvents() throws Exception {
        for (int i = 0; i < 7; i++) {
            call(new DescribeRegionsRequest());
        }
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            LookupEventsRequest page = new LookupEventsRequest();
            LookupEventsRequest.LookupAttribute attr = new LookupEventsRequest.LookupAttribute();
            attr.setKey("EventName");
            attr.setValue("DescribeRegions");
            page.setLookupAttributes(List.of(attr));
            page.setMaxResults("3");
            page.setNextToken(token);
            LookupEventsResponse response = call(page);
            response.getEvents().forEach(e -> ids.add(String.valueOf(e.get("eventId"))));
            token = response.getNextToken();
            pages++;
        } while (token != null && !token.isEmpty());
        assertEquals(7, ids.size());
        assertEquals(7, ids.stream().distinct().count());
        assertEquals(3, pages);
    }

    @Test
    void xmlAndTheNestedRegionList() throws Exception {
        DescribeRegionsRequest json = new DescribeRegionsRequest();
        DescribeRegionsResponse regions = call(json);
        assertTrue(regions.getRegions().size() >= 26, "Regions.Region is nested as the SDK reads it");
        DescribeRegionsResponse.Region first = regions.getRegions().get(0);
        assertNotNull(first.getRegionId());
        assertTrue(first.getRegionEndpoint().startsWith("actiontrail."));

        DescribeRegionsRequest xml = new DescribeRegionsRequest();
        xml.setSysAcceptFormat(FormatType.XML);
        DescribeRegionsResponse fromXml = call(xml);
        assertEquals(regions.getRegions().size(), fromXml.getRegions().size());
        assertEquals(first.getLocalName(), fromXml.getRegions().get(0).getLocalName());
        assertNotNull(fromXml.getRequestId());
    }

    @Test
    void version20171204ThroughCommonRequest() throws Exception {
        CommonRequest create = common("CreateTrail");
        create.putQueryParameter("Name", "legacy-trail");
        create.putQueryParameter("OssBucketName", "audit-log");
        create.putQueryParameter("RoleName", "aliyunactiontraildefaultrole");
        JsonNode created = JSON.readTree(client.getCommonResponse(create).getData());
        assertEquals("Write", created.get("EventRW").asText(), "2017-12-04 defaults EventRW to Write");
        assertEquals("aliyunactiontraildefaultrole", created.get("RoleName").asText());

        CommonRequest regions = common("DescribeRegions");
        JsonNode region = JSON.readTree(client.getCommonResponse(regions).getData()).at("/Regions/Region/0");
        assertTrue(region.has("RegionId"));
        assertFalse(region.has("LocalName"), "2017-12-04 regions carry only RegionId");

        CommonRequest lookup = common("LookupEvents");
        lookup.putQueryParameter("EventName", "CreateTrail");
        lookup.putQueryParameter("StartTime", Instant.now().minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS).toString());
        lookup.putQueryParameter("EndTime", Instant.now().plus(1, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS).toString());
        CommonResponse found = client.getCommonResponse(lookup);
        JsonNode events = JSON.readTree(found.getData()).get("Events");
        assertEquals(1, events.size());
        assertEquals("2017-12-04", events.get(0).get("apiVersion").asText());

        CommonRequest missingRole = common("CreateTrail");
        missingRole.putQueryParameter("Name", "legacy-trail-2");
        missingRole.putQueryParameter("OssBucketName", "audit-log");
        ClientException e = assertThrows(ClientException.class, () -> client.getCommonResponse(missingRole));
        assertEquals("MissingParameter", e.getErrCode());
        assertNull(JSON.readTree(client.getCommonResponse(common("DescribeTrails")).getData())
                .at("/TrailList/0/OssWriteRoleArn").textValue(), "2017-12-04 items have no OssWriteRoleArn");
    }

    private CommonRequest common(String action) {
        CommonRequest r = new CommonRequest();
        r.setSysDomain(fixture.endpoint());
        r.setSysProtocol(ProtocolType.HTTP);
        r.setSysVersion("2017-12-04");
        r.setSysAction(action);
        r.setSysMethod(MethodType.POST);
        return r;
    }
}
