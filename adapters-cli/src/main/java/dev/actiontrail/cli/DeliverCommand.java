package dev.actiontrail.cli;

import dev.actiontrail.core.delivery.DeliveryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail deliver [--until-caught-up]}: runs delivery on the data folder (what the server does in the
 * background every window): one round, or rounds until every trail's destinations have all their events. Prints
 * progress per round on standard error and a JSON summary; exit status 1 if a destination failed (see
 * GetTrailStatus for the error).
 */
@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = "Deliver recorded events through the logging trails to their destinations.")
final class DeliverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--until-caught-up", description = "Repeat rounds until nothing is left to deliver.")
    boolean untilCaughtUp;

    @Override
    public Integer call() {
        int[] failures = {0};
        int code = DestinationCommands.withRuntime(spec, rt -> {
            long events = 0;
            long objects = 0;
            int rounds = 0;
            DeliveryService.Round round;
            do {
                round = rt.deliverRound();
                rounds++;
                events += round.eventsDelivered();
                objects += round.objectsWritten();
                spec.commandLine().getErr().printf("round %d: %d events in %d objects%s%n", rounds,
                        round.eventsDelivered(), round.objectsWritten(),
                        round.failures() > 0 ? ", " + round.failures() + " destination(s) failing" : "");
                spec.commandLine().getErr().flush();
            } while (untilCaughtUp && !round.caughtUp() && round.failures() == 0);
            failures[0] = round.failures();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("Rounds", rounds);
            summary.put("EventsDelivered", events);
            summary.put("ObjectsWritten", objects);
            summary.put("FailingDestinations", round.failures());
            summary.put("CaughtUp", round.caughtUp());
            return Json.pretty(summary);
        });
        return code != 0 ? code : failures[0] > 0 ? 1 : 0;
    }
}
