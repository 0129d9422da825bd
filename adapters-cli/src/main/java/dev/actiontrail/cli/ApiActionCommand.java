package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.rpc.ActionDoc;
import dev.actiontrail.http.rpc.ApiRenderer;
import dev.actiontrail.http.rpc.ApiResponse;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actiontrail.http.client.RpcClient;
import dev.actiontrail.http.json.EventJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One API action as a command, shaped like the aliyun CLI: {@code actiontrail <Action> --<Param> <value> ...} for
 * ActionTrail, {@code actiontrail ram <Action> ...} and {@code actiontrail sts <Action> ...} for RAM and STS.
 * Each documented parameter is an option; repeat lists are given as {@code --LookupAttribute.1.Key EventName}.
 * Prints the API's JSON response; an API error prints the error JSON (RequestId, HostId, Code, Message, Recommend)
 * on standard error and exits with 1. Without {@code --endpoint} the call runs on the data folder as its default
 * account's root identity (authorized and recorded as an event like a call over HTTP); with it, the call is sent
 * to that server signed with the given AccessKey (and SecurityToken, for temporary credentials).
 */
final class ApiActionCommand implements Callable<Integer> {
    /** The API version a command uses unless {@code --Version} says otherwise. */
    static final String DEFAULT_VERSION = "2020-07-06";
    /** The RAM API version ({@code actiontrail ram ...}). */
    static final String RAM_VERSION = "2015-05-01";
    /** The STS API version ({@code actiontrail sts ...}). */
    static final String STS_VERSION = "2015-04-01";

    private final Main main;
    private final String action;
    private final String version;
    private CommandSpec spec;

    private ApiActionCommand(Main main, String action, String version) {
        this.main = main;
        this.action = action;
        this.version = version;
    }

    /** Builds the command of an ActionTrail action with one option per documented parameter (both versions). */
    static CommandLine build(Main main, ActionDoc action, ActionDoc old) {
        return build(main, action, old, DEFAULT_VERSION, "API version: 2020-07-06 (default) or 2017-12-04.");
    }

    /**
     * Builds the command group of a product other than ActionTrail ({@code ram}, {@code sts}): one subcommand per
     * action of {@code actions}, each calling {@code version}; without an action it shows the list of actions.
     */
    static CommandLine group(Main main, String name, String description, List<ActionDoc> actions, String version) {
        CommandSpec[] group = new CommandSpec[1];
        group[0] = CommandSpec.wrapWithoutInspection((Runnable) () ->
                group[0].commandLine().usage(group[0].commandLine().getOut()));
        group[0].name(name);
        group[0].usageMessage().description(description);
        group[0].mixinStandardHelpOptions(true);
        CommandLine cl = new CommandLine(group[0]);
        for (ActionDoc action : actions) {
            cl.addSubcommand(action.name(), build(main, action, null, version, "API version: " + version + "."));
        }
        return cl;
    }

    /** Builds the command of an action calling {@code version} unless {@code --Version} is given. */
    private static CommandLine build(Main main, ActionDoc action, ActionDoc old, String version, String versionHelp) {
        ApiActionCommand command = new ApiActionCommand(main, action.name(), version);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(action.name());
        spec.usageMessage().description(action.summary());
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder("--Version").paramLabel("VERSION").type(String.class)
                .description(versionHelp).build());
        java.util.Set<String> names = new java.util.LinkedHashSet<>(action.parameters());
        if (old != null) {
            names.addAll(old.parameters());
        }
        // each parameter's help: the API reference's type, required flag and description (ParameterDocs), by the
        // product and version this command calls; a parameter only 2017-12-04 has is documented from that version.
        // Looked up only when help is shown (a resource bundle picocli reads then): no command pays for it otherwise.
        String product = version.equals(RAM_VERSION) ? "ram" : version.equals(STS_VERSION) ? "sts" : "actiontrail";
        String legacyVersion = dev.actiontrail.core.api.ApiVersion.V2017_12_04.value();
        java.util.function.Function<String, String> helpOf = param -> {
            boolean legacyOnly = old != null && !action.parameters().contains(param);
            String help = dev.actiontrail.http.rpc.ParameterDocs
                    .of(product, legacyOnly ? legacyVersion : version, action.name(), param)
                    .map(d -> (d.type() + ", " + (d.required() ? "required." : "optional.") + " " + d.description())
                            .strip().replace("%", "%%")) // help texts are format strings
                    .orElse("");
            return !legacyOnly ? help : help.isEmpty() ? "(" + legacyVersion + ")" : help + " (" + legacyVersion + ")";
        };
        Map<String, java.util.function.Supplier<String>> help = new LinkedHashMap<>();
        for (String param : names) {
            if (param.contains(".N.")) {
                continue;
            }
            help.put("param." + param, () -> helpOf.apply(param));
            spec.addOption(OptionSpec.builder("--" + param).paramLabel("<value>").type(String.class)
                    .descriptionKey("param." + param).build());
        }
        List<String> lists = names.stream().filter(p -> p.contains(".N.")).toList();
        if (!lists.isEmpty()) {
            help.put("usage.footer", () -> {
                StringBuilder footer = new StringBuilder("Repeat lists: " + String.join(", ",
                        lists.stream().map(p -> "--" + p).toList()) + " (N = 1, 2, ...)%n");
                for (String p : lists) {
                    footer.append("  --").append(p).append("  ").append(helpOf.apply(p)).append("%n");
                }
                return footer.toString();
            });
        }
        spec.resourceBundle(new LazyHelp(help));
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
        command.repeatLists = names.stream().filter(p -> p.contains(".N.")).collect(java.util.stream.Collectors.toSet());
        CommandLine cl = new CommandLine(spec);
        cl.setUnmatchedOptionsArePositionalParams(false);
        return cl;
    }

    /** Help texts computed on first use (picocli reads its bundle only when it renders help). */
    private static final class LazyHelp extends java.util.ResourceBundle {
        private final Map<String, java.util.function.Supplier<String>> texts;
        private final Map<String, String> computed = new java.util.concurrent.ConcurrentHashMap<>();

        LazyHelp(Map<String, java.util.function.Supplier<String>> texts) {
            this.texts = texts;
        }

        @Override
        protected Object handleGetObject(String key) {
            java.util.function.Supplier<String> text = texts.get(key);
            return text == null ? null : computed.computeIfAbsent(key, k -> text.get());
        }

        @Override
        protected java.util.Set<String> handleKeySet() {
            return texts.keySet();
        }

        @Override
        public java.util.Enumeration<String> getKeys() {
            return java.util.Collections.enumeration(texts.keySet());
        }
    }

    private String[] unmatched = new String[0];
    /** The action's documented repeat lists, e.g. {@code LookupAttribute.N.Key}. */
    private java.util.Set<String> repeatLists = java.util.Set.of();
    private static final java.util.regex.Pattern REPEAT_ITEM =
            java.util.regex.Pattern.compile("([A-Za-z]+)\\.([1-9][0-9]{0,8})\\.([A-Za-z]+)");

    /**
     * Whether {@code name} is an item of one of the action's repeat lists ({@code LookupAttribute.1.Key} for
     * {@code LookupAttribute.N.Key}); anything else the options do not know is refused before any call.
     */
    private boolean isRepeatItem(String name) {
        java.util.regex.Matcher m = REPEAT_ITEM.matcher(name);
        return m.matches() && repeatLists.contains(m.group(1) + ".N." + m.group(3));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", version);
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
            if (!isRepeatItem(name)) { // a mistyped option or a parameter the action does not have: no call
                throw new CommandLine.UnmatchedArgumentException(spec.commandLine(), List.of("--" + name));
            }
            params.put(name, value);
        }
        if (main.globals.endpoint != null) {
            return remote(params);
        }
        try (LocalRuntime runtime = main.openRuntime()) {
            ApiResponse response = runtime.call(params, main.globals.region, "actiontrail-cli/" + Main.VERSION);
            return print(response.ok(), ApiRenderer.prettyJson(response));
        }
    }

    /**
     * Sends the call to {@code --endpoint}, signed with the given AccessKey (and SecurityToken, if any), and prints
     * the server's answer.
     */
    private int remote(Map<String, String> params) throws IOException, InterruptedException {
        GlobalOptions g = main.globals;
        if (g.keyId() == null || g.keySecret() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint needs --access-key-id and "
                    + "--access-key-secret (or ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET)");
        }
        if (!g.endpoint.startsWith("http://") && !g.endpoint.startsWith("https://")
                && !g.endpoint.matches("[^:/\\s]+:[0-9]{1,5}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--endpoint must be HOST:PORT or an http(s):// URL: " + g.endpoint);
        }
        params.put("RegionId", g.region);
        RpcClient.Answer answer;
        try {
            answer = new RpcClient(g.endpoint, g.keyId(), g.keySecret(), g.token(), Clock.systemUTC()).call(params);
        } catch (IOException | IllegalArgumentException e) {
            // the exception's own message is not shown: it could quote the signed request (and its token)
            spec.commandLine().getErr().println("error: " + transportFailure(g.endpoint, e));
            spec.commandLine().getErr().flush();
            return EXIT_UNREACHABLE;
        }
        JsonNode body;
        try {
            body = EventJson.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            return print(false, "HTTP " + answer.status() + ": " + answer.body());
        }
        return print(answer.status() / 100 == 2, Json.pretty(body));
    }

    /** The exit status when the server could not be reached (an API error is 1, a usage error 2). */
    static final int EXIT_UNREACHABLE = 3;

    /** What went wrong reaching {@code endpoint}, in words (never the request). */
    static String transportFailure(String endpoint, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) { // an unknown host comes as a ConnectException's cause
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot connect to " + endpoint + ": unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "cannot connect to " + endpoint + ": timed out";
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot connect to " + endpoint + ": connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer from " + endpoint + " in time";
            }
        }
        return "cannot call " + endpoint + ": " + e.getClass().getSimpleName();
    }

    private int print(boolean ok, String text) {
        PrintWriter w = ok ? spec.commandLine().getOut() : spec.commandLine().getErr();
        w.println(text);
        w.flush();
        return ok ? 0 : 1;
    }
}
