package com.alliance.orderlists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.InvalidInputException;
import com.alliance.money.Bps;
import com.alliance.orders.CommissionSplit;
import com.alliance.orders.CommissionTerms;
import com.alliance.orders.ListedStatus;
import com.alliance.orders.OrderCancelled;
import com.alliance.orders.OrderLedger;
import com.alliance.orders.OrderMatured;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderRefunded;
import com.alliance.orders.OrderShipped;
import com.alliance.orders.OrderState;
import com.alliance.orders.RateBasis;
import com.alliance.orders.RiskReview;
import com.alliance.orders.StoredOrder;
import com.alliance.settlement.LineStatus;
import com.alliance.settlement.PostingSettlements;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rows of hosts' and brands' order lists, built from stored orders without I/O. */
class OrderRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final BuyerRefs BUYERS = new BuyerRefs("a-key-of-sixteen-or-more");
    private static final OrderRows.Names NAMES = new OrderRows.Names(Map.of("p_1", "Tea"), Map.of("h_1", "Lily"),
            Map.of("b_1", "Leaf"));
    private static final CommissionTerms TERMS = CommissionTerms.distribution("b_1", Bps.of(2_000))
            .withRateBasis(RateBasis.TARGETED);

    private static OrderState paid() {
        return OrderState.empty("o_1").applyPayment(new OrderPaid("e-pay", "o_1", T0, "p_1", "h_1", "u_buyer", 2, 10_000,
                Optional.empty()), TERMS);
    }

    private static StoredOrder stored(OrderState state) {
        return stored(state, RiskReview.NONE);
    }

    private static StoredOrder stored(OrderState state, RiskReview review) {
        return new StoredOrder(state, new TreeMap<>(), OrderLedger.targetPosition(state), 3, Optional.empty(),
                new java.util.TreeSet<>(), Optional.of(T0), false, review);
    }

    private static OrderRow row(StoredOrder order, PartyKind kind, OrderRows.Settlement settlement) {
        return OrderRows.of(order, kind, kind == PartyKind.HOST ? "h_1" : "b_1", NAMES, BUYERS, false, settlement).orElseThrow();
    }

    @Test
    void aPaidOrderShowsItsProductPartiesAndTheEstimatedShareOfEachSide() {
        CommissionSplit split = CommissionSplit.of(10_000, TERMS);
        OrderRow host = row(stored(paid()), PartyKind.HOST, OrderRows.Settlement.NONE);
        assertThat(host.status()).isEqualTo(ListedStatus.PAID);
        assertThat(host.productTitle()).contains("Tea");
        assertThat(host.brandName()).contains("Leaf");
        assertThat(host.quantity()).isEqualTo(2);
        assertThat(host.commission().state()).isEqualTo(CommissionState.ESTIMATED);
        assertThat(host.commission().amountFen()).isEqualTo(split.hostFen()).isEqualTo(host.commission().estimatedFen());
        assertThat(host.commission().rateBps()).isEqualTo(2_000);
        assertThat(host.commission().basis()).contains(RateBasis.TARGETED);

        OrderRow brand = row(stored(paid()), PartyKind.BRAND, OrderRows.Settlement.NONE);
        assertThat(brand.commission().amountFen()).isEqualTo(split.brandFen());
        assertThat(brand.commission().chargesFen()).isEqualTo(10_000 - split.brandFen());
    }

    @Test
    void theBuyerIsMaskedStablyPerPartyAndShownOnlyToWhomMaySeeIt() {
        OrderRow host = row(stored(paid()), PartyKind.HOST, OrderRows.Settlement.NONE);
        OrderRow brand = row(stored(paid()), PartyKind.BRAND, OrderRows.Settlement.NONE);
        assertThat(host.buyerRef()).startsWith("u_").doesNotContain("buyer").isNotEqualTo(brand.buyerRef());
        assertThat(row(stored(paid()), PartyKind.HOST, OrderRows.Settlement.NONE).buyerRef()).isEqualTo(host.buyerRef());
        assertThat(host.buyerId()).isEmpty();
        assertThat(OrderRows.of(stored(paid()), PartyKind.HOST, "h_1", NAMES, BUYERS, true, OrderRows.Settlement.NONE)
                .orElseThrow().buyerId()).contains("u_buyer");
    }

    @Test
    void maturedMoneyIsSettleableThenSettledThenPaidOutAsItsRunGoes() {
        OrderState matured = paid().apply(new OrderShipped("e-ship", "o_1", T0.plusSeconds(60)))
                .apply(new OrderMatured("alliance:mature:o_1", "o_1", T0.plusSeconds(86_400 * 16)));
        StoredOrder order = stored(matured);
        assertThat(row(order, PartyKind.HOST, OrderRows.Settlement.NONE).commission().state())
                .isEqualTo(CommissionState.SETTLEABLE);
        OrderRow settled = row(order, PartyKind.HOST, new OrderRows.Settlement(Optional.of(new PostingSettlements.Claimed(
                Optional.of("run_1"), Optional.of(LineStatus.UNPAID), Optional.empty())), 0));
        assertThat(settled.commission().state()).isEqualTo(CommissionState.SETTLED);
        assertThat(settled.commission().runId()).contains("run_1");
        Instant paidAt = T0.plusSeconds(86_400 * 20);
        OrderRow paidOut = row(order, PartyKind.HOST, new OrderRows.Settlement(Optional.of(new PostingSettlements.Claimed(
                Optional.of("run_1"), Optional.of(LineStatus.PAID), Optional.of(paidAt))), 0));
        assertThat(paidOut.commission().state()).isEqualTo(CommissionState.PAID_OUT);
        assertThat(paidOut.commission().paidOutAt()).contains(paidAt);
        OrderRow released = row(order, PartyKind.HOST, new OrderRows.Settlement(Optional.of(new PostingSettlements.Claimed(
                Optional.of("run_1"), Optional.of(LineStatus.RELEASED), Optional.empty())), 0));
        assertThat(released.commission().state()).as("a cancelled run gives the money back").isEqualTo(CommissionState.SETTLEABLE);
        assertThat(settled.status()).isEqualTo(ListedStatus.MATURED);
        assertThat(settled.steps()).extracting(OrderRow.Step::step)
                .containsExactly(OrderRow.StepKind.PAID, OrderRow.StepKind.SHIPPED, OrderRow.StepKind.MATURED);
    }

    @Test
    void aRefundAfterMaturityClawsTheShareBackAndACancellationEarnsNothing() {
        OrderState refunded = paid().apply(new OrderMatured("alliance:mature:o_1", "o_1", T0.plusSeconds(86_400 * 16)))
                .apply(new OrderRefunded("e-refund", "o_1", T0.plusSeconds(86_400 * 17), 10_000));
        OrderRow row = row(stored(refunded), PartyKind.HOST, new OrderRows.Settlement(Optional.empty(), 1_800));
        assertThat(row.status()).isEqualTo(ListedStatus.REFUNDED);
        assertThat(row.commission().state()).isEqualTo(CommissionState.CLAWED_BACK);
        assertThat(row.commission().amountFen()).isZero();
        assertThat(row.commission().clawedBackFen()).isEqualTo(1_800);
        assertThat(row.steps()).extracting(OrderRow.Step::step).last().isEqualTo(OrderRow.StepKind.REFUNDED);

        OrderState cancelled = paid().apply(new OrderCancelled("e-cancel", "o_1", T0.plusSeconds(30)));
        OrderRow gone = row(stored(cancelled), PartyKind.HOST, OrderRows.Settlement.NONE);
        assertThat(gone.status()).isEqualTo(ListedStatus.CANCELLED);
        assertThat(gone.commission().state()).isEqualTo(CommissionState.NONE);
    }

    @Test
    void heldAndUnderReviewOrdersSaySo() {
        OrderRow held = row(stored(paid().withRiskHold(true)), PartyKind.HOST, OrderRows.Settlement.NONE);
        assertThat(held.status()).isEqualTo(ListedStatus.HELD);
        assertThat(held.commission().state()).isEqualTo(CommissionState.HELD);
        assertThat(held.steps()).extracting(OrderRow.Step::step).contains(OrderRow.StepKind.HELD);
        OrderRow reviewed = row(stored(paid(), new RiskReview(RiskReview.Stage.DECIDE, Optional.of(T0.plusSeconds(600)),
                new TreeMap<>())), PartyKind.BRAND, OrderRows.Settlement.NONE);
        assertThat(reviewed.status()).isEqualTo(ListedStatus.UNDER_REVIEW);
    }

    @Test
    void badQueriesAreRefusedNamingTheirField() {
        Instant now = T0;
        assertThatThrownBy(() -> OrderListQuery.parse(PartyKind.HOST, "h_1", Optional.empty(), Optional.empty(),
                Optional.of("shiped"), Optional.empty(), Optional.empty(), Optional.empty(), 50, now))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field().orElseThrow())
                .isEqualTo("status");
        assertThatThrownBy(() -> OrderListQuery.parse(PartyKind.HOST, "h_1", Optional.of("2026-12-01"),
                Optional.of("2026-11-01"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, now))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field().orElseThrow())
                .isEqualTo("to");
        assertThatThrownBy(() -> OrderListQuery.parse(PartyKind.BRAND, "b_1", Optional.of("2025-01-01"),
                Optional.of("2026-12-01"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, now))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field().orElseThrow())
                .isEqualTo("to");
        assertThatThrownBy(() -> OrderListQuery.parse(PartyKind.BRAND, "b_1", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("not-a-token"), 50, now))
                .isInstanceOf(InvalidInputException.class).extracting(e -> ((InvalidInputException) e).field().orElseThrow())
                .isEqualTo("next");
        OrderListQuery.Position position = new OrderListQuery.Position(T0.minusSeconds(60), "o_9");
        assertThat(OrderListQuery.Position.ofToken(position.token())).isEqualTo(position);
    }
}
