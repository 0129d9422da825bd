package dev.actiontrail.http.rpc;

import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.trail.TrailService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decoded parameters of one RPC call (query and form body merged), by exact, case-sensitive name.
 */
public record Params(Map<String, String> values) {
    private static final Pattern REPEAT = Pattern.compile("([A-Za-z]+)\\.(\\d+)\\.([A-Za-z]+)");

    /** The value, or null when the parameter was not sent. */
    public String get(String name) {
        return values.get(name);
    }

    /** A boolean parameter ({@code true}/{@code false}); absent gives {@code dflt}. */
    public boolean bool(String name, boolean dflt) {
        return TrailService.parseBoolean(get(name), dflt);
    }

    /** A comma-separated list parameter, or null when absent or empty. */
    public List<String> list(String name) {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * A repeat list such as {@code LookupAttribute.N.Key} / {@code LookupAttribute.N.Value} (N from 1), as
     * (Key, Value) pairs in N order.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameterValue} for an index beyond an int
     */
    public List<Map.Entry<String, String>> pairs(String list, String keyField, String valueField) {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = REPEAT.matcher(e.getKey());
            if (m.matches() && m.group(1).equals(list)) {
                int index;
                try {
                    index = Integer.parseInt(m.group(2));
                } catch (NumberFormatException tooLarge) {
                    throw ApiError.INVALID_PARAMETER_VALUE.exception();
                }
                String[] pair = byIndex.computeIfAbsent(index, i -> new String[2]);
                if (m.group(3).equals(keyField)) {
                    pair[0] = e.getValue();
                } else if (m.group(3).equals(valueField)) {
                    pair[1] = e.getValue();
                }
            }
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        byIndex.values().forEach(p -> out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(
                p[0] == null ? "" : p[0], p[1])));
        return out;
    }
}
