package dev.actiontrail.http.json;

import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.access.MalformedPolicyException;
import dev.actiontrail.core.access.PolicyDocument;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JacksonPolicyParserTest {
    static final String POLICY = """
            {
              "Version": "1",
              "Statement": [
                { "Effect": "Allow", "Action": ["actiontrail:Lookup*", "actiontrail:Describe*"], "Resource": "*",
                  "Condition": { "NumericLessThan": { "acs:Port": 1.50 }, "IpAddress": { "acs:SourceIp": "10.0.0.0/8" } } }
              ]
            }""";

    final JacksonPolicyParser parser = new JacksonPolicyParser();

    @Test
    void aValidPolicyReadsAsTheCoresOwnReaderReadsIt() {
        PolicyDocument doc = parser.parse(POLICY);
        assertEquals("1", doc.version());
        assertEquals(1, doc.statements().size());
        assertFalse(doc.isTrustPolicy());
        assertEquals(JsonTree.policyParser().parse(POLICY), doc);
    }

    @Test
    void duplicateMembersAreRefusedWithTheirPlace() {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> parser.parse(
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}"));
        assertTrue(e.getMessage().startsWith("Invalid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 'Effect'"), e.getMessage());
    }

    @Test
    void trailingTextCommentsAndBadSyntaxAreRefused() {
        String[] bad = {
            POLICY + " {}",
            POLICY + " x",
            "{\"Version\":\"1\",\"Statement\":[],}",
            "// comment\n" + POLICY,
            "{'Version':'1'}",
            "{\"Version\":\"1\",",
        };
        for (String text : bad) {
            MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> parser.parse(text), text);
            assertTrue(e.getMessage().startsWith("Invalid JSON"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        assertEquals("Invalid JSON: no text",
                assertThrows(MalformedPolicyException.class, () -> parser.parse(" ")).getMessage());
        assertEquals("Invalid JSON: no text",
                assertThrows(MalformedPolicyException.class, () -> parser.parse(null)).getMessage());
    }

    @Test
    void validJsonThatIsNoValidPolicyGetsTheGrammarsMessage() {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> parser.parse(
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}"));
        assertEquals("Missing \"Resource\" or \"NotResource\" in Statement 1", e.getMessage());
        assertThrows(MalformedPolicyException.class, () -> parser.parse("[]"));
        assertThrows(MalformedPolicyException.class, () -> parser.parse("null"));
    }
}
