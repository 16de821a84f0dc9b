package com.alliance.orderlists;

import com.alliance.ledger.Account;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.PostingState;
import com.alliance.money.Money;
import com.alliance.orders.CommissionSplit;
import com.alliance.orders.ListedStatus;
import com.alliance.orders.OrderRefunded;
import com.alliance.orders.OrderState;
import com.alliance.orders.Payment;
import com.alliance.orders.StoredOrder;
import com.alliance.settlement.LineStatus;
import com.alliance.settlement.PostingSettlements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the rows of an order list from the stored orders, with no I/O: the order's state gives its status and steps,
 * its position (what its postings add up to per account and state) gives the party's money and its state, and what
 * settlement did with the party's settleable posting ({@link Settlement}) tells settled from paid out.
 */
public final class OrderRows {

    private OrderRows() {
    }

    /**
     * What settlement did with the party's money from one order.
     *
     * @param principal     the run's claim of the party's first settleable posting of the order, if a run took it
     * @param clawedBackFen the refunds posted against the party's settleable share (as a positive amount)
     */
    public record Settlement(Optional<PostingSettlements.Claimed> principal, long clawedBackFen) {

        public static final Settlement NONE = new Settlement(Optional.empty(), 0);
    }

    /** Names read for a page: product titles, hosts' persona names, brands' names, by id. */
    public record Names(Map<String, String> titles, Map<String, String> hosts, Map<String, String> brands) {
    }

    /**
     * The row of a paid order in {@code party}'s list; empty for an order whose payment is not known.
     *
     * @param showBuyerId whether the reader may see the buyer's id (operators and finance)
     */
    public static Optional<OrderRow> of(StoredOrder order, PartyKind kind, String party, Names names, BuyerRefs buyers,
                                        boolean showBuyerId, Settlement settlement) {
        OrderState state = order.state();
        if (state.payment().isEmpty()) {
            return Optional.empty();
        }
        Payment payment = state.payment().get();
        String hostId = payment.paid().hostId();
        String brandId = payment.terms().brandId();
        String buyerId = payment.paid().buyerId();
        return Optional.of(new OrderRow(state.orderId(), payment.paid().occurredAt(), payment.paid().productId(),
                Optional.ofNullable(names.titles().get(payment.paid().productId())), hostId,
                Optional.ofNullable(names.hosts().get(hostId)), brandId, Optional.ofNullable(names.brands().get(brandId)),
                payment.paid().quantity(), payment.paid().paidFen(), state.refundedFen(),
                ListedStatus.of(order).orElseThrow(), steps(state), buyers.of(party, buyerId),
                showBuyerId ? Optional.of(buyerId) : Optional.empty(),
                commission(order, kind, party, settlement)));
    }

    /** The party's money from the order: see {@link CommissionState} for the states. */
    static OrderRow.Commission commission(StoredOrder order, PartyKind kind, String party, Settlement settlement) {
        OrderState state = order.state();
        Payment payment = state.payment().orElseThrow();
        Account account = kind == PartyKind.HOST ? Account.host(party) : Account.brand(party);
        Map<PositionKey, Long> posted = order.posted();
        long pending = posted.getOrDefault(PositionKey.of(account, PostingState.PENDING), 0L);
        long held = posted.getOrDefault(PositionKey.of(account, PostingState.HELD), 0L);
        long settleable = posted.getOrDefault(PositionKey.of(account, PostingState.SETTLEABLE), 0L);
        long amount = pending + held + settleable;
        CommissionSplit split = payment.split();
        CommissionSplit now = split.scaledTo(state.isCancelled() ? 0 : state.remainingFen());
        long estimated = kind == PartyKind.HOST ? split.hostFen() : split.brandFen();
        Optional<String> runId = Optional.empty();
        Optional<Instant> paidOutAt = Optional.empty();
        CommissionState commissionState;
        if (held != 0) {
            commissionState = CommissionState.HELD;
        } else if (pending != 0) {
            commissionState = CommissionState.ESTIMATED;
        } else if (settleable != 0) {
            Optional<PostingSettlements.Claimed> claimed = settlement.principal()
                    .filter(c -> c.status().filter(s -> s == LineStatus.RELEASED).isEmpty());
            runId = claimed.flatMap(PostingSettlements.Claimed::runId);
            boolean paid = claimed.flatMap(PostingSettlements.Claimed::status).filter(s -> s == LineStatus.PAID).isPresent();
            paidOutAt = paid ? claimed.flatMap(PostingSettlements.Claimed::paidAt) : Optional.empty();
            commissionState = claimed.isEmpty() ? CommissionState.SETTLEABLE
                    : paid ? CommissionState.PAID_OUT : CommissionState.SETTLED;
        } else {
            commissionState = state.isMatured() && estimated > 0 && settlement.clawedBackFen() > 0
                    ? CommissionState.CLAWED_BACK : CommissionState.NONE;
        }
        long charges = kind == PartyKind.BRAND ? now.paidFen() - now.brandFen() : 0;
        long leadFee = kind == PartyKind.BRAND ? Money.percentOf(now.paidFen(), payment.terms().leadRate()) : 0;
        return new OrderRow.Commission(kind, party, commissionState, estimated, amount, payment.terms().hostRate().value(),
                payment.terms().rateBasis(), payment.terms().leg(), settlement.clawedBackFen(), runId, paidOutAt,
                charges, leadFee);
    }

    /** The order's steps in time order. */
    static List<OrderRow.Step> steps(OrderState state) {
        List<OrderRow.Step> steps = new ArrayList<>();
        Payment payment = state.payment().orElseThrow();
        steps.add(new OrderRow.Step(OrderRow.StepKind.PAID, payment.paid().occurredAt(), 0));
        if (state.riskHold()) {
            steps.add(new OrderRow.Step(OrderRow.StepKind.HELD, payment.paid().occurredAt(), 0));
        }
        state.shipped().ifPresent(m -> steps.add(new OrderRow.Step(OrderRow.StepKind.SHIPPED, m.occurredAt(), 0)));
        state.received().ifPresent(m -> steps.add(new OrderRow.Step(OrderRow.StepKind.RECEIVED, m.occurredAt(), 0)));
        for (OrderRefunded refund : state.acceptedRefunds()) {
            steps.add(new OrderRow.Step(OrderRow.StepKind.REFUNDED, refund.occurredAt(), refund.refundFen()));
        }
        if (state.isCancelled()) {
            steps.add(new OrderRow.Step(OrderRow.StepKind.CANCELLED, state.cancelled().get().occurredAt(), 0));
        }
        state.late().ifPresent(l -> steps.add(new OrderRow.Step(OrderRow.StepKind.LATE_SHIPMENT, l.occurredAt(),
                l.compensationFen())));
        state.riskDecision().ifPresent(d -> steps.add(new OrderRow.Step(
                d.voided() ? OrderRow.StepKind.VOIDED : OrderRow.StepKind.RELEASED, d.occurredAt(), 0)));
        state.matured().ifPresent(m -> steps.add(new OrderRow.Step(OrderRow.StepKind.MATURED, m.occurredAt(), 0)));
        steps.sort(Comparator.comparing(OrderRow.Step::at));
        return steps;
    }
}
