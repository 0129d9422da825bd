package dev.actiontrail.core.api;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiVersionTest {

    @Test
    void theTwoServedVersionsParse() {
        assertEquals(ApiVersion.V2017_12_04, ApiVersion.parse("2017-12-04"));
        assertEquals(ApiVersion.V2020_07_06, ApiVersion.parse("2020-07-06"));
        assertEquals("2017-12-04", ApiVersion.V2017_12_04.value());
        assertEquals("2020-07-06", ApiVersion.V2020_07_06.value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2019-01-01", "2020-07-6", "20200706", " 2020-07-06", "2020-07-06 ", "V2020_07_06",
            "2018-12-03"})
    void anyOtherVersionIsInvalidVersion(String value) {
        ApiException e = assertThrows(ApiException.class, () -> ApiVersion.parse(value));
        assertEquals("InvalidVersion", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals("Specified parameter Version is not valid.", e.getMessage());
    }

    @Test
    void requestIdsAreUppercaseUuids() {
        IdSource fixed = () -> UUID.fromString("442ddadf-da58-4029-8e8b-82c73e9a7a70");
        assertEquals("442DDADF-DA58-4029-8E8B-82C73E9A7A70", fixed.requestId());

        IdSource random = IdSource.random();
        Pattern shape = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = random.requestId();
            assertTrue(shape.matcher(id).matches(), id);
            seen.add(id);
        }
        assertEquals(100, seen.size());
    }

    @Test
    void aCallContextNeedsEveryPart() {
        Account account = Account.of(AccountId.of("1234567890123456"), null);
        assertThrows(NullPointerException.class, () -> new CallContext(null, "cn-hangzhou", ApiVersion.V2020_07_06));
        assertThrows(NullPointerException.class, () -> new CallContext(account, null, ApiVersion.V2020_07_06));
        assertThrows(NullPointerException.class, () -> new CallContext(account, "cn-hangzhou", null));
        assertEquals("cn-hangzhou", new CallContext(account, "cn-hangzhou", ApiVersion.V2020_07_06).region());
    }
}
