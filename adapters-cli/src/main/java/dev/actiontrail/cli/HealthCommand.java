package dev.actiontrail.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code actiontrail health [--endpoint HOST:PORT]}: asks a running server's {@code GET /health} (default
 * {@code 127.0.0.1:8080}) and exits 0 when it answers UP, 1 when it answers DOWN, 3 when it cannot be reached — for
 * container health checks and scripts.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check a running server's /health (exit 0 UP, 1 DOWN, 3 unreachable).")
final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Main main = (Main) spec.root().userObject();
        String endpoint = main.globals.endpoint == null ? "127.0.0.1:8080" : main.globals.endpoint;
        String base = endpoint.startsWith("http://") || endpoint.startsWith("https://") ? endpoint
                : "http://" + endpoint;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().println(r.body());
            spec.commandLine().getOut().flush();
            return r.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + ApiActionCommand.transportFailure(endpoint, e));
            spec.commandLine().getErr().flush();
            return ApiActionCommand.EXIT_UNREACHABLE;
        }
    }
}
