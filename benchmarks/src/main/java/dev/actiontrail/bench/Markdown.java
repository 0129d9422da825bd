package dev.actiontrail.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Markdown summary of a report: one table of every figure with its limit and ratio, then the details. */
final class Markdown {
    private Markdown() {
    }

    /** The full report: every P2 key and direction on its own row. */
    static String of(JsonNode r) {
        return render(r, false);
    }

    /** The README's table: P2 condensed to one row per key (worst of both directions, first and deep page). */
    static String summary(JsonNode r) {
        return render(r, true);
    }

    private static void summarizeP2(StringBuilder md, JsonNode rows) {
        Map<String, double[]> byKey = new LinkedHashMap<>(); // worst first p50, worst p99 (first or deep)
        for (JsonNode row : rows) {
            double[] w = byKey.computeIfAbsent(row.path("key").asText(), k -> new double[2]);
            w[0] = Math.max(w[0], row.path("firstP50Ms").asDouble());
            w[1] = Math.max(w[1], row.path("firstP99Ms").asDouble());
            if (row.path("deepSamples").asInt() > 0) {
                w[1] = Math.max(w[1], row.path("deepP99Ms").asDouble());
            }
        }
        byKey.forEach((key, w) -> md.append("| P2 LookupEvents ").append(key)
                .append(" (FORWARD and BACKWARD, first and deep page) | p50 ≤ ").append(w[0]).append(" ms, p99 ≤ ")
                .append(w[1]).append(" ms | p99 < 5 ms | ").append(Suite.round(w[1] / 5.0, 3)).append(" | ")
                .append(yes(w[1] < 5.0)).append(" |\n"));
    }

    private static String render(JsonNode r, boolean summary) {
        StringBuilder md = new StringBuilder();
        JsonNode m = r.path("machine");
        md.append("Run of ").append(r.path("startedAt").asText()).append(" on ").append(m.path("cpu").asText())
                .append(", ").append(m.path("cores").asText()).append(" cores, ").append(m.path("memoryGiB").asText())
                .append(" GiB, ").append(m.path("os").asText()).append(", ").append(m.path("java").asText())
                .append("; history of ").append(r.path("events").asText()).append(" events")
                .append(r.path("quick").asBoolean() ? " (QUICK smoke run: figures meaningless)" : "").append(".\n\n");
        md.append("| figure | measured | limit / target | ratio | target met |\n| --- | --- | --- | --- | --- |\n");
        JsonNode f = r.path("figures");
        for (JsonNode row : f.path("P1").path("rows")) {
            md.append("| P1 ingest, batch ").append(row.path("batch").asText()).append(" | ")
                    .append(fmt(row.path("recorderEventsPerSecond").asDouble())).append(" events/s | raw sqlite-jdbc ")
                    .append(fmt(row.path("rawEventsPerSecond").asDouble())).append(" events/s | ")
                    .append(row.path("ratio").asText()).append(" | ")
                    .append(row.has("met") ? yes(row.path("met").asBoolean()) + " (≥ 0.7)" : "–").append(" |\n");
        }
        if (summary) {
            summarizeP2(md, f.path("P2").path("rows"));
        }
        for (JsonNode row : summary ? List.<JsonNode>of() : (Iterable<JsonNode>) f.path("P2").path("rows")) {
            md.append("| P2 LookupEvents ").append(row.path("key").asText()).append(' ')
                    .append(row.path("direction").asText()).append(" | first page p50 ")
                    .append(row.path("firstP50Ms").asText()).append(" / p99 ").append(row.path("firstP99Ms").asText())
                    .append(" ms; deep page ");
            if (row.path("deepSamples").asInt() > 0) {
                md.append("p50 ").append(row.path("deepP50Ms").asText()).append(" / p99 ")
                        .append(row.path("deepP99Ms").asText()).append(" ms");
            } else {
                md.append("n/a (too few matches)");
            }
            md.append(" | p99 < 5 ms | ").append(row.path("ratioToTarget").asText()).append(" | ")
                    .append(yes(row.path("met").asBoolean())).append(" |\n");
        }
        for (JsonNode row : f.path("P3").path("rows")) {
            if (row.has("rootRequestsPerSecond")) { // the RAM user's calls, next to the root key's in the same run
                md.append("| P3 HTTP ").append(row.path("action").asText()).append(" | ")
                        .append(fmt(row.path("requestsPerSecond").asDouble())).append(" req/s, p50 ")
                        .append(row.path("p50Ms").asText()).append(" / p99 ").append(row.path("p99Ms").asText())
                        .append(" ms | root key ").append(fmt(row.path("rootRequestsPerSecond").asDouble()))
                        .append(" req/s, p50 ").append(row.path("rootP50Ms").asText()).append(" / p99 ")
                        .append(row.path("rootP99Ms").asText()).append(" ms | ").append(row.path("ratio").asText())
                        .append(" | ").append(row.has("met") ? yes(row.path("met").asBoolean()) + " (≥ 0.95)" : "–")
                        .append(" |\n");
                continue;
            }
            md.append("| P3 HTTP ").append(row.path("action").asText()).append(" | ")
                    .append(fmt(row.path("requestsPerSecond").asDouble())).append(" req/s, p50 ")
                    .append(row.path("p50Ms").asText()).append(" / p99 ").append(row.path("p99Ms").asText())
                    .append(" ms | bare Vert.x route ").append(fmt(row.path("bareRequestsPerSecond").asDouble()))
                    .append(" req/s | ").append(row.path("ratio").asText()).append(" | ")
                    .append(row.has("met") ? yes(row.path("met").asBoolean()) + " (≥ 0.4)" : "–").append(" |\n");
        }
        JsonNode p4 = f.path("P4");
        if (p4.has("eventsPerSecond")) {
            md.append("| P4 delivery to OSS | ").append(fmt(p4.path("eventsPerSecond").asDouble()))
                    .append(" events/s | gzip + write alone ").append(fmt(p4.path("limitEventsPerSecond").asDouble()))
                    .append(" events/s; target ≥ 200 000 | ").append(p4.path("ratio").asText()).append(" | ")
                    .append(yes(p4.path("targetMet").asBoolean())).append(" |\n");
            md.append("| P4 record-to-visible (+ window wait) | p50 ").append(p4.path("recordToVisibleMsP50").asText())
                    .append(" ms, max ").append(p4.path("recordToVisibleMsMax").asText())
                    .append(" ms | < 2 s | ").append(Suite.round(p4.path("recordToVisibleMsMax").asDouble() / 2000, 3))
                    .append(" | ").append(yes(p4.path("recordToVisibleMsMax").asDouble() < 2000)).append(" |\n");
        }
        JsonNode p5 = f.path("P5");
        if (!p5.isMissingNode()) {
            md.append("| P5 start (empty data folder) | ").append(p5.path("startSecondsEmptyMedian").asText())
                    .append(" s | < 1.5 s | ").append(Suite.round(p5.path("startSecondsEmptyMedian").asDouble() / 1.5, 3))
                    .append(" | ").append(yes(p5.path("startSecondsEmptyMedian").asDouble() < 1.5)).append(" |\n");
            String full = "startSeconds" + r.path("events").asText() + "Median";
            if (p5.has(full)) {
                md.append("| P5 start (").append(r.path("events").asText()).append(" events) | ")
                        .append(p5.path(full).asText()).append(" s | < 1.5 s | ")
                        .append(Suite.round(p5.path(full).asDouble() / 1.5, 3)).append(" | ")
                        .append(yes(p5.path(full).asDouble() < 1.5)).append(" |\n");
            }
            if (p5.has("rssIdle")) {
                md.append("| P5 RSS (").append(r.path("events").asText()).append(" events) | idle ")
                        .append(p5.path("rssIdle").path("VmRSSMiB").asText()).append(" MiB, after P3 load ")
                        .append(p5.path("rssAfterLoad").path("VmRSSMiB").asText()).append(" MiB (peak ")
                        .append(p5.path("rssAfterLoad").path("VmHWMMiB").asText()).append(") | – | – | – |\n");
            }
        }
        JsonNode b = f.path("build");
        if (!b.isMissingNode()) {
            md.append("| P5 bytes per event on disk | ").append(b.path("bytesPerEventOnDisk").asText())
                    .append(" B (JSON alone ").append(b.path("jsonBytesPerEvent").asText()).append(" B) | gzip JSON ")
                    .append(b.path("gzipJsonBytesPerEvent").asText()).append(" B | ")
                    .append(Suite.round(b.path("bytesPerEventOnDisk").asDouble()
                            / b.path("gzipJsonBytesPerEvent").asDouble(), 2)).append(" | – |\n");
            md.append("| bulk import (generate + append, 10 000/batch) | ").append(fmt(b.path("eventsPerSecond").asDouble()))
                    .append(" events/s | – | – | – |\n");
        }
        if (summary) {
            return md.toString();
        }
        md.append("\nMethods:\n\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode method = e.getValue().path("method");
            if (!method.isMissingNode()) {
                md.append("- ").append(e.getKey()).append(": ").append(method.asText()).append('\n');
            }
        }
        return md.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%,.0f", v).replace(',', ' ');
    }
}
