package dev.actiontrail.http.server;

import java.util.Map;

/**
 * One HTTP request as the gateway needs it, independent of the HTTP library.
 *
 * @param rawQuery   the query string as sent (without {@code ?}), or empty
 * @param headers    header values by lower-case name
 * @param body       the raw body bytes (empty when none)
 * @param remoteIp   the client's IP address
 */
public record HttpCall(String method, String rawQuery, Map<String, String> headers, byte[] body, String remoteIp) {
}
