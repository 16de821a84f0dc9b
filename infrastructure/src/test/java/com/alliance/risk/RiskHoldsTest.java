package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RiskFunction;
import com.alliance.functions.Settings;
import com.alliance.json.Json;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.PostingState;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fake-order rules at payment and at the review once their windows close, and the operators' release and void,
 * against DynamoDB Local of their own (the review job reads the whole review index).
 */
class RiskHoldsTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Map<String, String> OPERATOR = ApiCalls.claims("operator", "platform");

    private static final LocalStores STORES = LocalStores.isolated();
    private final LocalStores stores = STORES;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    /** Every rule on, as users run them. */
    private final com.alliance.functions.Clients clients = stores.clients(clock)
            .withSettings(Settings.defaults().withRisk(RiskSettings.defaults()));
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final RiskFunction risk = new RiskFunction(clients);
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final Marketplace marketplace = new Marketplace(clients);
    private String brandId;
    private String productId;
    private String hostId;

    @BeforeEach
    void catalog() {
        brandId = marketplace.brand();
        productId = marketplace.product(brandId, 2_000);
        hostId = marketplace.independentHost();
        Answer picked = ApiCalls.call(new HostsFunction(clients), "POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                "{\"productId\":\"" + productId + "\"}", ApiCalls.claims("host", hostId));
        assertThat(picked.status()).isEqualTo(201);
    }

    private static String orderId() {
        return "o-" + UUID.randomUUID();
    }

    private static String paid(String orderId, Instant at, String productId, String hostId, String buyerId) {
        return Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                .put("orderId", orderId).put("occurredAt", at.toString()).put("productId", productId)
                .put("hostId", hostId).put("buyerId", buyerId).put("quantity", 1).put("paidFen", 10_000));
    }

    private void deliver(String... bodies) {
        assertThat(events.handle(OrderEvents.batch(bodies)).getBatchItemFailures()).isEmpty();
        // the risk windows are folded from the orders table's stream, as the running counts are
        stores.foldRunningCounts();
    }

    /** The deferred rules decide once their windows have closed: the review job, a day after the payments. */
    private void review() {
        RoomScenariosTest.review(stores, clients, PAID_AT.plus(Duration.ofDays(1)));
    }

    private Map<PositionKey, Long> position(String orderId) {
        return Positions.of(ledger.postingsOfOrder(orderId));
    }

    private Optional<JsonNode> hold(String orderId) {
        Optional<String> next = Optional.empty();
        do {
            Map<String, String> query = next.map(n -> Map.of("limit", "50", "next", n)).orElse(Map.of("limit", "50"));
            Answer page = ApiCalls.call(risk, "GET /risk/holds", Map.of(), query, null, OPERATOR);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode hold : page.body().path("holds")) {
                if (hold.path("orderId").asText().equals(orderId)) {
                    return Optional.of(hold);
                }
            }
            next = page.body().path("next").isNull() ? Optional.empty() : Optional.of(page.body().path("next").asText());
        } while (next.isPresent());
        return Optional.empty();
    }

    private Answer decide(String orderId, String action, String reason) {
        return ApiCalls.call(risk, "POST /risk/holds/{orderId}/" + action, Map.of("orderId", orderId),
                Json.write(Json.object().put("reason", reason)), OPERATOR);
    }

    private List<String> rules(String orderId) {
        List<String> codes = new ArrayList<>();
        hold(orderId).orElseThrow().path("rules").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    @Test
    void anOrdinaryOrderOfAPickedProductIsNotHeld() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, "buyer-" + order));
        review();

        assertThat(position(order)).containsEntry(PositionKey.of(Account.host(hostId), PostingState.PENDING), 1_800L);
        assertThat(hold(order)).isEmpty();
    }

    @Test
    void anOrderIsShownUnderReviewInThePublicSalesCountsUntilTheRulesHaveDecided() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, "buyer-" + order));
        JsonNode before = sales();
        assertThat(before.path("ordersCount").asLong()).isEqualTo(1);
        assertThat(before.path("underReview").asLong()).isEqualTo(1);

        review();
        JsonNode after = sales();
        assertThat(after.path("ordersCount").asLong()).isEqualTo(1);
        assertThat(after.path("underReview").asLong()).isZero();
    }

    private JsonNode sales() {
        Answer product = ApiCalls.call(new com.alliance.functions.CatalogFunction(clients), "GET /products/{productId}",
                Map.of("productId", productId), null, ApiCalls.claims("host", hostId));
        assertThat(product.status()).isEqualTo(200);
        return product.body().path("sales");
    }

    @Test
    void aHostBuyingFromItsOwnRoomIsHeldAsSelfPurchase() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, hostId));

        assertThat(position(order)).containsEntry(PositionKey.of(Account.host(hostId), PostingState.HELD), 1_800L)
                .doesNotContainKey(PositionKey.of(Account.host(hostId), PostingState.PENDING));
        assertThat(rules(order)).containsExactly("SELF_PURCHASE");
    }

    @Test
    void aHostSellingAProductItNeverPickedIsHeld() {
        String unpicked = marketplace.product(brandId, 2_000);
        String order = orderId();
        deliver(paid(order, PAID_AT, unpicked, hostId, "buyer-" + order));

        assertThat(rules(order)).containsExactly("NOT_PICKED");
    }

    @Test
    void aFourthOrderOfOneProductByOneBuyerWithinADayIsHeldAsRepeatBuyer() {
        String buyer = "buyer-" + UUID.randomUUID();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String order = orderId();
            orders.add(order);
            deliver(paid(order, PAID_AT.plus(Duration.ofHours(2L * i)), productId, hostId, buyer));
        }
        review();

        assertThat(hold(orders.get(2))).isEmpty();
        assertThat(rules(orders.get(3))).containsExactly("REPEAT_BUYER");
    }

    @Test
    void aBurstOfFirstTimeBuyersWithNoLiveRoomIsHeldWholeOnceTheWindowCloses() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String order = orderId();
            orders.add(order);
            deliver(paid(order, PAID_AT.plus(Duration.ofMinutes(5L * i)), productId, hostId, "new-" + order));
        }
        assertThat(hold(orders.get(0))).as("under review until the window closes").isEmpty();
        review();

        for (String order : orders) {
            assertThat(rules(order)).containsExactly("NEW_BUYER_BURST");
        }
        assertThat(hold(orders.get(0)).orElseThrow().path("reasons").path("NEW_BUYER_BURST").asText())
                .contains("5 of 5 orders", "the room's audience of 0");
    }

    /** The review stage an order's item records. */
    private String reviewStage(String orderId) {
        return stores.dynamoDb().getItem(b -> b.tableName(com.alliance.persistence.Tables.ORDERS.tableName())
                .key(com.alliance.persistence.Items.key("ORDER#" + orderId, "STATE")).consistentRead(true))
                .item().get("reviewStage").s();
    }

    @Test
    void aBurstIsHeldMinutesAfterItsWindowClosesWhileTheDailyRefundRuleStillWaitsForItsDay() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String order = orderId();
            orders.add(order);
            deliver(paid(order, PAID_AT.plus(Duration.ofMinutes(5L * i)), productId, hostId, "new-" + order));
        }

        // the last order's room window (its ten minutes, an hour either side) ends at 11:30, decided at 11:40
        RoomScenariosTest.review(stores, clients, Instant.parse("2026-11-20T11:39:00Z"));
        assertThat(hold(orders.get(4))).as("the burst's window has not closed for the last order").isEmpty();
        RoomScenariosTest.review(stores, clients, Instant.parse("2026-11-20T11:41:00Z"));

        for (String order : orders) {
            assertThat(rules(order)).containsExactly("NEW_BUYER_BURST");
            assertThat(position(order)).containsEntry(PositionKey.of(Account.host(hostId), PostingState.HELD), 1_800L);
            assertThat(reviewStage(order)).as("the refund-rate rule decides after the day").isEqualTo("DECIDE");
        }
        int postings = ledger.postingsOfOrder(orders.get(0)).size();

        review();
        for (String order : orders) {
            assertThat(reviewStage(order)).isEqualTo("DONE");
            assertThat(rules(order)).containsExactly("NEW_BUYER_BURST");
        }
        assertThat(ledger.postingsOfOrder(orders.get(0))).as("held once").hasSize(postings);
    }

    @Test
    void anOrderTheBurstRulePassedIsHeldWhenTheRefundRuleDecidesAfterItsDay() {
        Instant morning = Instant.parse("2026-11-20T00:30:00Z");
        for (int i = 0; i < 10; i++) {
            String order = orderId();
            Instant at = morning.plus(Duration.ofMinutes(50L * i));
            deliver(paid(order, at, productId, hostId, "b-" + order));
            if (i < 4) {
                deliver(OrderEvents.refunded(order, at.plusSeconds(60), 10_000));
            }
        }
        String next = orderId();
        deliver(paid(next, PAID_AT, productId, hostId, "b-" + next));

        RoomScenariosTest.review(stores, clients, PAID_AT.plus(Duration.ofHours(3)));
        assertThat(hold(next)).as("no rule that decides within the day fired").isEmpty();
        assertThat(reviewStage(next)).isEqualTo("DECIDE");

        review();
        assertThat(rules(next)).containsExactly("HIGH_REFUND_RATE");
        assertThat(reviewStage(next)).isEqualTo("DONE");
    }

    @Test
    void aHostRefundingMoreThanThirtyPercentOfItsOrdersHasItsNextOrderHeld() {
        for (int i = 0; i < 10; i++) {
            String order = orderId();
            Instant at = PAID_AT.minus(Duration.ofHours(2L * (10 - i)));
            deliver(paid(order, at, productId, hostId, "b-" + order));
            if (i < 4) {
                deliver(OrderEvents.refunded(order, at.plusSeconds(60), 10_000));
            }
        }
        String next = orderId();
        deliver(paid(next, PAID_AT, productId, hostId, "b-" + next));
        review();

        assertThat(rules(next)).containsExactly("HIGH_REFUND_RATE");
    }

    @Test
    void releasingAHoldSendsTheCommissionOnAsPendingOnceAndNoMore() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, hostId));

        Answer released = decide(order, "release", "buyer verified by phone");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body().path("decision").asText()).isEqualTo("RELEASED");
        assertThat(released.body().path("by").asText()).isEqualTo("operator@platform");
        assertThat(released.body().path("reason").asText()).isEqualTo("buyer verified by phone");
        Map<PositionKey, Long> afterRelease = position(order);
        assertThat(afterRelease).containsEntry(PositionKey.of(Account.host(hostId), PostingState.PENDING), 1_800L)
                .doesNotContainKey(PositionKey.of(Account.host(hostId), PostingState.HELD));
        assertThat(hold(order)).isEmpty();

        int postings = ledger.postingsOfOrder(order).size();
        assertThat(decide(order, "release", "again").status()).isEqualTo(200);
        Answer voided = decide(order, "void", "changed my mind");
        assertThat(voided.status()).isEqualTo(409);
        assertThat(voided.body().path("error").path("code").asText()).isEqualTo("HOLD_ALREADY_DECIDED");
        assertThat(ledger.postingsOfOrder(order)).hasSize(postings);
    }

    @Test
    void voidingAHoldGivesTheHostCommissionBackToTheBrand() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, hostId));
        long brandBefore = position(order).get(PositionKey.of(Account.brand(brandId), PostingState.PENDING));

        assertThat(decide(order, "void", "self purchase confirmed").status()).isEqualTo(200);

        Map<PositionKey, Long> after = position(order);
        assertThat(after).doesNotContainKey(PositionKey.of(Account.host(hostId), PostingState.HELD))
                .doesNotContainKey(PositionKey.of(Account.host(hostId), PostingState.PENDING))
                .containsEntry(PositionKey.of(Account.brand(brandId), PostingState.PENDING), brandBefore + 1_800L);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(hold(order)).isEmpty();
    }

    @Test
    void aDecisionOnAnOrderWithoutAHoldIsRefusedAndWritesNothing() {
        String order = orderId();
        deliver(paid(order, PAID_AT, productId, hostId, "buyer-" + order));
        int postings = ledger.postingsOfOrder(order).size();

        Answer refused = decide(order, "release", "nothing to release");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("HOLD_NOT_FOUND");
        assertThat(decide(order, "void", " ").status()).isEqualTo(400);
        assertThat(ApiCalls.call(risk, "POST /risk/holds/{orderId}/void", Map.of("orderId", order),
                "{\"reason\":\"x\"}", ApiCalls.claims("brand", brandId)).status()).isEqualTo(403);
        assertThat(ledger.postingsOfOrder(order)).hasSize(postings);
    }
}
