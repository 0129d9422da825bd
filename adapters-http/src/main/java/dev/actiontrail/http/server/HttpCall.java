package dev.actiontrail.http.server;

import java.util.Map;

/**
 * One HTTP request as the gateway needs it, independent of the HTTP library.
 *
 * @param rawQuery   the query string as sent (without {@code ?}), or empty
 * @param headers    header values by lower-case name
 * @param body       the raw body bytes (empty when none)
 * @param remoteIp   the client's IP address
 * @param secure     whether the request came over TLS ({@code acs:SecureTransport})
 */
public record HttpCall(String method, String rawQuery, Map<String, String> headers, byte[] body, String remoteIp,
                       boolean secure) {
    /** A request received over plain HTTP. */
    public HttpCall(String method, String rawQuery, Map<String, String> headers, byte[] body, String remoteIp) {
        this(method, rawQuery, headers, body, remoteIp, false);
    }
}
