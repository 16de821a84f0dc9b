package com.alliance.samples;

import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CollaborationFunction;
import com.alliance.functions.Settings;
import com.alliance.jobs.JobCatalog;
import com.alliance.json.Json;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sample requests against DynamoDB Local, through the real function, the deadlines job and the orders stream: a host
 * asks, the brand approves and ships, the host receives and sells, and the request turns FULFILLED; deadlines lapse
 * by the job; the cap, the one-open rule and every refused step write nothing; who may read and change what.
 */
class SamplesTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
    private final CollaborationFunction function = new CollaborationFunction(stores.clients(clock));
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final String hostId = desk.marketplace.independentHost();
    private final Map<String, String> host = claims("host", hostId);
    private final Map<String, String> brand = claims("brand", brandId);
    private static final Map<String, String> OPERATOR = claims("operator", "platform");

    private Answer request(String product, String asHost, Map<String, String> as) {
        ObjectNode body = Json.object().put("hostId", asHost);
        body.putObject("address").put("name", "张小明").put("phone", "138-0013-8000").put("line", "上海市浦东新区世纪大道 100 号");
        return ApiCalls.call(function, "POST /products/{productId}/samples", Map.of("productId", product), Json.write(body), as);
    }

    private String requested() {
        Answer answer = request(productId, hostId, host);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("requestId").asText();
    }

    private Answer step(String requestId, String step, String body, Map<String, String> as) {
        return ApiCalls.call(function, "POST /samples/{requestId}/" + step, Map.of("requestId", requestId), body, as);
    }

    private static String ship() {
        return Json.write(Json.object().put("carrier", "SF Express").put("trackingNumber", "SF1234567890"));
    }

    private JsonNode sample(String requestId, Map<String, String> as) {
        Answer answer = ApiCalls.call(function, "GET /samples/{requestId}", Map.of("requestId", requestId), null, as);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private JsonNode hostPage() {
        Answer answer = ApiCalls.call(function, "GET /hosts/{hostId}/samples", Map.of("hostId", hostId), null, host);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private long deadlinesJob() {
        return desk.jobs.drain(JobCatalog.SAMPLE_DEADLINES);
    }

    private Map<String, Long> hostCounts() {
        return new CountersRepository(stores.dynamoDb()).read(OrderCounts.Scope.HOST_STATS, hostId);
    }

    @Test
    void aSampleRequestedApprovedShippedReceivedAndSoldTurnsFulfilledAndCountsForTheHost() {
        desk.marketplace.pick(hostId, productId);
        Answer created = request(productId, hostId, host);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String requestId = created.body().path("requestId").asText();
        assertThat(created.body().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(created.body().path("deadlineKind").asText()).isEqualTo("REVIEW");
        assertThat(Instant.parse(created.body().path("deadline").asText())).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
        assertThat(created.body().path("address").path("phone").asText()).as("the host reads it masked").isEqualTo("138****8000");
        assertThat(hostPage().path("quota").path("open").asInt()).isEqualTo(1);

        // the brand's review queue shows the whole address and the host's record
        Answer queue = ApiCalls.call(function, "GET /brands/{brandId}/samples", Map.of("brandId", brandId), null, brand);
        assertThat(queue.status()).isEqualTo(200);
        JsonNode listed = queue.body().path("items").get(0);
        assertThat(listed.path("requestId").asText()).isEqualTo(requestId);
        assertThat(listed.path("address").path("phone").asText()).isEqualTo("138-0013-8000");
        assertThat(listed.path("hostRecord").path("samplesFulfilled").asLong()).isZero();
        assertThat(listed.path("hostRecord").path("trust").asDouble()).isEqualTo(0.5);

        assertThat(step(requestId, "approve", null, brand).body().path("deadlineKind").asText()).isEqualTo("SHIP");
        clock.advance(Duration.ofHours(5));
        JsonNode shipped = step(requestId, "ship", ship(), brand).body();
        assertThat(shipped.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.path("trackingNumber").asText()).isEqualTo("SF1234567890");
        clock.advance(Duration.ofDays(2));
        JsonNode received = step(requestId, "receive", null, host).body();
        assertThat(received.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("receivedBy").asText()).isEqualTo("HOST");
        assertThat(Instant.parse(received.path("promiseDeadline").asText())).isEqualTo(clock.instant().plus(Duration.ofDays(14)));

        // an order of another product does not fulfil it; the first paid order of this one does, through the stream
        String otherProduct = desk.marketplace.product(brandId, 1_000);
        desk.marketplace.pick(hostId, otherProduct);
        clock.advance(Duration.ofDays(3));
        String order = FinanceDesk.orderId();
        desk.deliver(OrderEvents.paid(FinanceDesk.orderId(), clock.instant(), otherProduct, hostId, 9_900),
                OrderEvents.paid(order, clock.instant().plusSeconds(1), productId, hostId, 9_900));
        stores.foldRunningCounts();
        JsonNode fulfilled = sample(requestId, host);
        assertThat(fulfilled.path("status").asText()).isEqualTo("FULFILLED");
        assertThat(fulfilled.path("orderId").asText()).isEqualTo(order);
        assertThat(fulfilled.has("deadline")).isFalse();
        stores.foldRunningCounts();
        assertThat(hostCounts().getOrDefault(OrderCounts.SAMPLES_FULFILLED, 0L)).isEqualTo(1);
        assertThat(hostPage().path("quota").path("open").asInt()).as("its slot is free again").isZero();

        // a later order, or the same batch read again, changes nothing
        desk.deliver(OrderEvents.paid(FinanceDesk.orderId(), clock.instant().plusSeconds(5), productId, hostId, 9_900));
        stores.foldRunningCounts();
        assertThat(sample(requestId, host).path("orderId").asText()).isEqualTo(order);
        assertThat(hostCounts().getOrDefault(OrderCounts.SAMPLES_FULFILLED, 0L)).isEqualTo(1);
    }

    @Test
    void deadlinesLapseThroughTheJobOnceEachAutoReceiptThenAnUnkeptPromiseCountsAgainstTheHost() {
        String unreviewed = requested();
        clock.advance(Duration.ofDays(3).minusMinutes(1));
        deadlinesJob();
        assertThat(sample(unreviewed, host).path("status").asText()).as("a minute before the review deadline")
                .isEqualTo("REQUESTED");
        clock.advance(Duration.ofMinutes(2));
        assertThat(deadlinesJob()).isPositive();
        assertThat(deadlinesJob()).as("a second run changes nothing").isZero();
        JsonNode expired = sample(unreviewed, host);
        assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.path("reason").asText()).isEqualTo("not reviewed in time");

        // after an expiry the host may ask again at once
        String requestId = requested();
        step(requestId, "approve", null, brand);
        step(requestId, "ship", ship(), brand);
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(deadlinesJob()).isPositive();
        JsonNode received = sample(requestId, host);
        assertThat(received.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("receivedBy").asText()).isEqualTo("AUTO");
        assertThat(received.path("deadlineKind").asText()).isEqualTo("PROMISE");

        clock.advance(Duration.ofDays(14).plusMinutes(5));
        deadlinesJob();
        assertThat(sample(requestId, host).path("status").asText()).as("the job waits 15 minutes past a promise")
                .isEqualTo("RECEIVED");
        clock.advance(Duration.ofMinutes(11));
        assertThat(deadlinesJob()).isPositive();
        assertThat(sample(requestId, host).path("status").asText()).isEqualTo("UNFULFILLED");
        stores.foldRunningCounts();
        assertThat(hostCounts().getOrDefault(OrderCounts.SAMPLES_UNFULFILLED, 0L)).isEqualTo(1);
        JsonNode quota = hostPage().path("quota");
        assertThat(quota.path("tierCap").asInt()).isEqualTo(5);
        assertThat(quota.path("cap").asInt()).as("every promise lapsed: the cap falls to 1").isEqualTo(1);
    }

    @Test
    void anOrderFoldedAfterThePromiseClosedStillFulfilsItWhenItWasPaidInTime() {
        desk.marketplace.pick(hostId, productId);
        String requestId = requested();
        step(requestId, "approve", null, brand);
        step(requestId, "ship", ship(), brand);
        step(requestId, "receive", null, host);
        Instant paidInTime = clock.instant().plus(Duration.ofDays(14)).minusSeconds(30);
        clock.advance(Duration.ofDays(14).plusMinutes(16));
        stores.foldRunningCounts();
        deadlinesJob();
        assertThat(sample(requestId, host).path("status").asText()).isEqualTo("UNFULFILLED");
        stores.foldRunningCounts();
        assertThat(hostCounts().getOrDefault(OrderCounts.SAMPLES_UNFULFILLED, 0L)).isEqualTo(1);

        desk.deliver(OrderEvents.paid(FinanceDesk.orderId(), paidInTime, productId, hostId, 9_900));
        stores.foldRunningCounts();
        stores.foldRunningCounts();
        assertThat(sample(requestId, host).path("status").asText()).isEqualTo("FULFILLED");
        Map<String, Long> counts = hostCounts();
        assertThat(counts.getOrDefault(OrderCounts.SAMPLES_FULFILLED, 0L)).isEqualTo(1);
        assertThat(counts.getOrDefault(OrderCounts.SAMPLES_UNFULFILLED, 0L)).as("the correction moves the count").isZero();
    }

    @Test
    void badStepsAreRefusedWithTheirReasonAndWriteNothing() {
        String requestId = requested();
        int items = stores.itemCount(Tables.ORDERS.tableName());

        assertRefused(request(productId, hostId, host), 409, "SAMPLE_OPEN");
        assertRefused(step(requestId, "ship", ship(), brand), 409, "NOT_APPROVED");
        assertRefused(step(requestId, "receive", null, host), 409, "NOT_SHIPPED");
        assertRefused(step(requestId, "reject", Json.write(Json.object().put("reason", " ")), brand), 400, "INVALID_FIELD");
        ObjectNode badPhone = Json.object().put("hostId", hostId);
        badPhone.putObject("address").put("name", "A").put("phone", "call me").put("line", "somewhere");
        assertRefused(ApiCalls.call(function, "POST /products/{productId}/samples", Map.of("productId", productId),
                Json.write(badPhone), host), 400, "INVALID_FIELD");
        String otherBrand = desk.marketplace.brand();
        String anchor = desk.marketplace.selfBroadcastHost(otherBrand);
        assertRefused(request(productId, anchor, claims("host", anchor)), 409, "MAY_NOT_SELL");
        assertThat(stores.itemCount(Tables.ORDERS.tableName())).as("refusals write nothing").isEqualTo(items);

        assertThat(step(requestId, "reject", Json.write(Json.object().put("reason", "out of stock for samples")), brand)
                .body().path("status").asText()).isEqualTo("REJECTED");
        assertRefused(step(requestId, "ship", ship(), brand), 409, "NOT_APPROVED");
        assertRefused(step(requestId, "approve", null, brand), 409, "ALREADY_DECIDED");
        Answer tooSoon = request(productId, hostId, host);
        assertRefused(tooSoon, 409, "REAPPLY_TOO_SOON");
        assertThat(tooSoon.body().path("error").path("message").asText()).contains(
                java.time.LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(30)), java.time.ZoneOffset.UTC).toString());
        clock.advance(Duration.ofDays(30));
        assertThat(request(productId, hostId, host).status()).as("30 days after a rejection").isEqualTo(201);
    }

    @Test
    void openRequestsAreCappedByTheHostsTier() {
        for (int i = 0; i < 5; i++) {
            Answer answer = request(desk.marketplace.product(brandId, 1_500), hostId, host);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        }
        int items = stores.itemCount(Tables.ORDERS.tableName());
        Answer over = request(productId, hostId, host);
        assertRefused(over, 409, "OVER_SAMPLE_CAP");
        assertThat(stores.itemCount(Tables.ORDERS.tableName())).isEqualTo(items);
        JsonNode quota = hostPage().path("quota");
        assertThat(quota.path("tier").asInt()).isEqualTo(1);
        assertThat(quota.path("open").asInt()).isEqualTo(5);
        assertThat(quota.path("cap").asInt()).isEqualTo(5);
    }

    @Test
    void aHostSeesOnlyItsOwnRequestsAndABrandOnlyThoseForItsProducts() {
        String requestId = requested();
        String otherHost = desk.marketplace.independentHost();
        String otherBrand = desk.marketplace.brand();
        Map<String, String> stranger = claims("host", otherHost);
        Map<String, String> rival = claims("brand", otherBrand);
        assertRefused(ApiCalls.call(function, "GET /samples/{requestId}", Map.of("requestId", requestId), null, stranger),
                404, "SAMPLE_REQUEST_NOT_FOUND");
        assertRefused(ApiCalls.call(function, "GET /hosts/{hostId}/samples", Map.of("hostId", hostId), null, stranger),
                404, "HOST_NOT_FOUND");
        assertRefused(request(productId, hostId, stranger), 404, "HOST_NOT_FOUND");
        assertRefused(step(requestId, "approve", null, rival), 404, "SAMPLE_REQUEST_NOT_FOUND");
        assertRefused(step(requestId, "approve", null, host), 403, "FORBIDDEN");
        assertRefused(step(requestId, "receive", null, brand), 403, "FORBIDDEN");
        assertRefused(ApiCalls.call(function, "GET /brands/{brandId}/samples", Map.of("brandId", brandId), null, rival),
                404, "BRAND_NOT_FOUND");
        assertThat(sample(requestId, OPERATOR).path("address").path("name").asText()).as("operators read it masked")
                .isEqualTo("张*");
        assertThat(sample(requestId, brand).path("address").path("name").asText()).isEqualTo("张小明");
        assertRefused(ApiCalls.call(function, "GET /brands/{brandId}/samples", Map.of("brandId", brandId),
                Map.of("status", "LOST"), null, brand), 400, "INVALID_FIELD");
    }

    private static void assertRefused(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo(code);
    }
}
