package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.rpc.ActionDoc;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One API action as a command, shaped like the aliyun CLI: {@code actiontrail <Action> --<Param> <value> ...}.
 * Each documented parameter is an option; repeat lists are given as {@code --LookupAttribute.1.Key EventName}.
 * Prints the API's JSON response; an API error prints the error JSON (RequestId, HostId, Code, Message, Recommend)
 * on standard error and exits with 1.
 */
final class ApiActionCommand implements Callable<Integer> {
    /** The API version a command uses unless {@code --Version} says otherwise. */
    static final String DEFAULT_VERSION = "2020-07-06";

    private final Main main;
    private final String action;
    private CommandSpec spec;

    private ApiActionCommand(Main main, String action) {
        this.main = main;
        this.action = action;
    }

    /** Builds the command of an action with one option per documented parameter. */
    static CommandLine build(Main main, ActionDoc action, ActionDoc old) {
        ApiActionCommand command = new ApiActionCommand(main, action.name());
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(action.name());
        spec.usageMessage().description(action.summary());
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder("--Version").paramLabel("VERSION").type(String.class)
                .description("API version: 2020-07-06 (default) or 2017-12-04.").build());
        java.util.Set<String> names = new java.util.LinkedHashSet<>(action.parameters());
        if (old != null) {
            names.addAll(old.parameters());
        }
        for (String param : names) {
            if (param.contains(".N.")) {
                continue;
            }
            spec.addOption(OptionSpec.builder("--" + param).paramLabel("<value>").type(String.class)
                    .description(old != null && !action.parameters().contains(param) ? "(2017-12-04)" : "").build());
        }
        if (names.stream().anyMatch(p -> p.contains(".N."))) {
            spec.usageMessage().footer("Repeat lists: " + String.join(", ",
                    names.stream().filter(p -> p.contains(".N.")).map(p -> "--" + p).toList())
                    + " (N = 1, 2, ...)%n");
        }
        spec.addUnmatchedArgsBinding(CommandLine.Model.UnmatchedArgsBinding.forStringArrayConsumer(
                new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        command.unmatched = value == null ? new String[0] : (String[]) value;
                        return null;
                    }
                }));
        command.spec = spec;
        CommandLine cl = new CommandLine(spec);
        cl.setUnmatchedOptionsArePositionalParams(false);
        return cl;
    }

    private String[] unmatched = new String[0];

    @Override
    public Integer call() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", DEFAULT_VERSION);
        for (OptionSpec o : spec.options()) {
            if (o.longestName().startsWith("--") && Character.isUpperCase(o.longestName().charAt(2))
                    && o.getValue() != null) {
                params.put(o.longestName().substring(2), o.getValue());
            }
        }
        List<String> rest = List.of(unmatched);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing value for --" + name);
            }
            params.put(name, value);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalRuntime runtime = main.openRuntime()) {
            ApiResponse response = runtime.api().call(runtime.account(), main.globals.region, params);
            if (response.ok()) {
                out.println(ApiRenderer.prettyJson(response));
                out.flush();
                return 0;
            }
            err.println(ApiRenderer.prettyJson(response));
            err.flush();
            return 1;
        }
    }
}
