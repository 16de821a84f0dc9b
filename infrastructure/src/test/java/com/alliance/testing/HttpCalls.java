package com.alliance.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a running local marketplace over HTTP, as a user's client would; every answer is held to openapi.json. */
public final class HttpCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpCalls() {
    }

    /** Sends a request with an optional bearer token and JSON body; answers status and parsed body. */
    public static ApiCalls.Answer send(URI api, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.checkHttp(method, path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
            return ApiCalls.Answer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
