package dev.actiontrail.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags from ACTIONTRAIL_<FLAG>, then the ACTIONTRAIL_CONFIG file; API parameters never from either. */
class FlagDefaultsTest {
    @TempDir
    Path tmp;

    private static OptionSpec option(String name) {
        return OptionSpec.builder(name).type(String.class).build();
    }

    @Test
    void theEnvironmentWinsOverTheFileAndApiParametersAreLeftAlone() throws Exception {
        Path config = tmp.resolve("serve.properties");
        Files.writeString(config, "port=9000\ndelivery-interval=7\nName=from-file\n");
        FlagDefaults d = new FlagDefaults(Map.of(FlagDefaults.CONFIG_VARIABLE, config.toString(),
                "ACTIONTRAIL_PORT", "8081", "ACTIONTRAIL_NAME", "from-env"));
        assertEquals("ACTIONTRAIL_DELIVERY_INTERVAL", FlagDefaults.variable("--delivery-interval"));
        assertEquals("8081", d.defaultValue(option("--port")));
        assertEquals("7", d.defaultValue(option("--delivery-interval")));
        assertNull(d.defaultValue(option("--host")), "neither: the built-in default");
        assertNull(d.defaultValue(option("--Name")), "an API parameter is never a default");
    }

    @Test
    void aConfigFileThatIsNotThereIsAnError() {
        FlagDefaults d = new FlagDefaults(Map.of(FlagDefaults.CONFIG_VARIABLE, tmp.resolve("nope").toString()));
        IOException e = assertThrows(IOException.class, () -> d.defaultValue(option("--port")));
        assertTrue(e.getMessage().contains("names no file"), e.getMessage());
    }
}
