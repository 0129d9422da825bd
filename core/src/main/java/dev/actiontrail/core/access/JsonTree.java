package dev.actiontrail.core.access;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal strict JSON reader (RFC 8259) that turns text into the generic tree {@link PolicyDocument} reads:
 * objects → {@code Map<String,Object>} (unmodifiable, member order kept), arrays → {@code List<Object>}
 * (unmodifiable), strings → {@code String}, numbers → {@code Long} when integral and in range, else
 * {@code BigDecimal}, {@code true}/{@code false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <p>It exists so that the domain core can read policy documents (the built-in {@link SystemPolicies}, and any
 * policy when no other {@link PolicyParser} is wired) without a JSON library. Strict: no comments, no trailing
 * commas, no leading zeros, no unescaped control characters, no duplicate member names, nothing after the value,
 * nesting at most {@value #MAX_DEPTH} deep. Errors throw {@link MalformedPolicyException} with the 0-based character
 * position, e.g. {@code Invalid JSON at position 12: expected ',' or '}'}.
 */
public final class JsonTree {
    /** Deepest nesting of arrays and objects accepted (a policy needs 5). */
    public static final int MAX_DEPTH = 64;

    private final String s;
    private int pos;

    private JsonTree(String s) {
        this.s = s;
    }

    /**
     * Reads one JSON value filling all of {@code json} (surrounding whitespace allowed).
     *
     * @throws MalformedPolicyException if the text is not valid JSON (or is null)
     */
    public static Object parse(String json) {
        if (json == null) {
            throw new MalformedPolicyException("Invalid JSON: no text");
        }
        JsonTree r = new JsonTree(json);
        r.skipWhitespace();
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.pos != json.length()) {
            throw r.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** A {@link PolicyParser} built on this reader (identity and trust policies), no third-party code. */
    public static PolicyParser policyParser() {
        return json -> PolicyDocument.identityPolicy(parse(json));
    }

    private Object value(int depth) {
        if (pos >= s.length()) {
            throw error("unexpected end of text, expected a value");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character " + describe(c));
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        pos++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(out);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int at = pos;
            String name = string();
            if (out.containsKey(name)) {
                pos = at;
                throw error("duplicate member name \"" + name + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            out.put(name, value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return Collections.unmodifiableMap(out);
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(out);
        }
        while (true) {
            skipWhitespace();
            out.add(value(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return Collections.unmodifiableList(out);
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String tail = s.substring(start, pos);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character " + describe(c) + " in a string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, pos);
                pos++;
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 >= s.length()) {
                            throw error("incomplete \\u escape");
                        }
                        int v = 0;
                        for (int k = 1; k <= 4; k++) {
                            int d = hex(s.charAt(pos + k));
                            if (d < 0) {
                                pos += k;
                                throw error("invalid hex digit in \\u escape");
                            }
                            v = v * 16 + d;
                        }
                        sb.append((char) v);
                        pos += 4;
                    }
                    default -> throw error("invalid escape \\" + e);
                }
                pos++;
                start = pos;
                continue;
            }
            pos++;
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        String text = s.substring(start, pos);
        if (integral && text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigDecimal d = new BigDecimal(text);
        if (integral) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooBig) {
                return d;
            }
        }
        return d;
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected character " + describe(s.charAt(pos)));
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** The current character, or NUL at the end (NUL cannot be valid where it is tested). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String describe(char c) {
        return c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private MalformedPolicyException error(String what) {
        if (pos >= s.length()) {
            return new MalformedPolicyException("Invalid JSON at position " + s.length() + " (end of text): " + what);
        }
        return new MalformedPolicyException("Invalid JSON at position " + pos + ": " + what);
    }
}
