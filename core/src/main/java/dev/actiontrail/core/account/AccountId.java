package dev.actiontrail.core.account;

import java.util.Objects;
import java.util.regex.Pattern;

/** An Alibaba Cloud account ID: 16 decimal digits, e.g. {@code 1234567890123456}. */
public record AccountId(String value) {
    private static final Pattern DIGITS = Pattern.compile("\\d{16}");

    public AccountId {
        Objects.requireNonNull(value, "account id");
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("an account ID is 16 digits: " + value);
        }
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
