package dev.actiontrail.cli;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.actiontrail.model.v20200706.DescribeTrailsRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import dev.actiontrail.cli.local.LocalRuntime;
import dev.actiontrail.http.rpc.ApiResponse;
import dev.actiontrail.http.server.ApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * HTTPS (serve --tls-cert/--tls-key) makes {@code acs:SecureTransport} mean something: a policy that allows a call
 * only over TLS allows it through the HTTPS server and denies it through plain HTTP, with the official SDK.
 */
class TlsServerTest {
    @TempDir
    Path dir;
    LocalRuntime runtime;
    ApiServer https;
    ApiServer http;

    @AfterEach
    void stop() {
        if (https != null) {
            https.stop(Duration.ofSeconds(5));
        }
        if (http != null) {
            http.stop(Duration.ofSeconds(5));
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as PEM files. */
    private ApiServer.Tls selfSigned() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
        Certificate cert = ks.getCertificate("server");
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Path certPem = dir.resolve("cert.pem");
        Path keyPem = dir.resolve("key.pem");
        Files.writeString(certPem, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new ApiServer.Tls(certPem, keyPem);
    }

    private Map<String, Object> ram(String action, String... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", "2015-05-01");
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        ApiResponse r = runtime.call(p, "cn-hangzhou", "tls-test");
        assertEquals(200, r.status(), r.body().toString());
        return r.body();
    }

    private static IAcsClient client(String id, String secret) {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", id, secret);
        HttpClientConfig config = HttpClientConfig.getDefault();
        config.setIgnoreSSLCerts(true); // the test's self-signed certificate
        profile.setHttpClientConfig(config);
        return new DefaultAcsClient(profile);
    }

    @Test
    void aSecureTransportConditionAllowsOverHttpsOnly() throws Exception {
        runtime = LocalRuntime.open(dir.resolve("data"));
        https = new ApiServer(runtime.gateway("cn-hangzhou"), runtime::storeReachable, Main.VERSION);
        int tlsPort = https.start("127.0.0.1", 0, selfSigned());
        http = new ApiServer(runtime.gateway("cn-hangzhou"), runtime::storeReachable, Main.VERSION);
        int plainPort = http.start("127.0.0.1", 0);

        ram("CreateUser", "UserName", "tls-only");
        ram("CreatePolicy", "PolicyName", "over-tls", "PolicyDocument", "{\"Version\":\"1\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Action\":\"actiontrail:DescribeTrails\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"true\"}}}]}");
        ram("AttachPolicyToUser", "PolicyType", "Custom", "PolicyName", "over-tls", "UserName", "tls-only");
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) ram("CreateAccessKey", "UserName", "tls-only").get("AccessKey");
        IAcsClient user = client((String) key.get("AccessKeyId"), (String) key.get("AccessKeySecret"));

        DescribeTrailsRequest overTls = new DescribeTrailsRequest();
        overTls.setSysEndpoint("127.0.0.1:" + tlsPort);
        overTls.setSysProtocol(ProtocolType.HTTPS);
        assertNotNull(user.getAcsResponse(overTls).getTrailList());

        DescribeTrailsRequest plain = new DescribeTrailsRequest();
        plain.setSysEndpoint("127.0.0.1:" + plainPort);
        plain.setSysProtocol(ProtocolType.HTTP);
        ClientException denied = assertThrows(ClientException.class, () -> user.getAcsResponse(plain));
        assertEquals("NoPermission", denied.getErrCode());
        assertEquals(List.of("actiontrail:DescribeTrails"), List.of(denied.getAccessDeniedDetail().get("AuthAction")));
    }
}
