package com.alliance.functions.api;

import com.alliance.auth.Caller;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.PayloadTooLargeException;
import com.alliance.json.Fields;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** One API call as a handler method sees it: the verified caller, path and query parameters, body. */
public record ApiRequest(Caller caller, APIGatewayV2HTTPEvent event) {

    /**
     * The largest body any endpoint accepts, in bytes: an application limit well under API Gateway's 10 MB
     * and Lambda's 6 MB, enforced by {@link ApiFunction} in AWS and by the local gateway before reading.
     */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * The larger limit of the few routes that take a bank file as text/csv (a 10 000-line results file is about
     * 600 KB): under Lambda's 6 MB synchronous payload, the binding limit (API Gateway's is 10 MB), with room
     * for the event around the body. About 80 000 result rows.
     */
    public static final int MAX_FILE_BODY_BYTES = 5 * 1024 * 1024;

    public String path(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(name, "path parameter " + name + " is required");
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name)).filter(v -> !v.isBlank());
    }

    /** A whole-number query parameter within [min, max], or the default when absent. */
    public int queryInt(String name, int defaultValue, int min, int max) {
        Optional<String> raw = query(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidInputException.field(name, name + " must be a whole number from " + min + " to " + max);
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The body as a JSON object; 400 when absent or not an object (oversized ones never get here). */
    public JsonNode jsonBody() {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("MALFORMED_JSON", "the body is not valid base64", null);
            }
        }
        return Fields.objectBody(body);
    }

    /** The body as text (a CSV file), decoded when API Gateway sent it base64; empty when there is none. */
    public String textBody() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (event.getIsBase64Encoded()) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("MALFORMED_BODY", "the body is not valid base64", null);
            }
        }
        return body;
    }

    /** Refuses with 413 a body of more than {@code limit} bytes, as they would reach a parser. */
    static void requireBodyWithinLimit(APIGatewayV2HTTPEvent event, int limit) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return;
        }
        long bytes;
        if (event.getIsBase64Encoded()) {
            int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
            bytes = (long) body.length() * 3 / 4 - padding;   // the decoded size
        } else if (body.length() > limit) {
            bytes = body.length();                  // UTF-8 needs at least a byte a char: over already
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }
}
