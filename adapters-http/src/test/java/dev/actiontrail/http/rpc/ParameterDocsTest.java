package dev.actiontrail.http.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.http.rpc.ram.RamApi;
import dev.actiontrail.http.rpc.sts.StsApi;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API reference's parameter documentation covers every parameter of every action the catalogues list. */
class ParameterDocsTest {
    /** The types the OpenAPI metadata gives the catalogued parameters. */
    private static final Set<String> TYPES = Set.of("String", "Integer", "Long", "Boolean");

    /**
     * Parameters documented without a description: the 2017-12-04 metadata gives only types and required flags, and
     * 2020-07-06 has no parameter of these names in the same action (RoleName became OssWriteRoleArn, the flat
     * lookup filters became LookupAttribute.N.Key/Value).
     */
    private static final Set<String> WITHOUT_DESCRIPTION = Set.of(
            "actiontrail/2017-12-04/CreateTrail/RoleName",
            "actiontrail/2017-12-04/UpdateTrail/RoleName",
            "actiontrail/2017-12-04/LookupEvents/ServiceName",
            "actiontrail/2017-12-04/LookupEvents/EventName",
            "actiontrail/2017-12-04/LookupEvents/User",
            "actiontrail/2017-12-04/LookupEvents/Event",
            "actiontrail/2017-12-04/LookupEvents/ResourceType",
            "actiontrail/2017-12-04/LookupEvents/ResourceName",
            "actiontrail/2017-12-04/LookupEvents/EventRW",
            "actiontrail/2017-12-04/LookupEvents/EventAccessKeyId",
            "actiontrail/2017-12-04/LookupEvents/EventType",
            "actiontrail/2017-12-04/LookupEvents/Request");

    /** Every catalogued action as {@code product/version} to its documentation. */
    private static Map<String, Collection<ActionDoc>> catalogues() {
        Map<String, Collection<ActionDoc>> m = new LinkedHashMap<>();
        m.put("actiontrail/2020-07-06", ActionCatalog.of(ApiVersion.V2020_07_06).values());
        m.put("actiontrail/2017-12-04", ActionCatalog.of(ApiVersion.V2017_12_04).values());
        m.put("ram/2015-05-01", RamApi.catalog());
        m.put("sts/2015-04-01", StsApi.catalog());
        return m;
    }

    /** Every catalogued parameter as {@code product/version/Action/Parameter}. */
    private static Set<String> cataloguedParameters() {
        Set<String> all = new TreeSet<>();
        catalogues().forEach((pv, actions) -> {
            for (ActionDoc a : actions) {
                for (String p : a.parameters()) {
                    all.add(pv + "/" + a.name() + "/" + p);
                }
            }
        });
        return all;
    }

    private static ParameterDocs.Doc doc(String key) {
        String[] k = key.split("/", 4);
        return ParameterDocs.of(k[0], k[1], k[2], k[3]).orElse(null);
    }

    @Test
    void createTrailNameIsARequiredString() {
        ParameterDocs.Doc name = ParameterDocs.of("actiontrail", "2020-07-06", "CreateTrail", "Name").orElseThrow();
        assertEquals("String", name.type());
        assertTrue(name.required());
        assertTrue(name.description().startsWith("The name of the trail"), name.description());
        assertTrue(ParameterDocs.of("actiontrail", "2017-12-04", "CreateTrail", "Name").orElseThrow().required());
    }

    @Test
    void optionalParametersAndTheirTypes() {
        ParameterDocs.Doc maxResults =
                ParameterDocs.of("actiontrail", "2020-07-06", "LookupEvents", "MaxResults").orElseThrow();
        assertFalse(maxResults.required());
        assertTrue(maxResults.description().contains("maximum number"), maxResults.description());
        ParameterDocs.Doc org =
                ParameterDocs.of("actiontrail", "2020-07-06", "CreateTrail", "IsOrganizationTrail").orElseThrow();
        assertEquals("Boolean", org.type());
        assertFalse(org.required());
        assertEquals("Integer",
                ParameterDocs.of("actiontrail", "2020-07-06", "ListDeliveryHistoryJobs", "PageSize").orElseThrow().type());
        ParameterDocs.Doc duration = ParameterDocs.of("sts", "2015-04-01", "AssumeRole", "DurationSeconds").orElseThrow();
        assertEquals("Long", duration.type());
        assertFalse(duration.required());
        assertTrue(ParameterDocs.of("sts", "2015-04-01", "AssumeRole", "RoleArn").orElseThrow().required());
        ParameterDocs.Doc key =
                ParameterDocs.of("actiontrail", "2020-07-06", "LookupEvents", "LookupAttribute.N.Key").orElseThrow();
        assertEquals("String", key.type());
        assertTrue(key.description().startsWith("The key of the lookup condition"), key.description());
    }

    @Test
    void ramParametersTheReferenceMarksRequiredAreRequired() {
        ParameterDocs.Doc userName = ParameterDocs.of("ram", "2015-05-01", "CreateUser", "UserName").orElseThrow();
        assertEquals("String", userName.type());
        assertTrue(userName.required());
        assertTrue(userName.description().startsWith("The name of the RAM user"), userName.description());
        assertFalse(ParameterDocs.of("ram", "2015-05-01", "CreateUser", "DisplayName").orElseThrow().required());
        assertEquals("Integer", ParameterDocs.of("ram", "2015-05-01", "ListUsers", "MaxItems").orElseThrow().type());
        // CreateAccessKey's UserName may be left out: the caller's own AccessKey
        assertFalse(ParameterDocs.of("ram", "2015-05-01", "CreateAccessKey", "UserName").orElseThrow().required());
    }

    @Test
    void legacyOnlyParametersHaveTheirTypeButNoDescription() {
        ParameterDocs.Doc roleName = ParameterDocs.of("actiontrail", "2017-12-04", "CreateTrail", "RoleName").orElseThrow();
        assertEquals("String", roleName.type());
        assertFalse(roleName.required());
        assertEquals("", roleName.description());
        assertTrue(ParameterDocs.of("actiontrail", "2020-07-06", "CreateTrail", "RoleName").isEmpty());
    }

    @Test
    void unknownActionsAndParametersHaveNoDoc() {
        assertTrue(ParameterDocs.of("actiontrail", "2020-07-06", "CreateTrail", "NoSuchParameter").isEmpty());
        assertTrue(ParameterDocs.of("actiontrail", "2020-07-06", "NoSuchAction", "Name").isEmpty());
        assertTrue(ParameterDocs.of("ecs", "2014-05-26", "CreateTrail", "Name").isEmpty());
    }

    @Test
    void everyCataloguedParameterIsDocumented() {
        List<String> missing = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (String key : cataloguedParameters()) {
            ParameterDocs.Doc d = doc(key);
            if (d == null) {
                missing.add(key);
                continue;
            }
            assertTrue(TYPES.contains(d.type()), key + ": type " + d.type());
            if (d.description().isEmpty() && !WITHOUT_DESCRIPTION.contains(key)) {
                undescribed.add(key);
            }
        }
        if (!missing.isEmpty() || !undescribed.isEmpty()) {
            System.out.println("parameters without documentation: " + missing);
            System.out.println("parameters without a description: " + undescribed);
        }
        assertEquals(List.of(), missing, "parameters without documentation");
        assertEquals(List.of(), undescribed, "parameters without a description");
        for (String key : WITHOUT_DESCRIPTION) { // the exceptions stay true: drop one once it gets a description
            assertNotNull(doc(key), key);
            assertEquals("", doc(key).description(), key);
        }
    }

    @Test
    void theDataDocumentsOnlyCataloguedParametersAsShortPlainText() throws Exception {
        Set<String> catalogued = cataloguedParameters();
        List<String> stale = new ArrayList<>();
        JsonNode root;
        try (InputStream in = ParameterDocs.class.getResourceAsStream(ParameterDocs.RESOURCE)) {
            assertNotNull(in, ParameterDocs.RESOURCE);
            root = new ObjectMapper().readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> actions = root.fields(); actions.hasNext(); ) {
            Map.Entry<String, JsonNode> action = actions.next();
            for (Iterator<Map.Entry<String, JsonNode>> params = action.getValue().fields(); params.hasNext(); ) {
                Map.Entry<String, JsonNode> param = params.next();
                String key = action.getKey() + "/" + param.getKey();
                if (!catalogued.contains(key)) {
                    stale.add(key);
                }
                JsonNode d = param.getValue();
                assertTrue(d.path("type").isTextual() && d.path("required").isBoolean()
                        && d.path("description").isTextual(), key + ": " + d);
                String text = d.path("description").asText();
                assertTrue(text.length() <= 200, key + " is too long: " + text);
                for (String markup : List.of("<br", "</", "](", "~~", "\\_", "**", "`", "\n", "${", "@|")) {
                    assertFalse(text.contains(markup), key + " has markup " + markup + ": " + text);
                }
            }
        }
        assertEquals(List.of(), stale, "documented parameters no catalogue lists");
    }
}
