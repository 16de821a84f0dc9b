package com.alliance.errors;

/** No valid token: 401. */
public class UnauthenticatedException extends MarketplaceException {

    public UnauthenticatedException(String message) {
        super("UNAUTHENTICATED", message, null);
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
