package dev.actiontrail.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/**
 * Options every command takes, before or after the command name (picocli inherited scope), like the aliyun CLI's
 * global flags.
 */
public final class GlobalOptions {
    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data folder: SQLite database and local OSS/SLS/MaxCompute destinations (default: ${DEFAULT-VALUE}).")
    Path data = DEFAULT_DATA;

    /** The default data folder, which the first command run on it may create (any other must exist). */
    static final Path DEFAULT_DATA = Path.of("actiontrail-data");

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "Region of the call, like the endpoint actiontrail.<region>.aliyuncs.com (default: ${DEFAULT-VALUE}).")
    String region = "cn-hangzhou";

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "Call a running server (actiontrail serve) with signed requests instead of the local data folder.")
    String endpoint;

    @Option(names = "--access-key-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "AccessKey ID for --endpoint (else $ALIBABA_CLOUD_ACCESS_KEY_ID); also the root key of serve.")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "AccessKey secret for --endpoint (else $ALIBABA_CLOUD_ACCESS_KEY_SECRET).")
    String accessKeySecret;

    @Option(names = "--security-token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "STS SecurityToken for --endpoint when the AccessKey is a temporary one (STS.*) from "
                    + "AssumeRole (else $ALIBABA_CLOUD_SECURITY_TOKEN). Never printed.")
    String securityToken;

    /** The AccessKey ID from the option, else the SDKs' environment variable; null if neither. */
    String keyId() {
        return accessKeyId != null ? accessKeyId : System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    }

    /** The AccessKey secret from the option, else the SDKs' environment variable; null if neither. */
    String keySecret() {
        return accessKeySecret != null ? accessKeySecret : System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }

    /** The STS SecurityToken from the option, else the SDKs' environment variable; null if neither (or empty). */
    String token() {
        String token = securityToken != null ? securityToken : System.getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
        return token == null || token.isEmpty() ? null : token;
    }
}
