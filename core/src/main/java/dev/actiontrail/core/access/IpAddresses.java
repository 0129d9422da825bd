package dev.actiontrail.core.access;

import java.util.Arrays;

/**
 * IPv4 / IPv6 literals and CIDR blocks for {@code IpAddress} / {@code NotIpAddress} (access-control reference §1.3),
 * parsed by hand: never a DNS lookup, never {@link java.net.InetAddress}. An IPv4-mapped IPv6 address
 * ({@code ::ffff:1.2.3.4}) is read as the IPv4 address, so a dual-stack socket's view of an IPv4 client still matches
 * IPv4 blocks.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** A block of addresses: the network bytes (4 or 16, host bits cleared) and the prefix length in bits. */
    record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.prefix == prefix && Arrays.equals(b.network, network);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + prefix;
        }

        @Override
        public String toString() {
            return Arrays.toString(network) + "/" + prefix;
        }
    }

    /**
     * A single address ({@code 10.0.0.1}, {@code 2001:db8::1}; a full-length block) or a CIDR block
     * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; set host bits are ignored, as in {@code 42.120.1.5/24}), or null
     * when {@code text} is neither.
     */
    static Block parseBlock(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            prefix = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > bits) {
                return null;
            }
        }
        byte[] network = address.clone();
        for (int bit = prefix; bit < bits; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Block(network, prefix);
    }

    /** The 4 (IPv4, also for IPv4-mapped IPv6) or 16 bytes of an address literal, or null if it is not one. */
    static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseV4(text, 0, text.length());
        }
        byte[] v6 = parseV6(text);
        if (v6 == null) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    /** Strict dotted quad: four decimal parts 0–255, no leading zeros (except "0" itself), nothing else. */
    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    /** RFC 4291 §2.2 text forms: eight groups of 1–4 hex digits, one "::" at most, an IPv4 tail allowed. */
    private static byte[] parseV6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount;
        if (doubleColon < 0) {
            headCount = groups(s, 0, s.length(), head, 8, true);
            if (headCount != 8) {
                return null;
            }
            tailCount = 0;
        } else {
            headCount = doubleColon == 0 ? 0 : groups(s, 0, doubleColon, head, 7, false);
            tailCount = doubleColon + 2 == s.length() ? 0 : groups(s, doubleColon + 2, s.length(), tail, 7, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        byte[] out = new byte[16];
        for (int g = 0; g < headCount; g++) {
            out[2 * g] = (byte) (head[g] >>> 8);
            out[2 * g + 1] = (byte) head[g];
        }
        for (int g = 0; g < tailCount; g++) {
            int at = 8 - tailCount + g;
            out[2 * at] = (byte) (tail[g] >>> 8);
            out[2 * at + 1] = (byte) tail[g];
        }
        return out;
    }

    /**
     * Reads colon-separated groups of s[from, to) into 16-bit values; when {@code v4Tail}, a last group holding dots
     * is an IPv4 address (two groups). Returns the number of 16-bit groups, or -1 if malformed or more than
     * {@code max}.
     */
    private static int groups(String s, int from, int to, int[] out, int max, boolean v4Tail) {
        int count = 0;
        int i = from;
        while (true) {
            int end = s.indexOf(':', i);
            if (end < 0 || end > to) {
                end = to;
            }
            if (end == i) {
                return -1; // empty group (a single ':' at an edge or ":::")
            }
            boolean last = end == to;
            if (v4Tail && last && s.substring(i, end).indexOf('.') >= 0) {
                byte[] v4 = parseV4(s, i, end);
                if (v4 == null || count + 2 > max) {
                    return -1;
                }
                out[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                return count;
            }
            if (end - i > 4 || count + 1 > max) {
                return -1;
            }
            int value = 0;
            for (int k = i; k < end; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0 || s.charAt(k) > 'f') {
                    return -1;
                }
                value = value * 16 + d;
            }
            out[count++] = value;
            if (last) {
                return count;
            }
            i = end + 1;
        }
    }
}
