package com.alliance.errors;

/** The caller's role may not do this at all: 403. Another party's data answers 404 instead. */
public class ForbiddenException extends MarketplaceException {

    public ForbiddenException(String message) {
        super("FORBIDDEN", message, null);
    }

    /** A refusal with its own code, for a rule that forbids this caller this one thing. */
    public ForbiddenException(String code, String message, String field) {
        super(code, message, field);
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
