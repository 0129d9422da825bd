package dev.actiontrail.http.rpc;

import java.util.Map;

/**
 * The outcome of one API call, before rendering: the HTTP status, the action it answered (the root element name
 * of an XML answer is {@code <Action>Response}), and the body fields in order ({@code RequestId} first).
 * Error bodies carry {@code RequestId, HostId, Code, Message, Recommend} (§1.7).
 */
public record ApiResponse(int status, String action, Map<String, Object> body) {

    /** Whether the call succeeded (HTTP 2xx). */
    public boolean ok() {
        return status / 100 == 2;
    }

    /** The error code of a failed call, or null. */
    public String errorCode() {
        return ok() ? null : (String) body.get("Code");
    }
}
