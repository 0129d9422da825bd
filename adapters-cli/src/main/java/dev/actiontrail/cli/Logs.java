package dev.actiontrail.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * The server's logging (SLF4J with Logback): one line per event on standard output, as text
 * ({@code 2026-12-08T05:20:01.123Z INFO  access call ip=127.0.0.1 action=DescribeTrails ...}) or as one JSON object
 * per line; the level of {@code actiontrail.*} loggers from {@code --log-level}, libraries at WARN unless DEBUG or
 * TRACE is asked for. Commands other than {@code serve} keep {@code logback.xml}'s defaults (WARN, standard error).
 */
final class Logs {
    /** The levels {@code --log-level} accepts. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private Logs() {
    }

    /**
     * @param level  one of {@link #LEVELS} (case-insensitive)
     * @param format {@code text} or {@code json}
     * @throws IllegalArgumentException for another level or format
     */
    static void toStandardOutput(String level, String format) {
        String lvl = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(lvl)) {
            throw new IllegalArgumentException("--log-level must be one of " + LEVELS + ": " + level);
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--log-format must be text or json: " + format);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J backend on the class path (an embedding application's): leave it alone
        }
        ctx.reset();
        Encoder<ILoggingEvent> encoder;
        if (format.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(ctx);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} %msg %kvp%n");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(ctx);
        out.setTarget("System.out");
        out.setEncoder(encoder);
        out.start();
        // written by a background thread, so a slow standard output does not hold up the event loop; nothing is
        // dropped (no discarding threshold; a full queue waits)
        ch.qos.logback.classic.AsyncAppender async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(ctx);
        async.setDiscardingThreshold(0);
        async.setQueueSize(8192);
        async.setNeverBlock(false);
        async.addAppender(out);
        async.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        Level ours = Level.toLevel(lvl);
        boolean verbose = ours.levelInt <= Level.DEBUG_INT;
        root.setLevel(verbose ? ours : Level.WARN.isGreaterOrEqual(ours) ? Level.WARN : ours);
        root.addAppender(async);
        ctx.getLogger("actiontrail").setLevel(ours);
        ctx.getLogger("dev.actiontrail").setLevel(ours);
    }

    /** Writes out what the background writer still holds (at shutdown). */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.stop();
        }
    }
}
