package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process on one data folder, as a user would type it, and captures what it prints. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path data;
    private final List<String> globals;

    Cli(Path data, String... globals) {
        this.data = data;
        this.globals = List.of(globals);
    }

    /** A Cli on a new data folder at {@code data}, made with {@code actiontrail init}. */
    static Cli init(Path data, String... globals) {
        Cli cli = new Cli(data, globals);
        cli.succeed("init");
        return cli;
    }

    /** The outcome of one command. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            return parse(out);
        }

        JsonNode errorJson() {
            return parse(err);
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        all.addAll(globals);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs a command that must succeed. */
    Result succeed(String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("exit " + r.exit() + " for " + String.join(" ", args) + "\n" + r.out() + r.err());
        }
        return r;
    }

    /** Runs a command that must succeed and returns its JSON output. */
    JsonNode ok(String... args) {
        return succeed(args).json();
    }
}
