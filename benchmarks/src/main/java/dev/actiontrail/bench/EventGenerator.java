package dev.actiontrail.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.http.json.EventJson;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic ActionTrail events with a fixed seed, shaped like the real published samples in
 * {@code shared/data/actiontrail-samples/}: many services (each with its own event source, API version, actions,
 * read/write mix and resource types), root / RAM users / assumed roles / system callers with their AccessKeys,
 * source IPs, regions, {@code requestParameters}, {@code additionalEventData}, occasional
 * {@code referencedResources}, {@code eventAttributes.SensitiveAction} and console sign-ins.
 *
 * <p>Index-addressable: {@link #event(long)} is a pure function of (seed, index), so any event can be rebuilt
 * (e.g. to pick lookup values that exist) without keeping them. Event {@code i} happens at
 * {@code start + i * (end - start) / count} plus up to one spacing of jitter, so a stream is roughly in time order,
 * as real ingest is. Popularity of services, users, IPs and resources is skewed (Zipf-like), as in real trails.
 */
public final class EventGenerator {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    private static final String[] REGIONS = {"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen",
            "cn-hongkong", "ap-southeast-1", "us-west-1", "eu-central-1", "cn-zhangjiakou", "ap-northeast-1"};
    private static final String[] AGENTS = {"AlibabaCloud (Linux; amd64) Java/1.8.0 tea-util/0.2.16 TeaDSL/1",
            "aliyun-cli/v3.0.180", "Aliyun-Java-SDK/4.7.3", "terraform-provider-alicloud/1.219.0",
            "ecs.console.aliyun.com", "actiontrail.console.aliyun.com", "ros.aliyuncs.com",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"};

    /** A service: name, event source, API version, actions (name, true if write), resource types. */
    private record Service(String name, String source, String apiVersion, String[] actions, boolean[] writes,
                           String[] resourceTypes, String idPrefix) {
    }

    private static final Service[] SERVICES = {
            service("Ecs", "ecs.aliyuncs.com", "2014-05-26", "ACS::ECS::Instance", "i-",
                    "DescribeInstances", "DescribeInstanceStatus", "DescribeDisks", "DescribeSecurityGroups",
                    "+StartInstance", "+StopInstance", "+RebootInstance", "+CreateInstance", "+DeleteDisk",
                    "+ModifyInstanceAttribute", "+AuthorizeSecurityGroup"),
            service("Oss", "oss.aliyuncs.com", "2019-05-17", "ACS::OSS::Bucket", "bucket-",
                    "GetBucketInfo", "ListObjects", "GetObject", "HeadObject", "+PutObject", "+DeleteObject",
                    "+PutBucketAcl"),
            service("Ram", "ram.aliyuncs.com", "2015-05-01", "ACS::RAM::User", "user-",
                    "ListUsers", "GetUser", "ListPoliciesForUser", "+CreateUser", "+AttachPolicyToUser",
                    "+CreateAccessKey", "+DeleteAccessKey"),
            service("Ims", "ims-share.aliyuncs.com", "2019-08-15", "ACS::RAM::User", "user-",
                    "GetDefaultDomain", "GetSecurityPreference", "ListUsers", "+UpdateLoginProfile"),
            service("Sts", "sts.aliyuncs.com", "2015-04-01", "ACS::RAM::Role", "role-",
                    "GetCallerIdentity", "+AssumeRole"),
            service("Actiontrail", "actiontrail-openapi-share.cn-hangzhou.aliyuncs.com", "2020-07-06",
                    "ACS::ActionTrail::Trail", "trail-", "DescribeTrails", "LookupEvents", "GetTrailStatus",
                    "DescribeTrailDeliveryMetricData", "+CreateTrail", "+UpdateTrail", "+StartLogging"),
            service("Cms", "metrics-share.aliyuncs.com", "2019-01-01", "ACS::CMS::Alarm", "alarm-",
                    "DescribeMetricList", "DescribeMetricLast", "DescribeAlertHistoryList", "+PutMetricRuleTargets"),
            service("Vpc", "vpc.aliyuncs.com", "2016-04-28", "ACS::VPC::VPC", "vpc-",
                    "DescribeVpcs", "DescribeVSwitches", "DescribeEipAddresses", "+CreateVSwitch", "+AllocateEipAddress",
                    "+DeleteVpc"),
            service("Slb", "slb.aliyuncs.com", "2014-05-15", "ACS::SLB::LoadBalancer", "lb-",
                    "DescribeLoadBalancers", "DescribeHealthStatus", "+SetBackendServers", "+CreateLoadBalancer"),
            service("Rds", "rds.aliyuncs.com", "2014-08-15", "ACS::RDS::DBInstance", "rm-",
                    "DescribeDBInstances", "DescribeSlowLogs", "DescribeBackups", "+CreateBackup",
                    "+ModifySecurityIps"),
            service("Kms", "kms.aliyuncs.com", "2016-01-20", "ACS::KMS::Key", "key-",
                    "Decrypt", "DescribeKey", "ListKeys", "+Encrypt", "+ScheduleKeyDeletion"),
            service("Cas", "cas.aliyuncs.com", "2020-04-07", "ACS::CAS::Certificate", "cert-",
                    "ListUserCertificateOrder", "+UploadUserCertificate"),
            service("Cs", "cs.aliyuncs.com", "2015-12-15", "ACS::CS::Cluster", "c",
                    "DescribeClusters", "DescribeClusterNodes", "+ScaleOutCluster", "+DeleteCluster"),
            service("Sls", "sls.aliyuncs.com", "2020-12-30", "ACS::SLS::Project", "project-",
                    "ListProject", "GetLogStore", "+CreateLogStore", "+DeleteLogStore"),
            service("Fc", "fc.aliyuncs.com", "2021-04-06", "ACS::FC::Function", "fn-",
                    "ListFunctions", "GetFunction", "+UpdateFunction", "+InvokeFunction"),
            service("Cdn", "cdn.aliyuncs.com", "2018-05-10", "ACS::CDN::Domain", "cdn-",
                    "DescribeUserDomains", "DescribeDomainConfigs", "+RefreshObjectCaches"),
            service("Alidns", "alidns.aliyuncs.com", "2015-01-09", "ACS::DNS::Domain", "dns-",
                    "DescribeDomainRecords", "+AddDomainRecord", "+DeleteDomainRecord"),
            service("Ess", "ess.aliyuncs.com", "2014-08-28", "ACS::ESS::ScalingGroup", "asg-",
                    "DescribeScalingGroups", "DescribeScalingActivities", "+ExecuteScalingRule"),
            service("Ros", "ros.aliyuncs.com", "2019-09-10", "ACS::ROS::Stack", "stack-",
                    "ListStacks", "GetStack", "+CreateStack", "+UpdateStack", "+DeleteStack"),
            service("Nas", "nas.aliyuncs.com", "2017-06-26", "ACS::NAS::FileSystem", "fs-",
                    "DescribeFileSystems", "+CreateMountTarget"),
    };

    private static final int USERS = 300;
    private static final int IPS = 2_000;
    private static final int RESOURCES_PER_TYPE = 5_000;

    private final long seed;
    private final long startMillis;
    private final long endMillis;
    private final long count;
    private final String accountId;
    private final String[] userNames = new String[USERS];
    private final String[] userTypes = new String[USERS];
    private final String[] principalIds = new String[USERS];
    private final String[][] accessKeys = new String[USERS][];
    private final String[] ips = new String[IPS];

    /**
     * @param count how many events span [start, end]; {@link #event(long)} is defined for any index, later ones
     *              continuing past {@code end} at the same rate
     */
    public EventGenerator(long seed, String accountId, Instant start, Instant end, long count) {
        this.seed = seed;
        this.accountId = accountId;
        this.startMillis = start.toEpochMilli();
        this.endMillis = end.toEpochMilli();
        this.count = Math.max(1, count);
        SplittableRandom r = new SplittableRandom(seed);
        for (int u = 0; u < USERS; u++) {
            if (u == 0) {
                userTypes[u] = "root-account";
                userNames[u] = "root";
                principalIds[u] = accountId;
            } else if (u % 7 == 3) {
                userTypes[u] = "assumed-role";
                String role = new String[] {"AliyunServiceRoleForECS", "ops-admin", "ci-deployer",
                        "AliyunCSManagedKubernetesRole", "readonly-auditor", "AliyunOOSLifecycleHook4CSRole"}[u % 6];
                userNames[u] = role + ":session-" + (1000 + u);
                principalIds[u] = "3" + digits(r, 17) + ":session-" + (1000 + u);
            } else if (u % 11 == 5) {
                userTypes[u] = "system";
                userNames[u] = SERVICES[u % SERVICES.length].source();
                principalIds[u] = null;
            } else {
                userTypes[u] = "ram-user";
                userNames[u] = new String[] {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
                        "ivan", "judy"}[u % 10] + "." + u;
                principalIds[u] = "2" + digits(r, 17);
            }
            int keys = userTypes[u].equals("system") ? 0 : 1 + r.nextInt(2);
            accessKeys[u] = new String[keys];
            for (int k = 0; k < keys; k++) {
                accessKeys[u][k] = userTypes[u].equals("assumed-role") ? "STS.NT" + alnum(r, 24)
                        : "LTAI5t" + alnum(r, 18);
            }
        }
        for (int i = 0; i < IPS; i++) {
            ips[i] = i % 50 == 7 ? SERVICES[i % SERVICES.length].source()
                    : (11 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        }
    }

    public String accountId() {
        return accountId;
    }

    public long count() {
        return count;
    }

    /** The time of event {@code index} (ms), before jitter. */
    public long baseTime(long index) {
        return startMillis + (long) ((double) index * (endMillis - startMillis) / count);
    }

    /** Event {@code index} as a record tree (plain Java values, keys in the order of real events). */
    public Map<String, Object> record(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        long spacing = Math.max(1, (endMillis - startMillis) / count);
        long time = baseTime(index) + r.nextLong(spacing);
        int s = zipf(r, SERVICES.length, 1.1);
        Service svc = SERVICES[s];
        int a = r.nextInt(svc.actions().length);
        // reads dominate real trails (~75 %): resample writes once in two
        if (svc.writes()[a] && r.nextInt(2) == 0) {
            a = r.nextInt(svc.actions().length);
        }
        String action = svc.actions()[a];
        boolean write = svc.writes()[a];
        int u = zipf(r, USERS, 1.05);
        boolean signin = r.nextInt(200) == 0;
        String region = REGIONS[zipf(r, REGIONS.length, 1.3)];
        String id = uuid(r);
        String when = ISO.format(Instant.ofEpochMilli(time).truncatedTo(ChronoUnit.SECONDS));

        Map<String, Object> e = new LinkedHashMap<>();
        e.put("acsRegion", region);
        Map<String, Object> additional = new LinkedHashMap<>();
        additional.put("CallerBid", "26842");
        if (signin) {
            additional.put("loginAccount", userNames[u] + "@" + accountId + ".onaliyun.com");
            additional.put("MFAUsed", r.nextInt(3) == 0 ? "true" : "false");
        }
        e.put("additionalEventData", additional);
        e.put("apiVersion", signin ? "" : svc.apiVersion());
        e.put("eventCategory", "Management");
        e.put("eventId", id);
        e.put("eventName", signin ? "ConsoleSignin" : action);
        e.put("eventRW", signin || write ? "Write" : "Read");
        e.put("eventSource", signin ? "signin.aliyun.com" : svc.source());
        e.put("eventTime", when);
        e.put("eventType", signin ? "ConsoleSignin" : r.nextInt(40) == 0 ? "AliyunServiceEvent" : "ApiCall");
        e.put("eventVersion", "1");
        e.put("isGlobal", false);
        e.put("requestId", id);
        String resource = svc.idPrefix() + alnumFrom(seed + s, zipf(r, RESOURCES_PER_TYPE, 0.9), 16);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("AcsProduct", svc.name());
        params.put("RegionId", region);
        if (!action.startsWith("List") && !action.startsWith("Describe")) {
            params.put(svc.resourceTypes()[0].substring(svc.resourceTypes()[0].lastIndexOf(':') + 1) + "Id", resource);
        } else {
            params.put("PageSize", 10 * (1 + r.nextInt(10)));
            params.put("PageNumber", 1 + r.nextInt(3));
        }
        if (r.nextInt(3) == 0) {
            params.put("ClientToken", uuid(r).toLowerCase());
        }
        e.put("requestParameters", signin ? Map.of() : params);
        if (write && !signin) {
            e.put("resourceName", r.nextInt(5) == 0 ? resource + ","
                    + svc.idPrefix() + alnumFrom(seed + s, zipf(r, RESOURCES_PER_TYPE, 0.9), 16) : resource);
            e.put("resourceType", svc.resourceTypes()[0]);
            if (r.nextInt(10) == 0) {
                Map<String, Object> referenced = new LinkedHashMap<>();
                referenced.put(svc.resourceTypes()[0], List.of(resource));
                referenced.put("ACS::ECS::Disk", List.of("d-" + alnumFrom(seed + 99, r.nextInt(RESOURCES_PER_TYPE), 16)));
                e.put("referencedResources", referenced);
            }
            if (r.nextInt(25) == 0) {
                e.put("eventAttributes", Map.of("SensitiveAction", "true"));
            }
        }
        e.put("serviceName", signin ? "AasSub" : svc.name());
        e.put("sourceIpAddress", ips[zipf(r, IPS, 1.0)]);
        e.put("userAgent", AGENTS[r.nextInt(AGENTS.length)]);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("accountId", accountId);
        if (principalIds[u] != null) {
            identity.put("principalId", principalIds[u]);
        }
        if (accessKeys[u].length > 0 && !signin) {
            identity.put("accessKeyId", accessKeys[u][r.nextInt(accessKeys[u].length)]);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("mfaAuthenticated", "false");
        attributes.put("creationDate", when);
        identity.put("sessionContext", Map.of("attributes", attributes));
        identity.put("type", userTypes[u]);
        identity.put("userName", userNames[u]);
        e.put("userIdentity", identity);
        return e;
    }

    /** Event {@code index} as an {@link AuditEvent}: its compact JSON (Jackson) and its tree. */
    public AuditEvent event(long index) {
        Map<String, Object> record = record(index);
        return AuditEvent.of(json(record), record);
    }

    /** Events {@code [from, from + n)}. */
    public List<AuditEvent> events(long from, int n) {
        List<AuditEvent> out = new ArrayList<>(n);
        for (long i = from; i < from + n; i++) {
            out.add(event(i));
        }
        return out;
    }

    /** Compact JSON of a record tree, as {@link EventJson} stores it. */
    public static String json(Map<String, Object> record) {
        try {
            return EventJson.MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Service service(String name, String source, String version, String type, String idPrefix,
                                   String... actions) {
        String[] names = new String[actions.length];
        boolean[] writes = new boolean[actions.length];
        for (int i = 0; i < actions.length; i++) {
            writes[i] = actions[i].startsWith("+");
            names[i] = writes[i] ? actions[i].substring(1) : actions[i];
        }
        return new Service(name, source, version, names, writes, new String[] {type}, idPrefix);
    }

    /** A Zipf-like index in [0, n): rank k has weight ~ 1/(k+1)^s, drawn by inverse transform on the continuum. */
    static int zipf(SplittableRandom r, int n, double s) {
        double u = r.nextDouble();
        double k;
        if (Math.abs(s - 1.0) < 1e-9) {
            k = Math.pow(n + 1, u) - 1;
        } else {
            double a = 1 - s;
            k = Math.pow(u * (Math.pow(n + 1, a) - 1) + 1, 1 / a) - 1;
        }
        return (int) Math.min(n - 1, Math.max(0, k));
    }

    private static String uuid(SplittableRandom r) {
        String h = Long.toHexString(r.nextLong() | Long.MIN_VALUE).toUpperCase()
                + Long.toHexString(r.nextLong() | Long.MIN_VALUE).toUpperCase();
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20, 32);
    }

    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private static String alnum(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    /** A stable id for (namespace, rank). */
    private static String alnumFrom(long namespace, int rank, int n) {
        return alnum(new SplittableRandom(namespace * 31 + rank), n);
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }
}
