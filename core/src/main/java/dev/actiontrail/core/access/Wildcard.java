package dev.actiontrail.core.access;

import java.util.Objects;

/**
 * A compiled wildcard pattern of the RAM policy language (access-control reference §1.2): {@code *} matches any
 * number of characters (including none), {@code ?} exactly one character (one UTF-16 char); every other character
 * matches itself. There is no escape.
 *
 * <p>Policies use it case-insensitively for {@code Action} values (§1.2: "not case-sensitive") and case-sensitively
 * for {@code Resource} values and {@code StringLike}. Matching is iterative (greedy with a single back-track point),
 * so it takes at most O(pattern × text) steps and never blows up the way a backtracking regex can.
 */
public final class Wildcard {
    private enum Kind { ANY, EXACT, PREFIX, GLOB }

    private final String pattern;
    private final boolean ignoreCase;
    private final Kind kind;
    private final String literal; // EXACT: the whole pattern; PREFIX: the part before the one trailing '*'

    private Wildcard(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        int star = pattern.indexOf('*');
        boolean hasQuestion = pattern.indexOf('?') >= 0;
        if (pattern.equals("*")) {
            kind = Kind.ANY;
            literal = "";
        } else if (star < 0 && !hasQuestion) {
            kind = Kind.EXACT;
            literal = pattern;
        } else if (!hasQuestion && star == pattern.length() - 1) {
            kind = Kind.PREFIX;
            literal = pattern.substring(0, star);
        } else {
            kind = Kind.GLOB;
            literal = pattern;
        }
    }

    /**
     * Compiles {@code pattern}.
     *
     * @param ignoreCase whether letters compare without regard to case (per char, {@link Character#toLowerCase})
     * @throws NullPointerException if pattern is null
     */
    public static Wildcard compile(String pattern, boolean ignoreCase) {
        return new Wildcard(Objects.requireNonNull(pattern, "pattern"), ignoreCase);
    }

    /** Whether {@code text} matches the whole of {@code pattern} (one-off form of {@link #matches(String)}). */
    public static boolean matches(String pattern, String text, boolean ignoreCase) {
        return glob(pattern, text, ignoreCase);
    }

    /** Whether the whole of {@code text} matches this pattern; a null text matches nothing. */
    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        switch (kind) {
            case ANY:
                return true;
            case EXACT:
                return ignoreCase ? literal.equalsIgnoreCase(text) : literal.equals(text);
            case PREFIX:
                return text.regionMatches(ignoreCase, 0, literal, 0, literal.length());
            default:
                return glob(literal, text, ignoreCase);
        }
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    public boolean ignoreCase() {
        return ignoreCase;
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wildcard w && w.pattern.equals(pattern) && w.ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return pattern.hashCode() * 31 + (ignoreCase ? 1 : 0);
    }

    private static boolean glob(String p, String s, boolean ignoreCase) {
        int pi = 0;
        int si = 0;
        int star = -1;  // position of the last '*' seen in p
        int mark = 0;   // position in s that the last '*' currently stops at
        int pn = p.length();
        int sn = s.length();
        while (si < sn) {
            if (pi < pn) {
                char pc = p.charAt(pi);
                if (pc == '*') {
                    star = pi++;
                    mark = si;
                    continue;
                }
                if (pc == '?' || same(pc, s.charAt(si), ignoreCase)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (star < 0) {
                return false;
            }
            pi = star + 1; // let the last '*' swallow one more character and retry from there
            si = ++mark;
        }
        while (pi < pn && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == pn;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
