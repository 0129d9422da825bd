package dev.actiontrail.core.access;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AttachedPolicy;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.PolicyType;
import dev.actiontrail.core.identity.Principal;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.actiontrail.core.access.Decision.Outcome.ALLOW;
import static dev.actiontrail.core.access.Decision.Outcome.EXPLICIT_DENY;
import static dev.actiontrail.core.access.Decision.Outcome.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerTest {
    static final AccountId ACCT = AccountId.of("1234567890123456");
    static final String TRAIL = "acs:actiontrail:cn-hangzhou:1234567890123456:trail/t1";
    static final Principal.User ALICE = new Principal.User(ACCT, "2000000000000001", "alice");
    static final Caller ALICE_CALLS = new Caller(ALICE, "LTAIalice");

    /**
     * The smallest IdentityStore the authorizer needs: policies per principal and a generation. Built as a dynamic
     * proxy so it keeps compiling while the port grows; any other method fails the test.
     */
    static final class FakeStore {
        final Map<Object, List<AttachedPolicy>> policies = new ConcurrentHashMap<>();
        final AtomicLong generation = new AtomicLong(1);
        final AtomicInteger policyReads = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        final IdentityStore store = (IdentityStore) Proxy.newProxyInstance(IdentityStore.class.getClassLoader(),
                new Class<?>[]{IdentityStore.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    switch (method.getName()) {
                        case "generation":
                            return generation.get();
                        case "policiesFor": {
                            policyReads.incrementAndGet();
                            Principal p = (Principal) args[0];
                            Object key = p instanceof Principal.RoleSession r ? r.roleId() : p;
                            return policies.getOrDefault(key, List.of());
                        }
                        case "toString":
                            return "FakeStore";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });

        /** Replaces the principal's policies and bumps the generation (as a committed change does). */
        void set(Object key, AttachedPolicy... attached) {
            policies.put(key, List.of(attached));
            generation.incrementAndGet();
        }
    }

    static AttachedPolicy system(String name, String entity) {
        return new AttachedPolicy(PolicyType.System, name, entity, null);
    }

    static AttachedPolicy custom(String name, String entity, String json) {
        return new AttachedPolicy(PolicyType.Custom, name, entity, json);
    }

    static Principal.RoleSession session(String sessionPolicy) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new Principal.RoleSession(ACCT, "3000000000000001", "Auditor", "s1", sessionPolicy, ACCT,
                ALICE.userId(), now, now.plusSeconds(3600));
    }

    final FakeStore fake = new FakeStore();
    final Authorizer authorizer = new Authorizer(fake.store, JsonTree.policyParser());

    Decision authorize(Caller caller, String action) {
        return authorizer.authorize(caller, action, TRAIL, RequestContext.EMPTY);
    }

    @Test
    void theRootIdentityIsAllowedWithoutReadingTheStore() {
        Decision d = authorize(Caller.localRoot(ACCT), "actiontrail:StopLogging");
        assertEquals(ALLOW, d.outcome());
        assertFalse(d.matched().isPresent());
        assertEquals(0, fake.calls.get(), "the store must not be touched for root");
    }

    @Test
    void aUserWithActionTrailReadOnlyAccess() {
        fake.set(ALICE, system("AliyunActionTrailReadOnlyAccess", "RamUser"));
        Decision describe = authorize(ALICE_CALLS, "actiontrail:DescribeTrails");
        assertEquals(ALLOW, describe.outcome());
        assertEquals(new Decision.MatchedStatement("AliyunActionTrailReadOnlyAccess", "System", "RamUser", 1,
                Effect.Allow), describe.matched().orElseThrow());
        Decision stop = authorize(ALICE_CALLS, "actiontrail:StopLogging");
        assertEquals(IMPLICIT_DENY, stop.outcome());
        assertEquals(NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, stop.policyType());
    }

    @Test
    void aUserWithoutPoliciesIsDenied() {
        assertEquals(IMPLICIT_DENY, authorize(ALICE_CALLS, "actiontrail:DescribeTrails").outcome());
    }

    @Test
    void customAndGroupPoliciesCombineAndDenyWins() {
        fake.set(ALICE, system("AdministratorAccess", "RamGroup"), custom("no-stop", "RamUser",
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"actiontrail:StopLogging\","
                        + "\"Resource\":\"*\"}]}"));
        Decision stop = authorize(ALICE_CALLS, "actiontrail:StopLogging");
        assertEquals(EXPLICIT_DENY, stop.outcome());
        assertEquals("no-stop", stop.matched().orElseThrow().policyName());
        assertEquals(ALLOW, authorize(ALICE_CALLS, "actiontrail:DeleteTrail").outcome());
    }

    @Test
    void policiesAreCachedUntilTheGenerationChanges() {
        fake.set(ALICE, system("AliyunActionTrailReadOnlyAccess", "RamUser"));
        for (int i = 0; i < 5; i++) {
            assertEquals(IMPLICIT_DENY, authorize(ALICE_CALLS, "actiontrail:StopLogging").outcome());
        }
        assertEquals(1, fake.policyReads.get(), "cached after the first call");

        fake.set(ALICE, system("AliyunActionTrailFullAccess", "RamUser")); // generation moves on
        assertEquals(ALLOW, authorize(ALICE_CALLS, "actiontrail:StopLogging").outcome());
        assertEquals(2, fake.policyReads.get());

        fake.set(ALICE); // everything detached
        assertEquals(IMPLICIT_DENY, authorize(ALICE_CALLS, "actiontrail:StopLogging").outcome());
        assertEquals(IMPLICIT_DENY, authorize(ALICE_CALLS, "actiontrail:DescribeTrails").outcome());
        assertEquals(3, fake.policyReads.get());
    }

    @Test
    void theCacheIsPerPrincipal() {
        Principal.User bob = new Principal.User(ACCT, "2000000000000002", "bob");
        fake.set(ALICE, system("AdministratorAccess", "RamUser"));
        assertEquals(ALLOW, authorize(ALICE_CALLS, "ram:CreateUser").outcome());
        assertEquals(IMPLICIT_DENY, authorize(new Caller(bob, "LTAIbob"), "ram:CreateUser").outcome());
        // a user deleted and re-created under the same name gets a new ID: not the old cache entry
        Principal.User alice2 = new Principal.User(ACCT, "2000000000000003", "alice");
        assertEquals(IMPLICIT_DENY, authorize(new Caller(alice2, "LTAIx"), "ram:CreateUser").outcome());
    }

    @Test
    void anUnparsableOrUnknownStoredPolicyMatchesNothing() {
        fake.set(ALICE, custom("broken", "RamUser", "{\"Version\":\"1\",\"Statement\":["),
                custom("deny-broken", "RamUser", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
                        + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}]}"),
                custom("no-document", "RamUser", null),
                system("NoSuchSystemPolicy", "RamUser"),
                system("AliyunActionTrailReadOnlyAccess", "RamUser"));
        assertEquals(ALLOW, authorize(ALICE_CALLS, "actiontrail:DescribeTrails").outcome());
        assertEquals(IMPLICIT_DENY, authorize(ALICE_CALLS, "actiontrail:StopLogging").outcome());
    }

    @Test
    void aParserThatThrowsAnythingIsContained() {
        Authorizer a = new Authorizer(fake.store, json -> {
            throw new IllegalStateException("parser bug");
        });
        fake.set(ALICE, custom("c", "RamUser", "{}"), system("AliyunActionTrailReadOnlyAccess", "RamUser"));
        assertEquals(ALLOW, a.authorize(ALICE_CALLS, "actiontrail:DescribeTrails", TRAIL, RequestContext.EMPTY)
                .outcome());
    }

    @Test
    void aRoleSessionUsesTheRolesPoliciesNarrowedByItsSessionPolicy() {
        fake.set("3000000000000001", system("AliyunActionTrailFullAccess", "RamRole"));
        Caller plain = new Caller(session(null), "STS.x");
        assertEquals(ALLOW, authorize(plain, "actiontrail:StopLogging").outcome());
        assertEquals(ALLOW, authorize(new Caller(session(""), "STS.x"), "actiontrail:StopLogging").outcome());

        Caller narrowed = new Caller(session("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"actiontrail:Describe*\",\"Resource\":\"*\"}]}"), "STS.y");
        assertEquals(ALLOW, authorize(narrowed, "actiontrail:DescribeTrails").outcome());
        Decision stop = authorize(narrowed, "actiontrail:StopLogging");
        assertEquals(IMPLICIT_DENY, stop.outcome());
        assertEquals(NoPermissionPolicyType.SessionPolicy, stop.policyType());
        assertEquals(1, fake.policyReads.get(), "all sessions of a role share one cache entry");

        Decision broken = authorize(new Caller(session("{not json"), "STS.z"), "actiontrail:DescribeTrails");
        assertEquals(IMPLICIT_DENY, broken.outcome());
        assertEquals(NoPermissionPolicyType.SessionPolicy, broken.policyType());
    }

    @Test
    void conditionsSeeTheRequestContext() {
        fake.set(ALICE, custom("office", "RamUser", "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"actiontrail:LookupEvents\",\"actiontrail:Describe*\",\"actiontrail:Get*\"],"
                + "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"42.120.66.0/24\"}}}]}"));
        RequestContext office = RequestContext.builder().sourceIp("42.120.66.9").build();
        RequestContext home = RequestContext.builder().sourceIp("8.8.8.8").build();
        assertTrue(authorizer.authorize(ALICE_CALLS, "actiontrail:LookupEvents", "*", office).allowed());
        assertFalse(authorizer.authorize(ALICE_CALLS, "actiontrail:LookupEvents", "*", home).allowed());
    }

    @Test
    void isSafeUnderConcurrentUseAndChange() throws Exception {
        fake.set(ALICE, system("AliyunActionTrailReadOnlyAccess", "RamUser"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        assertTrue(authorize(ALICE_CALLS, "actiontrail:DescribeTrails").allowed());
                    }
                }));
            }
            for (int i = 0; i < 50; i++) {
                fake.set(ALICE, system("AliyunActionTrailReadOnlyAccess", "RamUser"));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        fake.set(ALICE);
        assertFalse(authorize(ALICE_CALLS, "actiontrail:DescribeTrails").allowed());
    }

    /** 10 policies × 5 statements, the last one allowing: a cached call should take microseconds. */
    @Test
    void aCachedCallIsCheap() {
        List<AttachedPolicy> attached = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            StringBuilder json = new StringBuilder("{\"Version\":\"1\",\"Statement\":[");
            for (int s = 0; s < 5; s++) {
                boolean last = p == 9 && s == 4;
                json.append(s == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":[\"ecs:Describe")
                        .append(p).append(s).append("*\",\"oss:Get*\",\"")
                        .append(last ? "actiontrail:Describe*" : "rds:List*")
                        .append("\"],\"Resource\":\"acs:*:*:1234567890123456:*\",\"Condition\":{\"IpAddress\":")
                        .append("{\"acs:SourceIp\":[\"10.0.0.0/8\",\"42.120.66.0/24\"]}}}");
            }
            attached.add(custom("p" + p, "RamUser", json.append("]}").toString()));
        }
        fake.set(ALICE, attached.toArray(new AttachedPolicy[0]));
        RequestContext ctx = RequestContext.builder().sourceIp("42.120.66.9").secureTransport(true)
                .currentTime(Instant.now()).build();
        int n = 200_000;
        for (int i = 0; i < n; i++) { // warm up
            authorizer.authorize(ALICE_CALLS, "actiontrail:DescribeTrails", TRAIL, ctx);
        }
        long start = System.nanoTime();
        int allowed = 0;
        for (int i = 0; i < n; i++) {
            allowed += authorizer.authorize(ALICE_CALLS, "actiontrail:DescribeTrails", TRAIL, ctx).allowed() ? 1 : 0;
        }
        double micros = (System.nanoTime() - start) / 1000.0 / n;
        assertEquals(n, allowed);
        assertTrue(micros < 50, "per call: " + micros + " µs");
    }
}
