package dev.actiontrail.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.cli.local.AccountSettings;
import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.event.Retention;
import dev.actiontrail.http.json.EventJson;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code actiontrail account --history-days N [--yes]}: the one command that changes the history window and so the
 * only one that deletes events. It says how many events leave the window and how many of those are kept because a
 * trail has still to deliver them (or a delivery history job runs), asks before deleting (unless {@code --yes}),
 * and records the change as an event of the account ({@code UpdateHistoryRetention}) before deleting anything, so
 * the deletion itself is on record.
 */
final class RetentionChange {
    static final String EVENT_NAME = "UpdateHistoryRetention";

    private RetentionChange() {
    }

    static int run(CommandSpec spec, int days, boolean yes) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryWindow window;
        try {
            window = new HistoryWindow(days);
        } catch (IllegalArgumentException e) {
            err.println("error: --history-days must be at least 1: " + days);
            err.flush();
            return 1;
        }
        Main main = (Main) spec.root().userObject();
        try (LocalRuntime rt = main.openRuntime()) {
            AccountSettings settings = rt.settings();
            int previous = settings.historyWindow().days();
            Retention.Plan plan = rt.retention().plan(window);
            // what it means on standard error, the answer (JSON) on standard output
            err.println("History window: " + previous + " -> " + days + " days. Events recorded before "
                    + utc(plan.cutoff()) + " leave it: " + plan.removable() + " will be deleted"
                    + (plan.keptUndelivered() > 0 ? ", " + plan.keptUndelivered()
                    + " kept until their trails have delivered them" : "")
                    + (plan.keepFromSeq() == 0 ? " (a delivery history job runs: nothing is deleted now)" : "")
                    + ".");
            err.flush();
            if (plan.removable() > 0 && !yes && !confirmed(err, plan.removable())) {
                err.println("error: not confirmed; nothing changed (use --yes to skip the question)");
                err.flush();
                return 1;
            }
            settings.setHistoryDays(days);
            settings.save();
            rt.recorder().record(rt.account().id(), List.of(event(rt, main.globals.region, previous, days, plan)));
            long deleted = rt.retention().apply(plan);
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("AccountId", rt.account().id().value());
            shown.put("HistoryDays", days);
            shown.put("EventsDeleted", deleted);
            shown.put("EventsKeptForDelivery", plan.keptUndelivered());
            out.println(Json.pretty(shown));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, the API's time shape. */
    private static String utc(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Asks on the terminal; without one (a script, a pipe) the answer is no: such callers pass {@code --yes}. */
    private static boolean confirmed(PrintWriter out, long removable) {
        if (System.console() == null) {
            out.println("(no terminal to ask on)");
            out.flush();
            return false;
        }
        out.print("Delete " + removable + " events for good? Type 'yes' to continue: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && List.of("yes", "y").contains(answer.trim().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            return false;
        }
    }

    /** The change, as an event of the account's root identity, with what it is about to delete. */
    private static AuditEvent event(LocalRuntime rt, String region, int previous, int days, Retention.Plan plan) {
        String id = rt.ids().requestId(); // time-ordered like every recorded call's
        String account = rt.account().id().value();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", id);
        e.put("eventVersion", 1);
        e.put("eventName", EVENT_NAME);
        e.put("eventSource", "actiontrail-cli");
        e.put("eventTime", utc(Instant.now()));
        e.put("eventType", "ApiCall");
        e.put("eventRW", "Write");
        e.put("eventCategory", "Management");
        e.put("acsRegion", region);
        e.put("serviceName", "Actiontrail");
        e.put("requestId", id);
        e.put("requestParameters", Map.of("HistoryDays", days, "PreviousHistoryDays", previous));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Cutoff", utc(plan.cutoff()));
        response.put("EventsToDelete", plan.removable());
        response.put("EventsKeptForDelivery", plan.keptUndelivered());
        e.put("responseElements", response);
        e.put("sourceIpAddress", "127.0.0.1");
        e.put("userAgent", "actiontrail-cli/" + Main.VERSION);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("type", "root-account");
        identity.put("principalId", account);
        identity.put("accountId", account);
        identity.put("userName", "root");
        e.put("userIdentity", identity);
        try {
            return AuditEvent.of(EventJson.MAPPER.writeValueAsString(e), e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the retention event", ex);
        }
    }
}
