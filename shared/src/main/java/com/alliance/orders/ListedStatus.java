package com.alliance.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a paid order stands as a host's or a brand's order list shows it: one status per order, the first that
 * applies in this order of precedence. The steps behind it (paid, shipped, received, refunded, matured, with their
 * times) are shown beside it.
 *
 * <ol>
 *   <li>{@link #CANCELLED}: a cancellation counts (nothing had shipped before it).</li>
 *   <li>{@link #VOIDED}: an operator voided the risk hold; the host's commission went to the brand.</li>
 *   <li>{@link #HELD}: a risk hold is on and undecided; the commission waits.</li>
 *   <li>{@link #REFUNDED}: refunded in full.</li>
 *   <li>{@link #MATURED}: the after-sale window has passed; the shares are settleable.</li>
 *   <li>{@link #UNDER_REVIEW}: a deferred fake-order rule has not decided yet (the risk review is open).</li>
 *   <li>{@link #RECEIVED}, {@link #SHIPPED}, {@link #PAID}: the shipping steps.</li>
 * </ol>
 */
public enum ListedStatus {
    PAID, SHIPPED, RECEIVED, UNDER_REVIEW, MATURED, REFUNDED, HELD, VOIDED, CANCELLED;

    /**
     * The statuses an order seldom reaches and rarely leaves, listed by a sparse index of their own per party (a
     * filter on them reads only such orders, however long the party's history); the others are filtered from the
     * party's list as it is read.
     */
    public static final Set<ListedStatus> FLAGGED = EnumSet.of(HELD, VOIDED, REFUNDED, CANCELLED);

    /** The status of a paid order; empty before its payment is known. */
    public static java.util.Optional<ListedStatus> of(StoredOrder order) {
        OrderState state = order.state();
        if (state.payment().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ofPaid(state, order.review()));
    }

    private static ListedStatus ofPaid(OrderState state, RiskReview review) {
        if (state.isCancelled()) {
            return CANCELLED;
        }
        if (state.voided()) {
            return VOIDED;
        }
        if (state.held()) {
            return HELD;
        }
        if (state.remainingFen() == 0) {
            return REFUNDED;
        }
        if (state.isMatured()) {
            return MATURED;
        }
        if (review.stage() == RiskReview.Stage.CLASSIFY || review.stage() == RiskReview.Stage.DECIDE) {
            return UNDER_REVIEW;
        }
        if (state.received().isPresent()) {
            return RECEIVED;
        }
        return state.shipped().isPresent() ? SHIPPED : PAID;
    }

    public boolean flagged() {
        return FLAGGED.contains(this);
    }
}
