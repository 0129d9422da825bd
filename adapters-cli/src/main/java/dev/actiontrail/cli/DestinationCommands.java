package dev.actiontrail.cli;

import dev.actiontrail.cli.local.LocalRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * Local stand-ins for the destinations a trail delivers to, shaped like ossutil and the SLS / MaxCompute consoles:
 * {@code oss mb|ls|policy}, {@code sls create-project|ls}, {@code odps create-project|ls}. They live under the data
 * folder ({@code oss/<bucket>}, {@code sls/<project>/<logstore>}, {@code odps/<project>}).
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

    @Command(name = "oss", mixinStandardHelpOptions = true, description = "Local OSS buckets (like ossutil).",
            subcommands = {Oss.Mb.class, Oss.Ls.class, Oss.Policy.class})
    static final class Oss {
        @Command(name = "mb", mixinStandardHelpOptions = true,
                description = "Make a bucket in the region given by --region.")
        static final class Mb implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "BUCKET", description = "Bucket name, or oss://BUCKET.")
            String bucket;

            @Override
            public Integer call() {
                String name = bucket.startsWith("oss://") ? bucket.substring(6).replaceAll("/+$", "") : bucket;
                String region = ((Main) spec.root().userObject()).globals.region;
                return withRuntime(spec, rt -> {
                    rt.resources().createBucket(name, region);
                    return "Bucket oss://" + name + " created in " + region + ".";
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
                return withRuntime(spec, rt -> url == null
                        ? rt.resources().listBuckets().stream()
                                .map(b -> b.created() + "  oss-" + b.region() + "  oss://" + b.name())
                                .reduce((a, b) -> a + "\n" + b).orElse("") + "\nBucket Number is: "
                                + rt.resources().listBuckets().size()
                        : String.join("\n", rt.resources().listObjects(url)));
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
            subcommands = {Sls.CreateProject.class, Sls.Ls.class})
    static final class Sls {
        @Command(name = "create-project", mixinStandardHelpOptions = true,
                description = "Create an SLS project in the region given by --region.")
        static final class CreateProject implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Parameters(paramLabel = "PROJECT")
            String project;

            @Override
            public Integer call() {
                String region = ((Main) spec.root().userObject()).globals.region;
                return withRuntime(spec, rt -> {
                    rt.resources().createSlsProject(project, region);
                    return "Project " + project + " created in " + region + "; use SlsProjectArn acs:log:" + region
                            + ":" + rt.account().id() + ":project/" + project;
                });
            }
        }

        @Command(name = "ls", mixinStandardHelpOptions = true, description = "List SLS projects.")
        static final class Ls implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> String.join("\n", rt.resources().listSlsProjects()));
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

            @Override
            public Integer call() {
                String region = ((Main) spec.root().userObject()).globals.region;
                return withRuntime(spec, rt -> {
                    rt.resources().createMaxComputeProject(project, region);
                    return "Project " + project + " created in " + region + "; use MaxComputeProjectArn acs:odps:"
                            + region + ":" + rt.account().id() + ":project/" + project;
                });
            }
        }

        @Command(name = "ls", mixinStandardHelpOptions = true, description = "List MaxCompute projects.")
        static final class Ls implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                return withRuntime(spec, rt -> String.join("\n", rt.resources().listMaxComputeProjects()));
            }
        }
    }
}
