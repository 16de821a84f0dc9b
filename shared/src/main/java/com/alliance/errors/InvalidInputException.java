package com.alliance.errors;

/** The request is malformed or breaks a rule about its own content: 400. */
public class InvalidInputException extends MarketplaceException {

    public InvalidInputException(String code, String message, String field) {
        super(code, message, field);
    }

    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException("INVALID_FIELD", message, field);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
