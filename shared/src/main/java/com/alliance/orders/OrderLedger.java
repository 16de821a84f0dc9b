package com.alliance.orders;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.PostingState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The money of an order is a pure function of its {@link OrderState}: {@link #targetPosition} says what
 * the ledger should hold for the order, and {@link #postingsFor} posts the difference between that and
 * what it already holds. However events arrive, once the same events are in, the sum of all postings is
 * the same.
 */
public final class OrderLedger {

    private OrderLedger() {
    }

    /**
     * What the ledger should hold for an order, per account and state; zero amounts omitted, amounts
     * summing to zero.
     *
     * <ul>
     *   <li>Nothing before the payment is known, and nothing once a cancellation counts.</li>
     *   <li>Otherwise the original split scaled to paid minus accepted refunds
     *       ({@link CommissionSplit#scaledTo}): host and lead shares PENDING, or HELD under a risk hold;
     *       brand and platform shares PENDING; ORDER_CLEARING of the order carries minus the total.</li>
     *   <li>Once the order has matured, every share that would be PENDING is SETTLEABLE instead (held
     *       commission stays HELD). A refund after that lowers the SETTLEABLE shares: a negative posting
     *       that the next settlement run nets, whether or not the share was settled meanwhile.</li>
     *   <li>Held means a risk hold without an operator's decision ({@link OrderState#held}). Once
     *       released, the commission is PENDING or SETTLEABLE like any other; once voided, the host and
     *       lead shares are the brand's, in the brand's state.</li>
     *   <li>Once a late shipment is recorded ({@link ShipmentLate}), the brand is debited its
     *       {@code compensationFen} and the buyer's BUYER_COMPENSATION account credited as much, on top of
     *       everything above: refunds never scale it, and a cancellation never reverses it (the buyer was
     *       kept waiting either way). Both postings are in the brand's share state, PENDING until the order
     *       matures, so settlement nets the charge from the brand's payout with the order's proceeds; an
     *       order that will never mature (cancelled, or refunded in full) has them SETTLEABLE at once.</li>
     * </ul>
     */
    public static SortedMap<PositionKey, Long> targetPosition(OrderState state) {
        SortedMap<PositionKey, Long> target = new TreeMap<>();
        if (state.payment().isPresent() && state.late().isPresent()) {
            long compensationFen = state.late().get().compensationFen();
            boolean neverMatures = state.isCancelled() || state.remainingFen() == 0;
            PostingState compensationState = state.isMatured() || neverMatures
                    ? PostingState.SETTLEABLE : PostingState.PENDING;
            put(target, Account.brand(state.payment().get().terms().brandId()), compensationState, -compensationFen);
            put(target, Account.buyerCompensation(state.payment().get().paid().buyerId()), compensationState,
                    compensationFen);
        }
        if (state.payment().isEmpty() || state.isCancelled()) {
            return Collections.unmodifiableSortedMap(target);
        }
        Payment payment = state.payment().get();
        CommissionTerms terms = payment.terms();
        long remainingFen = payment.paid().paidFen() - state.refundedFen();
        CommissionSplit split = payment.split().scaledTo(remainingFen);
        PostingState shareState = state.isMatured() ? PostingState.SETTLEABLE : PostingState.PENDING;
        PostingState commissionState = state.held() ? PostingState.HELD : shareState;

        put(target, Account.orderClearing(state.orderId()), shareState, -remainingFen);
        if (state.voided()) {
            put(target, Account.brand(terms.brandId()), shareState,
                    Math.addExact(split.brandFen(), Math.addExact(split.hostFen(), split.leadFen())));
        } else {
            put(target, Account.brand(terms.brandId()), shareState, split.brandFen());
            put(target, Account.host(payment.paid().hostId()), commissionState, split.hostFen());
            terms.leadId().ifPresent(lead -> put(target, Account.lead(lead), commissionState, split.leadFen()));
        }
        put(target, Account.platformServiceFee(), shareState, split.platformServiceFeeFen());
        put(target, Account.platformSalesFee(), shareState, split.platformSalesFeeFen());
        return Collections.unmodifiableSortedMap(target);
    }

    /**
     * The postings an event causes: the target position of the order after the event minus what is
     * already posted for it, one posting per account and state that differs, numbered
     * {@code eventId#0..} in {@link PositionKey} order. Empty when the event changes no money.
     *
     * @param event         the event just merged
     * @param alreadyPosted the order's position before this event (see {@code Positions.of})
     * @param newState      the order's state with the event merged
     */
    public static PostingSet postingsFor(OrderEvent event, Map<PositionKey, Long> alreadyPosted,
            OrderState newState) {
        if (!newState.orderId().equals(event.orderId()) || !newState.hasSeen(event.eventId())) {
            throw new IllegalArgumentException("the new state of order " + newState.orderId()
                    + " must include event " + event.eventId());
        }
        for (PositionKey key : alreadyPosted.keySet()) {
            if (key.account().type() == AccountType.ORDER_CLEARING && !key.account().party().equals(event.orderId())) {
                throw new IllegalArgumentException("already posted position of order " + event.orderId()
                        + " holds the clearing account of " + key.account().party());
            }
        }
        Map<PositionKey, Long> target = targetPosition(newState);
        SortedSet<PositionKey> keys = new TreeSet<>(target.keySet());
        keys.addAll(alreadyPosted.keySet());
        List<Posting> postings = new ArrayList<>();
        for (PositionKey key : keys) {
            long delta = Math.subtractExact(target.getOrDefault(key, 0L), alreadyPosted.getOrDefault(key, 0L));
            if (delta != 0) {
                postings.add(new Posting(Posting.idOf(event.eventId(), postings.size()), event.orderId(),
                        event.eventId(), key.account(), delta, key.state(), reason(key, delta, event)));
            }
        }
        return new PostingSet(event.eventId(), event.orderId(), postings);
    }

    private static void put(Map<PositionKey, Long> target, Account account, PostingState state, long amountFen) {
        if (amountFen != 0) {
            // a compensation debit and the brand's share may meet in one key and cancel out: omit the zero
            target.merge(PositionKey.of(account, state), amountFen, (a, b) -> Math.addExact(a, b) == 0 ? null : Math.addExact(a, b));
        }
    }

    /**
     * E.g. "host commission: order paid", "reversal of host commission: order refunded",
     * "clawback of host commission: order refunded" (a settleable share lowered),
     * "host commission settleable: order matured".
     */
    private static String reason(PositionKey key, long delta, OrderEvent event) {
        AccountType type = key.account().type();
        String what = switch (type) {
            case ORDER_CLEARING -> "buyer payment";
            case BRAND -> "brand proceeds";
            case HOST -> "host commission";
            case LEAD -> "lead fee";
            case PLATFORM_SALES_FEE -> "platform sales fee";
            case PLATFORM_SERVICE_FEE -> "platform technical service fee";
            case BUYER_COMPENSATION -> "buyer compensation";
            case JBP_REBATE -> "JBP rebate";
        };
        if (event instanceof OrderMatured) {
            return what + " settleable: " + event.type().description();
        }
        if (event instanceof ShipmentLate) {
            // the brand's debit is its charge for the compensation, not a reversal of its proceeds
            return (type == AccountType.BRAND ? "late-shipment compensation charged to brand" : what)
                    + ": " + event.type().description();
        }
        if (event instanceof RiskDecision decision) {
            return what + ": " + event.type().description() + " (" + decision.reason() + ")";
        }
        // clearing normally carries debits, every other account credits
        boolean reversal = type == AccountType.ORDER_CLEARING ? delta > 0 : delta < 0;
        boolean clawback = key.state() == PostingState.SETTLEABLE && type != AccountType.ORDER_CLEARING;
        String prefix = clawback ? "clawback of " : "reversal of ";
        return (reversal ? prefix + what : what) + ": " + event.type().description();
    }
}
