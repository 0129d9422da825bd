package dev.actiontrail.http.rpc;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** XML answers stay well-formed whatever parameter names recorded events carry. */
class ApiRendererTest {
    @Test
    void recordedKeysThatAreNoXmlNamesAreRenamedInXmlOnly() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", "4C4B3E0F-0000-4000-8000-000000000001");
        body.put("Events", List.of(new RawJson(
                "{\"eventId\":\"e1\",\"requestParameters\":{\" charset\":\"utf-8\",\"9x\":1,\"c:d\":2,\"a b\":3}}")));
        ApiResponse response = new ApiResponse(200, "LookupEvents", body);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(ApiRenderer.xml(response).getBytes(StandardCharsets.UTF_8)));
        assertEquals("LookupEventsResponse", doc.getDocumentElement().getNodeName());
        assertEquals("utf-8", doc.getElementsByTagName("_charset").item(0).getTextContent());
        assertEquals("1", doc.getElementsByTagName("_9x").item(0).getTextContent());
        assertEquals("2", doc.getElementsByTagName("c_d").item(0).getTextContent());
        assertEquals("3", doc.getElementsByTagName("a_b").item(0).getTextContent());
        assertEquals(true, ApiRenderer.json(response).contains("\" charset\""), "JSON keeps the recorded names");
    }
}
