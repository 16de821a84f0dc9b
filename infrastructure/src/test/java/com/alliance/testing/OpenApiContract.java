package com.alliance.testing;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds real answers to {@code openapi.json}, the one API document the local gateway serves: the operation is
 * found by method and path (literal segments beat {parameters}, as API Gateway matches), the status must be one
 * the operation documents (exactly, as {@code 4XX}, or {@code default}), and the body must validate against that
 * response's schema with networknt's JSON Schema validator in the OpenAPI 3.1 dialect (draft 2020-12).
 * {@link HttpCalls} and {@link ApiCalls} pass every answer through here, so every test that calls the API is
 * also a contract test.
 */
public final class OpenApiContract {

    public static final String RESOURCE = "openapi.json";

    /** One operation of the document, by its route key ({@code "GET /products/{productId}"}). */
    public record Operation(String routeKey, String method, String pathTemplate, JsonNode node) {
    }

    private static final JsonNode DOCUMENT = read();
    private static final List<Operation> OPERATIONS = operations(DOCUMENT);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private OpenApiContract() {
    }

    public static JsonNode document() {
        return DOCUMENT;
    }

    public static List<Operation> operationList() {
        return OPERATIONS;
    }

    /** "routeKey status" of every answer checked so far in this JVM. */
    public static Set<String> checked() {
        return Set.copyOf(CHECKED);
    }

    /**
     * Checks an answer the local gateway gave over HTTP. The {@code /dev/} routes are the local runtime's own and
     * not part of the API; an answer to a path no operation claims is either a console file (below 400) or
     * must carry the error body.
     */
    public static void checkHttp(String method, String pathAndQuery, int status, String contentType, String body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        if (path.startsWith("/dev/")) {
            return;
        }
        Optional<Operation> operation = find(method.toUpperCase(Locale.ROOT), path);
        if (operation.isEmpty()) {
            if (status >= 400) {
                validate("unrouted " + method + " " + path, "/components/schemas/Error", status, body);
            }
            return;
        }
        check(operation.get(), status, contentType, body);
    }

    /** Checks a handler's answer to an event with this route key (as the HTTP API would have delivered it). */
    public static void checkRoute(String routeKey, int status, String contentType, String body) {
        Optional<Operation> operation = OPERATIONS.stream().filter(o -> o.routeKey().equals(routeKey)).findFirst();
        if (operation.isEmpty()) {
            if (status < 400) {
                throw new AssertionError(routeKey + " answered " + status + " but openapi.json has no such operation");
            }
            validate("unrouted " + routeKey, "/components/schemas/Error", status, body);
            return;
        }
        check(operation.get(), status, contentType, body);
    }

    /** The operation serving a concrete path, matched the way API Gateway matches routes. */
    public static Optional<Operation> find(String method, String path) {
        String[] actual = segments(path);
        Operation best = null;
        int bestLiterals = -1;
        for (Operation operation : OPERATIONS) {
            String[] expected = segments(operation.pathTemplate());
            if (!operation.method().equals(method) || expected.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < actual.length && matches; i++) {
                if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                    matches = !actual[i].isEmpty();
                } else {
                    matches = expected[i].equals(actual[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = operation;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void check(Operation operation, int status, String contentType, String body) {
        String code = Integer.toString(status);
        JsonNode responses = operation.node().path("responses");
        String key = responses.has(code) ? code : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (key == null) {
            throw new AssertionError(operation.routeKey() + " answered " + status + ", a status openapi.json does not document");
        }
        JsonNode content = responses.path(key).path("content");
        String pointer = "/paths/" + escape(operation.pathTemplate()) + "/" + operation.method().toLowerCase(Locale.ROOT)
                + "/responses/" + key + "/content/";
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(operation.routeKey() + " " + status + " has a body, and openapi.json documents none");
            }
            CHECKED.add(operation.routeKey() + " " + status);
            return;
        }
        String mediaType = contentType == null ? "application/json" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            throw new AssertionError(operation.routeKey() + " " + status + " answered " + mediaType
                    + "; openapi.json documents " + content.toString());
        }
        if (mediaType.equals("application/json")) {
            validate(operation.routeKey(), pointer + escape(mediaType) + "/schema", status, body);
        } else if (body == null) {
            throw new AssertionError(operation.routeKey() + " " + status + " answered no " + mediaType + " body");
        }
        CHECKED.add(operation.routeKey() + " " + status);
    }

    private static void validate(String what, String pointer, int status, String body) {
        Schema schema = COMPILED.computeIfAbsent(pointer, p -> SCHEMAS.getSchema(
                SchemaLocation.of("classpath:" + RESOURCE + "#" + fragment(p))));
        List<Error> errors = schema.validate(body == null ? "" : body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(e.toString()));
            throw new AssertionError(what + " answered " + status + " with a body that breaks openapi.json " + pointer
                    + ": " + messages + "\n" + body);
        }
    }

    /** A JSON pointer token: '~' and '/' escaped as RFC 6901 says. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A pointer as a URI fragment: the path templates' braces percent-encoded, the pointer's own escapes kept. */
    private static String fragment(String pointer) {
        return pointer.replace("{", "%7B").replace("}", "%7D");
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static JsonNode read() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Map<String, JsonNode> paths = new LinkedHashMap<>();
        document.path("paths").properties().forEach(e -> paths.put(e.getKey(), e.getValue()));
        paths.forEach((template, item) -> {
            Iterator<Map.Entry<String, JsonNode>> methods = item.properties().iterator();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(entry.getKey())) {
                    String method = entry.getKey().toUpperCase(Locale.ROOT);
                    operations.add(new Operation(method + " " + template, method, template, entry.getValue()));
                }
            }
        });
        return List.copyOf(operations);
    }
}
