package dev.actiontrail.http.spec;

import java.time.Instant;

/**
 * What the transport knows of a call, for the condition keys of RAM policies (access-control reference §1.3):
 * the client's IP ({@code acs:SourceIp}), its User-Agent ({@code acs:UserAgent}), whether it came over TLS
 * ({@code acs:SecureTransport}) and when the server received it ({@code acs:CurrentTime}, UTC).
 */
public record CallFacts(String sourceIp, String userAgent, boolean secureTransport, Instant time) {
}
