package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.json.Json;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OpenApiContract;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Settlement end to end through the local runtime, over HTTP and SQS as users and producers meet it:
 * orders paid, received, matured by the job clock, settled, approved, paid out, one refunded after
 * payout, and the next run nets the clawback. Every figure is computed by hand below.
 *
 * <p>Product: 20% open rate. Per 10 000 fen paid by an independent host's buyer: commission 2 000,
 * of which the platform's 10% service fee 200, so the host earns 1 800; sales fee 500; brand 7 500.
 */
class SettlementScenarioTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** Over HTTP through {@link HttpCalls}, so every answer of the scenario is also held to openapi.json. */
    private static Answer send(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String role, String party) {
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/dev/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"" + role + "\",\"party\":\"" + party + "\"}"));
        return Answer.of(200, exchange(request).body()).body().path("token").asText();
    }

    private static void produce(String... events) {
        for (String event : events) {
            runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(runtime.orderEventsQueueUrl())
                    .messageBody(event).build());
        }
    }

    /** Paid 30 days ago, shipped 29, received 28 (or never, so auto-received after 10 days): long due. */
    private static String pastOrder(String productId, String hostId, long paidFen, boolean received) {
        String order = "o-" + UUID.randomUUID();
        Instant now = Instant.now();
        produce(OrderEvents.paid(order, now.minus(Duration.ofDays(30)), productId, hostId, paidFen),
                OrderEvents.milestone("ORDER_SHIPPED", order, now.minus(Duration.ofDays(29))));
        if (received) {
            produce(OrderEvents.milestone("ORDER_RECEIVED", order, now.minus(Duration.ofDays(28))));
        }
        return order;
    }

    private static JsonNode balance(String finance, String party, Predicate<JsonNode> until) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        JsonNode balance;
        do {
            Answer answer = send("GET", "/finance/balances?party=" + party, finance, null);
            assertThat(answer.status()).isEqualTo(200);
            balance = answer.body();
            if (until.test(balance)) {
                return balance;
            }
            sleep();
        } while (Instant.now().isBefore(giveUp));
        throw new AssertionError("balance of " + party + " never reached the expected figures: " + balance);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<JsonNode> figures(long pending, long settleable, long settledUnpaid, long paidOut) {
        return b -> b.path("pendingFen").asLong() == pending && b.path("heldFen").asLong() == 0
                && b.path("settleableFen").asLong() == settleable && b.path("settledUnpaidFen").asLong() == settledUnpaid
                && b.path("paidOutFen").asLong() == paidOut;
    }

    private static long line(JsonNode run, String party) {
        for (JsonNode line : run.path("lines")) {
            if (line.path("party").asText().equals(party)) {
                return line.path("amountFen").asLong();
            }
        }
        throw new AssertionError("no line for " + party + " in " + run);
    }

    private static JsonNode createRun(String finance) {
        Answer created = send("POST", "/finance/settlement-runs", finance, Json.write(Json.object()
                .put("cutoff", Instant.now().toString()).put("idempotencyKey", "scenario-" + UUID.randomUUID())));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("status").asText()).isEqualTo("DRAFT");
        return created.body();
    }

    @Test
    void ordersArePaidMaturedSettledPaidOutRefundedAndTheNextRunNetsTheClawback() {
        String operator = token("operator", "platform");
        String finance = token("finance", "platform");
        Answer registered = send("POST", "/brands", operator, Json.write(Json.object().put("name", "Scenario Tea")
                .put("creditCode", CreditCodes.fresh())));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        String brandId = registered.body().path("brandId").asText();
        String brand = token("brand", brandId);
        Answer listed = send("POST", "/brands/" + brandId + "/products", brand, Json.write(Json.object()
                .put("sku", "LJ-1").put("title", "Longjing").put("category", "FOOD").put("priceFen", 10_000)
                .put("stock", 100).put("shipWithinHours", 48).put("openRateBps", 2_000)));
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(201);
        String productId = listed.body().path("productId").asText();
        Answer signedUp = send("POST", "/hosts", token("host", "signup"),
                "{\"personaName\":\"Scenario host\",\"categories\":[\"FOOD\"],\"privateFans\":10,\"publicFans\":10}");
        assertThat(signedUp.status()).as(signedUp.body().toString()).isEqualTo(201);
        String hostId = signedUp.body().path("hostId").asText();
        String host = token("host", hostId);
        assertThat(send("POST", "/hosts/" + hostId + "/showcase", host, "{\"productId\":\"" + productId + "\"}").status())
                .isEqualTo(201);

        // A 10 000 received, B 20 000 never confirmed (auto-received), P 5 000 paid yesterday (still pending)
        String orderA = pastOrder(productId, hostId, 10_000, true);
        pastOrder(productId, hostId, 20_000, false);
        String orderP = "o-" + UUID.randomUUID();
        produce(OrderEvents.paid(orderP, Instant.now().minus(Duration.ofDays(1)), productId, hostId, 5_000));

        // host: 1 800 + 3 600 settleable, 900 pending; brand: 7 500 + 15 000 settleable, 3 750 pending
        balance(finance, hostId, figures(900, 5_400, 0, 0));
        balance(finance, brandId, figures(3_750, 22_500, 0, 0));

        JsonNode first = createRun(finance);
        String runId = first.path("runId").asText();
        assertThat(line(first, hostId)).isEqualTo(5_400);
        assertThat(line(first, brandId)).isEqualTo(22_500);
        assertThat(first.path("totalFen").asLong()).isEqualTo(27_900);
        assertThat(first.path("lines")).noneMatch(l -> l.path("party").asText().equals("platform"));
        assertThat(send("GET", "/finance/settlement-runs/" + runId, finance, null).body().path("lineCount").asLong()).isEqualTo(2);

        assertThat(send("POST", "/finance/settlement-runs/" + runId + "/approve", finance, null).body()
                .path("status").asText()).isEqualTo("APPROVED");
        Answer paid = send("POST", "/finance/settlement-runs/" + runId + "/payouts", finance,
                "{\"payments\":[{\"lineId\":\"ln_" + hostId + "\",\"paymentRef\":\"ICBC-0001\"},"
                        + "{\"lineId\":\"ln_" + brandId + "\",\"paymentRef\":\"ICBC-0002\"}]}");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("status").asText()).isEqualTo("PAID");
        balance(finance, hostId, figures(900, 0, 0, 5_400));
        balance(finance, brandId, figures(3_750, 0, 0, 22_500));

        // A refunded 2 500 after payout: host 1 800 → 1 350 (−450), brand 7 500 → 5 625 (−1 875), clawed back
        produce(OrderEvents.refunded(orderA, Instant.now(), 2_500));
        balance(finance, hostId, figures(900, -450, 0, 5_400));
        balance(finance, brandId, figures(3_750, -1_875, 0, 22_500));

        // C 10 000 matures: new earnings the next run nets the clawback against
        pastOrder(productId, hostId, 10_000, true);
        balance(finance, hostId, figures(900, 1_350, 0, 5_400));
        JsonNode second = createRun(finance);
        assertThat(line(second, hostId)).isEqualTo(1_800 - 450);
        assertThat(line(second, brandId)).isEqualTo(7_500 - 1_875);

        // earned net: host A 1 350 + B 3 600 + C 1 800 + P 900; brand A 5 625 + B 15 000 + C 7 500 + P 3 750
        JsonNode hostBalance = balance(finance, hostId, figures(900, 0, 1_350, 5_400));
        assertThat(hostBalance.path("totalFen").asLong()).isEqualTo(1_350 + 3_600 + 1_800 + 900);
        JsonNode brandBalance = balance(finance, brandId, figures(3_750, 0, 5_625, 22_500));
        assertThat(brandBalance.path("totalFen").asLong()).isEqualTo(5_625 + 15_000 + 7_500 + 3_750);

        assertThat(send("GET", "/finance/balances", host, null).body().path("party").asText()).isEqualTo(hostId);
        assertThat(send("GET", "/finance/balances?party=" + brandId, host, null).status()).isEqualTo(404);

        HttpResponse<String> csv = exchange(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/finance/statements/" + hostId))
                .header("Authorization", "Bearer " + host).header("Accept", "text/csv").GET());
        assertThat(csv.statusCode()).isEqualTo(200);
        OpenApiContract.checkHttp("GET", "/finance/statements/" + hostId, csv.statusCode(),
                csv.headers().firstValue("Content-Type").orElse(null), csv.body());
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> records = List.of(csv.body().split("\r\n"));
        assertThat(records.get(0)).startsWith("postedAt,postingId,orderId,eventId");
        assertThat(records.get(records.size() - 1)).endsWith("," + (7_650 - 5_400));   // still owed: total less paid out

        JsonNode reconciliation = send("GET", "/finance/reconciliation", finance, null).body();
        assertThat(reconciliation.path("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
        assertThat(reconciliation.path("summary").asText()).startsWith("No drift");
        assertThat(reconciliation.path("runsChecked").asLong()).isEqualTo(2);
        assertThat(reconciliation.path("owedToPayeesByState").path("PAID_OUT").asLong()).isEqualTo(5_400 + 22_500);
        assertThat(Map.of("host", hostBalance, "brand", brandBalance)).allSatisfy((who, b) ->
                assertThat(b.path("settleableFen").asLong()).as(who).isZero());
    }
}
