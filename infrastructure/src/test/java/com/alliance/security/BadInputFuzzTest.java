package com.alliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Json;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.LocalStores;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Malformed input against every route of every HTTP function and against the event handler, on a
 * DynamoDB Local of its own (so counting items is cheap): never a 5xx, always the SPEC error body,
 * and a refused request writes nothing. Routes come from the functions themselves, so a new
 * endpoint is fuzzed without anyone listing it here.
 */
class BadInputFuzzTest {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final List<String> FIELDS = List.of("name", "creditCode", "sku", "title", "category", "priceFen",
            "stock", "shipWithinHours", "openRateBps", "targeted", "exclusive", "certificates", "hostId", "productId",
            "personaName", "categories", "privateFans", "publicFans", "kind", "brandId", "periodStart", "periodEnd",
            "targets", "rebateTiers", "selfBroadcastHostIds", "cutoff", "idempotencyKey", "payments", "reason", "rateBps",
            "limit", "bankName", "accountName", "accountNumber");

    private static EmbeddedDynamoDb dynamo;
    private static DynamoDbClient dynamoDb;
    private static List<Target> targets;
    private static OrderEventsFunction events;
    private static References refs;

    /**
     * Real parties in the fuzzer's store, for requests whose ids are well formed but point at the wrong thing:
     * brand A with a product, its own self-broadcast accounts and an independent host it may target, and brand B
     * with a self-broadcast account of its own.
     */
    record References(CatalogFunction catalog, String brandA, String productA, List<String> ownAnchors,
                      String independent, String otherBrandsAnchor) {
    }

    /** A host id a route must not store, and why it is wrong there. */
    record BadReference(String route, String hostId, String why) {
        @Override
        public String toString() {
            return route + " naming " + why;
        }
    }

    record Target(ApiFunction function, String routeKey) {
        @Override
        public String toString() {
            return routeKey;
        }
    }

    @BeforeContainer
    static void ownStore() {
        dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
        dynamoDb = AwsClients.dynamoDb(dynamo.endpoint());
        Provisioning.createTables(dynamoDb);
        Clients clients = new Clients(dynamoDb, LocalStores.get().sqs(), Clock.systemUTC());
        targets = new ArrayList<>();
        for (Functions.HttpFunction spec : Functions.HTTP) {
            ApiFunction function = spec.factory().apply(clients);
            function.routeKeys().forEach(route -> targets.add(new Target(function, route)));
        }
        events = new OrderEventsFunction(clients);
        refs = references(clients);
    }

    private static References references(Clients clients) {
        CatalogFunction catalog = new CatalogFunction(clients);
        HostsFunction hosts = new HostsFunction(clients);
        Map<String, String> operator = ApiCalls.claims("operator", "platform");
        String brandA = created(catalog, "POST /brands", Map.of(), "{\"name\":\"Fuzz A\",\"creditCode\":\""
                + CreditCodes.fresh() + "\"}", operator, "brandId");
        String brandB = created(catalog, "POST /brands", Map.of(), "{\"name\":\"Fuzz B\",\"creditCode\":\""
                + CreditCodes.fresh() + "\"}", operator, "brandId");
        String productA = created(catalog, "POST /brands/{brandId}/products", Map.of("brandId", brandA),
                "{\"sku\":\"FUZZ-1\",\"title\":\"Fuzz\",\"category\":\"FOOD\",\"priceFen\":100,\"stock\":1,"
                        + "\"shipWithinHours\":48,\"openRateBps\":1000}", ApiCalls.claims("brand", brandA), "productId");
        List<String> ownAnchors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ownAnchors.add(created(hosts, "POST /hosts", Map.of(), hostBody("BRAND_SELF", brandA), operator, "hostId"));
        }
        String independent = created(hosts, "POST /hosts", Map.of(), hostBody("INDEPENDENT", null), operator, "hostId");
        String otherBrandsAnchor = created(hosts, "POST /hosts", Map.of(), hostBody("BRAND_SELF", brandB), operator,
                "hostId");
        return new References(catalog, brandA, productA, ownAnchors, independent, otherBrandsAnchor);
    }

    private static String hostBody(String kind, String brandId) {
        return "{\"personaName\":\"Fuzz host\",\"categories\":[\"FOOD\"],\"privateFans\":1,\"publicFans\":1,"
                + "\"kind\":\"" + kind + "\"" + (brandId == null ? "" : ",\"brandId\":\"" + brandId + "\"") + "}";
    }

    private static String created(ApiFunction function, String route, Map<String, String> path, String body,
                                  Map<String, String> as, String idField) {
        ApiCalls.Answer answer = ApiCalls.call(function, route, path, body, as);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path(idField).asText();
    }

    @AfterContainer
    static void stop() {
        dynamoDb.close();
        dynamo.close();
    }

    private static long items() {
        long count = 0;
        for (TableDefinition table : Tables.ALL) {
            count += dynamoDb.scan(ScanRequest.builder().tableName(table.tableName()).select("COUNT").build()).count();
        }
        return count;
    }

    @Property(tries = 250)
    void noRouteAnswers5xxOrWritesOnBadInput(@ForAll("targets") Target target, @ForAll("bodies") String body,
                                             @ForAll("ids") String id, @ForAll("roles") String role) {
        Map<String, String> path = new HashMap<>();
        Matcher parameters = PATH_PARAMETER.matcher(target.routeKey());
        while (parameters.find()) {
            path.put(parameters.group(1), id);
        }
        long before = items();
        ApiResponse response = target.function().handle(
                ApiCalls.event(target.routeKey(), path, Map.of("limit", id, "from", id, "to", id, "party", id), body,
                        ApiCalls.claims(role, id)));
        assertThat(response.status()).as(target.routeKey() + " " + body).isLessThan(500);
        if (response.status() >= 400) {
            JsonNode error = ApiCalls.Answer.of(response.status(), response.body()).body().path("error");
            assertThat(error.path("code").asText()).matches("[A-Z][A-Z0-9_]+");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(items()).as("a refused " + target.routeKey() + " wrote nothing").isEqualTo(before);
        }
    }

    /**
     * Well-formed bodies naming, among valid hosts, one that does not exist, is the wrong kind or is another
     * brand's: refused with 400 naming that entry, and nothing is written.
     */
    @Property(tries = 60)
    void aReferenceToTheWrongHostIsRefusedNamingItsEntryAndWritesNothing(
            @ForAll("badReferences") BadReference bad,
            @ForAll @IntRange(min = 0, max = 2) int valid, @ForAll @IntRange(min = 0, max = 2) int at) {
        boolean jbp = bad.route().endsWith("/jbp");
        List<String> good = jbp ? refs.ownAnchors() : List.of(refs.independent(), refs.ownAnchors().get(0));
        List<String> hostIds = new ArrayList<>(good.subList(0, valid));
        int position = Math.min(at, hostIds.size());
        hostIds.add(position, bad.hostId());
        Map<String, String> path = bad.route().startsWith("PATCH") ? Map.of("productId", refs.productA())
                : Map.of("brandId", refs.brandA());
        long before = items();
        ApiResponse response = refs.catalog().handle(ApiCalls.event(bad.route(), path, Map.of(),
                referencingBody(bad.route(), hostIds), ApiCalls.claims("brand", refs.brandA())));
        JsonNode error = ApiCalls.Answer.of(response.status(), response.body()).body().path("error");
        assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(400);
        assertThat(error.path("field").asText()).isEqualTo(jbp ? "selfBroadcastHostIds[" + position + "]"
                : "targeted[" + position + "].hostId");
        assertThat(items()).as("a refused " + bad + " wrote nothing").isEqualTo(before);
    }

    private static String referencingBody(String route, List<String> hostIds) {
        if (route.endsWith("/jbp")) {
            return "{\"periodStart\":\"2026-11-01\",\"periodEnd\":\"2026-11-30\",\"targets\":{\"selfBroadcastGmvFen\":1,"
                    + "\"distributionGmvFen\":1},\"rebateTiers\":[{\"reachedBps\":10000,\"rebateBps\":100}],"
                    + "\"selfBroadcastHostIds\":" + Json.MAPPER.valueToTree(hostIds) + "}";
        }
        List<Map<String, Object>> targeted = hostIds.stream().map(id -> Map.<String, Object>of("hostId", id, "rateBps", 2_000))
                .toList();
        String rates = Json.MAPPER.valueToTree(targeted).toString();
        if (route.startsWith("PATCH")) {
            return "{\"targeted\":" + rates + "}";
        }
        return "{\"sku\":\"FUZZ-" + System.nanoTime() + "\",\"title\":\"Fuzz\",\"category\":\"FOOD\",\"priceFen\":100,"
                + "\"stock\":1,\"shipWithinHours\":48,\"openRateBps\":1000,\"exclusive\":true,\"targeted\":" + rates + "}";
    }

    @Provide
    Arbitrary<BadReference> badReferences() {
        List<BadReference> cases = new ArrayList<>();
        for (String route : List.of("POST /brands/{brandId}/products", "PATCH /products/{productId}/commission",
                "POST /brands/{brandId}/jbp")) {
            cases.add(new BadReference(route, "h_nosuchhost0000", "a host that does not exist"));
            cases.add(new BadReference(route, refs.otherBrandsAnchor(), "another brand's self-broadcast account"));
        }
        cases.add(new BadReference("POST /brands/{brandId}/jbp", refs.independent(), "an independent host"));
        return Arbitraries.of(cases);
    }

    @Property(tries = 200)
    void aMalformedEventIsABatchItemFailureAndWritesNothing(@ForAll("events") String body) {
        long before = items();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("fuzz");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = events.handle(event);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("fuzz");
        assertThat(items()).isEqualTo(before);
    }

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(targets);
    }

    @Provide
    Arbitrary<String> roles() {
        return Arbitraries.of("brand", "host", "finance", "operator");
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.of("b_x", "h_x", "p_x", "run_x", "", " ", "../..", "%ZZ", "null", "-1",
                        "99999999999999999999", "b_" + "x".repeat(300), "\u0000", "名字"),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L).map(Object.class::cast),
                Arbitraries.of("9.99e99", "1e400", "-0", "NaN").map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(30).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(List.of()).map(Object.class::cast),
                Arbitraries.just(Map.of("nested", "x")).map(Object.class::cast));
        Arbitrary<String> objects = Combinators.combine(Arbitraries.of(FIELDS).list().ofMaxSize(8), value.list().ofSize(8))
                .as((names, values) -> {
                    Map<String, Object> object = new HashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        object.put(names.get(i), values.get(i));
                    }
                    return Json.MAPPER.valueToTree(object).toString();
                });
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("", "null", "[]", "[1,2]", "\"text\"", "{", "{\"a\":}", "{\"priceFen\":1.5}",
                        "{\"priceFen\":12345678901234567890123}", "{}", "{\"a\":1,\"a\":2}"));
        Arbitrary<String> huge = Arbitraries.just("{\"name\":\"" + "x".repeat(300_000) + "\"}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, objects), net.jqwik.api.Tuple.of(3, junk),
                net.jqwik.api.Tuple.of(1, huge));
    }

    @Provide
    Arbitrary<String> events() {
        Arbitrary<String> types = Arbitraries.of("ORDER_PAID", "ORDER_SHIPPED", "ORDER_REFUNDED", "ORDER_CANCELLED",
                "ORDER_RECEIVED", "COMPLAINT_FILED", "LIVE_SESSION_STATS", "ORDER_TELEPORTED", "", "order_paid");
        Arbitrary<String> broken = Combinators.combine(types, Arbitraries.longs(), Arbitraries.of("p_missing", "", "h_x"))
                .as((type, amount, product) -> "{\"eventId\":\"f-" + amount + "\",\"type\":\"" + type
                        + "\",\"orderId\":\"o-fuzz\",\"occurredAt\":\"not-a-date\",\"paidFen\":" + amount
                        + ",\"refundFen\":" + amount + ",\"productId\":\"" + product + "\"}");
        Arbitrary<String> negative = Arbitraries.longs().lessOrEqual(0).map(amount ->
                "{\"eventId\":\"n-" + amount + "\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"o-fuzz\","
                        + "\"occurredAt\":\"2026-11-20T00:00:00Z\",\"refundFen\":" + amount + "}");
        Arbitrary<String> unknownProduct = Arbitraries.longs().between(1, Long.MAX_VALUE).map(amount ->
                "{\"eventId\":\"u-" + amount + "\",\"type\":\"ORDER_PAID\",\"orderId\":\"o-" + amount + "\","
                        + "\"occurredAt\":\"2026-11-20T00:00:00Z\",\"productId\":\"p_missing\",\"hostId\":\"h_missing\","
                        + "\"buyerId\":\"b\",\"quantity\":1,\"paidFen\":" + amount + "}");
        return Arbitraries.oneOf(broken, negative, unknownProduct, Arbitraries.strings().ofMaxLength(80));
    }
}
