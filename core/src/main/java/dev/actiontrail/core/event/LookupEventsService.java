package dev.actiontrail.core.event;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The LookupEvents use case (API reference notes §4; seed 003 for 2017-12-04).
 *
 * <ul>
 *   <li>Filters (2020-07-06): one or two {@code LookupAttribute}s, ANDed, exact and case-sensitive; the same key
 *       twice keeps the second; more than two keeps the first two; an unknown key is
 *       {@code InvalidLookupAttributesException}; a Key without a Value or a Value without a Key is
 *       {@code LookupEventsParameterError}. ResourceType / ResourceName match any element of multi-valued
 *       fields. 2017-12-04: each flat filter parameter given is ANDed; {@code EventRW=All} filters nothing.</li>
 *   <li>Time: StartTime and EndTime ({@code yyyy-MM-ddTHH:mm:ssZ}, UTC, inclusive) both or neither, default the
 *       last 7 days; unparsable → {@code InvalidParameterStartTime} / {@code InvalidParameterEndTime}; only one
 *       given → {@code InvalidParameterCombination}; StartTime in the future →
 *       {@code InvalidParameterStartTimeExceedsCurrent}; older than the history window →
 *       {@code InvalidParameterStartTimeOutOfDate}; EndTime not after StartTime →
 *       {@code InvalidParameterCombination}; a span over 30 days → {@code InvalidParameterDateOutOfRange}
 *       (2017-12-04: both → {@code InvalidTimeRangeException}).</li>
 *   <li>{@code Direction} FORWARD / BACKWARD (default, newest first); {@code MaxResults} 1–50, default 20, else
 *       {@code InvalidParameterValue}; {@code NextToken} opaque, omitted on the last page, and
 *       {@code InvalidNextToken} when altered or replayed with other filters or times.</li>
 *   <li>Only the caller's account's events are visible.</li>
 * </ul>
 */
public final class LookupEventsService {
    /** The default window when no times are given. */
    public static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    /** The longest span one query may cover. */
    public static final Duration MAX_SPAN = Duration.ofDays(30);
    public static final int DEFAULT_MAX_RESULTS = 20;
    public static final int MAX_RESULTS = 50;

    private final EventStore store;
    private final Clock clock;
    private final HistoryWindow window;

    public LookupEventsService(EventStore store, Clock clock, HistoryWindow window) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.window = Objects.requireNonNull(window);
    }

    /**
     * Answers one page.
     *
     * @throws dev.actiontrail.core.error.ApiException the codes listed in the class description
     */
    public EventPage lookup(CallContext ctx, LookupRequest req) {
        ApiVersion version = ctx.version();
        List<AuditEvent.Attribute> filters = filters(req.attributes(), version);
        Direction direction = Direction.parse(req.direction());
        int limit = maxResults(req.maxResults(), version);
        String fingerprint = NextToken.digest(ctx.account().id() + "|" + direction + "|" + filters + "|"
                + req.startTime() + "|" + req.endTime());
        Instant start;
        Instant end;
        EventQuery.Position after = null;
        if (req.nextToken() != null && !req.nextToken().isEmpty()) {
            NextToken token = NextToken.decode(req.nextToken(), fingerprint);
            start = token.start();
            end = token.end();
            after = token.position();
        } else {
            Instant[] w = window(req.startTime(), req.endTime(), version);
            start = w[0];
            end = w[1];
        }
        EventQuery query = new EventQuery(ctx.account().id(), filters, start, end, direction, after);
        List<StoredEvent> found = store.find(query, limit + 1);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            StoredEvent last = found.get(limit - 1);
            next = new NextToken(new EventQuery.Position(last.eventTime().toEpochMilli(), last.seq()),
                    start, end, fingerprint).encode();
        }
        return new EventPage(found.stream().map(StoredEvent::json).toList(), start, end, next);
    }

    private static List<AuditEvent.Attribute> filters(List<Map.Entry<String, String>> given, ApiVersion version) {
        List<Map.Entry<String, String>> entries = given == null ? List.of() : given;
        if (version == ApiVersion.V2020_07_06 && entries.size() > 2) {
            entries = entries.subList(0, 2);
        }
        Map<LookupKey, String> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            String value = e.getValue();
            if (e.getKey() == null || e.getKey().isEmpty() || value == null || value.isEmpty()) {
                throw ApiError.LOOKUP_EVENTS_PARAMETER_ERROR.exception();
            }
            LookupKey key = LookupKey.parse(e.getKey(), version);
            if (key == LookupKey.EventRW && !value.equals("Read") && !value.equals("Write")) {
                if (version == ApiVersion.V2017_12_04 && value.equals("All")) {
                    continue;
                }
                if (version == ApiVersion.V2017_12_04) {
                    throw ApiError.INVALID_PARAMETER_VALUE.exception();
                }
            }
            byKey.remove(key);
            byKey.put(key, value);
        }
        return byKey.entrySet().stream()
                .map(e -> new AuditEvent.Attribute(e.getKey(), e.getValue()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static int maxResults(String value, ApiVersion version) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_MAX_RESULTS;
        }
        int n;
        String range = "MaxResults is an integer from 1 to " + MAX_RESULTS + ".";
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_PARAMETER_VALUE.explained(range);
        }
        if (n == 0 && version == ApiVersion.V2017_12_04) {
            return DEFAULT_MAX_RESULTS;
        }
        if (n < 1 || n > MAX_RESULTS) {
            throw ApiError.INVALID_PARAMETER_VALUE.explained(range);
        }
        return n;
    }

    private Instant[] window(String startText, String endText, ApiVersion version) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean hasStart = startText != null && !startText.isEmpty();
        boolean hasEnd = endText != null && !endText.isEmpty();
        if (!hasStart && !hasEnd) {
            return new Instant[] {now.minus(DEFAULT_SPAN), now};
        }
        Instant start = hasStart ? parse(startText, ApiError.INVALID_PARAMETER_START_TIME) : null;
        Instant end = hasEnd ? parse(endText, ApiError.INVALID_PARAMETER_END_TIME) : null;
        if (start == null || end == null) {
            throw ApiError.INVALID_PARAMETER_COMBINATION.explained("StartTime and EndTime are given together.");
        }
        if (start.isAfter(now)) {
            throw ApiError.INVALID_PARAMETER_START_TIME_EXCEEDS_CURRENT.exception();
        }
        if (start.isBefore(window.oldest(now))) {
            throw ApiError.INVALID_PARAMETER_START_TIME_OUT_OF_DATE.exception();
        }
        boolean legacy = version == ApiVersion.V2017_12_04;
        if (!end.isAfter(start)) {
            throw (legacy ? ApiError.INVALID_TIME_RANGE : ApiError.INVALID_PARAMETER_COMBINATION).exception();
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw (legacy ? ApiError.INVALID_TIME_RANGE : ApiError.INVALID_PARAMETER_DATE_OUT_OF_RANGE).exception();
        }
        return new Instant[] {start, end};
    }

    private static Instant parse(String text, ApiError error) {
        try {
            return AuditEvent.parseEventTime(text);
        } catch (InvalidEventException e) {
            throw error.explained("Expected yyyy-MM-ddTHH:mm:ssZ (UTC), for example 2026-12-08T00:00:00Z.");
        }
    }
}
