package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.jobs.JobCatalog;
import com.alliance.json.Json;
import com.alliance.money.Yuan;
import com.alliance.persistence.Queues;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OpenApiContract;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Every operation of openapi.json answers, over HTTP on the local runtime, a success whose body validates against
 * the document (each answer goes through {@link OpenApiContract} in {@link HttpCalls}): a brand lists, a host
 * picks and sells, orders mature, finance settles and pays, an operator reviews the fake-order holds, and each
 * side reads its reports; payees set payout accounts, finance pays through the bank's files, and an operator
 * redrives a dead letter. The fake-order rules are on: the host picks before it sells, buyers are real buyers,
 * and the two held orders are the host buying in its own room.
 */
class OpenApiContractFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)),
                settings -> settings.withRisk(RiskSettings.defaults()));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Answer send(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    private static Answer ok(String method, String path, String token, String body, int status) {
        Answer answer = send(method, path, token, body);
        assertThat(answer.status()).as(method + " " + path + " " + answer.body()).isEqualTo(status);
        return answer;
    }

    private static String token(String role, String party) {
        return send("POST", "/dev/tokens", null, "{\"role\":\"" + role + "\",\"party\":\"" + party + "\"}").body()
                .path("token").asText();
    }

    private static void produce(String event) {
        runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(runtime.orderEventsQueueUrl())
                .messageBody(event).build());
    }

    /** Paid 30 days ago by {@code buyerId}, shipped and received the next days: long past its after-sale window. */
    private static String pastOrder(String productId, String hostId, String buyerId) {
        String order = "o-" + UUID.randomUUID();
        Instant paidAt = Instant.now().minus(Duration.ofDays(30));
        produce(Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                .put("orderId", order).put("occurredAt", paidAt.toString()).put("productId", productId).put("hostId", hostId)
                .put("buyerId", buyerId).put("quantity", 1).put("paidFen", 10_000)));
        produce(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofDays(1))));
        produce(OrderEvents.milestone("ORDER_RECEIVED", order, paidAt.plus(Duration.ofDays(2))));
        return order;
    }

    private static JsonNode await(String what, java.util.function.Supplier<Answer> read, Predicate<JsonNode> until) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        JsonNode last;
        do {
            last = read.get().body();
            if (until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(giveUp));
        throw new AssertionError(what + " never came: " + last);
    }

    @Test
    void everyOperationOfTheDocumentAnswersASuccessThatValidatesAgainstItsSchema() throws Exception {
        String operator = token("operator", "platform");
        String finance = token("finance", "platform");
        String brandId = ok("POST", "/brands", operator, "{\"name\":\"Contract Tea\",\"creditCode\":\"" + CreditCodes.fresh() + "\"}", 201)
                .body().path("brandId").asText();
        String brand = token("brand", brandId);
        ok("PUT", "/brands/" + brandId + "/payout-account", brand,
                "{\"bankName\":\"工商银行\",\"accountName\":\"Contract Tea\",\"accountNumber\":\"6222020200112233\"}", 200);
        ok("GET", "/brands/" + brandId, brand, null, 200);
        String hostId = ok("POST", "/hosts", token("host", "signup"),
                "{\"personaName\":\"Contract host\",\"categories\":[\"FOOD\"],\"privateFans\":500,\"publicFans\":5000}", 201)
                .body().path("hostId").asText();
        String host = token("host", hostId);
        ok("PUT", "/hosts/" + hostId + "/payout-account", host,
                "{\"bankName\":\"招商银行\",\"accountName\":\"Contract host\",\"accountNumber\":\"6225880212345678\"}", 200);
        assertThat(ok("GET", "/hosts/" + hostId, host, null, 200).body().path("payoutAccount").path("accountNumber").asText())
                .doesNotContain("62258802");
        String anchorId = ok("POST", "/hosts", brand, "{\"personaName\":\"Brand anchor\",\"categories\":[\"FOOD\"],"
                + "\"privateFans\":1,\"publicFans\":1,\"kind\":\"BRAND_SELF\",\"brandId\":\"" + brandId + "\"}", 201)
                .body().path("hostId").asText();

        String product = "{\"sku\":\"CT-%s\",\"title\":\"Longjing\",\"category\":\"FOOD\",\"priceFen\":10000,\"stock\":100,"
                + "\"shipWithinHours\":48,\"openRateBps\":2000,\"targeted\":[{\"hostId\":\"" + hostId + "\",\"rateBps\":2500}]}";
        String productId = ok("POST", "/brands/" + brandId + "/products", brand, product.formatted(1), 201).body()
                .path("productId").asText();
        String spareId = ok("POST", "/brands/" + brandId + "/products", brand, product.formatted(2), 201).body()
                .path("productId").asText();
        ok("GET", "/brands/" + brandId + "/products?limit=5", brand, null, 200);
        ok("GET", "/products/" + productId, host, null, 200);
        ok("PATCH", "/products/" + productId + "/commission", brand, "{\"openRateBps\":2100}", 200);
        String jbpId = ok("POST", "/brands/" + brandId + "/jbp", brand, "{\"periodStart\":\"2026-11-01\",\"periodEnd\":\"2026-11-30\","
                + "\"targets\":{\"selfBroadcastGmvFen\":100000,\"distributionGmvFen\":100000},"
                + "\"rebateTiers\":[{\"reachedBps\":5000,\"rebateBps\":1000}],\"selfBroadcastHostIds\":[\"" + anchorId + "\"]}", 201)
                .body().path("jbpId").asText();
        ok("GET", "/brands/" + brandId + "/jbp", brand, null, 200);
        ok("GET", "/brands/" + brandId + "/jbp/" + jbpId, brand, null, 200);

        ok("POST", "/hosts/" + hostId + "/showcase", host, "{\"productId\":\"" + productId + "\"}", 201);
        ok("POST", "/hosts/" + hostId + "/showcase", host, "{\"productId\":\"" + spareId + "\"}", 201);
        ok("GET", "/hosts/" + hostId + "/showcase", host, null, 200);
        ok("DELETE", "/hosts/" + hostId + "/showcase/" + spareId, host, null, 204);
        ok("GET", "/products/" + productId + "/hosts", brand, null, 200);
        assertThat(ok("GET", "/names?ids=" + hostId + "," + brandId, finance, null, 200).body().path("names")
                .path(brandId).asText()).isEqualTo("Contract Tea");
        ok("GET", "/hosts/" + hostId + "/recommendations?limit=5", host, null, 200);
        ok("GET", "/products/" + productId + "/host-recommendations?limit=5", brand, null, 200);

        // one real buyer's order matures; the host buying in its own room twice is held (SELF_PURCHASE)
        pastOrder(productId, hostId, "buyer-" + UUID.randomUUID());
        String released = pastOrder(productId, hostId, hostId);
        String voided = pastOrder(productId, hostId, hostId);
        JsonNode holds = await("both holds", () -> ok("GET", "/risk/holds?limit=50", operator, null, 200),
                h -> h.path("holds").size() == 2);
        assertThat(holds.path("holds")).allSatisfy(h -> assertThat(h.path("rules").toString()).contains("SELF_PURCHASE"));
        ok("POST", "/risk/holds/" + released + "/release", operator, "{\"reason\":\"buyer verified\"}", 200);
        ok("POST", "/risk/holds/" + voided + "/void", operator, "{\"reason\":\"fake order\"}", 200);

        await("settleable commission", () -> ok("GET", "/finance/balances?party=" + hostId, finance, null, 200),
                b -> b.path("settleableFen").asLong() > 0 && b.path("pendingFen").asLong() == 0);
        JsonNode run = ok("POST", "/finance/settlement-runs", finance, "{\"cutoff\":\"" + Instant.now()
                + "\",\"idempotencyKey\":\"contract-" + UUID.randomUUID() + "\"}", 201).body();
        String runId = run.path("runId").asText();
        run = await("a DRAFT run", () -> ok("GET", "/finance/settlement-runs/" + runId, finance, null, 200),
                r -> r.path("status").asText().equals("DRAFT"));
        ok("POST", "/finance/settlement-runs/" + runId + "/approve", finance, null, 200);
        ok("GET", "/finance/settlement-runs?limit=5", finance, null, 200);
        ok("GET", "/finance/settlement-runs/" + runId + "/payment-file/summary", finance, null, 200);
        HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        runtime.apiEndpoint().resolve("/finance/settlement-runs/" + runId + "/payment-file"))
                .header("Authorization", "Bearer " + finance).GET().build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.checkHttp("GET", "/finance/settlement-runs/" + runId + "/payment-file", file.statusCode(),
                file.headers().firstValue("Content-Type").orElse(null), file.body());
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        // the first line is paid by hand, the rest by the bank's results file
        JsonNode first = run.path("lines").get(0);
        assertThat(run.path("lines").size()).as("lines of " + run).isGreaterThanOrEqualTo(2);
        ok("POST", "/finance/settlement-runs/" + runId + "/payouts", finance, "{\"payments\":[{\"lineId\":\""
                + first.path("lineId").asText() + "\",\"paymentRef\":\"ICBC-1\"}]}", 200);
        StringBuilder results = new StringBuilder("line_ref,amount,status,bank_ref,reason\r\n");
        for (int i = 1; i < run.path("lines").size(); i++) {
            JsonNode line = run.path("lines").get(i);
            results.append(line.path("lineId").asText()).append(',').append(Yuan.format(line.path("amountFen").asLong()))
                    .append(",PAID,ICBC-").append(i + 1).append(",\r\n");
        }
        assertThat(ok("POST", "/finance/settlement-runs/" + runId + "/payment-results", finance, results.toString(), 200)
                .body().path("status").asText()).isEqualTo("PAID");
        String emptyRun = ok("POST", "/finance/settlement-runs", finance, "{\"cutoff\":\"" + Instant.now()
                + "\",\"idempotencyKey\":\"contract-" + UUID.randomUUID() + "\"}", 201).body().path("runId").asText();
        await("a DRAFT run", () -> ok("GET", "/finance/settlement-runs/" + emptyRun, finance, null, 200),
                r -> r.path("status").asText().equals("DRAFT"));
        ok("POST", "/finance/settlement-runs/" + emptyRun + "/cancel", finance, null, 200);

        ok("GET", "/finance/balances", host, null, 200);
        ok("GET", "/finance/statements/" + hostId, host, null, 200);
        // the orders of the host and the brand, each with its commission; the voided one among the brand's flagged
        String since = Instant.now().minus(java.time.Duration.ofDays(60)).toString();
        assertThat(ok("GET", "/hosts/" + hostId + "/orders?limit=10&from=" + since, host, null, 200).body().path("orders").size())
                .isEqualTo(3);
        await("the voided order flagged", () -> ok("GET", "/brands/" + brandId + "/orders?status=VOIDED&from=" + since,
                brand, null, 200), o -> o.path("orders").size() == 1);
        ok("GET", "/hosts/" + hostId + "/orders/summary?from=" + since, host, null, 200);
        ok("GET", "/brands/" + brandId + "/orders/summary?from=" + since, brand, null, 200);
        // applications: the host applies to a plan naming only the anchor, the brand approves; another is rejected
        String plan = "{\"sku\":\"CT-%s\",\"title\":\"Longjing plan\",\"category\":\"FOOD\",\"priceFen\":10000,"
                + "\"stock\":100,\"shipWithinHours\":48,\"openRateBps\":2000,\"targeted\":[{\"hostId\":\"" + anchorId
                + "\",\"rateBps\":2600}]}";
        String planProduct = ok("POST", "/brands/" + brandId + "/products", brand, plan.formatted(9), 201).body()
                .path("productId").asText();
        String otherPlan = ok("POST", "/brands/" + brandId + "/products", brand, plan.formatted(10), 201).body()
                .path("productId").asText();
        String application = ok("POST", "/products/" + planProduct + "/applications", host, "{\"hostId\":\"" + hostId
                + "\",\"message\":\"my audience drinks tea\"}", 201).body().path("applicationId").asText();
        String declined = ok("POST", "/products/" + otherPlan + "/applications", host, "{\"hostId\":\"" + hostId
                + "\",\"message\":\"me too\"}", 201).body().path("applicationId").asText();
        ok("GET", "/brands/" + brandId + "/applications", brand, null, 200);
        ok("GET", "/applications/" + application, host, null, 200);
        assertThat(ok("POST", "/applications/" + application + "/approve", brand, null, 200).body().path("rateBps").asInt())
                .as("the plan's rate").isEqualTo(2600);
        ok("POST", "/applications/" + declined + "/reject", brand, "{\"reason\":\"not this month\"}", 200);
        ok("GET", "/hosts/" + hostId + "/applications", host, null, 200);
        // samples: one asked for, approved, shipped and received; another rejected; both lists and one request read
        String sampleProduct = ok("POST", "/brands/" + brandId + "/products", brand, product.formatted(7), 201).body()
                .path("productId").asText();
        String rejectedProduct = ok("POST", "/brands/" + brandId + "/products", brand, product.formatted(8), 201).body()
                .path("productId").asText();
        String address = "\"address\":{\"name\":\"Contract\",\"phone\":\"13800138000\",\"line\":\"1 Contract Road\"}";
        String sample = ok("POST", "/products/" + sampleProduct + "/samples", host, "{\"hostId\":\"" + hostId + "\"," + address
                + "}", 201).body().path("requestId").asText();
        String refused = ok("POST", "/products/" + rejectedProduct + "/samples", host, "{\"hostId\":\"" + hostId + "\","
                + address + "}", 201).body().path("requestId").asText();
        ok("GET", "/brands/" + brandId + "/samples", brand, null, 200);
        ok("POST", "/samples/" + sample + "/approve", brand, null, 200);
        ok("POST", "/samples/" + refused + "/reject", brand, "{\"reason\":\"none left\"}", 200);
        ok("POST", "/samples/" + sample + "/ship", brand, "{\"carrier\":\"SF\",\"trackingNumber\":\"SF42\"}", 200);
        ok("POST", "/samples/" + sample + "/receive", host, null, 200);
        ok("GET", "/samples/" + sample, brand, null, 200);
        ok("GET", "/hosts/" + hostId + "/samples", host, null, 200);
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        runtime.apiEndpoint().resolve("/finance/statements/" + hostId)).header("Authorization", "Bearer " + host)
                .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.checkHttp("GET", "/finance/statements/" + hostId, csv.statusCode(),
                csv.headers().firstValue("Content-Type").orElse(null), csv.body());
        assertThat(ok("GET", "/finance/reconciliation", finance, null, 200).body().path("balanced").asBoolean()).isTrue();
        assertThat(ok("GET", "/finance/reconciliation/days", finance, null, 200).body().path("days").isArray()).isTrue();
        ok("GET", "/brands/" + brandId + "/sla", brand, null, 200);
        assertThat(ok("GET", "/analytics/hosts/" + hostId + "/gmv?from=2026-11-01", host, null, 200).body().path("daily").size())
                .as("a day each, 1 November to today").isGreaterThanOrEqualTo(29);
        ok("GET", "/analytics/brands/" + brandId + "/gmv?from=2026-01-01", brand, null, 200);
        // a message that is no order event, dead-lettered; the operator sees it with its reason and redrives it
        String dlq = runtime.sqsClient().getQueueUrl(b -> b.queueName(Queues.ORDER_EVENTS_DLQ)).queueUrl();
        String poison = runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(dlq)
                .messageBody("{\"not\":\"an order event\"}").build()).messageId();
        await("the dead letter listed", () -> ok("GET", "/ops/dead-letters?limit=10", operator, null, 200),
                l -> l.path("deadLetters").toString().contains(poison));
        ok("POST", "/ops/dead-letters/redrive", operator, "{\"messageId\":\"" + poison + "\"}", 200);
        // every job dispatched at least once by its local schedule, then one job alone
        await("every job dispatched", () -> ok("GET", "/ops/jobs", operator, null, 200),
                j -> j.path("jobs").size() == JobCatalog.ALL.size()
                        && java.util.stream.StreamSupport.stream(j.path("jobs").spliterator(), false).allMatch(x -> x.has("lastDispatchAt")));
        assertThat(ok("GET", "/ops/jobs?job=" + JobCatalog.ORDER_MATURATION, operator, null, 200).body().path("jobs").size())
                .isEqualTo(1);
        HttpResponse<String> document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                runtime.apiEndpoint().resolve(LocalGateway.OPENAPI_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.checkHttp("GET", LocalGateway.OPENAPI_PATH, document.statusCode(),
                document.headers().firstValue("Content-Type").orElse(null), document.body());

        Set<String> unchecked = new TreeSet<>();
        Set<String> checked = OpenApiContract.checked();
        OpenApiContract.operationList().forEach(operation -> {
            if (checked.stream().noneMatch(c -> c.startsWith(operation.routeKey() + " 2"))) {
                unchecked.add(operation.routeKey());
            }
        });
        assertThat(unchecked).as("operations with no success validated against openapi.json").isEmpty();
    }
}
