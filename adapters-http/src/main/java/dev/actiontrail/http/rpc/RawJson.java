package dev.actiontrail.http.rpc;

/** A value of a response that is already JSON text (a recorded event) and is written out as is. */
public record RawJson(String json) {
}
