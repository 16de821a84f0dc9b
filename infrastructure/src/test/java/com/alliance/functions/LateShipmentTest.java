package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SystemEvents;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.ShippingSettings;
import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The shipping promise against DynamoDB Local, with events through the order-events handler and the
 * scheduled jobs as the schedule runs them: a late order gets one violation and one compensation, however
 * often the job runs; an order shipped or cancelled in time gets none; the SLA route reads the figures.
 * The fixture product promises shipment within 48 h; 10 000 fen paid compensates 1 000 fen.
 */
class LateShipmentTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final RiskFunction risk = new RiskFunction(stores.clients(clock));
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final String hostId = desk.marketplace.independentHost();

    {
        desk.marketplace.pick(hostId, productId);    // a host picks a product before it sells it
    }

    /** The brand's service counts once the stream has been folded, as the trust job reads them. */
    private Map<String, Long> serviceCounts() {
        stores.foldRunningCounts();
        return new CountersRepository(stores.dynamoDb()).read(OrderCounts.Scope.BRAND_SERVICE, brandId);
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        return stores.dynamoDb().getItem(GetItemRequest.builder().tableName(Tables.ORDERS.tableName())
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true).build()).item();
    }

    private List<Posting> violationPostings(String orderId) {
        return ledger.postingsOfOrder(orderId).stream()
                .filter(p -> p.eventId().equals(SystemEvents.lateShipment(orderId))).toList();
    }

    /** Position per "TYPE|STATE|party" of everything posted for the order, zeros dropped. */
    private Map<String, Long> position(String orderId) {
        Map<String, Long> sums = new HashMap<>();
        for (Posting p : ledger.postingsOfOrder(orderId)) {
            sums.merge(p.account().type() + "|" + p.state() + "|" + p.account().party(), p.amountFen(), Long::sum);
        }
        sums.values().removeIf(fen -> fen == 0);
        return sums;
    }

    private String paidOrder(Instant paidAt) {
        String order = FinanceDesk.orderId();
        desk.deliver(OrderEvents.paid(order, paidAt, productId, hostId, 10_000));
        return order;
    }

    @Test
    void aLateShipmentCompensatesExactlyOnceAcrossThreeJobRuns() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(3));
        String order = paidOrder(paidAt);
        assertThat(orderItem(order).get("gsi2pk").s()).startsWith("SHIPBY#");
        assertThat(orderItem(order).get("shipBy").s()).isEqualTo(paidAt.plus(Duration.ofHours(48)).toString());
        // the payment arrived long after its promise: its shipment gets the grace from the payment's arrival
        desk.runJobs();
        assertThat(violationPostings(order)).isEmpty();
        clock.advance(ShippingSettings.DEFAULT_GRACE);

        List<Long> lateRuns = new ArrayList<>();
        List<List<String>> postingIds = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            lateRuns.add(desk.runJobs().get("late-shipments"));
            postingIds.add(violationPostings(order).stream().map(Posting::postingId).sorted().toList());
        }

        // the first run records it (with any other late order of the shared store); the others find nothing
        assertThat(lateRuns.get(0)).isPositive();
        assertThat(lateRuns.subList(1, 3)).containsExactly(0L, 0L);
        assertThat(postingIds).allMatch(ids -> ids.equals(postingIds.get(0)));
        assertThat(violationPostings(order)).hasSize(2);
        assertThat(violationPostings(order)).allMatch(p -> p.state() == PostingState.PENDING);
        assertThat(violationPostings(order)).anyMatch(p -> p.account().type() == AccountType.BRAND
                && p.account().party().equals(brandId) && p.amountFen() == -1_000);
        assertThat(violationPostings(order)).anyMatch(p -> p.account().type() == AccountType.BUYER_COMPENSATION
                && p.account().party().equals("buyer-" + order) && p.amountFen() == 1_000);
        assertThat(orderItem(order).get("late").m().get("eventId").s())
                .as("the order records the violation's event: a second run finds it").isEqualTo(SystemEvents.lateShipment(order));
        Map<String, AttributeValue> item = orderItem(order);
        assertThat(item).doesNotContainKey("gsi2pk");
        assertThat(item.get("promiseStatus").s()).isEqualTo("VIOLATION");
        assertThat(item.get("late").m().get("compensationFen").n()).isEqualTo("1000");
        assertThat(desk.balance("buyer-" + order).path("pendingFen").asLong()).isEqualTo(1_000);
        assertThat(desk.balance(brandId).path("pendingFen").asLong()).isEqualTo(7_500 - 1_000);
        // the brand's service record, for the trust score, folded from the orders table's stream
        assertThat(serviceCounts())
                .containsEntry(OrderCounts.LATE_VIOLATIONS, 1L).containsEntry(OrderCounts.SHIPPED_LATE, 1L)
                .containsEntry(OrderCounts.COMPENSATION_FEN, 1_000L).containsEntry(OrderCounts.PAID_ORDERS, 1L);
        // and the brand's trust reads it: one late shipment of one measured
        JsonNode brand = ApiCalls.call(new CatalogFunction(stores.clients(clock)), "GET /brands/{brandId}",
                Map.of("brandId", brandId), null, ApiCalls.claims("brand", brandId)).body();
        assertThat(brand.path("serviceRecord").path("shippedLate").asLong()).isEqualTo(1);
        assertThat(brand.path("trustComponents").findValuesAsText("detail")).anyMatch(d -> d.startsWith("1 of 1 shipments late"));
    }

    @Test
    void aViolationStandsWhenAShipmentStampedInTimeArrivesAfterItAndACancellationNeverReversesIt() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(3));
        String order = paidOrder(paidAt);
        clock.advance(ShippingSettings.DEFAULT_GRACE);
        desk.runJobs();

        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofHours(1))));
        desk.runJobs();
        assertThat(violationPostings(order)).hasSize(2);
        assertThat(orderItem(order).get("gsi2pk").s()).startsWith("DUE#");

        desk.deliver(OrderEvents.milestone("ORDER_CANCELLED", order, paidAt.plus(Duration.ofMinutes(30))));
        desk.runJobs();

        // the cancellation (before the shipment) reverses the order's shares, not the compensation
        assertThat(position(order)).containsOnly(
                Map.entry("BRAND|SETTLEABLE|" + brandId, -1_000L),
                Map.entry("BUYER_COMPENSATION|SETTLEABLE|buyer-" + order, 1_000L));
        assertThat(violationPostings(order)).hasSize(2);
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void anOrderShippedInTimeIsNeverLate() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(3));
        String order = paidOrder(paidAt);
        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofHours(48))));

        for (int run = 0; run < 3; run++) {
            desk.runJobs();
        }

        assertThat(violationPostings(order)).isEmpty();
        assertThat(orderItem(order)).doesNotContainKey("late");
        assertThat(orderItem(order).get("promiseStatus").s()).isEqualTo("KEPT");
        assertThat(orderItem(order).get("gsi2pk").s()).startsWith("DUE#");
        assertThat(serviceCounts())
                .containsEntry(OrderCounts.SHIPPED_ON_TIME, 1L).doesNotContainKey(OrderCounts.LATE_VIOLATIONS);
    }

    @Test
    void anOrderCancelledBeforeItsPromiseIsNeverLate() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(3));
        String order = paidOrder(paidAt);
        desk.deliver(OrderEvents.milestone("ORDER_CANCELLED", order, paidAt.plus(Duration.ofHours(47))));

        for (int run = 0; run < 3; run++) {
            desk.runJobs();
        }

        assertThat(violationPostings(order)).isEmpty();
        assertThat(ledger.postingsOfOrder(order).stream().mapToLong(Posting::amountFen).sum()).isZero();
        assertThat(position(order)).isEmpty();
        assertThat(orderItem(order)).doesNotContainKey("gsi2pk");
        assertThat(orderItem(order).get("promiseStatus").s()).isEqualTo("NONE");
    }

    @Test
    void theGraceWaitsForAShipmentStillOnItsWay() {
        Instant paidAt = clock.instant().minus(Duration.ofHours(48)).minus(Duration.ofMinutes(30));
        String order = paidOrder(paidAt);

        desk.runJobs();   // the promise passed 30 min ago, the grace is an hour
        assertThat(violationPostings(order)).isEmpty();
        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofHours(47))));
        clock.advance(Duration.ofHours(2));
        desk.runJobs();

        assertThat(violationPostings(order)).isEmpty();
        assertThat(orderItem(order).get("promiseStatus").s()).isEqualTo("KEPT");
    }

    @Test
    void aPaymentArrivingAfterItsPromiseGivesItsShipmentTheGraceFromItsArrival() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(30));   // a stream replayed a month late
        String order = paidOrder(paidAt);
        String neverShipped = paidOrder(paidAt);
        assertThat(orderItem(order).get("paymentRecordedAt").s()).isEqualTo(clock.instant().toString());
        assertThat(orderItem(order).get("gsi2sk").s()).startsWith(SortableTime.of(clock.instant()));

        desk.runJobs();   // both promises passed a month ago, but the payments arrived just now
        clock.advance(ShippingSettings.DEFAULT_GRACE.minusMinutes(1));
        desk.runJobs();
        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofHours(20))));
        clock.advance(Duration.ofMinutes(1));
        desk.runJobs();

        assertThat(violationPostings(order)).isEmpty();
        assertThat(orderItem(order).get("promiseStatus").s()).isEqualTo("KEPT");
        assertThat(violationPostings(neverShipped)).hasSize(2);
        assertThat(orderItem(neverShipped).get("promiseStatus").s()).isEqualTo("VIOLATION");
    }

    @Test
    void aShipmentAfterThePromiseIsLateEvenIfItArrivedBeforeTheJobRanAndSettlementNetsTheCharge() {
        Instant paidAt = clock.instant().minus(Duration.ofDays(20));
        String order = paidOrder(paidAt);
        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", order, paidAt.plus(Duration.ofHours(49))),
                OrderEvents.milestone("ORDER_RECEIVED", order, paidAt.plus(Duration.ofDays(3))));
        assertThat(orderItem(order).get("gsi2pk").s()).startsWith("SHIPBY#");

        desk.runJobs();   // records the violation, then (the window having passed) matures the order
        desk.runJobs();

        assertThat(violationPostings(order)).hasSize(2);
        assertThat(orderItem(order)).containsKey("matured").doesNotContainKey("gsi2pk");
        assertThat(position(order)).containsEntry("BUYER_COMPENSATION|SETTLEABLE|buyer-" + order, 1_000L)
                .containsEntry("BRAND|SETTLEABLE|" + brandId, 7_500L - 1_000L);
        JsonNode run = desk.draftRun();
        assertThat(desk.line(run.path("runId").asText(), brandId)).hasValueSatisfying(
                line -> assertThat(line.path("amountFen").asLong()).isEqualTo(6_500));
        assertThat(desk.line(run.path("runId").asText(), "buyer-" + order)).isEmpty();
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void theSlaRouteShowsOnTimeRateViolationsAndCompensation() {
        Instant start = clock.instant();
        Instant paidAt = start.minus(Duration.ofDays(4));
        String late = paidOrder(paidAt);
        String lateToo = paidOrder(paidAt.plusSeconds(1));
        String onTime = paidOrder(paidAt.plusSeconds(2));
        desk.deliver(OrderEvents.milestone("ORDER_SHIPPED", onTime, paidAt.plus(Duration.ofHours(3))));
        String cancelled = paidOrder(paidAt.plusSeconds(3));
        desk.deliver(OrderEvents.milestone("ORDER_CANCELLED", cancelled, paidAt.plus(Duration.ofHours(3))));
        String open = paidOrder(start.minus(Duration.ofHours(1)));
        clock.advance(ShippingSettings.DEFAULT_GRACE);
        desk.runJobs();
        desk.runJobs();
        stores.foldRunningCounts();   // whole days of the window are read from the aggregates the stream folds
        Map<String, String> window = Map.of("from", start.minus(Duration.ofDays(10)).toString(),
                "to", clock.instant().toString());

        ApiCalls.Answer answer = ApiCalls.call(risk, "GET /brands/{brandId}/sla", Map.of("brandId", brandId), window,
                null, ApiCalls.claims("brand", brandId));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode sla = answer.body();
        assertThat(sla.path("paidOrders").asInt()).isEqualTo(5);
        assertThat(sla.path("shippedOnTime").asInt()).isEqualTo(1);
        assertThat(sla.path("late").asInt()).isEqualTo(2);
        assertThat(sla.path("open").asInt()).isEqualTo(1);
        assertThat(sla.path("onTimeRateBps").asInt()).isEqualTo(3_333);
        assertThat(sla.path("violationCount").asInt()).isEqualTo(2);
        assertThat(sla.path("compensationFen").asLong()).isEqualTo(2_000);
        assertThat(sla.path("violations").findValuesAsText("orderId")).containsExactly(late, lateToo);
        assertThat(sla.path("violations").get(0).path("promise").asText())
                .isEqualTo(paidAt.plus(Duration.ofHours(48)).toString());
        assertThat(sla.path("violations").get(0).path("compensationFen").asLong()).isEqualTo(1_000);
        assertThat(open).isNotBlank();

        Map<String, String> paged = new HashMap<>(window);
        paged.put("limit", "1");
        JsonNode first = ApiCalls.call(risk, "GET /brands/{brandId}/sla", Map.of("brandId", brandId), paged, null,
                ApiCalls.claims("operator", "ops-1")).body();
        assertThat(first.path("violations").findValuesAsText("orderId")).containsExactly(late);
        paged.put("next", first.path("next").asText());
        JsonNode second = ApiCalls.call(risk, "GET /brands/{brandId}/sla", Map.of("brandId", brandId), paged, null,
                ApiCalls.claims("operator", "ops-1")).body();
        assertThat(second.path("violations").findValuesAsText("orderId")).containsExactly(lateToo);
        assertThat(second.path("next").isNull()).isTrue();

        String otherBrand = desk.marketplace.brand();
        assertThat(ApiCalls.call(risk, "GET /brands/{brandId}/sla", Map.of("brandId", otherBrand), window, null,
                ApiCalls.claims("brand", brandId)).status()).isEqualTo(404);
        assertThat(ApiCalls.call(risk, "GET /brands/{brandId}/sla", Map.of("brandId", brandId),
                Map.of("from", "2026-01-01", "to", "2026-12-31"), null, ApiCalls.claims("brand", brandId)).status())
                .isEqualTo(400);
    }
}
