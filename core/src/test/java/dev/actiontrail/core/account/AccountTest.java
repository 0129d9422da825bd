package dev.actiontrail.core.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountTest {

    @Test
    void anAccountIdIsSixteenDigits() {
        assertEquals("1234567890123456", AccountId.of("1234567890123456").value());
        assertEquals("1234567890123456", AccountId.of("1234567890123456").toString());
        assertEquals(AccountId.of("1234567890123456"), new AccountId("1234567890123456"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123456789012345", "12345678901234567", "123456789012345a", "151266687691****",
            " 1234567890123456"})
    void anythingElseIsRejected(String value) {
        assertThrows(IllegalArgumentException.class, () -> AccountId.of(value));
    }

    @Test
    void aNullAccountIdIsRejected() {
        assertThrows(NullPointerException.class, () -> AccountId.of(null));
    }

    @Test
    void theResourceDirectoryIdIsOptional() {
        AccountId id = AccountId.of("1234567890123456");
        assertEquals(Optional.of("rd-Ab12Cd"), Account.of(id, "rd-Ab12Cd").resourceDirectoryId());
        assertEquals(Optional.empty(), Account.of(id, null).resourceDirectoryId());
        assertEquals(Optional.empty(), Account.of(id, "").resourceDirectoryId());
        assertThrows(NullPointerException.class, () -> Account.of(null, "rd-x"));
    }
}
