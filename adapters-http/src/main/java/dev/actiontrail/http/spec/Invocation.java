package dev.actiontrail.http.spec;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.http.rpc.Params;

import java.util.Objects;

/**
 * One authenticated call as a product's handler sees it: who calls ({@link Caller}), the account it acts in, the
 * region of the call, the API version, the decoded parameters, the call's RequestId and what the transport knows
 * of it (source IP, User-Agent, TLS, time).
 */
public record Invocation(Caller caller, Account account, String region, String version, Params params,
                         String requestId, CallFacts facts) {
    public Invocation {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(facts, "facts");
    }

    /** A parameter's value, or null when not sent. */
    public String param(String name) {
        return params.get(name);
    }
}
