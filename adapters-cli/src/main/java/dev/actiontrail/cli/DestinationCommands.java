package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.persistence.destination.LocalResourceDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actiontrail.http.json.EventJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Local stand-ins for the destinations a trail delivers to, shaped like ossutil and the SLS / MaxCompute consoles:
 * {@code oss mb|ls|policy}, {@code sls create-project|ls}, {@code odps create-project|ls}. They live under the data
 * folder ({@code oss/<bucket>}, {@code sls/<project>/<logstore>}, {@code odps/<project>}). Each belongs to one
 * account ({@code --account-id} when created, default the data folder's account; listings show it); names are
 * unique across accounts. These are the operator's commands: they see every account's resources.
 */
final class DestinationCommands {
    private DestinationCommands() {
    }

    /** Runs {@code body} on the data folder of the root command; prints its line; 1 on a refused request. */
    static int withRuntime(CommandSpec spec, java.util.function.Function<LocalRuntime, String> body) {
        Main main = (Main) spec.root().userObject();
        try (LocalRuntime runtime = main.openRuntime()) {
            spec.commandLine().getOut().println(body.apply(runtime));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    /**
     * The account {@code --account-id} names, or the data folder's default account; it must exist.
     *
     * @throws IllegalArgumentException if the ID is malformed or no such account exists
     */
    static AccountId owner(LocalRuntime rt, String accountId) {
        AccountId account = accountId == null ? rt.account().id() : AccountId.of(accountId.trim());
        if (!rt.identities().accountExists(account)) {
            throw new IllegalArgumentException("no such account: " + account);
        }
        return account;
    }

    /**
     * Creates a project of an account ({@code --account-id}, default the data folder's) in the region of
     * {@code --region} and prints the ARN a trail names it by ({@code acs:<service>:<region>:<account>:project/<name>}).
     */
    static int createProject(CommandSpec spec, String project, String accountId, String arnParameter, String service,
                             CreateProject create) {
        String region = ((Main) spec.root().userObject()).globals.region;
        return withRuntime(spec, rt -> {
            AccountId owner = owner(rt, accountId);
            create.create(rt, region, owner);
            return "Project " + project + " created in " + region + " for account " + owner + "; use "
                    + arnParameter + " acs:" + service + ":" + region + ":" + owner + ":project/" + project;
        });
    }

    /** Creates a project of {@code owner} in {@code region}. */
    @FunctionalInterface
    interface CreateProject {
        void create(LocalRuntime rt, String region, AccountId owner);
    }

    /** One line per project: name, region and owner account. */
    static String projectLines(List<LocalResourceDirectory.Bucket> projects) {
        return String.join("\n", projects.stream()
                .map(p -> p.name() + "  " + (p.region().isEmpty() ? "-" : p.region()) + "  owner " + p.owner())
                .toList());
    }

    /** An {@code --account-id} option: the owner of what a command creates. */
    static final String ACCOUNT_ID_HELP = "Owner account (16 digits; default: the data folder's account).";

    @Command(name = "oss", mixinStandardHelpOptions = true, description = "Local OSS buckets (like ossutil).",
            subcommands = {Oss.Mb.class, Oss.Ls.class, Oss.Cat.class, Oss.Policy.class})
    static final class Oss {
        @Command(name = "mb", mixinStandardHelpOptions = true,
                description = "Make a bucket in the region given by --region.")
        static final class Mb implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "BUCKET", description = "Bucket name, or oss://BUCKET.")
            String bucket;
            @Option(names = "--account-id", paramLabel = "ID", description = ACCOUNT_ID_HELP)
            String accountId;

            @Override
            public Integer call() {
                String name = bucket.startsWith("oss://") ? bucket.substring(6).replaceAll("/+$", "") : bucket;
                String region = ((Main) spec.root().userObject()).globals.region;
                return withRuntime(spec, rt -> {
                    AccountId owner = owner(rt, accountId);
                    rt.resources().createBucket(name, region, owner);
                    return "Bucket oss://" + name + " created in " + region + " for account " + owner + ".";
                });
            }
        }

        @Command(name = "ls", mixinStandardHelpOptions = true,
                description = "List buckets, or the objects of oss://BUCKET[/PREFIX].")
        static final class Ls implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "URL", arity = "0..1", description = "oss://BUCKET[/PREFIX]")
            String url;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> {
                    if (url != null) {
                        return String.join("\n", rt.resources().listObjects(url));
                    }
                    List<LocalResourceDirectory.Bucket> buckets = rt.resources().listBuckets();
                    return buckets.stream()
                            .map(b -> b.created() + "  oss-" + b.region() + "  oss://" + b.name() + "  owner " + b.owner())
                            .reduce((a, b) -> a + "\n" + b).orElse("") + "\nBucket Number is: " + buckets.size();
                });
            }
        }

        /**
         * {@code oss cat oss://BUCKET/KEY}: prints an object, decompressed when it is gzip (as delivered log files
         * are), so the URLs {@code oss ls} prints can be read as they are.
         */
        @Command(name = "cat", mixinStandardHelpOptions = true,
                description = "Print an object of a local bucket, decompressing gzip (delivered .json.gz files).")
        static final class Cat implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "URL", description = "oss://BUCKET/KEY, as oss ls prints it")
            String url;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> {
                    if (url == null || !url.startsWith("oss://") || url.indexOf('/', 6) < 0) {
                        throw new IllegalArgumentException("not an oss://BUCKET/KEY URL: " + url);
                    }
                    String path = url.substring(6);
                    String bucket = path.substring(0, path.indexOf('/'));
                    String key = path.substring(path.indexOf('/') + 1);
                    Path dir = rt.resources().bucketDir(bucket);
                    if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
                        throw new IllegalArgumentException("no such bucket: " + bucket);
                    }
                    Path object = dir.resolve(key).normalize();
                    if (!object.startsWith(dir) || !java.nio.file.Files.isRegularFile(object)) {
                        throw new IllegalArgumentException("no such object: " + url);
                    }
                    try (java.io.InputStream raw = new java.io.BufferedInputStream(
                            java.nio.file.Files.newInputStream(object))) {
                        raw.mark(2);
                        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
                        raw.reset();
                        java.io.InputStream in = gzip ? new java.util.zip.GZIPInputStream(raw) : raw;
                        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("cannot read " + url + ": " + e.getMessage());
                    }
                });
            }
        }

        @Command(name = "policy", mixinStandardHelpOptions = true,
                description = "Allow or deny ActionTrail writing to a bucket (a bucket policy stand-in).")
        static final class Policy implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "BUCKET")
            String bucket;
            @Option(names = "--deny-actiontrail", description = "Refuse writes by ActionTrail.")
            boolean deny;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> {
                    rt.resources().setBucketPolicy(bucket, !deny);
                    return "Bucket " + bucket + (deny ? " refuses" : " accepts") + " ActionTrail writes.";
                });
            }
        }
    }

    @Command(name = "sls", mixinStandardHelpOptions = true, description = "Local Simple Log Service projects.",
            subcommands = {Sls.CreateProject.class, Sls.Ls.class, Sls.Tail.class, Sls.Query.class})
    static final class Sls {
        /** The logs of a Logstore in delivery order, each {@code {"__topic__","__time__","__source__","event"}}. */
        static List<JsonNode> logs(LocalRuntime rt, String project, String logstore) {
            Path dir = rt.resources().logstoreDir(project, logstore);
            if (dir == null || !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no such Logstore: " + project + "/" + logstore);
            }
            List<JsonNode> out = new ArrayList<>();
            try (Stream<Path> shards = Files.list(dir)) {
                for (Path shard : shards.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                    for (String line : Files.readAllLines(shard)) {
                        if (!line.isBlank()) {
                            out.add(EventJson.MAPPER.readTree(line));
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + dir + ": " + e.getMessage(), e);
            }
            return out;
        }

        @Command(name = "tail", mixinStandardHelpOptions = true,
                description = "Print the last logs of a Logstore (one JSON log per line).")
        static final class Tail implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(index = "0", paramLabel = "PROJECT")
            String project;
            @Parameters(index = "1", paramLabel = "LOGSTORE", description = "e.g. actiontrail_<trail>")
            String logstore;
            @Option(names = {"-n", "--lines"}, description = "How many logs (default: ${DEFAULT-VALUE}).")
            int lines = 10;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> {
                    List<JsonNode> logs = logs(rt, project, logstore);
                    return String.join("\n", logs.subList(Math.max(0, logs.size() - lines), logs.size()).stream()
                            .map(JsonNode::toString).toList());
                });
            }
        }

        @Command(name = "query", mixinStandardHelpOptions = true,
                description = "Print the logs of a Logstore whose event matches every --where FIELD=VALUE "
                        + "(a field path like eventName or userIdentity.userName).")
        static final class Query implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(index = "0", paramLabel = "PROJECT")
            String project;
            @Parameters(index = "1", paramLabel = "LOGSTORE")
            String logstore;
            @Option(names = "--where", paramLabel = "FIELD=VALUE", description = "Exact match on an event field.")
            List<String> where = new ArrayList<>();

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> String.join("\n", logs(rt, project, logstore).stream()
                        .filter(log -> where.stream().allMatch(w -> {
                            int eq = w.indexOf('=');
                            String path = "/" + w.substring(0, Math.max(0, eq)).replace('.', '/');
                            return eq > 0 && log.path("event").at(path).asText().equals(w.substring(eq + 1));
                        }))
                        .map(JsonNode::toString).toList()));
            }
        }

        @Command(name = "create-project", mixinStandardHelpOptions = true,
                description = "Create an SLS project in the region given by --region.")
        static final class CreateProject implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "PROJECT")
            String project;
            @Option(names = "--account-id", paramLabel = "ID", description = ACCOUNT_ID_HELP)
            String accountId;

            @Override
            public Integer call() {
                return createProject(spec, project, accountId, "SlsProjectArn", "log",
                        (rt, region, owner) -> rt.resources().createSlsProject(project, region, owner));
            }
        }

        @Command(name = "ls", mixinStandardHelpOptions = true,
                description = "List SLS projects: name, region and owner account.")
        static final class Ls implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> projectLines(rt.resources().slsProjects()));
            }
        }
    }

    @Command(name = "odps", mixinStandardHelpOptions = true, description = "Local MaxCompute projects.",
            subcommands = {Odps.CreateProject.class, Odps.Ls.class})
    static final class Odps {
        @Command(name = "create-project", mixinStandardHelpOptions = true,
                description = "Create a MaxCompute project (a trail's project name starts with actiontrail_).")
        static final class CreateProject implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "PROJECT")
            String project;
            @Option(names = "--account-id", paramLabel = "ID", description = ACCOUNT_ID_HELP)
            String accountId;

            @Override
            public Integer call() {
                return createProject(spec, project, accountId, "MaxComputeProjectArn", "odps",
                        (rt, region, owner) -> rt.resources().createMaxComputeProject(project, region, owner));
            }
        }

        @Command(name = "ls", mixinStandardHelpOptions = true,
                description = "List MaxCompute projects: name, region and owner account.")
        static final class Ls implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> projectLines(rt.resources().maxComputeProjects()));
            }
        }
    }
}
