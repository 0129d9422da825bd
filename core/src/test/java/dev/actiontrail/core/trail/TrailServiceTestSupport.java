package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.InMemoryDeliveryLedger;
import dev.actiontrail.core.testing.InMemoryHistoryJobs;
import dev.actiontrail.core.testing.InMemoryResourceDirectory;
import dev.actiontrail.core.testing.InMemoryTrailRepository;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fixture of the TrailService tests: one service over in-memory ports, accounts and their resources. */
abstract class TrailServiceTestSupport {
    /** The caller: management account of a resource directory. */
    static final String ID = "1234567890123456";
    static final AccountId ACCOUNT_ID = AccountId.of(ID);
    static final Account ACCOUNT = Account.of(ACCOUNT_ID, "rd-Ab12Cd");
    /** An account without a resource directory. */
    static final AccountId PLAIN_ID = AccountId.of("6543210987654321");
    static final Account PLAIN = Account.of(PLAIN_ID, null);
    /** Another account, owner of resources the caller may not use. */
    static final String OTHER = "9999999999999999";
    static final AccountId OTHER_ID = AccountId.of(OTHER);

    static final String HZ = "cn-hangzhou";
    static final String BJ = "cn-beijing";
    static final String SH = "cn-shanghai";

    static final String SLR = "acs:ram::" + ID + ":role/aliyunserviceroleforactiontrail";
    static final String SLS_ARN = "acs:log:cn-hangzhou:" + ID + ":project/audit-project";
    static final String ODPS_ARN = "acs:odps:cn-hangzhou:" + ID + ":project/actiontrail_audit";

    static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");

    MutableClock clock;
    InMemoryTrailRepository repository;
    InMemoryResourceDirectory resources;
    InMemoryDeliveryLedger ledger;
    TrailService service;

    @BeforeEach
    void createService() {
        clock = new MutableClock(NOW.plusMillis(789)); // times are kept to the second
        repository = new InMemoryTrailRepository();
        resources = new InMemoryResourceDirectory()
                .addBucket(ACCOUNT_ID, "audit-log")
                .addBucket(ACCOUNT_ID, "audit-log-2", BJ)
                .addBucket(ACCOUNT_ID, "denied-log").denyBucket("denied-log")
                .addBucket(PLAIN_ID, "plain-log")
                .addBucket(OTHER_ID, "other-log")
                .addSlsProject(ACCOUNT_ID, "audit-project")
                .addSlsProject(ACCOUNT_ID, "denied-project").denySlsProject(ACCOUNT_ID, "denied-project")
                .addSlsProject(OTHER_ID, "other-project");
        ledger = new InMemoryDeliveryLedger(() -> 0L);
        service = new TrailService(repository, resources, ledger, new InMemoryHistoryJobs(), clock);
    }

    static CallContext ctx(String region) {
        return new CallContext(ACCOUNT, region, ApiVersion.V2020_07_06);
    }

    static CallContext ctx2017(String region) {
        return new CallContext(ACCOUNT, region, ApiVersion.V2017_12_04);
    }

    static Req named(String name) {
        return new Req(name);
    }

    /** Creates an OSS trail (bucket {@code audit-log}) from cn-hangzhou. */
    Trail createOss(String name) {
        return service.create(ctx(HZ), named(name).bucket("audit-log").build());
    }

    /** Creates an SLS trail (project {@code audit-project}) from {@code region}. */
    Trail createSls(String region, String name) {
        return service.create(ctx(region), named(name).sls(SLS_ARN).build());
    }

    /**
     * Asserts that the call fails with this error code and HTTP status, and that it changed no trail.
     */
    ApiException fails(String code, int httpStatus, Executable call) {
        List<Trail> before = repository.all();
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(httpStatus, e.httpStatus(), code);
        assertEquals(before, repository.all(), "a failed call changes nothing");
        return e;
    }

    /** A CreateTrail / UpdateTrail request under construction; null fields are not sent. */
    static final class Req {
        private final String name;
        private String ossBucketName;
        private String ossKeyPrefix;
        private String ossWriteRoleArn;
        private String slsProjectArn;
        private String slsWriteRoleArn;
        private String maxComputeProjectArn;
        private String maxComputeWriteRoleArn;
        private String roleName;
        private String eventRW;
        private String trailRegion;
        private String isOrganizationTrail;

        Req(String name) {
            this.name = name;
        }

        Req bucket(String v) {
            ossBucketName = v;
            return this;
        }

        Req prefix(String v) {
            ossKeyPrefix = v;
            return this;
        }

        Req ossRole(String v) {
            ossWriteRoleArn = v;
            return this;
        }

        Req sls(String v) {
            slsProjectArn = v;
            return this;
        }

        Req slsRole(String v) {
            slsWriteRoleArn = v;
            return this;
        }

        Req odps(String v) {
            maxComputeProjectArn = v;
            return this;
        }

        Req odpsRole(String v) {
            maxComputeWriteRoleArn = v;
            return this;
        }

        Req roleName(String v) {
            roleName = v;
            return this;
        }

        Req eventRW(String v) {
            eventRW = v;
            return this;
        }

        Req trailRegion(String v) {
            trailRegion = v;
            return this;
        }

        Req org(String v) {
            isOrganizationTrail = v;
            return this;
        }

        /** Sets the field named like the request parameter, e.g. {@code OssWriteRoleArn}. */
        Req set(String parameter, String value) {
            switch (parameter) {
                case "OssBucketName" -> ossBucketName = value;
                case "OssKeyPrefix" -> ossKeyPrefix = value;
                case "OssWriteRoleArn" -> ossWriteRoleArn = value;
                case "SlsProjectArn" -> slsProjectArn = value;
                case "SlsWriteRoleArn" -> slsWriteRoleArn = value;
                case "MaxComputeProjectArn" -> maxComputeProjectArn = value;
                case "MaxComputeWriteRoleArn" -> maxComputeWriteRoleArn = value;
                case "RoleName" -> roleName = value;
                case "EventRW" -> eventRW = value;
                case "TrailRegion" -> trailRegion = value;
                case "IsOrganizationTrail" -> isOrganizationTrail = value;
                default -> throw new IllegalArgumentException(parameter);
            }
            return this;
        }

        TrailRequest build() {
            return new TrailRequest(name, ossBucketName, ossKeyPrefix, ossWriteRoleArn, slsProjectArn,
                    slsWriteRoleArn, maxComputeProjectArn, maxComputeWriteRoleArn, roleName, eventRW, trailRegion,
                    isOrganizationTrail);
        }
    }
}
