package com.alliance.functions.api;

import com.alliance.errors.MarketplaceException;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one mapping from a refusal to the SPEC error body {@code {"error": {code, message, field}}}. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static ApiResponse of(MarketplaceException refusal) {
        return of(refusal.httpStatus(), refusal.code(), refusal.getMessage(), refusal.field().orElse(null));
    }

    public static ApiResponse of(int status, String code, String message, String field) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);   // always present, null when no one field is at fault (SPEC's shape)
        ObjectNode body = Json.object();
        body.set("error", error);
        return new ApiResponse(status, "application/json", Json.write(body));
    }
}
