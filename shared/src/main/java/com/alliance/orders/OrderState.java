package com.alliance.orders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything known about one order, built from its events in whatever order and however often they
 * arrive.
 *
 * <p>The state keeps only facts that merge commutatively and idempotently (every event by id, the
 * earliest report of each milestone), and derives every rule from them by {@code occurredAt}: applying
 * any permutation of the same events, with any duplicates, gives an equal state.
 *
 * <ul>
 *   <li>The earliest payment (by occurredAt, then eventId) counts; any other is a
 *       {@link Anomaly.Kind#CONFLICTING_PAYMENT}.</li>
 *   <li>A cancellation counts only if nothing shows the order shipped at or before it: no shipment
 *       and no receipt with occurredAt at or before the cancellation. A shipment or receipt after a
 *       counted cancellation is ignored and reported as an anomaly.</li>
 *   <li>Refunds are kept even before the payment is known. Once it is, they are accepted in
 *       (occurredAt, eventId) order while their total stays within paid; one that would overshoot is
 *       rejected and reported, and later ones that still fit are accepted.</li>
 *   <li>A maturation ({@link OrderMatured}) is a fact like the others: once merged, the order's shares
 *       are settleable, whatever arrives after it (a late refund then claws back).</li>
 *   <li>A late shipment ({@link ShipmentLate}) is such a fact too: one per order (its id is derived from
 *       the order), the first merged is the only one, and it stands whatever arrives after it
 *       ({@link ShippingPromise}).</li>
 * </ul>
 *
 * @param orderId   the order
 * @param payments  payment events by event id, each with the terms resolved for it
 * @param shipped   the earliest shipment reported
 * @param received  the earliest receipt reported
 * @param cancelled the earliest cancellation reported
 * @param refunds   refund events by event id
 * @param eventIds  every event merged so far, including those that change nothing
 * @param riskHold  whether a risk hold is on; commission is then held, not pending
 * @param matured   the maturation, once the job has applied it: the after-sale window has passed
 * @param riskDecision an operator's release or void of the risk hold: once merged the hold is off
 *                  ({@link #held()}), and a void sends the host and lead commission to the brand
 * @param late      the violation of the shipping promise, once the late-shipment job has recorded it
 */
public record OrderState(
        String orderId,
        SortedMap<String, Payment> payments,
        Optional<Milestone> shipped,
        Optional<Milestone> received,
        Optional<Milestone> cancelled,
        SortedMap<String, OrderRefunded> refunds,
        SortedSet<String> eventIds,
        boolean riskHold,
        Optional<Milestone> matured,
        Optional<RiskDecision> riskDecision,
        Optional<ShipmentLate> late) {

    private static final Comparator<OrderRefunded> REFUND_ORDER =
            Comparator.comparing(OrderRefunded::occurredAt).thenComparing(OrderRefunded::eventId);

    public OrderState {
        Require.nonBlank(orderId, "orderId");
        Objects.requireNonNull(shipped, "shipped");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(cancelled, "cancelled");
        Objects.requireNonNull(matured, "matured");
        Objects.requireNonNull(riskDecision, "riskDecision");
        Objects.requireNonNull(late, "late");
        payments = Collections.unmodifiableSortedMap(new TreeMap<>(payments));
        refunds = Collections.unmodifiableSortedMap(new TreeMap<>(refunds));
        SortedSet<String> seen = Collections.unmodifiableSortedSet(new TreeSet<>(eventIds));
        eventIds = seen;
        payments.forEach((id, payment) -> requireFiled(id, payment.paid(), orderId, seen));
        refunds.forEach((id, refund) -> requireFiled(id, refund, orderId, seen));
        for (Optional<Milestone> milestone : List.of(shipped, received, cancelled, matured)) {
            if (milestone.filter(m -> !seen.contains(m.eventId())).isPresent()) {
                throw new IllegalArgumentException("milestone " + milestone.get() + " is not among the events merged");
            }
        }
        if (riskDecision.filter(d -> !seen.contains(d.eventId()) || !d.orderId().equals(orderId)).isPresent()) {
            throw new IllegalArgumentException("risk decision " + riskDecision.get() + " is not among the events merged");
        }
        if (late.filter(l -> !seen.contains(l.eventId()) || !l.orderId().equals(orderId)).isPresent()) {
            throw new IllegalArgumentException("late shipment " + late.get() + " is not among the events merged");
        }
    }

    /** A state without a late shipment. */
    public OrderState(String orderId, SortedMap<String, Payment> payments, Optional<Milestone> shipped,
            Optional<Milestone> received, Optional<Milestone> cancelled, SortedMap<String, OrderRefunded> refunds,
            SortedSet<String> eventIds, boolean riskHold, Optional<Milestone> matured,
            Optional<RiskDecision> riskDecision) {
        this(orderId, payments, shipped, received, cancelled, refunds, eventIds, riskHold, matured, riskDecision,
                Optional.empty());
    }

    /** A state without a risk decision. */
    public OrderState(String orderId, SortedMap<String, Payment> payments, Optional<Milestone> shipped,
            Optional<Milestone> received, Optional<Milestone> cancelled, SortedMap<String, OrderRefunded> refunds,
            SortedSet<String> eventIds, boolean riskHold, Optional<Milestone> matured) {
        this(orderId, payments, shipped, received, cancelled, refunds, eventIds, riskHold, matured, Optional.empty());
    }

    /** A state without a maturation, as every order has until its after-sale window passes. */
    public OrderState(String orderId, SortedMap<String, Payment> payments, Optional<Milestone> shipped,
            Optional<Milestone> received, Optional<Milestone> cancelled, SortedMap<String, OrderRefunded> refunds,
            SortedSet<String> eventIds, boolean riskHold) {
        this(orderId, payments, shipped, received, cancelled, refunds, eventIds, riskHold, Optional.empty(),
                Optional.empty());
    }

    /** An order nothing is known about yet. */
    public static OrderState empty(String orderId) {
        return new OrderState(orderId, new TreeMap<>(), Optional.empty(), Optional.empty(), Optional.empty(),
                new TreeMap<>(), new TreeSet<>(), false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Merges a payment with the terms the caller resolved for it. A payment already merged is not merged
     * again, so a redelivery can never change the terms of an order.
     */
    public OrderState applyPayment(OrderPaid paid, CommissionTerms terms) {
        requireThisOrder(paid);
        if (hasSeen(paid.eventId())) {
            return this;
        }
        SortedMap<String, Payment> morePayments = new TreeMap<>(payments);
        morePayments.put(paid.eventId(), new Payment(paid, terms));
        return new OrderState(orderId, morePayments, shipped, received, cancelled, refunds,
                plus(paid.eventId()), riskHold, matured, riskDecision, late);
    }

    /**
     * Merges any event but a payment, which needs its terms: see {@link #applyPayment}. Events that
     * move no money (complaints, session statistics) are only recorded as seen.
     */
    public OrderState apply(OrderEvent event) {
        requireThisOrder(event);
        if (event instanceof OrderPaid) {
            throw new IllegalArgumentException("a payment needs its commission terms: use applyPayment");
        }
        if (hasSeen(event.eventId())) {
            return this;
        }
        Optional<Milestone> newShipped = shipped;
        Optional<Milestone> newReceived = received;
        Optional<Milestone> newCancelled = cancelled;
        Optional<Milestone> newMatured = matured;
        SortedMap<String, OrderRefunded> newRefunds = refunds;
        Optional<RiskDecision> newDecision = riskDecision;
        Optional<ShipmentLate> newLate = late;
        if (event instanceof OrderShipped) {
            newShipped = Milestone.earliest(shipped, Milestone.of(event));
        } else if (event instanceof OrderReceived) {
            newReceived = Milestone.earliest(received, Milestone.of(event));
        } else if (event instanceof OrderCancelled) {
            newCancelled = Milestone.earliest(cancelled, Milestone.of(event));
        } else if (event instanceof OrderMatured) {
            newMatured = Milestone.earliest(matured, Milestone.of(event));
        } else if (event instanceof RiskDecision decision) {
            // one decision per order (its id is derived from the order), so the first merged is the only one
            newDecision = riskDecision.or(() -> Optional.of(decision));
        } else if (event instanceof ShipmentLate violation) {
            // one violation per order (its id is derived from the order), so the first merged is the only one
            newLate = late.or(() -> Optional.of(violation));
        } else if (event instanceof OrderRefunded refund) {
            newRefunds = new TreeMap<>(refunds);
            newRefunds.put(refund.eventId(), refund);
        }
        return new OrderState(orderId, payments, newShipped, newReceived, newCancelled, newRefunds,
                plus(event.eventId()), riskHold, newMatured, newDecision, newLate);
    }

    /** The same facts with the risk hold set on or off. */
    public OrderState withRiskHold(boolean on) {
        return new OrderState(orderId, payments, shipped, received, cancelled, refunds, eventIds, on, matured,
                riskDecision, late);
    }

    /** Whether commission is held now: a risk hold is on and no operator has decided on it yet. */
    public boolean held() {
        return riskHold && riskDecision.isEmpty();
    }

    /** Whether an operator voided the order's commission: host and lead shares go to the brand. */
    public boolean voided() {
        return riskDecision.filter(RiskDecision::voided).isPresent();
    }

    public boolean hasSeen(String eventId) {
        return eventIds.contains(eventId);
    }

    /**
     * How many distinct events have been merged. It grows with every event that is new to the order and
     * never with a duplicate, so a store can use it for optimistic locking.
     */
    public long version() {
        return eventIds.size();
    }

    /** The payment that counts, once one is known. */
    public Optional<Payment> payment() {
        return payments.values().stream().min(Payment.EARLIEST_FIRST);
    }

    /** Whether the after-sale window has passed, as the maturation job recorded. */
    public boolean isMatured() {
        return matured.isPresent();
    }

    /** Paid minus accepted refunds: what the order's shares still add up to (0 before the payment is known). */
    public long remainingFen() {
        return payment().map(p -> p.paid().paidFen() - refundedFen()).orElse(0L);
    }

    /** Whether a cancellation counts: see the class rules. */
    public boolean isCancelled() {
        return cancelled.filter(cancel -> !shippedAtOrBefore(cancel)).isPresent();
    }

    /** Refunds that count, in the order they were accepted; none before the payment is known. */
    public List<OrderRefunded> acceptedRefunds() {
        return refundsByAcceptance().get(true);
    }

    /** Refunds rejected because they would take total refunds above paid. */
    public List<OrderRefunded> rejectedRefunds() {
        return refundsByAcceptance().get(false);
    }

    /** The total of accepted refunds: never more than paid. */
    public long refundedFen() {
        return acceptedRefunds().stream().mapToLong(OrderRefunded::refundFen).sum();
    }

    /** Events the rules set aside, in a fixed order. */
    public List<Anomaly> anomalies() {
        List<Anomaly> anomalies = new ArrayList<>();
        payment().ifPresent(counted -> payments.keySet().stream()
                .filter(id -> !id.equals(counted.paid().eventId()))
                .forEach(id -> anomalies.add(new Anomaly(id, Anomaly.Kind.CONFLICTING_PAYMENT))));
        if (isCancelled()) {
            shipped.ifPresent(m -> anomalies.add(new Anomaly(m.eventId(), Anomaly.Kind.SHIPMENT_AFTER_CANCEL)));
            received.ifPresent(m -> anomalies.add(new Anomaly(m.eventId(), Anomaly.Kind.RECEIPT_AFTER_CANCEL)));
        }
        rejectedRefunds().forEach(r -> anomalies.add(new Anomaly(r.eventId(), Anomaly.Kind.REFUND_EXCEEDS_PAID)));
        return List.copyOf(anomalies);
    }

    private boolean shippedAtOrBefore(Milestone cancel) {
        return shipped.filter(s -> s.isAtOrBefore(cancel)).isPresent()
                || received.filter(r -> r.isAtOrBefore(cancel)).isPresent();
    }

    private Map<Boolean, List<OrderRefunded>> refundsByAcceptance() {
        List<OrderRefunded> accepted = new ArrayList<>();
        List<OrderRefunded> rejected = new ArrayList<>();
        Optional<Payment> payment = payment();
        if (payment.isPresent()) {
            long room = payment.get().paid().paidFen();
            for (OrderRefunded refund : refunds.values().stream().sorted(REFUND_ORDER).toList()) {
                if (refund.refundFen() <= room) {
                    accepted.add(refund);
                    room -= refund.refundFen();
                } else {
                    rejected.add(refund);
                }
            }
        }
        return Map.of(true, List.copyOf(accepted), false, List.copyOf(rejected));
    }

    private SortedSet<String> plus(String eventId) {
        SortedSet<String> more = new TreeSet<>(eventIds);
        more.add(eventId);
        return more;
    }

    private void requireThisOrder(OrderEvent event) {
        if (!event.orderId().equals(orderId)) {
            throw new IllegalArgumentException("event " + event.eventId() + " is for order " + event.orderId()
                    + ", not " + orderId);
        }
    }

    // static: the compact constructor checks its parameters before the fields are assigned
    private static void requireFiled(String key, OrderEvent event, String orderId, Set<String> seen) {
        if (!key.equals(event.eventId()) || !event.orderId().equals(orderId) || !seen.contains(key)) {
            throw new IllegalArgumentException("event " + event.eventId() + " of order " + event.orderId()
                    + " cannot be filed under " + key + " in order " + orderId);
        }
    }
}
