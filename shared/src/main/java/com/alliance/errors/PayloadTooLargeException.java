package com.alliance.errors;

/** The request body is larger than the marketplace accepts: 413, before anything reads it as JSON. */
public class PayloadTooLargeException extends MarketplaceException {

    public PayloadTooLargeException(long limitBytes) {
        super("PAYLOAD_TOO_LARGE", "the request body exceeds " + limitBytes + " bytes", null);
    }

    @Override
    public int httpStatus() {
        return 413;
    }
}
