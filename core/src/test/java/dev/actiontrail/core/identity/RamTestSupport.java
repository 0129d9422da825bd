package dev.actiontrail.core.identity;

import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fixture of the RAM use-case tests: the use cases over an in-memory store, two accounts and their callers. */
abstract class RamTestSupport {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("6543210987654321");
    static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");
    static final Caller ROOT = new Caller(new Principal.Root(ACCOUNT), "LTAIroot");
    static final Caller OTHER_ROOT = new Caller(new Principal.Root(OTHER), "LTAIother");
    static final String POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ram:Get*\","
            + "\"Resource\":\"*\"}]}";
    static final String TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"RAM\":\"acs:ram::1234567890123456:root\"}}],\"Version\":\"1\"}";

    MutableClock clock;
    InMemoryIdentityStore store;
    RamServices ram;

    @BeforeEach
    void createServices() {
        clock = new MutableClock(NOW.plusMillis(789)); // times are kept to the second
        store = new InMemoryIdentityStore();
        ram = services(RamLimits.defaults());
    }

    RamServices services(RamLimits limits) {
        return RamServices.create(store, JsonTree.policyParser(), limits, clock);
    }

    /** A user of ACCOUNT created by the root, and a caller signing as that user. */
    Caller userCaller(String name) {
        RamUser user = ram.users().create(ROOT, name, RamUsers.Profile.none());
        return new Caller(new Principal.User(ACCOUNT, user.userId(), name), "LTAI" + name);
    }

    /**
     * Asserts that {@code call} fails with {@code code} and {@code status}, and that it changed nothing stored
     * (generation included); returns the failure.
     */
    ApiException assertRejected(String code, int status, Executable call) {
        Object before = store.contents();
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.httpStatus());
        assertEquals(before, store.contents(), "a rejected call changes nothing");
        return e;
    }
}
