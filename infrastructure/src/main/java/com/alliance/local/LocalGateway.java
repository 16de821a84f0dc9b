package com.alliance.local;

import com.alliance.errors.MarketplaceException;
import com.alliance.errors.PayloadTooLargeException;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.functions.api.ErrorBodies;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for API Gateway's HTTP API: checks the bearer token as the JWT authorizer
 * would, turns the request into a payload 2.0 event and invokes the same handler class that
 * template.yaml names. It alone serves the {@code /dev/} routes ({@link DevRoutes}), and it serves the
 * web console's static files ({@link ConsoleAssets}) on the same origin as the API.
 */
public final class LocalGateway implements AutoCloseable {

    /** The console's own files and the API on the same origin; nothing inline, nothing from elsewhere. */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Request bodies above this are refused with 413 before any function sees them: the functions' own limit,
     * except on the routes a function registers with a larger one (bank files, {@link ApiFunction#maxBodyBytes}).
     */
    static final int MAX_REQUEST_BYTES = ApiRequest.MAX_BODY_BYTES;

    /**
     * After a 413 the rest of the body is read and thrown away, up to this much (API Gateway's own payload limit),
     * so the client gets the answer instead of a reset from closing a socket with unread data in it.
     */
    static final long MAX_DISCARDED_BYTES = 10L * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final RouteTable<Target> routes = new RouteTable<>();
    private final Hs256Tokens tokens;
    private final DevRoutes dev;
    private final ConsoleAssets console = new ConsoleAssets(LocalGateway.class.getClassLoader());

    /** The OpenAPI 3.1 document of every route (a classpath resource), served to anyone: it holds no data. */
    public static final String OPENAPI_PATH = "/openapi.json";
    public static final String OPENAPI_RESOURCE = "openapi.json";
    private final ConsoleAssets.Asset openApi = ConsoleAssets.resource(LocalGateway.class.getClassLoader(),
            OPENAPI_RESOURCE, "application/json");

    private record Target(String logicalId, ApiFunction function) {
    }

    LocalGateway(int port, Hs256Tokens tokens, DevRoutes dev) throws IOException {
        this.tokens = tokens;
        this.dev = dev;
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 128);
        this.workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    /** Serves every route the function registers. */
    public void mount(String logicalId, ApiFunction function) {
        function.routeKeys().forEach(routeKey -> routes.add(routeKey, new Target(logicalId, function)));
    }

    public void start() {
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<ConsoleAssets.Asset> asset = openApi(exchange).or(() -> consoleAsset(exchange));
            if (asset.isPresent()) {
                sendAsset(exchange, asset.get());
                return;
            }
            int limit = bodyLimit(exchange);
            if (declaredLength(exchange) > limit) {
                refuseOversized(exchange, limit);   // refused on the Content-Length alone, before any of it is read
                return;
            }
            ApiResponse response;
            try {
                response = dispatch(exchange, limit);
            } catch (PayloadTooLargeException oversized) {
                refuseOversized(exchange, limit);   // a chunked body that passed the limit while being read
                return;
            } catch (MarketplaceException refusal) {
                response = ErrorBodies.of(refusal);
            } catch (IllegalArgumentException badEscape) {
                response = ErrorBodies.of(400, "MALFORMED_URL", "the path or query is not valid URL encoding", null);
            } catch (RuntimeException unexpected) {
                unexpected.printStackTrace();
                response = ErrorBodies.of(500, "INTERNAL", "the gateway failed; nothing was changed", null);
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The body limit of the route the request is for: the usual one unless its function registered another. */
    private int bodyLimit(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/dev/")) {
            return MAX_REQUEST_BYTES;
        }
        try {
            return routes.match(method, path)
                    .map(route -> route.target().function().maxBodyBytes(route.routeKey()))
                    .orElse(MAX_REQUEST_BYTES);
        } catch (IllegalArgumentException badEscape) {
            return MAX_REQUEST_BYTES;   // answered as MALFORMED_URL by the dispatch
        }
    }

    private ApiResponse dispatch(HttpExchange exchange, int limit) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String body = readBody(exchange, limit);
        if (path.startsWith("/dev/")) {
            Optional<ApiResponse> served = dev.handle(method, path, body);
            if (served.isPresent()) {
                return served.get();
            }
        }
        Optional<RouteTable.Match<Target>> match = routes.match(method, path);
        if (match.isEmpty()) {
            return ErrorBodies.of(404, "ROUTE_NOT_FOUND", "no route for " + method + " " + path, null);
        }
        Optional<Map<String, String>> claims = bearer(exchange).flatMap(tokens::verify);
        if (claims.isEmpty()) {
            return ErrorBodies.of(401, "UNAUTHENTICATED", "a valid bearer token is required", null);
        }
        RouteTable.Match<Target> route = match.get();
        APIGatewayV2HTTPEvent event = event(exchange, method, route, claims.get(), body);
        APIGatewayV2HTTPResponse response = route.target().function()
                .handleRequest(event, new LocalContext(route.target().logicalId()));
        String contentType = response.getHeaders() == null ? "application/json"
                : response.getHeaders().getOrDefault("Content-Type", "application/json");
        Map<String, String> headers = new java.util.LinkedHashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.remove("Content-Type");
        return new ApiResponse(response.getStatusCode(), contentType, response.getBody() == null ? "" : response.getBody(),
                headers);
    }

    /** The API document for a GET or HEAD of {@link #OPENAPI_PATH}, before any token is asked for. */
    private Optional<ConsoleAssets.Asset> openApi(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean read = method.equals("GET") || method.equals("HEAD");
        return read && exchange.getRequestURI().getRawPath().equals(OPENAPI_PATH) ? Optional.of(openApi) : Optional.empty();
    }

    /** A console file for a GET or HEAD that no API route claims; API routes always win. */
    private Optional<ConsoleAssets.Asset> consoleAsset(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        if (!(method.equals("GET") || method.equals("HEAD")) || path.startsWith("/dev/")
                || routes.match("GET", path).isPresent()) {
            return Optional.empty();
        }
        return console.find(path);
    }

    /**
     * Files are not fingerprinted (there is no build step), so browsers keep them but revalidate each
     * time: an unchanged file costs a 304 with no body.
     */
    private static void sendAsset(HttpExchange exchange, ConsoleAssets.Asset asset) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType());
        headers.set("Cache-Control", "no-cache");
        headers.set("ETag", asset.etag());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (asset.isPage()) {
            headers.set("Content-Security-Policy", CONSOLE_POLICY);
            headers.set("X-Frame-Options", "DENY");
        }
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && List.of(ifNoneMatch.split(",")).stream().map(String::strip)
                .anyMatch(tag -> tag.equals(asset.etag()) || tag.equals("*"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : asset.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(asset.body());
            }
        }
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    /** The body, read no further than one byte past the limit (a chunked body has no length to check first). */
    private static String readBody(HttpExchange exchange, int limit) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The Content-Length the client declared, or -1 when it sent none (chunked, or no body). */
    private static long declaredLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;   // the server itself refuses a malformed length before we are called
        }
    }

    /**
     * Answers 413 with the SPEC error body and closes the connection, but only after the answer is flushed
     * and the rest of the body read into a small buffer and dropped (up to {@link #MAX_DISCARDED_BYTES}):
     * closing a socket with unread data makes the kernel send a reset, and the client would see no answer.
     */
    private static void refuseOversized(HttpExchange exchange, int limit) throws IOException {
        ApiResponse response = ErrorBodies.of(new PayloadTooLargeException(limit));
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body);
        out.flush();
        InputStream in = exchange.getRequestBody();
        byte[] discard = new byte[64 * 1024];
        long dropped = 0;
        int read;
        while (dropped < MAX_DISCARDED_BYTES && (read = in.read(discard)) >= 0) {
            dropped += read;
        }
        out.close();
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, RouteTable.Match<Target> route,
                                               Map<String, String> claims, String body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query(rawQuery))
                .withPathParameters(route.pathParameters())
                .withBody(body.isEmpty() ? null : body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withAccountId("000000000000")
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(exchange.getRequestURI().getRawPath()).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build())
                                .build())
                        .build())
                .build();
    }

    /** Query parameters as API Gateway passes them: repeated names joined by commas. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }
}
