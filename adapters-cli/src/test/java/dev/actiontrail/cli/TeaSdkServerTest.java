package dev.actiontrail.cli;

import com.aliyun.actiontrail20200706.Client;
import com.aliyun.actiontrail20200706.models.CreateTrailRequest;
import com.aliyun.actiontrail20200706.models.CreateTrailResponseBody;
import com.aliyun.actiontrail20200706.models.DeleteTrailRequest;
import com.aliyun.actiontrail20200706.models.DescribeRegionsRequest;
import com.aliyun.actiontrail20200706.models.DescribeRegionsResponseBody;
import com.aliyun.actiontrail20200706.models.DescribeTrailsRequest;
import com.aliyun.actiontrail20200706.models.DescribeTrailsResponseBody;
import com.aliyun.actiontrail20200706.models.GetTrailStatusRequest;
import com.aliyun.actiontrail20200706.models.GetTrailStatusResponseBody;
import com.aliyun.actiontrail20200706.models.LookupEventsRequest;
import com.aliyun.actiontrail20200706.models.LookupEventsResponseBody;
import com.aliyun.actiontrail20200706.models.StartLoggingRequest;
import com.aliyun.actiontrail20200706.models.StopLoggingRequest;
import com.aliyun.actiontrail20200706.models.UpdateTrailRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tea SDK ({@code actiontrail20200706 2.0.0}: common parameters in the query, API parameters in a form body,
 * no RegionId) and, through tea-openapi's generic {@code callApi}, signature v3 ({@code ACS3-HMAC-SHA256}, API
 * parameters in the query, action and version in {@code x-acs-*} headers) against the real server.
 */
class TeaSdkServerTest {
    @TempDir
    Path data;
    ServerFixture fixture;
    Client client;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        fixture.runtime.resources().createBucket("audit-log", "cn-hangzhou");
        client = new Client(config(ServerFixture.KEY_SECRET));
    }

    private Config config(String secret) {
        return new Config().setAccessKeyId(ServerFixture.KEY_ID).setAccessKeySecret(secret)
                .setEndpoint(fixture.endpoint()).setProtocol("HTTP");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void fullLifecycleWithFormBodies() throws Exception {
        CreateTrailResponseBody created = client.createTrail(new CreateTrailRequest().setName("trail-test")
                .setOssBucketName("audit-log").setOssKeyPrefix("audit-prefix").setTrailRegion("All")).getBody();
        assertEquals("trail-test", created.getName());
        assertEquals("audit-prefix", created.getOssKeyPrefix());
        assertEquals("cn-hangzhou", created.getHomeRegion(), "no RegionId sent: the server's region applies");

        DescribeTrailsResponseBody.DescribeTrailsResponseBodyTrailList trail = client.describeTrails(
                new DescribeTrailsRequest().setNameList("trail-test").setIncludeShadowTrails(true))
                .getBody().getTrailList().get(0);
        assertEquals("Fresh", trail.getStatus());
        assertEquals(Boolean.FALSE, trail.getIsOrganizationTrail());

        client.startLogging(new StartLoggingRequest().setName("trail-test"));
        GetTrailStatusResponseBody status = client.getTrailStatus(new GetTrailStatusRequest().setName("trail-test"))
                .getBody();
        assertEquals(Boolean.TRUE, status.getIsLogging());

        assertEquals("Read", client.updateTrail(new UpdateTrailRequest().setName("trail-test").setEventRW("Read"))
                .getBody().getEventRW());
        client.stopLogging(new StopLoggingRequest().setName("trail-test"));
        assertEquals(Boolean.FALSE, client.getTrailStatus(new GetTrailStatusRequest().setName("trail-test"))
                .getBody().getIsLogging());

        LookupEventsResponseBody events = client.lookupEvents(new LookupEventsRequest()
                .setLookupAttribute(List.of(new LookupEventsRequest.LookupEventsRequestLookupAttribute()
                        .setKey("ResourceName").setValue("trail-test")))
                .setDirection("FORWARD").setMaxResults("50")).getBody();
        List<Object> names = events.getEvents().stream().map(e -> e.get("eventName")).map(Object::toString)
                .map(Object.class::cast).toList();
        assertEquals(List.of("CreateTrail", "DescribeTrails", "StartLogging", "GetTrailStatus", "UpdateTrail",
                "StopLogging", "GetTrailStatus"), names);
        Map<String, ?> create = events.getEvents().get(0);
        assertTrue(String.valueOf(create.get("userAgent")).contains("TeaDSL"), String.valueOf(create.get("userAgent")));
        assertEquals("audit-prefix", ((Map<?, ?>) create.get("requestParameters")).get("OssKeyPrefix"));

        client.deleteTrail(new DeleteTrailRequest().setName("trail-test"));
        assertEquals(0, client.describeTrails(new DescribeTrailsRequest()).getBody().getTrailList().size());
    }

    @Test
    void errorsAreTeaExceptionsWithCodeAndStatus() {
        TeaException notFound = assertThrows(TeaException.class,
                () -> client.getTrailStatus(new GetTrailStatusRequest().setName("no-such-trail")));
        assertEquals("TrailNotFoundException", notFound.getCode());
        assertTrue(notFound.getMessage().contains("code: 404"), notFound.getMessage());

        TeaException badName = assertThrows(TeaException.class,
                () -> client.createTrail(new CreateTrailRequest().setName("X").setOssBucketName("audit-log")));
        assertEquals("InvalidTrailNameException", badName.getCode());
        assertTrue(badName.getMessage().contains("code: 400"));

        TeaException language = assertThrows(TeaException.class,
                () -> client.describeRegions(new DescribeRegionsRequest().setAcceptLanguage("fr-FR")));
        assertEquals("InvalidAcceptLanguage", language.getCode());

        TeaException signature = assertThrows(TeaException.class,
                () -> new Client(config("wrong")).describeTrails(new DescribeTrailsRequest()));
        assertEquals("SignatureDoesNotMatch", signature.getCode());
    }

    @Test
    void regionsInEnglishAndChinese() throws Exception {
        DescribeRegionsResponseBody en = client.describeRegions(new DescribeRegionsRequest()).getBody();
        DescribeRegionsResponseBody zh = client.describeRegions(new DescribeRegionsRequest()
                .setAcceptLanguage("zh-CN")).getBody();
        var enHz = en.getRegions().getRegion().stream().filter(r -> r.getRegionId().equals("cn-hangzhou"))
                .findFirst().orElseThrow();
        var zhHz = zh.getRegions().getRegion().stream().filter(r -> r.getRegionId().equals("cn-hangzhou"))
                .findFirst().orElseThrow();
        assertEquals("China (Hangzhou)", enHz.getLocalName());
        assertEquals("华东1（杭州）", zhHz.getLocalName());
    }

    @Test
    void signatureV3ThroughCallApi() throws Exception {
        com.aliyun.teaopenapi.Client generic = new com.aliyun.teaopenapi.Client(config(ServerFixture.KEY_SECRET));
        Params params = new Params().setAction("CreateTrail").setVersion("2020-07-06").setProtocol("HTTP")
                .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData")
                .setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setQuery(Map.of("Name", "v3-trail", "OssBucketName",
                "audit-log", "EventRW", "Write"));
        Map<String, ?> answer = generic.callApi(params, request, new RuntimeOptions());
        Map<?, ?> body = (Map<?, ?>) answer.get("body");
        assertEquals("v3-trail", body.get("Name"));
        assertEquals("Write", body.get("EventRW"));

        Params lookup = new Params().setAction("LookupEvents").setVersion("2020-07-06").setProtocol("HTTP")
                .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData")
                .setBodyType("json");
        Map<?, ?> found = (Map<?, ?>) generic.callApi(lookup, new OpenApiRequest().setQuery(Map.of(
                "LookupAttribute.1.Key", "EventName", "LookupAttribute.1.Value", "CreateTrail")),
                new RuntimeOptions()).get("body");
        List<?> events = (List<?>) found.get("Events");
        assertEquals(1, events.size());
        assertEquals("testid", ((Map<?, ?>) ((Map<?, ?>) events.get(0)).get("userIdentity")).get("accessKeyId"));

        com.aliyun.teaopenapi.Client wrong = new com.aliyun.teaopenapi.Client(config("wrong"));
        TeaException e = assertThrows(TeaException.class, () -> wrong.callApi(lookup, new OpenApiRequest()
                .setQuery(Map.of()), new RuntimeOptions()));
        assertEquals("SignatureDoesNotMatch", e.getCode());
    }
}
