package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTreeTest {

    @Test
    void readsEveryKindOfValue() {
        Object t = JsonTree.parse(" {\"s\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\uD83D\\uDE00\", \"n\":[0,-12,3.5,1e3,"
                + "12345678901234567890], \"b\":[true,false,null], \"o\":{}, \"a\":[]}\n");
        Map<?, ?> m = (Map<?, ?>) t;
        assertEquals(List.of("s", "n", "b", "o", "a"), List.copyOf(m.keySet()));
        assertEquals("a\"b\\c/d\n\té\uD83D\uDE00", m.get("s"));
        assertEquals(List.of(0L, -12L, new BigDecimal("3.5"), new BigDecimal("1e3"),
                new BigDecimal("12345678901234567890")), m.get("n"));
        assertEquals(Arrays.asList(true, false, null), m.get("b"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(List.of(), m.get("a"));
        assertNull(JsonTree.parse("null"));
        assertEquals("x", JsonTree.parse("\"x\""));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``|Invalid JSON at position 0 (end of text): unexpected end of text, expected a value",
            "{|Invalid JSON at position 1 (end of text): expected a member name in double quotes",
            "{\"a\":1,}|Invalid JSON at position 7: expected a member name in double quotes",
            "[1,]|Invalid JSON at position 3: unexpected character ']'",
            "[1 2]|Invalid JSON at position 3: expected ',' or ']'",
            "{\"a\" 1}|Invalid JSON at position 5: expected ':'",
            "{\"a\":1 \"b\":2}|Invalid JSON at position 7: expected ',' or '}'",
            "{\"a\":1,\"a\":2}|Invalid JSON at position 7: duplicate member name \"a\"",
            "01|Invalid JSON at position 1: leading zero in a number",
            "1.|Invalid JSON at position 2 (end of text): expected a digit after '.'",
            "-|Invalid JSON at position 1 (end of text): expected a digit",
            "1e|Invalid JSON at position 2 (end of text): expected a digit in the exponent",
            "tru|Invalid JSON at position 0: unexpected character 't'",
            "\"abc|Invalid JSON at position 4 (end of text): unterminated string",
            "\"a\\x\"|Invalid JSON at position 3: invalid escape \\x",
            "\"\\u12G4\"|Invalid JSON at position 5: invalid hex digit in \\u escape",
            "{} {}|Invalid JSON at position 3: unexpected text after the JSON value",
            "// c|Invalid JSON at position 0: unexpected character '/'",
            "'a'|Invalid JSON at position 0: unexpected character '''",
    })
    void rejectsInvalidJson(String json, String message) {
        assertEquals(message, assertThrows(MalformedPolicyException.class, () -> JsonTree.parse(json)).getMessage());
    }

    @Test
    void rejectsControlCharactersAndDeepNesting() {
        assertEquals("Invalid JSON at position 2: unescaped control character U+000A in a string",
                assertThrows(MalformedPolicyException.class, () -> JsonTree.parse("\"a\nb\"")).getMessage());
        String deep = "[".repeat(JsonTree.MAX_DEPTH) + "]".repeat(JsonTree.MAX_DEPTH);
        JsonTree.parse(deep);
        String tooDeep = "[".repeat(JsonTree.MAX_DEPTH + 1) + "]".repeat(JsonTree.MAX_DEPTH + 1);
        assertEquals("Invalid JSON at position 64: nested more than 64 levels deep",
                assertThrows(MalformedPolicyException.class, () -> JsonTree.parse(tooDeep)).getMessage());
        assertThrows(MalformedPolicyException.class, () -> JsonTree.parse("[".repeat(100_000)));
        assertThrows(MalformedPolicyException.class, () -> JsonTree.parse(null));
    }

    @Test
    void theTreeIsReadOnly() {
        Map<?, ?> m = (Map<?, ?>) JsonTree.parse("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> m.clear());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) m.get("a")).clear());
    }
}
