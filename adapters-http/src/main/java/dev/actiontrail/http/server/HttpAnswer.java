package dev.actiontrail.http.server;

/**
 * The HTTP answer to a call: status, Content-Type and body text, and what the access log says of the call (null for
 * answers outside any call).
 */
public record HttpAnswer(int status, String contentType, String body, Access access) {
    public static final String JSON = "application/json;charset=utf-8";
    public static final String XML = "text/xml;charset=utf-8";

    public HttpAnswer(int status, String contentType, String body) {
        this(status, contentType, body, null);
    }

    /**
     * A call as the access log shows it — never a signature, a secret or a SecurityToken.
     *
     * @param accessKeyId the AccessKeyId the call was signed with (as claimed, when authentication failed), or ""
     * @param code        the error code of a failed call, or "" on success
     */
    public record Access(String action, String version, String accessKeyId, String code, String requestId) {
    }

    /** The same answer with another status. */
    public HttpAnswer withStatus(int newStatus) {
        return new HttpAnswer(newStatus, contentType, body, access);
    }
}
