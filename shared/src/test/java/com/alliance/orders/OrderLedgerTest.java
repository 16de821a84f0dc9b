package com.alliance.orders;

import static com.alliance.orders.Events.ORDER;
import static com.alliance.orders.Events.cancelled;
import static com.alliance.orders.Events.paid;
import static com.alliance.orders.Events.paidThroughLead;
import static com.alliance.orders.Events.refunded;
import static com.alliance.orders.Events.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import com.alliance.ledger.Account;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.PostingState;
import com.alliance.money.Bps;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderLedgerTest {

    static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000));
    static final CommissionTerms TERMS_WITH_LEAD = TERMS.withLead("lead-1", Bps.of(300));

    static PositionKey pending(Account account) {
        return PositionKey.of(account, PostingState.PENDING);
    }

    static PositionKey held(Account account) {
        return PositionKey.of(account, PostingState.HELD);
    }

    static OrderState paidState(long paidFen) {
        return OrderState.empty(ORDER).applyPayment(paid("pay", 0, paidFen), TERMS);
    }

    @Test
    void nothingIsOwedBeforeThePaymentIsKnown() {
        OrderState state = OrderState.empty(ORDER).apply(shipped("ship", 10)).apply(refunded("refund", 20, 100));

        assertThat(OrderLedger.targetPosition(state)).isEmpty();
    }

    @Test
    void aPaidOrderOwesEveryShareAsPendingAgainstItsClearingAccount() {
        assertThat(OrderLedger.targetPosition(paidState(10_000))).containsExactly(
                entry(pending(Account.orderClearing(ORDER)), -10_000L),
                entry(pending(Account.brand("brand-1")), 7_500L),
                entry(pending(Account.host("host-1")), 1_800L),
                entry(pending(Account.platformSalesFee()), 500L),
                entry(pending(Account.platformServiceFee()), 200L));
    }

    @Test
    void aLeadIsOwedItsFeeLessTheServiceFee() {
        OrderState state = OrderState.empty(ORDER)
                .applyPayment(paidThroughLead("pay", 0, 10_000, "lead-1"), TERMS_WITH_LEAD);

        assertThat(OrderLedger.targetPosition(state))
                .contains(entry(pending(Account.lead("lead-1")), 270L),
                        entry(pending(Account.platformServiceFee()), 230L),
                        entry(pending(Account.brand("brand-1")), 7_200L));
    }

    @Test
    void aRiskHoldHoldsCommissionButNotBrandOrPlatformShares() {
        OrderState state = OrderState.empty(ORDER)
                .applyPayment(paidThroughLead("pay", 0, 10_000, "lead-1"), TERMS_WITH_LEAD).withRiskHold(true);

        assertThat(OrderLedger.targetPosition(state)).containsExactly(
                entry(pending(Account.orderClearing(ORDER)), -10_000L),
                entry(pending(Account.brand("brand-1")), 7_200L),
                entry(held(Account.host("host-1")), 1_800L),
                entry(held(Account.lead("lead-1")), 270L),
                entry(pending(Account.platformSalesFee()), 500L),
                entry(pending(Account.platformServiceFee()), 230L));
    }

    @Test
    void refundBeforeSettlementReducesEveryShareProRata() {
        OrderState state = paidState(10_000).apply(refunded("refund", 60, 2_500));

        assertThat(OrderLedger.targetPosition(state)).containsExactly(
                entry(pending(Account.orderClearing(ORDER)), -7_500L),
                entry(pending(Account.brand("brand-1")), 5_625L),
                entry(pending(Account.host("host-1")), 1_350L),
                entry(pending(Account.platformSalesFee()), 375L),
                entry(pending(Account.platformServiceFee()), 150L));
    }

    @Test
    void theSameRefundedTotalGivesTheSameSharesWhateverTheRefundSequence() {
        OrderState oneRefund = paidState(9_999).apply(refunded("r", 10, 3_333));
        OrderState threeRefunds = paidState(9_999)
                .apply(refunded("r1", 10, 1)).apply(refunded("r2", 20, 1_111)).apply(refunded("r3", 30, 2_221));

        assertThat(OrderLedger.targetPosition(threeRefunds)).isEqualTo(OrderLedger.targetPosition(oneRefund));
    }

    @Test
    void aFullRefundLeavesNothingOwed() {
        assertThat(OrderLedger.targetPosition(paidState(10_000).apply(refunded("refund", 60, 10_000)))).isEmpty();
    }

    @Test
    void aCancelledUnshippedOrderReversesEverything() {
        OrderState paidState = paidState(10_000);
        Map<PositionKey, Long> posted = OrderLedger.targetPosition(paidState);
        OrderEvent cancel = cancelled("cancel", 30);

        PostingSet reversal = OrderLedger.postingsFor(cancel, posted, paidState.apply(cancel));

        assertThat(reversal.postings()).extracting(Posting::amountFen)
                .containsExactly(10_000L, -7_500L, -1_800L, -500L, -200L);
        assertThat(reversal.postings()).extracting(Posting::reason).containsExactly(
                "reversal of buyer payment: order cancelled",
                "reversal of brand proceeds: order cancelled",
                "reversal of host commission: order cancelled",
                "reversal of platform sales fee: order cancelled",
                "reversal of platform technical service fee: order cancelled");
        assertThat(plus(posted, reversal)).isEmpty();
    }

    @Test
    void aPaymentPostsEveryShareWithIdsFromItsEventId() {
        OrderEvent pay = paid("pay", 0, 10_000);

        PostingSet postings = OrderLedger.postingsFor(pay, Map.of(), paidState(10_000));

        assertThat(postings.postings()).extracting(Posting::postingId)
                .containsExactly("pay#0", "pay#1", "pay#2", "pay#3", "pay#4");
        assertThat(postings.postings()).extracting(Posting::reason).containsExactly(
                "buyer payment: order paid", "brand proceeds: order paid", "host commission: order paid",
                "platform sales fee: order paid", "platform technical service fee: order paid");
        assertThat(Positions.of(postings.postings())).isEqualTo(OrderLedger.targetPosition(paidState(10_000)));
    }

    @Test
    void aRetriedEventPostsTheSameIdsAndAmounts() {
        OrderEvent pay = paid("pay", 0, 10_000);

        assertThat(OrderLedger.postingsFor(pay, Map.of(), paidState(10_000)))
                .isEqualTo(OrderLedger.postingsFor(pay, Map.of(), paidState(10_000)));
    }

    @Test
    void anEventThatChangesNoMoneyPostsAnEmptySet() {
        OrderState paidState = paidState(10_000);
        OrderEvent ship = shipped("ship", 60);

        PostingSet postings = OrderLedger.postingsFor(ship, OrderLedger.targetPosition(paidState), paidState.apply(ship));

        assertThat(postings.isEmpty()).isTrue();
        assertThat(postings.eventId()).isEqualTo("ship");
    }

    @Test
    void aShipmentThatArrivesAfterALaterCancellationRestoresTheOrder() {
        OrderState cancelledState = paidState(10_000).apply(cancelled("cancel", 90));
        OrderEvent ship = shipped("ship", 30);

        PostingSet postings = OrderLedger.postingsFor(ship, Map.of(), cancelledState.apply(ship));

        assertThat(Positions.of(postings.postings())).isEqualTo(OrderLedger.targetPosition(paidState(10_000)));
        assertThat(postings.postings()).extracting(Posting::reason).contains("host commission: order shipped");
    }

    @Test
    void paymentArrivingAfterARefundPostsTheNetShares() {
        OrderEvent refund = refunded("refund", 60, 2_500);
        OrderState refundedFirst = OrderState.empty(ORDER).apply(refund);
        assertThat(OrderLedger.postingsFor(refund, Map.of(), refundedFirst).isEmpty()).isTrue();

        OrderEvent pay = paid("pay", 0, 10_000);
        PostingSet postings = OrderLedger.postingsFor(pay, Map.of(), refundedFirst.applyPayment((OrderPaid) pay, TERMS));

        assertThat(Positions.of(postings.postings()))
                .containsEntry(pending(Account.orderClearing(ORDER)), -7_500L)
                .containsEntry(pending(Account.host("host-1")), 1_350L);
    }

    @Test
    void releasingAHoldMovesCommissionFromHeldToPending() {
        OrderState heldState = paidState(10_000).withRiskHold(true);
        OrderEvent refund = refunded("refund", 60, 5_000);

        PostingSet postings = OrderLedger.postingsFor(refund, OrderLedger.targetPosition(heldState),
                heldState.withRiskHold(false).apply(refund));

        assertThat(Positions.of(postings.postings()))
                .containsEntry(held(Account.host("host-1")), -1_800L)
                .containsEntry(pending(Account.host("host-1")), 900L);
        assertThat(Positions.total(Positions.of(postings.postings()))).isZero();
    }

    @Test
    void theNewStateMustIncludeTheEvent() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderLedger.postingsFor(shipped("ship", 1), Map.of(), paidState(10_000)));
    }

    @Test
    void thePositionOfAnotherOrderIsRefused() {
        Map<PositionKey, Long> otherOrder = Map.of(pending(Account.orderClearing("order-2")), -100L,
                pending(Account.brand("brand-1")), 100L);

        assertThatIllegalArgumentException().isThrownBy(() ->
                OrderLedger.postingsFor(paid("pay", 0, 10_000), otherOrder, paidState(10_000)))
                .withMessageContaining("order-2");
    }

    static PositionKey settleable(Account account) {
        return PositionKey.of(account, PostingState.SETTLEABLE);
    }

    static OrderState matured(OrderState state) {
        return state.apply(OrderMatured.of(ORDER, Events.at(20_000)));
    }

    @Test
    void aMaturedOrderOwesEveryShareAsSettleable() {
        assertThat(OrderLedger.targetPosition(matured(paidState(10_000)))).containsExactly(
                entry(settleable(Account.orderClearing(ORDER)), -10_000L),
                entry(settleable(Account.brand("brand-1")), 7_500L),
                entry(settleable(Account.host("host-1")), 1_800L),
                entry(settleable(Account.platformSalesFee()), 500L),
                entry(settleable(Account.platformServiceFee()), 200L));
    }

    @Test
    void maturationMovesSharesByPostingAndHeldCommissionStaysHeld() {
        OrderState held = OrderState.empty(ORDER)
                .applyPayment(paidThroughLead("pay", 0, 10_000, "lead-1"), TERMS_WITH_LEAD).withRiskHold(true);
        OrderMatured maturation = OrderMatured.of(ORDER, Events.at(20_000));

        PostingSet postings = OrderLedger.postingsFor(maturation, OrderLedger.targetPosition(held), held.apply(maturation));

        assertThat(Positions.of(postings.postings())).containsEntry(pending(Account.brand("brand-1")), -7_200L)
                .containsEntry(settleable(Account.brand("brand-1")), 7_200L)
                .doesNotContainKeys(held(Account.host("host-1")), held(Account.lead("lead-1")));
        assertThat(postings.postings()).extracting(Posting::reason).contains("brand proceeds settleable: order matured");
        assertThat(OrderLedger.targetPosition(held.apply(maturation)))
                .containsEntry(held(Account.host("host-1")), 1_800L)
                .containsEntry(held(Account.lead("lead-1")), 270L);
    }

    @Test
    void aRefundAfterMaturationClawsBackTheSettleableSharesProRata() {
        OrderState matured = matured(paidState(10_000));
        OrderEvent refund = refunded("refund", 30_000, 2_500);

        PostingSet clawback = OrderLedger.postingsFor(refund, OrderLedger.targetPosition(matured), matured.apply(refund));

        assertThat(Positions.of(clawback.postings())).containsEntry(settleable(Account.host("host-1")), -450L)
                .containsEntry(settleable(Account.brand("brand-1")), -1_875L)
                .containsEntry(settleable(Account.orderClearing(ORDER)), 2_500L);
        assertThat(clawback.postings()).extracting(Posting::reason)
                .contains("clawback of host commission: order refunded", "reversal of buyer payment: order refunded");
    }

    private static Map<PositionKey, Long> plus(Map<PositionKey, Long> position, PostingSet postings) {
        Map<PositionKey, Long> sum = new TreeMap<>(position);
        postings.postings().forEach(p -> sum.merge(p.key(), p.amountFen(), Long::sum));
        sum.values().removeIf(amount -> amount == 0);
        return sum;
    }
}
