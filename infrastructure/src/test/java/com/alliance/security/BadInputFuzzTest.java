package com.alliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
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
            "targets", "rebateTiers", "cutoff", "idempotencyKey", "payments", "reason", "rateBps", "limit");

    private static EmbeddedDynamoDb dynamo;
    private static DynamoDbClient dynamoDb;
    private static List<Target> targets;
    private static OrderEventsFunction events;

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
