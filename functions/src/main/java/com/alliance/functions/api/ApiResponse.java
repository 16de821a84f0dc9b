package com.alliance.functions.api;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler method answers: a status and a JSON body, or text with its content type, and any headers beside
 * {@code Content-Type} (a CSV export's {@code Link} to its next part).
 */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    /** The same answer with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, "application/json", Json.write(body));
    }

    /** Created: {@code location} is the path of the new resource, sent as {@code Location}, so no 201 goes without one. */
    public static ApiResponse created(JsonNode body, String location) {
        return new ApiResponse(201, "application/json", Json.write(body)).withHeader("Location", location);
    }

    /** Taken on: the work goes on after the answer (e.g. a message move task). */
    public static ApiResponse accepted(JsonNode body) {
        return new ApiResponse(202, "application/json", Json.write(body));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, "application/json", "");
    }

    public static ApiResponse text(String contentType, String body) {
        return new ApiResponse(200, contentType, body);
    }
}
