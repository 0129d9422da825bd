package dev.actiontrail.http.server;

/** The HTTP answer to a call: status, Content-Type and body text. */
public record HttpAnswer(int status, String contentType, String body) {
    public static final String JSON = "application/json;charset=utf-8";
    public static final String XML = "text/xml;charset=utf-8";
}
