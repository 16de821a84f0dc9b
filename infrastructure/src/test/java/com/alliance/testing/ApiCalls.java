package com.alliance.testing;

import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds API Gateway payload 2.0 events as the HTTP API delivers them after its JWT authorizer,
 * so handler tests call the real handler class with real claims. Every answer is held to openapi.json
 * ({@link OpenApiContract}).
 */
public final class ApiCalls {

    private ApiCalls() {
    }

    public static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> pathParameters,
                                              Map<String, String> query, String body, Map<String, String> claims) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withPathParameters(pathParameters)
                .withQueryStringParameters(query)
                .withHeaders(new HashMap<>())
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build()).build())
                        .build())
                .build();
    }

    public static Map<String, String> claims(String role, String party) {
        return Map.of("sub", role + "@" + party, "role", role, "party", party);
    }

    /** Calls the handler and returns status and parsed body. */
    public static Answer call(ApiFunction function, String routeKey, Map<String, String> path, String body,
                              Map<String, String> claims) {
        return call(function, routeKey, path, Map.of(), body, claims);
    }

    /** Calls the handler with query parameters. */
    public static Answer call(ApiFunction function, String routeKey, Map<String, String> path, Map<String, String> query,
                              String body, Map<String, String> claims) {
        ApiResponse response = function.handle(event(routeKey, path, query, body, claims));
        OpenApiContract.checkRoute(routeKey, response.status(), response.contentType(), response.body());
        if (response.status() == 201 && !response.headers().containsKey("Location")) {
            throw new AssertionError(routeKey + " answered 201 without Location");
        }
        return Answer.of(response.status(), response.body());
    }

    /** Calls the handler with request headers (e.g. Accept) and returns the raw response. */
    public static ApiResponse raw(ApiFunction function, String routeKey, Map<String, String> path, Map<String, String> query,
                                  Map<String, String> headers, Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = event(routeKey, path, query, null, claims);
        event.setHeaders(new HashMap<>(headers));
        ApiResponse response = function.handle(event);
        OpenApiContract.checkRoute(routeKey, response.status(), response.contentType(), response.body());
        return response;
    }

    /** A status and a parsed JSON body. */
    public record Answer(int status, JsonNode body) {
        /** A JSON body parsed; a text body (a CSV file) as {@code {"text": body}}. */
        public static Answer of(int status, String body) {
            try {
                return new Answer(status, body == null || body.isEmpty() ? Json.object() : Json.MAPPER.readTree(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                return new Answer(status, Json.object().put("text", body));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String errorCode() {
            return body.path("error").path("code").asText();
        }
    }
}
