package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.persistence.AwsClients;
import com.alliance.testing.OpenApiContract;
import com.alliance.testing.OpenApiContract.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * openapi.json is the one description of the API: a valid OpenAPI 3.1 document with exactly the routes the
 * functions register (which template.yaml's HttpApi events must equal, TemplateTest), each naming the function
 * that serves it, its roles, its parameters, and the error body on every refusal.
 */
class OpenApiDocumentTest {

    private static final JsonNode DOCUMENT = OpenApiContract.document();

    /** Route key → template logical id of the function that registers it. */
    private static Map<String, String> routeTable() {
        Clients unused = new Clients(AwsClients.dynamoDb(URI.create("http://localhost:1")),
                AwsClients.sqs(URI.create("http://localhost:1")), Clock.systemUTC());
        Map<String, String> routes = new TreeMap<>();
        Functions.HTTP.forEach(f -> f.factory().apply(unused).routeKeys().forEach(key -> routes.put(key, f.logicalId())));
        return routes;
    }

    @Test
    void theDocumentIsAValidOpenApi31DocumentByTheOpenApiInitiativesOwnSchema() {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemaIdResolvers(resolvers -> resolvers
                                .mapPrefix("https://spec.openapis.org/oas/3.1", "classpath:oas/3.1")))
                .getSchema(SchemaLocation.of("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"));
        List<Error> errors = schema.validate(DOCUMENT.toString(), InputFormat.JSON);
        assertThat(errors).as("openapi.json against the OpenAPI 3.1 schema").isEmpty();
        assertThat(DOCUMENT.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void everyRouteOfTheRouteTableIsInTheDocumentAndTheDocumentNamesNoOtherRoute() {
        Set<String> documented = OpenApiContract.operationList().stream().map(Operation::routeKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> served = new TreeSet<>(routeTable().keySet());
        served.add("GET " + LocalGateway.OPENAPI_PATH);   // the gateway's own, without a token
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(served);
        assertThat(missing).as("routes the functions serve that openapi.json lacks (add them: README, \"API document\")")
                .isEmpty();
        assertThat(unknown).as("operations in openapi.json that no function serves").isEmpty();
    }

    @Test
    void eachOperationNamesTheFunctionThatServesIt() {
        Map<String, String> named = new TreeMap<>();
        Map<String, String> routes = routeTable();
        OpenApiContract.operationList().stream().filter(o -> routes.containsKey(o.routeKey()))
                .forEach(o -> named.put(o.routeKey(), o.node().path("x-alliance-function").asText()));
        assertThat(named).isEqualTo(routes);
    }

    @Test
    void everyApiOperationNeedsTheBearerJwtAndNamesTheRolesThatMayCallIt() {
        JsonNode scheme = DOCUMENT.path("components").path("securitySchemes").path("bearerJwt");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(DOCUMENT.path("security").get(0).has("bearerJwt")).isTrue();
        Set<String> claims = Arrays.stream(Role.values()).map(Role::claim).collect(Collectors.toSet());
        Map<String, String> routes = routeTable();
        for (Operation operation : OpenApiContract.operationList()) {
            JsonNode roles = operation.node().path("x-alliance-roles");
            assertThat(roles.isArray()).as(operation.routeKey() + " x-alliance-roles").isTrue();
            List<String> named = new ArrayList<>();
            roles.forEach(r -> named.add(r.asText()));
            if (routes.containsKey(operation.routeKey())) {
                assertThat(operation.node().has("security")).as(operation.routeKey() + " overrides the bearer JWT").isFalse();
                assertThat(named).as(operation.routeKey() + " roles").isNotEmpty().doesNotHaveDuplicates().isSubsetOf(claims);
            } else {
                assertThat(operation.node().path("security").isEmpty()).as(operation.routeKey() + " is public").isTrue();
            }
        }
    }

    /** What API Gateway answers before or instead of the function; every other refusal is the marketplace's Error. */
    private static final java.util.Set<String> GATEWAY_STATUSES = java.util.Set.of("429", "503");

    @Test
    void everyRefusalOfEveryApiOperationIsTheErrorBody() {
        Map<String, String> routes = routeTable();
        for (Operation operation : OpenApiContract.operationList()) {
            if (!routes.containsKey(operation.routeKey())) {
                continue;
            }
            JsonNode responses = operation.node().path("responses");
            for (String status : List.of("401", "403", "404", "default")) {
                assertThat(responses.path(status).path("content").path("application/json").path("schema").path("$ref").asText())
                        .as(operation.routeKey() + " " + status).isEqualTo("#/components/schemas/Error");
            }
            responses.properties().forEach(response -> {
                // 429 and 503 come from API Gateway itself (throttling, a function it could not reach), in its own body
                String schema = GATEWAY_STATUSES.contains(response.getKey()) ? "#/components/schemas/GatewayMessage"
                        : "#/components/schemas/Error";
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().path("content").path("application/json").path("schema").path("$ref").asText())
                            .as(operation.routeKey() + " " + response.getKey()).isEqualTo(schema);
                }
            });
            assertThat(responses.has("429") && responses.has("500") && responses.has("503"))
                    .as(operation.routeKey() + " documents 429, 500 and 503").isTrue();
            if (operation.node().has("requestBody")) {
                assertThat(responses.has("400")).as(operation.routeKey() + " documents 400").isTrue();
                assertThat(responses.has("413")).as(operation.routeKey() + " documents 413").isTrue();
            }
        }
        JsonNode error = DOCUMENT.path("components").path("schemas").path("Error");
        assertThat(error.path("required")).extracting(JsonNode::asText).containsExactly("error");
        assertThat(error.path("properties").path("error").path("required")).extracting(JsonNode::asText)
                .containsExactly("code", "message", "field");
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryDeclaredOneIsInThePath() {
        Pattern braces = Pattern.compile("\\{([^}]+)}");
        Map<String, Set<String>> undeclared = new LinkedHashMap<>();
        for (Operation operation : OpenApiContract.operationList()) {
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = braces.matcher(operation.pathTemplate());
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            operation.node().path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("path")) {
                    assertThat(p.path("required").asBoolean()).as(operation.routeKey() + " " + p.path("name")).isTrue();
                    declared.add(p.path("name").asText());
                }
            });
            if (!inPath.equals(declared)) {
                undeclared.put(operation.routeKey(), inPath);
            }
        }
        assertThat(undeclared).as("operations whose path parameters and declared parameters differ").isEmpty();
    }

    /**
     * An integrator reads the document, not the code: every operation says in its description what it does, who may
     * call it and how it refuses, and every tag (each one an operation uses is declared) says what its group is for.
     */
    /** A client finds what it created: every 201 documents its {@code Location} header (the handlers always send it). */
    @Test
    void everyCreatedAnswerDocumentsItsLocation() {
        List<String> without = OpenApiContract.operationList().stream()
                .filter(o -> o.node().path("responses").has("201")
                        && !o.node().path("responses").path("201").path("headers").has("Location"))
                .map(Operation::routeKey).toList();
        assertThat(without).as("201 answers without a documented Location").isEmpty();
        assertThat(OpenApiContract.operationList().stream().filter(o -> o.node().path("responses").has("201")).count())
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void everyOperationAndEveryTagHasADescription() {
        List<String> undescribed = OpenApiContract.operationList().stream()
                .filter(o -> isBlank(o.node().path("description")))
                .map(Operation::routeKey).toList();
        assertThat(undescribed).as("operations without a description (what it does, who may call it, its refusals)")
                .isEmpty();
        Set<String> declared = new TreeSet<>();
        List<String> tagsUndescribed = new ArrayList<>();
        DOCUMENT.path("tags").forEach(tag -> {
            declared.add(tag.path("name").asText());
            if (isBlank(tag.path("description"))) {
                tagsUndescribed.add(tag.path("name").asText());
            }
        });
        assertThat(tagsUndescribed).as("top-level tags without a description").isEmpty();
        Set<String> used = new TreeSet<>();
        OpenApiContract.operationList().forEach(o -> o.node().path("tags").forEach(t -> used.add(t.asText())));
        assertThat(declared).as("tags the operations use must be declared (with a description) under tags")
                .containsAll(used);
    }

    private static boolean isBlank(JsonNode text) {
        return !text.isTextual() || text.asText().isBlank();
    }

    @Test
    void operationIdsAreUniqueSoAGeneratedClientHasOneMethodPerRoute() {
        List<String> ids = OpenApiContract.operationList().stream().map(o -> o.node().path("operationId").asText()).toList();
        assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
    }
}
