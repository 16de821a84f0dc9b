package com.alliance.payouts;

import com.alliance.errors.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a payee is paid: its bank, the name on the account and the account number. Only the bank
 * payment file shows the number whole; every other read shows {@link #masked()}.
 */
public record PayoutAccount(String party, String bankName, String accountName, String accountNumber,
                            Instant updatedAt, String updatedBy) {

    /** Mainland bank card and account numbers: 10 to 30 digits, nothing else. */
    private static final Pattern NUMBER = Pattern.compile("\\d{10,30}");
    static final int MAX_NAME = 64;

    public PayoutAccount {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        bankName = name(bankName, "bankName");
        accountName = name(accountName, "accountName");
        String digits = accountNumber == null ? "" : accountNumber.replace(" ", "");
        if (!NUMBER.matcher(digits).matches()) {
            throw InvalidInputException.field("accountNumber", "accountNumber must be 10 to 30 digits");
        }
        accountNumber = digits;
    }

    /** {@code "**** 1234"}: enough to tell accounts apart, not enough to pay into one. */
    public String masked() {
        return "**** " + accountNumber.substring(accountNumber.length() - 4);
    }

    private static String name(String value, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw InvalidInputException.field(field, field + " is required, 1 to " + MAX_NAME + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.field(field, field + " must not hold control characters");
        }
        if ("=+-@".indexOf(stripped.charAt(0)) >= 0) {
            // the bank file is opened in spreadsheets too: nothing there may read as a formula
            throw InvalidInputException.field(field, field + " must not start with = + - or @");
        }
        return stripped;
    }
}
