package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order-events handler against DynamoDB Local: money per SPEC, exactly once, in any order. */
class OrderEventsFunctionTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-20T10:00:00Z");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final OrderEventsFunction function = new OrderEventsFunction(stores.clients(clock));
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private String brandId;
    private String productId;
    private String hostId;

    @BeforeEach
    void catalog() {
        brandId = marketplace.brand();
        productId = marketplace.product(brandId, 2_000);
        hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
    }

    private static String orderId() {
        return "o-" + UUID.randomUUID();
    }

    private SQSBatchResponse deliver(String... bodies) {
        return function.handle(OrderEvents.batch(bodies));
    }

    private Map<PositionKey, Long> position(String orderId) {
        return Positions.of(ledger.postingsOfOrder(orderId));
    }

    private static PositionKey pending(Account account) {
        return PositionKey.of(account, PostingState.PENDING);
    }

    @Test
    void aDistributionOrderIsSplitAsTheSpecSays() {
        String order = orderId();
        assertThat(deliver(OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000)).getBatchItemFailures()).isEmpty();

        Map<PositionKey, Long> position = position(order);
        assertThat(position).containsEntry(pending(Account.host(hostId)), 1_800L)
                .containsEntry(pending(Account.platformServiceFee()), 200L)
                .containsEntry(pending(Account.platformSalesFee()), 500L)
                .containsEntry(pending(Account.brand(brandId)), 7_500L)
                .containsEntry(pending(Account.orderClearing(order)), -10_000L);
        assertThat(Positions.total(position)).isZero();
    }

    @Test
    void aSelfBroadcastOrderPaysNoDistributionCommission() {
        String selfHost = marketplace.selfBroadcastHost(brandId);
        marketplace.pick(selfHost, productId);
        String order = orderId();
        deliver(OrderEvents.paid(order, PAID_AT, productId, selfHost, 10_000));
        assertThat(position(order)).doesNotContainKey(pending(Account.host(selfHost)))
                .containsEntry(pending(Account.brand(brandId)), 9_500L)
                .containsEntry(pending(Account.platformSalesFee()), 500L);
    }

    @Test
    void anActivityLeadEarnsItsShareChargedToTheBrand() {
        String order = orderId();
        deliver(OrderEvents.paidThroughLead(order, PAID_AT, productId, hostId, 10_000, "lead-7"));
        Map<PositionKey, Long> position = position(order);
        assertThat(position).containsEntry(pending(Account.lead("lead-7")), 180L)   // 2% = 200, less 10% service fee
                .containsEntry(pending(Account.platformServiceFee()), 220L)
                .containsEntry(pending(Account.brand(brandId)), 7_300L);
        assertThat(Positions.total(position)).isZero();
    }

    @Test
    void aDuplicateDeliveryIsCountedOnce() {
        String order = orderId();
        String paid = OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000);
        deliver(paid);
        List<Posting> once = ledger.postingsOfOrder(order);
        assertThat(deliver(paid, paid).getBatchItemFailures()).isEmpty();
        assertThat(ledger.postingsOfOrder(order)).hasSameSizeAs(once);
    }

    @Test
    void aShipmentBeforeItsPaymentWaitsAndAFullRefundBeforeSettlementReversesEveryShare() {
        String order = orderId();
        deliver(OrderEvents.milestone("ORDER_SHIPPED", order, PAID_AT.plus(Duration.ofHours(3))));
        assertThat(ledger.postingsOfOrder(order)).isEmpty();
        deliver(OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000));
        deliver(OrderEvents.refunded(order, PAID_AT.plus(Duration.ofDays(1)), 2_500));
        assertThat(position(order)).containsEntry(pending(Account.host(hostId)), 1_350L)
                .containsEntry(pending(Account.brand(brandId)), 5_625L);
        deliver(OrderEvents.refunded(order, PAID_AT.plus(Duration.ofDays(2)), 7_500));
        assertThat(position(order)).isEmpty();
    }

    @Test
    void aCancelledUnshippedOrderReversesEverything() {
        String order = orderId();
        deliver(OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000),
                OrderEvents.milestone("ORDER_CANCELLED", order, PAID_AT.plusSeconds(60)));
        assertThat(position(order)).isEmpty();
        assertThat(ledger.postingsOfOrder(order)).isNotEmpty();   // appended and reversed, never deleted
    }

    @Test
    void aPoisonMessageFailsAloneAndItsBatchMatesApply() {
        String order = orderId();
        SQSBatchResponse response = deliver("{not json", OrderEvents.paid(order, PAID_AT, productId, hostId, 10_000),
                OrderEvents.paid(orderId(), PAID_AT, "p_doesnotexist", hostId, 10_000));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("m0", "m2");
        assertThat(position(order)).containsEntry(pending(Account.host(hostId)), 1_800L);
    }

    @Test
    void theRateInForceWhenPaidIsTheOneThatCounts() {
        var catalog = new CatalogFunction(stores.clients(clock));
        var lowered = com.alliance.testing.ApiCalls.call(catalog, "PATCH /products/{productId}/commission",
                Map.of("productId", productId), "{\"openRateBps\":1000}", com.alliance.testing.ApiCalls.claims("brand", brandId));
        assertThat(lowered.status()).isEqualTo(200);
        String withinNotice = orderId();
        String afterNotice = orderId();
        deliver(OrderEvents.paid(withinNotice, PAID_AT, productId, hostId, 10_000),
                OrderEvents.paid(afterNotice, PAID_AT.plus(Duration.ofDays(1)), productId, hostId, 10_000));
        assertThat(position(withinNotice)).containsEntry(pending(Account.host(hostId)), 1_800L);
        assertThat(position(afterNotice)).containsEntry(pending(Account.host(hostId)), 900L);
    }
}
