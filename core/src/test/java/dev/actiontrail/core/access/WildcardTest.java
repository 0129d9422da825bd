package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WildcardTest {

    @ParameterizedTest(name = "{0} ~ {1} (ignoreCase {2}) = {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "*|anything|false|true",
            "*|``|false|true",
            "``|``|false|true",
            "``|a|false|false",
            "abc|abc|false|true",
            "abc|ABC|false|false",
            "abc|ABC|true|true",
            "abc|abcd|false|false",
            "ab*|ab|false|true",
            "ab*|abxyz|false|true",
            "ab*|AB|true|true",
            "ab*|a|false|false",
            "*c|abc|false|true",
            "*c|abd|false|false",
            "a*c|ac|false|true",
            "a*c|abbbc|false|true",
            "a*c|abbbcd|false|false",
            "a?c|abc|false|true",
            "a?c|ac|false|false",
            "a?c|abbc|false|false",
            "??|ab|false|true",
            "??|abc|false|false",
            "*?|``|false|false",
            "*?|a|false|true",
            "a*b*c|aXbYc|false|true",
            "a*b*c|aXcYb|false|false",
            "a**b|ab|false|true",
            "*a*|bab|false|true",
            "*a*|bbb|false|false",
            "actiontrail:Get?railStatus|ACTIONTRAIL:gettrailstatus|true|true",
    })
    void matches(String pattern, String text, boolean ignoreCase, boolean expected) {
        assertEquals(expected, Wildcard.compile(pattern, ignoreCase).matches(text));
        assertEquals(expected, Wildcard.matches(pattern, text, ignoreCase));
    }

    @Test
    void nullTextMatchesNothing() {
        assertFalse(Wildcard.compile("*", false).matches(null));
    }

    /** A pattern that makes a backtracking regex take exponential time finishes at once here. */
    @Test
    void pathologicalPatternsStayFast() {
        String text = "a".repeat(20_000);
        String pattern = "a*".repeat(30) + "b";
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            assertFalse(Wildcard.compile(pattern, false).matches(text));
            assertTrue(Wildcard.compile("a*".repeat(30), false).matches(text));
        });
    }
}
