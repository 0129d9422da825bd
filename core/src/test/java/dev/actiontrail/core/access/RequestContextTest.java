package dev.actiontrail.core.access;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestContextTest {

    @Test
    void keysCompareCaseInsensitivelyAndValuesShowAsText() {
        Instant t = Instant.parse("2012-11-11T23:59:59Z");
        RequestContext c = RequestContext.builder().sourceIp("10.0.0.1").currentTime(t).secureTransport(true)
                .mfaPresent(false).userAgent("cli/1.0").principalArn("acs:ram::1234567890123456:user/alice")
                .put("acs:Service", "actiontrail.aliyuncs.com").put("ram:ServiceName", (String) null).build();
        assertEquals(Optional.of("10.0.0.1"), c.get("ACS:SOURCEIP"));
        assertEquals(Optional.of("2012-11-11T23:59:59Z"), c.get("acs:currenttime"));
        assertEquals(Optional.of("true"), c.get("acs:SecureTransport"));
        assertEquals(Optional.of("false"), c.get("acs:MFAPresent"));
        assertEquals(Optional.of("cli/1.0"), c.get("acs:UserAgent"));
        assertEquals(Optional.of("acs:ram::1234567890123456:user/alice"), c.get("acs:PrincipalArn"));
        assertEquals(Optional.of("actiontrail.aliyuncs.com"), c.get("acs:service"));
        assertFalse(c.has("ram:ServiceName"), "a null value leaves the key absent");
        assertEquals(Optional.of(t), c.currentTime());
        assertEquals(7, c.asMap().size());
        assertEquals("acs:SourceIp", c.asMap().keySet().iterator().next());
    }

    @Test
    void isImmutableAndDerivable() {
        RequestContext base = RequestContext.builder().userAgent("a").build();
        RequestContext more = base.with("sts:ExternalId", "abc");
        assertFalse(base.has("sts:ExternalId"));
        assertEquals(Optional.of("abc"), more.get("STS:EXTERNALID"));
        assertEquals(Optional.of("a"), more.get("acs:UserAgent"));
        assertThrows(UnsupportedOperationException.class, () -> more.asMap().clear());
        RequestContext replaced = more.with("acs:useragent", "b");
        assertEquals(Map.of("acs:UserAgent", "a", "sts:ExternalId", "abc"), more.asMap());
        assertEquals(Optional.of("b"), replaced.get("acs:UserAgent"));
        assertTrue(RequestContext.EMPTY.asMap().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RequestContext.builder().put("", "x"));
    }

    @Test
    void aSourceIpGivenAsAPlainKeyIsStillAnIp() {
        PolicyDocument p = PolicyDocument.identityPolicy(JsonTree.parse(("{'Version':'1','Statement':[{'Effect':"
                + "'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'acs:SourceIp':'10.0.0.0/8'}}}]}")
                .replace('\'', '"')));
        RequestContext c = RequestContext.builder().put("ACS:SourceIP", "10.2.3.4").build();
        assertTrue(p.statements().get(0).conditionsMet(c));
        assertFalse(p.statements().get(0).conditionsMet(RequestContext.builder().put("acs:SourceIp", "11.2.3.4")
                .build()));
    }
}
