package dev.actiontrail.cli;

import dev.actiontrail.core.delivery.DeliveryService.Round;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's delivery window: rounds follow one another while a backlog drains, and stop when they should. */
class DeliveryWindowTest {
    /** Hands out the given rounds in order and counts the calls (a round past the script fails the test). */
    private static final class Script implements Supplier<Round> {
        final ArrayDeque<Object> rounds;
        int calls;

        Script(Object... rounds) {
            this.rounds = new ArrayDeque<>(List.of(rounds));
        }

        @Override
        public Round get() {
            calls++;
            Object next = rounds.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (Round) next;
        }
    }

    private static final Round MORE = new Round(100, 2, 0, false);
    private static final Round LAST = new Round(40, 1, 0, true);

    @Test
    void aBacklogIsDeliveredInOneWindowRoundAfterRound() {
        Script s = new Script(MORE, MORE, MORE, LAST);
        assertEquals(4, ServeCommand.deliverWindow(s, Duration.ofSeconds(30)));
        assertEquals(4, s.calls);
    }

    @Test
    void aFailingDestinationANoProgressRoundOrAnErrorEndsTheWindow() {
        Script failing = new Script(MORE, new Round(0, 0, 1, false));
        assertEquals(2, ServeCommand.deliverWindow(failing, Duration.ofSeconds(30)));
        Script nothing = new Script(MORE, new Round(0, 0, 0, false)); // e.g. paging through unselected events
        assertEquals(2, ServeCommand.deliverWindow(nothing, Duration.ofSeconds(30)));
        Script broken = new Script(MORE, new IllegalStateException("store closed"));
        assertEquals(2, ServeCommand.deliverWindow(broken, Duration.ofSeconds(30)));
        Script caughtUp = new Script(LAST);
        assertEquals(1, ServeCommand.deliverWindow(caughtUp, Duration.ofSeconds(30)));
    }

    @Test
    void theWindowsTimeBoundsTheRounds() {
        Supplier<Round> endless = () -> MORE; // a backlog that never drains
        assertEquals(1, ServeCommand.deliverWindow(endless, Duration.ZERO));
        int rounds = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> ServeCommand.deliverWindow(endless, Duration.ofMillis(50)), "the window ends the rounds");
        assertTrue(rounds > 1, "rounds follow one another inside the window: " + rounds);
    }
}
