package com.alliance.samples;

import com.alliance.errors.InvalidInputException;
import com.alliance.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Where a sample goes: a name, a phone number and an address line, kept on the request only. The brand that ships
 * the sample reads it whole; everyone else reads it {@link #masked}. A host enters it through {@link #entered}, which
 * checks it.
 */
public record SampleAddress(String name, String phone, String line) {

    static final int MAX_NAME = 50;
    static final int MAX_PHONE = 20;
    static final int MAX_LINE = 200;

    public SampleAddress {
        Objects.requireNonNull(name);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(line);
    }

    /** An address as a host enters it: each part 1 to its limit of characters, the phone digits, spaces and dashes. */
    public static SampleAddress entered(String name, String phone, String line) {
        String checkedPhone = checked(phone, MAX_PHONE, "address.phone");
        if (!checkedPhone.matches("\\+?[0-9][0-9 -]{5,19}")) {
            throw InvalidInputException.field("address.phone", "a phone number is digits, spaces and dashes, 6 to 20 long");
        }
        return new SampleAddress(checked(name, MAX_NAME, "address.name"), checkedPhone, checked(line, MAX_LINE, "address.line"));
    }

    public static SampleAddress fromJson(JsonNode body) {
        JsonNode address = Fields.object(body, "address");
        return entered(Fields.text(address, "name"), Fields.text(address, "phone"), Fields.text(address, "line"));
    }

    /**
     * The address as the host and operators see it: the name's first character and a star, the phone's first three
     * and last four digits around stars, the line's first six characters and stars.
     */
    public SampleAddress masked() {
        String digits = phone.replaceAll("[^0-9]", "");
        String maskedPhone = digits.length() > 7
                ? digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4) : "****";
        String maskedLine = line.codePointCount(0, line.length()) > 6
                ? line.substring(0, line.offsetByCodePoints(0, 6)) + "****" : "****";
        return new SampleAddress(name.substring(0, name.offsetByCodePoints(0, 1)) + "*", maskedPhone, maskedLine);
    }

    private static String checked(String value, int max, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > max) {
            throw InvalidInputException.field(field, "give 1 to " + max + " characters");
        }
        return stripped;
    }
}
