package com.alliance.orders;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an order kept its shipping promise, derived from its state like every other rule.
 *
 * <p>The promise is {@code paidAt + shipWithinHours} of the payment that counts, with the promise the
 * product made when it was paid (kept in the order's {@link CommissionTerms}). Shipped means the
 * earliest shipment or receipt reported (a receipt proves a shipment). Then:
 * <ul>
 *   <li>{@link Status#KEPT}: shipped at or before the promise.</li>
 *   <li>{@link Status#OPEN}: not shipped yet, not cancelled, something left to ship: late once the
 *       promise passes.</li>
 *   <li>{@link Status#MISSED}: the promise is known to be missed (shipped after it, or cancelled after it
 *       without shipping), but the violation is not recorded yet: the late-shipment job records it.</li>
 *   <li>{@link Status#VIOLATION}: the violation ({@link ShipmentLate}) is recorded. It is a fact: it stands
 *       whatever arrives after it, like a maturation.</li>
 *   <li>{@link Status#NONE}: nothing was promised: not paid yet, cancelled at or before the promise without
 *       shipping, or refunded in full before shipping.</li>
 * </ul>
 */
public final class ShippingPromise {

    /** Where an order stands with its promise. */
    public enum Status { NONE, OPEN, KEPT, MISSED, VIOLATION }

    private ShippingPromise() {
    }

    /** When the order must have shipped by, once its payment is known. */
    public static Optional<Instant> promise(OrderState state) {
        return state.payment().map(p -> p.terms().shipBy(p.paid().occurredAt()));
    }

    /** When the order first shipped, as far as anyone reported: the earliest shipment or receipt. */
    public static Optional<Instant> shippedAt(OrderState state) {
        Optional<Instant> shipped = state.shipped().map(Milestone::occurredAt);
        Optional<Instant> received = state.received().map(Milestone::occurredAt);
        if (shipped.isPresent() && received.isPresent()) {
            return Optional.of(shipped.get().isAfter(received.get()) ? received.get() : shipped.get());
        }
        return shipped.or(() -> received);
    }

    public static Status status(OrderState state) {
        if (state.late().isPresent()) {
            return Status.VIOLATION;
        }
        Optional<Instant> promise = promise(state);
        if (promise.isEmpty()) {
            return Status.NONE;
        }
        Optional<Instant> shippedAt = shippedAt(state);
        if (shippedAt.isPresent()) {
            return shippedAt.get().isAfter(promise.get()) ? Status.MISSED : Status.KEPT;
        }
        if (state.isCancelled()) {
            boolean cancelledInTime = !state.cancelled().orElseThrow().occurredAt().isAfter(promise.get());
            return cancelledInTime ? Status.NONE : Status.MISSED;
        }
        return state.remainingFen() == 0 ? Status.NONE : Status.OPEN;
    }

    /**
     * When the order becomes (or became) late if nothing else is reported: its promise, while the status
     * is {@link Status#OPEN} or {@link Status#MISSED}; empty otherwise. The late-shipment index holds the
     * order under this instant.
     */
    public static Optional<Instant> lateAt(OrderState state) {
        Status status = status(state);
        return status == Status.OPEN || status == Status.MISSED ? promise(state) : Optional.empty();
    }

    /**
     * From when the late-shipment job counts the grace: the order's {@link #lateAt}; but for an order with
     * nothing shipped ({@link Status#OPEN}) whose payment the marketplace recorded after its promise had
     * passed (a delayed or replayed stream), the moment it was recorded. Such a payment brings its
     * shipment behind it, and that shipment gets the same grace to arrive as one reported in time. An
     * order known to have missed its promise ({@link Status#MISSED}) waits for nothing more. Empty while
     * nothing is late.
     */
    public static Optional<Instant> checkFrom(OrderState state, Optional<Instant> paymentRecordedAt) {
        Optional<Instant> lateAt = lateAt(state);
        if (status(state) != Status.OPEN) {
            return lateAt;
        }
        return lateAt.map(at -> paymentRecordedAt.filter(recorded -> recorded.isAfter(at)).orElse(at));
    }

    /**
     * Whether the job should record the violation at {@code now}: the promise is missed and {@code grace}
     * has passed since {@link #checkFrom}, so a shipment stamped before the promise but still on its way
     * has had time to arrive.
     */
    public static boolean isDue(OrderState state, Optional<Instant> paymentRecordedAt, Instant now,
                                java.time.Duration grace) {
        return checkFrom(state, paymentRecordedAt).filter(at -> !now.isBefore(at.plus(grace))).isPresent();
    }

    /** Whether the order counts as late at {@code now}: recorded, known missed, or open past its promise. */
    public static boolean isLateAt(OrderState state, Instant now) {
        Status status = status(state);
        return status == Status.VIOLATION || status == Status.MISSED
                || status == Status.OPEN && now.isAfter(promise(state).orElseThrow());
    }
}
