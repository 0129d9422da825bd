package dev.actiontrail.core.event;

import java.util.List;
import java.util.Map;

/**
 * The parameters of a LookupEvents call as sent (§4). Null means not sent.
 *
 * @param attributes 2020-07-06: the {@code LookupAttribute.N.Key}/{@code .Value} pairs in N order; 2017-12-04: the
 *                   flat filter parameters ({@code EventName}, {@code User}, {@code Event}, {@code Request}, …) as
 *                   (parameter name, value)
 * @param startTime  {@code yyyy-MM-ddTHH:mm:ssZ} (UTC)
 * @param endTime    {@code yyyy-MM-ddTHH:mm:ssZ} (UTC)
 * @param direction  {@code FORWARD} or {@code BACKWARD}
 * @param maxResults 1–50 (2017-12-04: 0–50, 0 meaning the default)
 * @param nextToken  the token of the previous page
 */
public record LookupRequest(List<Map.Entry<String, String>> attributes, String startTime, String endTime,
                            String direction, String maxResults, String nextToken) {

    /** A request with only attributes; every other parameter left to its default. */
    public static LookupRequest of(List<Map.Entry<String, String>> attributes) {
        return new LookupRequest(attributes, null, null, null, null, null);
    }
}
