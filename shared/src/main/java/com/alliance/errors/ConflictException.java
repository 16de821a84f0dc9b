package com.alliance.errors;

/** The request is valid but clashes with the current state (a duplicate, a wrong status): 409. */
public class ConflictException extends MarketplaceException {

    public ConflictException(String code, String message, String field) {
        super(code, message, field);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
