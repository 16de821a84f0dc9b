package com.alliance.functions.api;

/** A handler method for one route. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request);
}
