package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.UnitOfWork;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DeliveryLedger;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.HistoryJobs;
import dev.actiontrail.core.destination.DeliveryIdentity;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.destination.ResourceDirectory;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trail use cases: CreateTrail, UpdateTrail, DeleteTrail, DescribeTrails, GetTrailStatus, StartLogging and
 * StopLogging (API reference notes §2.2–§2.7, §3; seeds 001, 003, 004). Every rule that decides whether a trail
 * call succeeds lives here or in the value types it uses; a call that fails throws an
 * {@link dev.actiontrail.core.error.ApiException} before anything is changed.
 */
public final class TrailService {
    /** Trails per region per account (§7). */
    public static final int MAX_TRAILS_PER_REGION = 5;

    private final TrailRepository trails;
    private final ResourceDirectory resources;
    private final DeliveryLedger ledger;
    private final HistoryJobs historyJobs;
    private final Clock clock;
    private final UnitOfWork work;

    /**
     * Trail use cases serialized in this process ({@link UnitOfWork#serialized()}): for stores of this process only.
     *
     * @param ledger      where StartLogging / StopLogging open and close the trail's logging segments, and where
     *                    GetTrailStatus reads the outcome of deliveries
     * @param historyJobs the delivery history jobs (a trail with a running one cannot be deleted)
     */
    public TrailService(TrailRepository trails, ResourceDirectory resources, DeliveryLedger ledger,
                        HistoryJobs historyJobs, Clock clock) {
        this(trails, resources, ledger, historyJobs, clock, UnitOfWork.serialized());
    }

    /**
     * @param work the store's transactions: each change of a trail (with its checks, its ledger segments and, for
     *             DeleteTrail, its delivery state) is one
     */
    public TrailService(TrailRepository trails, ResourceDirectory resources, DeliveryLedger ledger,
                        HistoryJobs historyJobs, Clock clock, UnitOfWork work) {
        this.work = Objects.requireNonNull(work);
        this.trails = Objects.requireNonNull(trails);
        this.resources = Objects.requireNonNull(resources);
        this.ledger = Objects.requireNonNull(ledger);
        this.historyJobs = Objects.requireNonNull(historyJobs);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * CreateTrail. The new trail is {@code Fresh} and not logging; its HomeRegion is the region of the call.
     * Defaults: EventRW {@code All} (2020-07-06) or {@code Write} (2017-12-04); TrailRegion {@code All}; write
     * roles the service-linked role {@code aliyunserviceroleforactiontrail} (2020-07-06) and RoleName
     * {@code aliyunactiontraildefaultrole} (2017-12-04).
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidTrailNameException, InvalidBucketNameException,
     *         InvalidPrefixException, InvalidQueryParameter, MissingParameter (2017-12-04: Name, OssBucketName,
     *         RoleName), InvalidDeliveryConfigurationException, TrailAlreadyExistsException,
     *         MaximumNumberOfTrailsExceededException (403), NotAllowCreateOrganizationTrail,
     *         MaximumNumberOfOrganizationTrailExceeded, BucketDoesNotExistException (404),
     *         InsufficientBucketPolicyException (403), SlsProjectDoesNotExistException,
     *         InsufficientSlsPolicyException (403), RepeatOssBucket, CreateLogStoreError
     */
    public Trail create(CallContext ctx, TrailRequest req) {
        return work.atomically(() -> createAtomically(ctx, req));
    }

    private Trail createAtomically(CallContext ctx, TrailRequest req) {
        TrailName name = TrailName.of(req.name());
        if (ctx.version() == ApiVersion.V2017_12_04) {
            requirePresent(req.ossBucketName(), "OssBucketName");
            requirePresent(req.roleName(), "RoleName");
        }
        AccountId account = ctx.account().id();
        boolean organization = parseBoolean(req.isOrganizationTrail(), false);
        EventRW defaultRw = ctx.version() == ApiVersion.V2017_12_04 ? EventRW.Write : EventRW.All;
        Settings settings = Settings.EMPTY.apply(req, defaultRw, ctx.version(), account);
        List<Trail> existing = trails.list(account);
        if (existing.stream().anyMatch(t -> t.name().equals(name.value()))) {
            throw ApiError.TRAIL_ALREADY_EXISTS.exception();
        }
        if (existing.stream().filter(t -> t.homeRegion().equals(ctx.region())).count() >= MAX_TRAILS_PER_REGION) {
            throw ApiError.MAXIMUM_NUMBER_OF_TRAILS_EXCEEDED.exception();
        }
        String organizationId = "";
        if (organization) {
            organizationId = ctx.account().resourceDirectoryId()
                    .orElseThrow(ApiError.NOT_ALLOW_CREATE_ORGANIZATION_TRAIL::exception);
            if (existing.stream().anyMatch(Trail::organizationTrail)) {
                throw ApiError.MAXIMUM_NUMBER_OF_ORGANIZATION_TRAIL_EXCEEDED.exception();
            }
        }
        checkDestinations(ctx.account(), name.value(), settings, existing);
        Instant now = now();
        Trail trail = new Trail(account, name.value(), ctx.region(), settings.ossBucketName, settings.ossKeyPrefix,
                settings.ossWriteRoleArn, settings.slsProjectArn, settings.slsWriteRoleArn,
                settings.maxComputeProjectArn, settings.maxComputeWriteRoleArn, settings.roleName, settings.eventRW,
                settings.trailRegion, organization, organizationId, TrailStatus.Fresh, now, now, null, null);
        createOwnedResources(trail);
        trails.insert(trail);
        return trail;
    }

    /**
     * UpdateTrail: changes the given settings of a trail and keeps the others. It must be called from the trail's
     * home region (seed 003); from another region the trail is not found.
     *
     * @throws dev.actiontrail.core.error.ApiException TrailNotFoundException (404) and the validation and
     *         destination errors of {@link #create}
     */
    public Trail update(CallContext ctx, TrailRequest req) {
        return work.atomically(() -> updateAtomically(ctx, req));
    }

    private Trail updateAtomically(CallContext ctx, TrailRequest req) {
        TrailName name = TrailName.of(req.name());
        AccountId account = ctx.account().id();
        Trail current = trails.find(account, name.value())
                .filter(t -> t.homeRegion().equals(ctx.region()))
                .orElseThrow(ApiError.TRAIL_NOT_FOUND::exception);
        Settings settings = Settings.of(current).apply(req, current.eventRW(), ctx.version(), account);
        List<Trail> others = trails.list(account);
        checkDestinations(ctx.account(), name.value(), settings, others);
        Trail updated = new Trail(account, current.name(), current.homeRegion(), settings.ossBucketName,
                settings.ossKeyPrefix, settings.ossWriteRoleArn, settings.slsProjectArn, settings.slsWriteRoleArn,
                settings.maxComputeProjectArn, settings.maxComputeWriteRoleArn, settings.roleName, settings.eventRW,
                settings.trailRegion, current.organizationTrail(), current.organizationId(), current.status(),
                current.createTime(), now(), current.startLoggingTime(), current.stopLoggingTime());
        createOwnedResources(updated);
        trails.update(updated);
        return updated;
    }

    /**
     * DeleteTrail.
     *
     * @throws dev.actiontrail.core.error.ApiException TrailNotFoundException (404); 2017-12-04 answers an
     *         unknown name with InvalidTrailNameException (400) as seed 003 lists; ForbiddenDeleteTrail (400)
     *         while a delivery history job of the trail runs
     */
    public void delete(CallContext ctx, String name) {
        work.run(() -> deleteAtomically(ctx, name));
    }

    private void deleteAtomically(CallContext ctx, String name) {
        Trail trail = require(ctx, name);
        if (historyJobs.running().stream().anyMatch(j -> j.account().equals(trail.accountId())
                && j.trailName().equals(trail.name()))) {
            throw ApiError.FORBIDDEN_DELETE_TRAIL.exception();
        }
        trails.delete(trail.accountId(), trail.name());
        ledger.forget(trail.accountId(), trail.name());
    }

    /**
     * DescribeTrails: the trails whose home region is the region of the call; with {@code includeShadowTrails}
     * also the trails of other home regions that cover this region. {@code names} (null = all) restricts the
     * answer; unknown names are simply absent. Organization trails of the account are always listed (the
     * {@code IncludeOrganizationTrail} flag concerns trails of the management account seen from a member account).
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidTrailNameException (400) for a malformed name in
     *         {@code names}
     */
    public List<Trail> describe(CallContext ctx, List<String> names, boolean includeShadowTrails) {
        Set<String> wanted = names == null ? null
                : names.stream().map(n -> TrailName.of(n).value()).collect(Collectors.toSet());
        return trails.list(ctx.account().id()).stream()
                .filter(t -> wanted == null || wanted.contains(t.name()))
                .filter(t -> t.homeRegion().equals(ctx.region())
                        || (includeShadowTrails && t.coversRegion(ctx.region())))
                .toList();
    }

    /**
     * GetTrailStatus. With {@code organizationTrail} the named trail must be an organization trail.
     *
     * @throws dev.actiontrail.core.error.ApiException TrailNotFoundException (404)
     */
    public TrailStatusReport status(CallContext ctx, String name, boolean organizationTrail) {
        Trail trail = require(ctx, name);
        if (organizationTrail && !trail.organizationTrail()) {
            throw ApiError.TRAIL_NOT_FOUND.exception();
        }
        AccountId account = trail.accountId();
        Boolean oss = trail.hasOss() ? resources.bucketAccess(new DeliveryIdentity(account, trail.ossWriteRoleArn()),
                trail.ossBucketName()) == DestinationAccess.WRITABLE : null;
        Boolean sls = trail.slsProject().map(p -> {
            DeliveryIdentity writer = new DeliveryIdentity(account, trail.slsWriteRoleArn());
            return writer.accountNamed(Arn.slsProject(trail.slsProjectArn()).accountId())
                    .map(owner -> resources.logstoreAccess(writer, owner, p, trail.slsLogstore()))
                    .orElse(DestinationAccess.MISSING) == DestinationAccess.WRITABLE;
        }).orElse(null);
        Optional<DeliveryCursor> toOss = ledger.cursor(account, trail.name(), DestinationType.OSS);
        Optional<DeliveryCursor> toSls = ledger.cursor(account, trail.name(), DestinationType.SLS);
        return new TrailStatusReport(trail, oss, sls,
                toOss.map(DeliveryCursor::latestDeliveryTime).orElse(null),
                toOss.map(DeliveryCursor::latestDeliveryError).orElse(null),
                toSls.map(DeliveryCursor::latestDeliveryTime).orElse(null),
                toSls.map(DeliveryCursor::latestDeliveryError).orElse(null));
    }

    /**
     * StartLogging: {@code Fresh}/{@code Disable} → {@code Enable}, StartLoggingTime = now; the trail delivers the
     * events recorded from now on. Starting a logging trail changes nothing.
     *
     * @throws dev.actiontrail.core.error.ApiException TrailNotFoundException (404)
     */
    public Trail startLogging(CallContext ctx, String name) {
        return work.atomically(() -> startLoggingAtomically(ctx, name));
    }

    private Trail startLoggingAtomically(CallContext ctx, String name) {
        Trail trail = require(ctx, name);
        if (trail.status() == TrailStatus.Enable) {
            return trail;
        }
        ledger.openSegment(trail.accountId(), trail.name());
        Trail started = trail.withStatus(TrailStatus.Enable, now());
        trails.update(started);
        return started;
    }

    /**
     * StopLogging: {@code Enable} → {@code Disable}, StopLoggingTime = now; the events recorded until now are
     * still delivered, later ones are not. Stopping a trail that is not logging changes nothing.
     *
     * @throws dev.actiontrail.core.error.ApiException TrailNotFoundException (404)
     */
    public Trail stopLogging(CallContext ctx, String name) {
        return work.atomically(() -> stopLoggingAtomically(ctx, name));
    }

    private Trail stopLoggingAtomically(CallContext ctx, String name) {
        Trail trail = require(ctx, name);
        if (trail.status() != TrailStatus.Enable) {
            return trail;
        }
        ledger.closeSegment(trail.accountId(), trail.name());
        Trail stopped = trail.withStatus(TrailStatus.Disable, now());
        trails.update(stopped);
        return stopped;
    }

    /**
     * The home region of an account's trail, for the resource ARN a call on it is authorized against
     * ({@code acs:actiontrail:<home region>:<account>:trail/<Name>}): a trail has one ARN whichever region the call
     * is sent to, so a policy on it cannot be sidestepped by calling another region. Empty when the name is not a
     * valid trail name or no such trail exists. Reads only.
     */
    public Optional<String> homeRegion(AccountId account, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return trails.find(account, TrailName.of(name).value()).map(Trail::homeRegion);
        } catch (ApiException invalidName) {
            return Optional.empty();
        }
    }

    private Trail require(CallContext ctx, String name) {
        TrailName trailName = TrailName.of(name);
        Optional<Trail> trail = trails.find(ctx.account().id(), trailName.value());
        if (trail.isEmpty() && ctx.version() == ApiVersion.V2017_12_04) {
            throw ApiError.INVALID_TRAIL_NAME.exception();
        }
        return trail.orElseThrow(ApiError.TRAIL_NOT_FOUND::exception);
    }

    /**
     * The destinations' existence and access for the trail's account, each with the write role the trail names for
     * it (ownership and cross-account grants: {@link DeliveryIdentity#mayWriteTo}). A resource of another account
     * is refused like a resource whose policy refuses ActionTrail, unless the trail names a write role of the owner
     * that the owner grants (console guide, "Delivery to Another Account").
     */
    private void checkDestinations(Account caller, String trailName, Settings s, List<Trail> accountTrails) {
        AccountId account = caller.id();
        if (s.ossBucketName.isEmpty() && s.slsProjectArn.isEmpty() && s.maxComputeProjectArn.isEmpty()) {
            throw ApiError.INVALID_DELIVERY_CONFIGURATION.exception();
        }
        if (!s.ossBucketName.isEmpty()) {
            switch (resources.bucketAccess(new DeliveryIdentity(account, s.ossWriteRoleArn), s.ossBucketName)) {
                case MISSING -> throw ApiError.BUCKET_DOES_NOT_EXIST.exception();
                case DENIED -> throw ApiError.INSUFFICIENT_BUCKET_POLICY.exception();
                case WRITABLE -> { }
            }
            if (accountTrails.stream().anyMatch(t -> !t.name().equals(trailName)
                    && t.ossBucketName().equals(s.ossBucketName))) {
                throw ApiError.REPEAT_OSS_BUCKET.exception();
            }
        }
        if (!s.slsProjectArn.isEmpty()) {
            Arn project = Arn.slsProject(s.slsProjectArn);
            DeliveryIdentity writer = new DeliveryIdentity(account, s.slsWriteRoleArn);
            DestinationAccess access = writer.accountNamed(project.accountId())
                    .map(owner -> resources.slsProjectAccess(writer, owner, project.resource()))
                    .orElse(DestinationAccess.MISSING);
            switch (access) {
                case MISSING -> throw ApiError.SLS_PROJECT_DOES_NOT_EXIST.exception();
                case DENIED -> throw ApiError.INSUFFICIENT_SLS_POLICY.exception();
                case WRITABLE -> { }
            }
        }
        if (!s.maxComputeProjectArn.isEmpty()) {
            // MaxCompute has no policy error of its own: a project the trail may not use is an invalid parameter
            Arn project = Arn.maxComputeProject(s.maxComputeProjectArn);
            DeliveryIdentity writer = new DeliveryIdentity(account, s.maxComputeWriteRoleArn);
            DestinationAccess access = writer.accountNamed(project.accountId())
                    .map(owner -> resources.maxComputeProjectAccess(writer, owner, project.resource()))
                    .orElse(DestinationAccess.DENIED);
            if (access == DestinationAccess.DENIED) {
                throw ApiError.INVALID_QUERY_PARAMETER.exception();
            }
        }
    }

    /** Creates the trail's Logstore and MaxCompute project where absent, with the trail's write roles. */
    private void createOwnedResources(Trail trail) {
        trail.slsProject().ifPresent(p -> {
            DeliveryIdentity writer = new DeliveryIdentity(trail.accountId(), trail.slsWriteRoleArn());
            resources.ensureLogstore(writer, projectAccount(writer, Arn.slsProject(trail.slsProjectArn())), p,
                    trail.slsLogstore());
        });
        if (trail.hasMaxCompute()) {
            DeliveryIdentity writer = new DeliveryIdentity(trail.accountId(), trail.maxComputeWriteRoleArn());
            Arn project = Arn.maxComputeProject(trail.maxComputeProjectArn());
            resources.ensureMaxComputeProject(writer, projectAccount(writer, project), project.resource());
        }
    }

    /** The account a checked project ARN names: its account, or the trail's when it names none. */
    private static AccountId projectAccount(DeliveryIdentity writer, Arn project) {
        return writer.accountNamed(project.accountId()).orElseThrow(ApiError.INVALID_QUERY_PARAMETER::exception);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requirePresent(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            throw ApiError.MISSING_PARAMETER.exception(parameter);
        }
    }

    /**
     * Parses a boolean parameter ({@code true}/{@code false}, any case); null or empty gives {@code dflt}.
     *
     * @throws dev.actiontrail.core.error.ApiException InvalidQueryParameter (400) for anything else
     */
    public static boolean parseBoolean(String value, boolean dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiError.INVALID_QUERY_PARAMETER.exception();
    }

    /** The validated, defaulted settings of a trail, built from stored values and a request. */
    private record Settings(String ossBucketName, String ossKeyPrefix, String ossWriteRoleArn, String slsProjectArn,
                            String slsWriteRoleArn, String maxComputeProjectArn, String maxComputeWriteRoleArn,
                            String roleName, EventRW eventRW, TrailRegion trailRegion) {
        static final Settings EMPTY = new Settings("", "", "", "", "", "", "", "", EventRW.All, TrailRegion.ALL);

        static Settings of(Trail t) {
            return new Settings(t.ossBucketName(), t.ossKeyPrefix(), t.ossWriteRoleArn(), t.slsProjectArn(),
                    t.slsWriteRoleArn(), t.maxComputeProjectArn(), t.maxComputeWriteRoleArn(), t.roleName(),
                    t.eventRW(), t.trailRegion());
        }

        /**
         * Applies the request's given fields (validating each) and fills the version's defaults;
         * {@code defaultRw} is used when the request gives no EventRW.
         */
        Settings apply(TrailRequest r, EventRW defaultRw, ApiVersion version, AccountId account) {
            String bucket = r.ossBucketName() == null ? ossBucketName
                    : r.ossBucketName().isEmpty() ? "" : OssBucketName.of(r.ossBucketName()).value();
            String prefix = r.ossKeyPrefix() == null ? ossKeyPrefix : OssKeyPrefix.of(r.ossKeyPrefix()).value();
            String sls = r.slsProjectArn() == null ? slsProjectArn
                    : r.slsProjectArn().isEmpty() ? "" : Arn.slsProject(r.slsProjectArn()).value();
            String odps = r.maxComputeProjectArn() == null ? maxComputeProjectArn
                    : r.maxComputeProjectArn().isEmpty() ? "" : Arn.maxComputeProject(r.maxComputeProjectArn()).value();
            String ossRole = role(r.ossWriteRoleArn(), ossWriteRoleArn);
            String slsRole = role(r.slsWriteRoleArn(), slsWriteRoleArn);
            String odpsRole = role(r.maxComputeWriteRoleArn(), maxComputeWriteRoleArn);
            String slr = Arn.ramRoleOf(account, Arn.SERVICE_LINKED_ROLE);
            String role = r.roleName() == null ? roleName : r.roleName();
            if (version == ApiVersion.V2020_07_06) {
                ossRole = bucket.isEmpty() ? "" : ossRole.isEmpty() ? slr : ossRole;
                slsRole = sls.isEmpty() ? "" : slsRole.isEmpty() ? slr : slsRole;
                odpsRole = odps.isEmpty() ? "" : odpsRole.isEmpty() ? slr : odpsRole;
            } else if (role.isEmpty()) {
                role = Arn.DEFAULT_2017_ROLE;
            }
            EventRW rw = r.eventRW() == null || r.eventRW().isEmpty() ? defaultRw : EventRW.parse(r.eventRW());
            TrailRegion region = r.trailRegion() == null || r.trailRegion().isEmpty()
                    ? trailRegion : TrailRegion.parse(r.trailRegion());
            return new Settings(bucket, prefix, ossRole, sls, slsRole, odps, odpsRole, role, rw, region);
        }

        private static String role(String given, String stored) {
            if (given == null) {
                return stored;
            }
            return given.isEmpty() ? "" : Arn.ramRole(given).value();
        }
    }
}
