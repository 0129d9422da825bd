package dev.actiontrail.bench;

import dev.actiontrail.http.client.RpcClient;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Signs RPC calls with signature v1 as the legacy SDK does (every parameter in the query), one fresh nonce each. */
final class Signer {
    private static final AtomicLong NONCES = new AtomicLong();
    private final String keyId;
    private final String secret;
    private final String noncePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";

    Signer(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    /** {@code /?...&Signature=...} for a GET of these API parameters (Action, Version and the call's own). */
    String uri(Map<String, String> params) {
        return "/?" + RpcClient.signedQuery("GET", params, keyId, secret, noncePrefix + NONCES.incrementAndGet(),
                Instant.now());
    }
}
