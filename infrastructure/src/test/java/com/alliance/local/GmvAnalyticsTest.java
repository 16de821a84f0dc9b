package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.json.Json;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * GMV analytics on the local stack: LIVE_SESSION_STATS and order events go through ElasticMQ and the poller
 * into DynamoDB Local, and the decomposition is read back over HTTP. The seeded period holds, for the host:
 * two sessions (2 000 UV, 7 200 watch minutes), three counted orders by two buyers (30 000 fen paid, 2 000
 * refunded), a cancelled order, a self-purchase under risk hold, and a session and an order outside the period.
 */
class GmvAnalyticsTest {

    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-09T00:00:00Z");

    private static LocalRuntime runtime;
    private static String brandId;
    private static String hostId;
    private static String selfHostId;
    private static String otherHostId;
    private static String operator;

    @BeforeAll
    static void seed() throws InterruptedException {
        runtime = LocalRuntime.start(LocalOptions.ephemeral(), settings -> settings.withRisk(RiskSettings.defaults()));
        operator = runtime.tokens().mint(Role.OPERATOR, "platform", "ops");
        brandId = send("POST", "/brands", operator, "{\"name\":\"GMV brand\",\"creditCode\":\"" + CreditCodes.fresh() + "\"}")
                .body().path("brandId").asText();
        String brand = runtime.tokens().mint(Role.BRAND, brandId, "owner");
        String product = send("POST", "/brands/" + brandId + "/products", brand, "{\"sku\":\"GMV-1\",\"title\":\"Tea\","
                + "\"category\":\"FOOD\",\"priceFen\":10000,\"stock\":100,\"shipWithinHours\":48,\"openRateBps\":2000}")
                .body().path("productId").asText();
        hostId = host(operator, "{\"personaName\":\"Seller\",\"categories\":[\"FOOD\"],\"privateFans\":10,\"publicFans\":10}");
        selfHostId = host(brand, "{\"personaName\":\"Brand self\",\"categories\":[\"FOOD\"],\"privateFans\":10,"
                + "\"publicFans\":10,\"kind\":\"BRAND_SELF\",\"brandId\":\"" + brandId + "\"}");
        otherHostId = host(operator, "{\"personaName\":\"Elsewhere\",\"categories\":[\"FOOD\"],\"privateFans\":10,\"publicFans\":10}");
        for (String seller : List.of(hostId, selfHostId)) {
            assertThat(send("POST", "/hosts/" + seller + "/showcase", runtime.tokens().mint(Role.HOST, seller, "h"),
                    "{\"productId\":\"" + product + "\"}").status()).isEqualTo(201);
        }

        // s1 reported while it ran, then the final report, delivered twice: its final figures, counted once
        publish(session(hostId, "s1", "2026-11-02T12:00:00Z", 1, 120, 300, 1_500));
        String s1 = session(hostId, "s1", "2026-11-02T12:00:00Z", 2, 300, 900, 4_800);
        publish(s1, s1);
        // s2's final report, then an earlier report that arrives late: the final one stands
        publish(session(hostId, "s2", "2026-11-05T12:00:00Z", 2, 200, 600, 2_400));
        publish(session(hostId, "s2", "2026-11-05T12:00:00Z", 1, 90, 250, 700));
        publish(session(hostId, "late", "2026-11-09T00:00:00Z", 2, 999, 999, 9_999));
        publish(session(selfHostId, "s4", "2026-11-07T12:00:00Z", 2, 100, 100, 600));
        publish(session(otherHostId, "s5", "2026-11-07T12:00:00Z", 2, 5_000, 5_000, 50_000));

        publish(paid("o1", "2026-11-02T13:00:00Z", product, hostId, "buyer-x", 10_000));
        publish(paid("o2", "2026-11-03T13:00:00Z", product, hostId, "buyer-x", 12_000));
        publish(paid("o3", "2026-11-04T13:00:00Z", product, hostId, "buyer-y", 8_000),
                event("o3", "ORDER_REFUNDED", "2026-11-04T20:00:00Z").put("refundFen", 2_000).toString());
        publish(paid("o4", "2026-11-05T13:00:00Z", product, hostId, "buyer-z", 9_000),
                event("o4", "ORDER_CANCELLED", "2026-11-05T14:00:00Z").toString());
        publish(paid("o5", "2026-11-06T13:00:00Z", product, hostId, hostId, 50_000)); // self-purchase: held
        publish(paid("o6", "2026-11-10T13:00:00Z", product, hostId, "buyer-w", 7_000));
        publish(paid("o7", "2026-11-07T13:00:00Z", product, selfHostId, "buyer-v", 20_000));

        awaitReport("/analytics/hosts/" + hostId + "/gmv", 2, 7_200, 3, 1, 28_000);
        awaitReport("/analytics/brands/" + brandId + "/gmv", 3, 7_800, 4, 1, 48_000);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theHostsFactorsMultiplyBackToItsGmvOnTheSeededDataSet() {
        Answer answer = send("GET", gmvPath("/analytics/hosts/" + hostId + "/gmv"),
                runtime.tokens().mint(Role.HOST, hostId, "h"), null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode gmv = answer.body();
        assertThat(gmv.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(gmv.path("gmvFen").asLong()).isEqualTo(28_000);
        assertThat(gmv.path("paidFen").asLong() - gmv.path("refundedFen").asLong()).isEqualTo(28_000);
        assertThat(gmv.path("privateUv").asLong()).isEqualTo(500);
        assertThat(gmv.path("publicUv").asLong()).isEqualTo(1_500);
        assertThat(gmv.path("watchMinutes").asLong()).isEqualTo(7_200);
        assertThat(gmv.path("buyers").asLong()).isEqualTo(2);
        JsonNode factors = gmv.path("factors");
        assertFraction(factors.path("uv"), 2_000, 1, "2000.0000");
        assertFraction(factors.path("watchHoursPerUv"), 3, 50, "0.0600");
        assertFraction(factors.path("firstOrdersPerWatchHour"), 1, 60, "0.0167");
        assertFraction(factors.path("averageOrderValueFen"), 28_000, 3, "9333.3333");
        assertThat(factors.path("averageOrderValueFen").path("fen").asLong()).isEqualTo(9_333);
        assertFraction(factors.path("repurchaseFrequency"), 3, 2, "1.5000");
        assertFraction(gmv.path("watchMinutesPerUv"), 18, 5, "3.6000");
        assertThat(product(factors)).isEqualTo(BigInteger.valueOf(gmv.path("gmvFen").asLong()));
        assertThat(gmv.path("check").path("equalsGmvFen").asBoolean()).isTrue();
        assertThat(gmv.path("heldOrders").asLong()).isEqualTo(1);
        assertThat(gmv.path("heldGmvFen").asLong()).isEqualTo(50_000);
        // the daily series: every China Standard Time day the period touches, 08:00 on 2 Nov to 08:00 on 9 Nov
        JsonNode daily = gmv.path("daily");
        assertThat(daily).extracting(day -> day.path("date").asText()).containsExactly("2026-11-02", "2026-11-03",
                "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08", "2026-11-09");
        assertThat(daily).extracting(day -> day.path("gmvFen").asLong())
                .containsExactly(10_000L, 12_000L, 6_000L, 0L, 0L, 0L, 0L, 0L);
        assertThat(daily.get(2).path("orders").asLong()).isEqualTo(1);
    }

    @Test
    void theBrandsAudienceIsTheSessionsOfTheHostsThatSoldItsGoods() {
        Answer answer = send("GET", gmvPath("/analytics/brands/" + brandId + "/gmv"),
                runtime.tokens().mint(Role.BRAND, brandId, "owner"), null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode gmv = answer.body();
        assertThat(gmv.path("hosts")).extracting(JsonNode::asText).containsExactlyInAnyOrder(hostId, selfHostId);
        assertThat(gmv.path("uv").asLong()).isEqualTo(2_200);
        assertThat(gmv.path("watchMinutes").asLong()).isEqualTo(7_800);
        assertThat(gmv.path("orders").asLong()).isEqualTo(4);
        assertThat(gmv.path("gmvFen").asLong()).isEqualTo(48_000);
        assertThat(product(gmv.path("factors"))).isEqualTo(BigInteger.valueOf(48_000));
        assertThat(gmv.path("check").path("equalsGmvFen").asBoolean()).isTrue();
        assertThat(gmv.path("heldGmvFen").asLong()).isEqualTo(50_000);
    }

    @Test
    void aSessionReportedMoreThanOnceCountsOnceWithItsFinalFigures() throws InterruptedException {
        // the running counts follow the orders table's stream: wait out the fold's lag
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode host = send("GET", "/hosts/" + hostId, operator, null).body();
        while (host.path("serviceRecord").path("watchMinutes").asLong() != 4_800 + 2_400 + 9_999
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            host = send("GET", "/hosts/" + hostId, operator, null).body();
        }

        // s1, s2 and the session after the period: one session each, the final reports' minutes
        assertThat(host.path("serviceRecord").path("sessions").asLong()).isEqualTo(3);
        assertThat(host.path("serviceRecord").path("watchMinutes").asLong()).isEqualTo(4_800 + 2_400 + 9_999);
    }

    @Test
    void aHostWithSessionsButNoOrdersGetsNoOrdersAndNoDivisionByZero() {
        Answer answer = send("GET", gmvPath("/analytics/hosts/" + otherHostId + "/gmv"), operator, null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("NO_ORDERS");
        assertThat(answer.body().path("gmvFen").asLong()).isZero();
        assertThat(answer.body().path("factors").path("averageOrderValueFen").isNull()).isTrue();
        assertThat(answer.body().path("factors").path("repurchaseFrequency").isNull()).isTrue();
        assertThat(answer.body().path("check").path("equalsGmvFen").asBoolean()).isFalse();
    }

    @Test
    void anotherPartysGmvIsNotFoundAndABadPeriodIsRefused() {
        String other = runtime.tokens().mint(Role.HOST, otherHostId, "h");
        assertThat(send("GET", gmvPath("/analytics/hosts/" + hostId + "/gmv"), other, null).status()).isEqualTo(404);
        assertThat(send("GET", gmvPath("/analytics/brands/" + brandId + "/gmv"), other, null).status()).isEqualTo(404);
        assertThat(send("GET", "/analytics/hosts/h_nobody/gmv", operator, null).status()).isEqualTo(404);
        Answer backwards = send("GET", "/analytics/hosts/" + hostId + "/gmv?from=2026-11-09&to=2026-11-02", operator, null);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().path("error").path("field").asText()).isEqualTo("to");
        assertThat(send("GET", "/analytics/hosts/" + hostId + "/gmv?from=yesterday", operator, null).status()).isEqualTo(400);
    }

    private static BigInteger product(JsonNode factors) {
        BigInteger numerator = BigInteger.ONE;
        BigInteger denominator = BigInteger.ONE;
        for (String name : List.of("uv", "watchHoursPerUv", "firstOrdersPerWatchHour", "averageOrderValueFen",
                "repurchaseFrequency")) {
            numerator = numerator.multiply(factors.path(name).path("numerator").bigIntegerValue());
            denominator = denominator.multiply(factors.path(name).path("denominator").bigIntegerValue());
        }
        assertThat(numerator.mod(denominator)).as("the product is a whole number of fen").isZero();
        return numerator.divide(denominator);
    }

    private static void assertFraction(JsonNode factor, long numerator, long denominator, String value) {
        assertThat(factor.path("numerator").asLong()).isEqualTo(numerator);
        assertThat(factor.path("denominator").asLong()).isEqualTo(denominator);
        assertThat(factor.path("value").asText()).isEqualTo(value);
    }

    private static String gmvPath(String path) {
        return path + "?from=" + FROM + "&to=" + TO;
    }

    /** Waits until the events have been applied: the report shows the expected figures. */
    private static void awaitReport(String path, int sessions, long watchMinutes, int orders, int held, long gmvFen)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = send("GET", gmvPath(path), operator, null).body();
            if (last.path("sessions").asInt() == sessions && last.path("watchMinutes").asLong() == watchMinutes
                    && last.path("orders").asInt() == orders
                    && last.path("heldOrders").asInt() == held && last.path("gmvFen").asLong() == gmvFen) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("events not applied within 60 s: " + last);
    }

    private static String host(String token, String body) {
        Answer created = send("POST", "/hosts", token, body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("hostId").asText();
    }

    /** A report of the session's figures over its first {@code hours}, sent when they end. */
    private static String session(String host, String sessionId, String startedAt, int hours, long privateUv,
                                  long publicUv, long watchMinutes) {
        Instant start = Instant.parse(startedAt);
        return event("session-" + host + "-" + sessionId, "LIVE_SESSION_STATS", start.plus(Duration.ofHours(hours)).toString())
                .put("hostId", host).put("sessionId", sessionId).put("privateUv", privateUv).put("publicUv", publicUv)
                .put("watchMinutes", watchMinutes).put("startedAt", startedAt)
                .put("endedAt", start.plus(Duration.ofHours(hours)).toString()).toString();
    }

    private static String paid(String order, String at, String product, String host, String buyer, long paidFen) {
        return event(order, "ORDER_PAID", at).put("productId", product).put("hostId", host).put("buyerId", buyer)
                .put("quantity", 1).put("paidFen", paidFen).toString();
    }

    private static ObjectNode event(String order, String type, String at) {
        return Json.object().put("eventId", order + "-" + type + "-" + UUID.randomUUID()).put("type", type)
                .put("orderId", order + "-" + RUN).put("occurredAt", at);
    }

    private static final String RUN = UUID.randomUUID().toString();

    private static void publish(String... bodies) {
        for (String body : bodies) {
            runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(runtime.orderEventsQueueUrl())
                    .messageBody(body).build());
        }
    }

    private static Answer send(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }
}
