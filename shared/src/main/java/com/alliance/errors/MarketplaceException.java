package com.alliance.errors;

import java.util.Optional;

/**
 * Every refusal the marketplace gives a caller. Each subclass is one meaning with one HTTP status;
 * the functions map them once to the SPEC error body {@code {"error": {code, message, field}}}.
 */
public abstract class MarketplaceException extends RuntimeException {

    private final String code;
    private final String field;

    protected MarketplaceException(String code, String message, String field) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** UPPER_SNAKE code a client can branch on. */
    public String code() {
        return code;
    }

    /** The request field at fault, when one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public abstract int httpStatus();
}
