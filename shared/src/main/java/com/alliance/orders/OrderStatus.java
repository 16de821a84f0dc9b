package com.alliance.orders;

/** Where an order stands, derived from its state for people and queries; money never reads it. */
public enum OrderStatus {
    /** Events arrived before the payment; they wait for it. */
    AWAITING_PAYMENT,
    PAID,
    SHIPPED,
    RECEIVED,
    CANCELLED,
    /** Refunded in full. */
    REFUNDED,
    /** The after-sale window has passed: its shares are settleable. */
    MATURED;

    public static OrderStatus of(OrderState state) {
        if (state.payment().isEmpty()) {
            return AWAITING_PAYMENT;
        }
        if (state.isCancelled()) {
            return CANCELLED;
        }
        if (state.refundedFen() == state.payment().get().paid().paidFen()) {
            return REFUNDED;
        }
        if (state.isMatured()) {
            return MATURED;
        }
        if (state.received().isPresent()) {
            return RECEIVED;
        }
        return state.shipped().isPresent() ? SHIPPED : PAID;
    }
}
