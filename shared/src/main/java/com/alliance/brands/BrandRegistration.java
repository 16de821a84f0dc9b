package com.alliance.brands;

import com.alliance.errors.InvalidInputException;
import com.alliance.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code POST /brands}: a display name and the brand's credit code. */
public record BrandRegistration(String name, CreditCode creditCode) {

    static final int MAX_NAME_LENGTH = 100;

    public BrandRegistration {
        name = checkedName(name);
    }

    /** Fields are checked in the order a form shows them, so the first error named is the first field. */
    public static BrandRegistration fromJson(JsonNode body) {
        String name = checkedName(Fields.text(body, "name"));
        return new BrandRegistration(name, CreditCode.parse(Fields.text(body, "creditCode")));
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.field("name", "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }
}
