package com.alliance.orders;

import static com.alliance.orders.Events.ORDER;
import static com.alliance.orders.Events.cancelled;
import static com.alliance.orders.Events.paid;
import static com.alliance.orders.Events.paidThroughLead;
import static com.alliance.orders.Events.received;
import static com.alliance.orders.Events.refunded;
import static com.alliance.orders.Events.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.money.Bps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OrderStateTest {

    static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000));

    static OrderState merge(OrderEvent... events) {
        OrderState state = OrderState.empty(ORDER);
        for (OrderEvent event : events) {
            state = event instanceof OrderPaid paid ? state.applyPayment(paid, TERMS) : state.apply(event);
        }
        return state;
    }

    @Test
    void theSameEventsInAnyOrderGiveTheSameState() {
        OrderEvent pay = paid("pay", 0, 10_000);
        OrderEvent ship = shipped("ship", 60);
        OrderEvent refund = refunded("refund", 120, 1_000);

        assertThat(merge(refund, ship, pay)).isEqualTo(merge(pay, ship, refund));
        assertThat(merge(ship, refund, refund, pay, ship)).isEqualTo(merge(pay, ship, refund));
    }

    @Test
    void aDuplicateChangesNothingNotEvenTheVersion() {
        OrderState once = merge(paid("pay", 0, 10_000), shipped("ship", 60));

        assertThat(once.version()).isEqualTo(2);
        assertThat(once.apply(shipped("ship", 60))).isSameAs(once);
        assertThat(once.applyPayment(paid("pay", 0, 10_000), TERMS.withSalesFeeRate(Bps.ZERO))).isSameAs(once);
    }

    @Test
    void aCancellationBeforeAnyShipmentCounts() {
        assertThat(merge(paid("pay", 0, 10_000), cancelled("cancel", 30)).isCancelled()).isTrue();
    }

    @Test
    void aCancellationAtOrAfterAShipmentDoesNotCount() {
        assertThat(merge(paid("pay", 0, 10_000), shipped("ship", 30), cancelled("cancel", 30)).isCancelled())
                .isFalse();
        assertThat(merge(cancelled("cancel", 90), paid("pay", 0, 10_000), shipped("ship", 30)).isCancelled())
                .isFalse();
    }

    @Test
    void aReceiptProvesShipmentEvenWhenTheShipmentEventIsMissing() {
        assertThat(merge(paid("pay", 0, 10_000), received("recv", 30), cancelled("cancel", 40)).isCancelled())
                .isFalse();
    }

    @Test
    void aShipmentAfterACountedCancellationIsIgnoredAndReported() {
        OrderState state = merge(paid("pay", 0, 10_000), shipped("ship", 90), cancelled("cancel", 30));

        assertThat(state.isCancelled()).isTrue();
        assertThat(state.anomalies()).containsExactly(new Anomaly("ship", Anomaly.Kind.SHIPMENT_AFTER_CANCEL));
    }

    @Test
    void theEarliestReportOfAMilestoneCounts() {
        OrderState state = merge(shipped("late-report", 50), shipped("early-report", 20));

        assertThat(state.shipped()).contains(new Milestone("early-report", Events.at(20)));
        assertThat(state.version()).isEqualTo(2);
    }

    @Test
    void refundsBeforeThePaymentAreKeptAndCountOnceItLands() {
        OrderState before = merge(refunded("refund", 60, 2_500));

        assertThat(before.refunds()).containsKey("refund");
        assertThat(before.refundedFen()).isZero();
        assertThat(before.acceptedRefunds()).isEmpty();
        assertThat(before.applyPayment(paid("pay", 0, 10_000), TERMS).refundedFen()).isEqualTo(2_500);
    }

    @Test
    void aRefundThatWouldOvershootPaidIsRejectedByOccurrenceOrder() {
        OrderEvent first = refunded("r-first", 10, 6_000);
        OrderEvent second = refunded("r-second", 20, 6_000);
        OrderEvent third = refunded("r-third", 30, 4_000);

        OrderState state = merge(third, second, paid("pay", 0, 10_000), first);

        assertThat(state.acceptedRefunds()).extracting(OrderRefunded::eventId).containsExactly("r-first", "r-third");
        assertThat(state.rejectedRefunds()).extracting(OrderRefunded::eventId).containsExactly("r-second");
        assertThat(state.refundedFen()).isEqualTo(10_000);
        assertThat(state.anomalies()).containsExactly(new Anomaly("r-second", Anomaly.Kind.REFUND_EXCEEDS_PAID));
    }

    @Test
    void refundsAtTheSameInstantAreOrderedByEventId() {
        OrderState state = merge(paid("pay", 0, 10_000), refunded("r-b", 10, 6_000), refunded("r-a", 10, 6_000));

        assertThat(state.acceptedRefunds()).extracting(OrderRefunded::eventId).containsExactly("r-a");
    }

    @Test
    void theEarliestOfTwoPaymentsCountsAndTheOtherIsReported() {
        OrderState state = merge(paid("pay-late", 5, 20_000), paid("pay-early", 0, 10_000));

        assertThat(state.payment()).map(p -> p.paid().eventId()).contains("pay-early");
        assertThat(state.anomalies()).containsExactly(new Anomaly("pay-late", Anomaly.Kind.CONFLICTING_PAYMENT));
    }

    @Test
    void aPaymentNeedsItsTerms() {
        assertThatIllegalArgumentException().isThrownBy(() -> OrderState.empty(ORDER).apply(paid("pay", 0, 100)))
                .withMessageContaining("applyPayment");
    }

    @Test
    void termsMustPayTheLeadTheOrderCameThrough() {
        CommissionTerms withLead = TERMS.withLead("lead-1", Bps.of(300));

        assertThat(OrderState.empty(ORDER).applyPayment(paidThroughLead("pay", 0, 10_000, "lead-1"), withLead)
                .payment()).isPresent();
        assertThatIllegalArgumentException().isThrownBy(() ->
                OrderState.empty(ORDER).applyPayment(paid("pay", 0, 10_000), withLead));
    }

    @Test
    void termsThatCannotSplitThePaymentAreRefusedWhenItIsMerged() {
        // 50% commission and 50% sales fee of 3 fen: 1.5 -> 2 twice, 4 fen charged
        CommissionTerms greedy = CommissionTerms.distribution("brand-1", Bps.of(5_000))
                .withSalesFeeRate(Bps.of(5_000));

        assertThatThrownBy(() -> OrderState.empty(ORDER).applyPayment(paid("pay", 0, 3), greedy))
                .isInstanceOf(ChargesExceedPaidException.class);
    }

    @Test
    void anEventOfAnotherOrderIsRefused() {
        OrderShipped other = new OrderShipped("ship", "order-2", Instant.EPOCH);

        assertThatIllegalArgumentException().isThrownBy(() -> OrderState.empty(ORDER).apply(other));
    }

    @Test
    void eventsThatMoveNoMoneyAreOnlyRecordedAsSeen() {
        OrderState state = merge(paid("pay", 0, 10_000));
        OrderState after = state.apply(new ComplaintFiled("complaint", ORDER, Events.at(5), "brand-1", "rude"));

        assertThat(after.hasSeen("complaint")).isTrue();
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.payment()).isEqualTo(state.payment());
        assertThat(after.anomalies()).isEmpty();
    }

    @Test
    void theRiskHoldIsOffUntilSet() {
        OrderState state = merge(paid("pay", 0, 10_000));

        assertThat(state.riskHold()).isFalse();
        assertThat(state.withRiskHold(true).riskHold()).isTrue();
    }

    @Test
    void aStateCannotReferToEventsItHasNotMerged() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OrderState(ORDER, new TreeMap<>(),
                Optional.of(new Milestone("ghost", Instant.EPOCH)), Optional.empty(), Optional.empty(),
                new TreeMap<>(), new TreeSet<>(List.of("other")), false));
    }
}
