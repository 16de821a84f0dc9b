package com.alliance.errors;

/** Nothing the caller may see exists under that id: 404 (also for another party's resources). */
public class NotFoundException extends MarketplaceException {

    public NotFoundException(String code, String message) {
        super(code, message, null);
    }

    public static NotFoundException of(String what, String id) {
        return new NotFoundException(what.toUpperCase().replace(' ', '_') + "_NOT_FOUND", what + " " + id + " not found");
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
