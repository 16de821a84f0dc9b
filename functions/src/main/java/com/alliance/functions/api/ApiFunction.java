package com.alliance.functions.api;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.MarketplaceException;
import com.alliance.errors.UnauthenticatedException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The HTTP API side of a function: picks the endpoint by API Gateway's route key, builds the caller
 * from the claims the JWT authorizer verified, and maps refusals to the SPEC error body. Subclasses
 * only register endpoints; each endpoint parses, authorizes, calls the domain and maps the result.
 */
public abstract class ApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        org.crac.Resource {

    private static final Logger LOG = LogManager.getLogger(ApiFunction.class);

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Integer> bodyLimits = new LinkedHashMap<>();

    protected ApiFunction() {
        org.crac.Core.getGlobalContext().register(this);
    }

    /** SnapStart: run a harmless request through every layer before the snapshot, so a restore starts warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        Primer.primeJson();
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing to renew: the SDK clients open fresh connections on first use
    }

    /** A read-only request that exercises the function's clients; answers are ignored. */
    protected void prime() {
    }

    /** Registers the endpoint for a route key such as {@code "POST /brands/{brandId}/products"}. */
    protected final void route(String routeKey, Endpoint endpoint) {
        route(routeKey, endpoint, ApiRequest.MAX_BODY_BYTES);
    }

    /** Registers an endpoint that takes bodies up to {@code maxBodyBytes} (a file upload) instead of the usual limit. */
    protected final void route(String routeKey, Endpoint endpoint, int maxBodyBytes) {
        if (endpoints.putIfAbsent(routeKey, endpoint) != null) {
            throw new IllegalStateException("route registered twice: " + routeKey);
        }
        bodyLimits.put(routeKey, maxBodyBytes);
    }

    /** The largest body the route accepts, in bytes; the local gateway refuses larger ones before reading them. */
    public final int maxBodyBytes(String routeKey) {
        return bodyLimits.getOrDefault(routeKey, ApiRequest.MAX_BODY_BYTES);
    }

    /** The route keys this function serves, as template.yaml and the local gateway name them. */
    public final Set<String> routeKeys() {
        return Collections.unmodifiableSet(endpoints.keySet());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> toHttp(handle(event)));
    }

    /** Handles one event; never throws, never answers 5xx for anything the caller sent. */
    public ApiResponse handle(APIGatewayV2HTTPEvent event) {
        Endpoint endpoint = endpoints.get(event.getRouteKey());
        if (endpoint == null) {
            return ErrorBodies.of(404, "ROUTE_NOT_FOUND", "no such route: " + event.getRouteKey(), null);
        }
        try {
            ApiRequest.requireBodyWithinLimit(event, maxBodyBytes(event.getRouteKey()));   // as the gateway does, before the token is even read
            return endpoint.handle(new ApiRequest(caller(event), event));
        } catch (MarketplaceException refusal) {
            return ErrorBodies.of(refusal);
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure on {}", event.getRouteKey(), unexpected);
            return ErrorBodies.of(500, "INTERNAL", "the request could not be completed; nothing was changed", null);
        }
    }

    /** The caller from the claims the authorizer put on the request context. */
    static Caller caller(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = claims(event);
        String subject = claims.get("sub");
        Role role = Role.fromClaim(claims.get("role"))
                .orElseThrow(() -> new UnauthenticatedException("the token carries no known role claim"));
        String party = claims.get("party");
        if (subject == null || subject.isBlank() || party == null || party.isBlank()) {
            throw new UnauthenticatedException("the token must carry sub and party claims");
        }
        return new Caller(subject, role, party);
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            throw new UnauthenticatedException("a bearer token is required");
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    private static APIGatewayV2HTTPResponse toHttp(ApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headersOf(response))
                .withBody(response.body())
                .build();
    }

    private static Map<String, String> headersOf(ApiResponse response) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
        headers.put("Content-Type", response.contentType());
        return headers;
    }
}
