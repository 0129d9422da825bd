package dev.actiontrail.http.authz;

import dev.actiontrail.core.access.RequestContext;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.sts.StsService;
import dev.actiontrail.http.spec.CallFacts;

/**
 * The condition keys of one call (access-control reference §1.3), the one place they are built from what the
 * transport knows: {@code acs:SourceIp}, {@code acs:CurrentTime}, {@code acs:SecureTransport}, {@code acs:UserAgent},
 * {@code acs:PrincipalArn}, and {@code acs:MFAPresent} ({@code false}: API calls signed with an AccessKey carry no
 * MFA).
 */
public final class Conditions {
    private Conditions() {
    }

    public static RequestContext of(Caller caller, CallFacts facts) {
        return RequestContext.builder()
                .sourceIp(facts.sourceIp())
                .currentTime(facts.time())
                .secureTransport(facts.secureTransport())
                .mfaPresent(false)
                .userAgent(facts.userAgent())
                .principalArn(StsService.principalArn(caller.principal()))
                .build();
    }
}
