package dev.actiontrail.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a command ({@code serve} above all) takes one of its own flags' values when the command line does not give it: the environment variable
 * {@code ACTIONTRAIL_<FLAG>} ({@code --delivery-interval} is {@code ACTIONTRAIL_DELIVERY_INTERVAL}), else the
 * configuration file named by {@code ACTIONTRAIL_CONFIG} (a properties file of {@code flag=value} lines, e.g.
 * {@code port=8080}, {@code data=/var/lib/actiontrail}), else the built-in default. The command line wins over both.
 */
final class FlagDefaults implements CommandLine.IDefaultValueProvider {
    /** The environment variable naming the configuration file. */
    static final String CONFIG_VARIABLE = "ACTIONTRAIL_CONFIG";

    private final Map<String, String> environment;
    private Properties file;

    FlagDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The environment variable of a flag: {@code --log-level} → {@code ACTIONTRAIL_LOG_LEVEL}. */
    static String variable(String flag) {
        return "ACTIONTRAIL_" + flag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) throws IOException {
        if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        String flag = option.longestName().substring(2);
        if (flag.isEmpty() || !Character.isLowerCase(flag.charAt(0)) || flag.equals("help") || flag.equals("version")) {
            return null; // an API parameter (--Name) is never taken from the environment
        }
        String fromEnvironment = environment.get(variable(flag));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        return config().getProperty(flag);
    }

    private Properties config() throws IOException {
        if (file == null) {
            Properties p = new Properties();
            String path = environment.get(CONFIG_VARIABLE);
            if (path != null && !path.isEmpty()) {
                Path f = Path.of(path);
                if (!Files.isRegularFile(f)) {
                    throw new IOException(CONFIG_VARIABLE + " names no file: " + f.toAbsolutePath());
                }
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
            file = p;
        }
        return file;
    }
}
