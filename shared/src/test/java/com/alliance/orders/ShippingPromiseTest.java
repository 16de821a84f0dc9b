package com.alliance.orders;

import static com.alliance.orders.Events.ORDER;
import static com.alliance.orders.Events.at;
import static com.alliance.orders.Events.cancelled;
import static com.alliance.orders.Events.paid;
import static com.alliance.orders.Events.received;
import static com.alliance.orders.Events.refunded;
import static com.alliance.orders.Events.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alliance.ledger.Account;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.PostingState;
import com.alliance.money.Bps;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The promise of an order paid at minute 0 with a 24 h promise: due at minute 1440. */
class ShippingPromiseTest {

    static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000)).withShipWithinHours(24);
    static final long PROMISE = 24 * 60;
    static final Duration GRACE = Duration.ofMinutes(60);

    static OrderState paidOrder() {
        return OrderState.empty(ORDER).applyPayment(paid("pay", 0, 10_000), TERMS);
    }

    static ShipmentLate violation(long compensationFen) {
        return ShipmentLate.of(ORDER, at(PROMISE), compensationFen);
    }

    @Test
    void thePromiseIsPaymentPlusTheProductsHoursKeptInTheTerms() {
        assertThat(ShippingPromise.promise(paidOrder())).contains(at(PROMISE));
        assertThat(ShippingPromise.promise(OrderState.empty(ORDER).apply(shipped("ship", 5)))).isEmpty();
        assertThat(CommissionTerms.distribution("b", Bps.ZERO).shipWithinHours()).isEqualTo(72);
        assertThatIllegalArgumentException().isThrownBy(() -> TERMS.withShipWithinHours(0));
    }

    @Test
    void shippingAtOrBeforeThePromiseKeepsIt() {
        assertThat(ShippingPromise.status(paidOrder().apply(shipped("ship", PROMISE)))).isEqualTo(ShippingPromise.Status.KEPT);
        // a receipt proves a shipment, even if the shipment event never came
        assertThat(ShippingPromise.status(paidOrder().apply(received("rcv", 100)))).isEqualTo(ShippingPromise.Status.KEPT);
        assertThat(ShippingPromise.lateAt(paidOrder().apply(shipped("ship", 10)))).isEmpty();
    }

    @Test
    void anUnshippedOrderIsOpenUntilItsPromiseAndDueForAViolationOnlyAfterTheGrace() {
        OrderState open = paidOrder();

        assertThat(ShippingPromise.status(open)).isEqualTo(ShippingPromise.Status.OPEN);
        assertThat(ShippingPromise.lateAt(open)).contains(at(PROMISE));
        assertThat(ShippingPromise.isLateAt(open, at(PROMISE))).isFalse();
        assertThat(ShippingPromise.isLateAt(open, at(PROMISE + 1))).isTrue();
        assertThat(ShippingPromise.isDue(open, Optional.empty(), at(PROMISE + 59), GRACE)).isFalse();
        assertThat(ShippingPromise.isDue(open, Optional.empty(), at(PROMISE + 60), GRACE)).isTrue();
    }

    @Test
    void aPaymentRecordedAfterItsPromiseGivesItsShipmentTheGraceFromItsArrival() {
        OrderState open = paidOrder();
        Instant recorded = at(PROMISE + 10_000);

        assertThat(ShippingPromise.checkFrom(open, Optional.of(recorded))).contains(recorded);
        assertThat(ShippingPromise.isDue(open, Optional.of(recorded), at(PROMISE + 10_059), GRACE)).isFalse();
        assertThat(ShippingPromise.isDue(open, Optional.of(recorded), at(PROMISE + 10_060), GRACE)).isTrue();
        // recorded in time: the promise is where the grace starts
        assertThat(ShippingPromise.checkFrom(open, Optional.of(at(5)))).contains(at(PROMISE));
        // a shipment known to be late waits for nothing more, however late the payment arrived
        OrderState shippedLate = open.apply(shipped("ship", PROMISE + 1));
        assertThat(ShippingPromise.checkFrom(shippedLate, Optional.of(recorded))).contains(at(PROMISE));
        assertThat(ShippingPromise.checkFrom(paidOrder().apply(shipped("ship", 10)), Optional.of(recorded))).isEmpty();
    }

    @Test
    void aShipmentAfterThePromiseIsAMissedPromiseEvenIfItArrivedBeforeTheJobRan() {
        OrderState shippedLate = paidOrder().apply(shipped("ship", PROMISE + 1));

        assertThat(ShippingPromise.status(shippedLate)).isEqualTo(ShippingPromise.Status.MISSED);
        assertThat(ShippingPromise.lateAt(shippedLate)).contains(at(PROMISE));
        assertThat(ShippingPromise.isDue(shippedLate, Optional.empty(), at(PROMISE + 60), GRACE)).isTrue();
    }

    @Test
    void aCancellationAtOrBeforeThePromisePromisedNothingAfterItIsMissed() {
        assertThat(ShippingPromise.status(paidOrder().apply(cancelled("cancel", PROMISE)))).isEqualTo(ShippingPromise.Status.NONE);
        assertThat(ShippingPromise.status(paidOrder().apply(cancelled("cancel", PROMISE + 1))))
                .isEqualTo(ShippingPromise.Status.MISSED);
        assertThat(ShippingPromise.status(paidOrder().apply(refunded("all", 30, 10_000)))).isEqualTo(ShippingPromise.Status.NONE);
    }

    @Test
    void aRecordedViolationStandsWhateverArrivesAfterIt() {
        OrderState recorded = paidOrder().apply(violation(1_000));
        OrderState thenShippedInTime = recorded.apply(shipped("ship", 10)).apply(cancelled("cancel", 5));

        assertThat(ShippingPromise.status(thenShippedInTime)).isEqualTo(ShippingPromise.Status.VIOLATION);
        assertThat(ShippingPromise.lateAt(thenShippedInTime)).isEmpty();
        assertThat(ShippingPromise.isDue(thenShippedInTime, Optional.of(at(0)), at(100_000), GRACE)).isFalse();
        // one violation per order: a second one (another compensation) changes nothing
        assertThat(recorded.apply(violation(2_000))).isEqualTo(recorded);
    }

    @Test
    void theViolationChargesTheBrandAndCreditsTheBuyerInTheBrandsShareState() {
        OrderState late = paidOrder().apply(violation(1_000));

        Map<PositionKey, Long> target = OrderLedger.targetPosition(late);

        assertThat(target).containsEntry(PositionKey.of(Account.brand("brand-1"), PostingState.PENDING), 7_500L - 1_000L)
                .containsEntry(PositionKey.of(Account.buyerCompensation("buyer-1"), PostingState.PENDING), 1_000L);
        assertThat(target.values().stream().mapToLong(Long::longValue).sum()).isZero();
        Map<PositionKey, Long> matured = OrderLedger.targetPosition(late.apply(shipped("ship", 2_000))
                .apply(OrderMatured.of(ORDER, at(30_000))));
        assertThat(matured).containsEntry(PositionKey.of(Account.buyerCompensation("buyer-1"), PostingState.SETTLEABLE), 1_000L);
    }

    @Test
    void neitherARefundNorACancellationTouchesTheCompensation() {
        OrderState late = paidOrder().apply(violation(1_000));

        assertThat(OrderLedger.targetPosition(late.apply(refunded("half", 3_000, 5_000))))
                .containsEntry(PositionKey.of(Account.buyerCompensation("buyer-1"), PostingState.PENDING), 1_000L)
                .containsEntry(PositionKey.of(Account.brand("brand-1"), PostingState.PENDING), 3_750L - 1_000L);
        // cancelled: everything else is reversed, the compensation stays and is settleable at once
        assertThat(OrderLedger.targetPosition(late.apply(cancelled("cancel", 3_000)))).containsExactlyInAnyOrderEntriesOf(Map.of(
                PositionKey.of(Account.brand("brand-1"), PostingState.SETTLEABLE), -1_000L,
                PositionKey.of(Account.buyerCompensation("buyer-1"), PostingState.SETTLEABLE), 1_000L));
    }

    @Test
    void theViolationsPostingsAreBalancedAndNamedForWhatTheyAre() {
        OrderState before = paidOrder();
        ShipmentLate late = violation(1_000);
        var postings = OrderLedger.postingsFor(late, OrderLedger.targetPosition(before), before.apply(late));

        assertThat(postings.postings()).hasSize(2);
        assertThat(postings.postings()).extracting(p -> p.reason()).containsExactlyInAnyOrder(
                "late-shipment compensation charged to brand: shipment late", "buyer compensation: shipment late");
        assertThat(postings.postings().stream().mapToLong(p -> p.amountFen()).sum()).isZero();
        assertThat(Optional.of(late.eventId())).contains("alliance:late:" + ORDER);
    }

    @Test
    void theBrandsServiceRecordCountsKeptAndMissedPromisesViolationsAndCompensation() {
        OrderCounts.Counter onTime = new OrderCounts.Counter(OrderCounts.Scope.BRAND_SERVICE, "brand-1",
                OrderCounts.SHIPPED_ON_TIME);
        OrderCounts.Counter late = new OrderCounts.Counter(OrderCounts.Scope.BRAND_SERVICE, "brand-1",
                OrderCounts.SHIPPED_LATE);
        OrderCounts.Counter violations = new OrderCounts.Counter(OrderCounts.Scope.BRAND_SERVICE, "brand-1",
                OrderCounts.LATE_VIOLATIONS);
        OrderCounts.Counter compensation = new OrderCounts.Counter(OrderCounts.Scope.BRAND_SERVICE, "brand-1",
                OrderCounts.COMPENSATION_FEN);

        assertThat(OrderCounts.of(paidOrder().apply(shipped("ship", 10)))).containsEntry(onTime, 1L)
                .doesNotContainKeys(late, violations, compensation);
        assertThat(OrderCounts.of(paidOrder())).doesNotContainKeys(onTime, late, violations);
        OrderState recorded = paidOrder().apply(violation(1_000));
        // the job's commit adds exactly this difference to the brand's counters
        assertThat(OrderCounts.difference(paidOrder(), recorded)).containsExactlyInAnyOrderEntriesOf(Map.of(
                late, 1L, violations, 1L, compensation, 1_000L));
        // a shipment stamped in time arriving after the violation changes none of them
        assertThat(OrderCounts.difference(recorded, recorded.apply(shipped("ship", 10)))).isEmpty();
    }

    @Test
    void aCompensationThatCancelsTheBrandsShareLeavesNoZeroPosition() {
        // paid 10 000 at 20%: the brand's share is 10 000 − 2 000 − 500 (sales fee) = 7 500, PENDING like the charge
        Map<PositionKey, Long> target = OrderLedger.targetPosition(paidOrder().apply(violation(7_500)));

        assertThat(target).doesNotContainKey(PositionKey.of(Account.brand("brand-1"), PostingState.PENDING))
                .doesNotContainValue(0L);
        assertThat(target.values().stream().mapToLong(Long::longValue).sum()).isZero();
    }
}
