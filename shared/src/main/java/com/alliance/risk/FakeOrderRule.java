package com.alliance.risk;

/**
 * The fake-order (刷单) rules. The constant names are the codes stored on a held order and shown by
 * {@code GET /risk/holds}. Two need the payment alone and decide when it arrives; the others weigh the order
 * against other orders and the room, and decide once the windows they count have closed ({@code RiskReview}).
 */
public enum FakeOrderRule {
    /** The buyer is the selling host itself: a host buying from its own live room earns commission on its own money. */
    SELF_PURCHASE(true),
    /** One buyer has more than {@code RISK_REPEAT_BUYER_MAX} (3) orders of one product within 24 h, this one included. */
    REPEAT_BUYER(false),
    /** The host's refunds over its paid orders in the 30 days up to the payment's day exceed 30%, with a minimum sample. */
    HIGH_REFUND_RATE(false),
    /** More first-time buyers of this product within an hour either side than the live room's audience explains. */
    NEW_BUYER_BURST(false),
    /** The host never picked the product into its showcase. */
    NOT_PICKED(true);

    private final boolean atPayment;

    FakeOrderRule(boolean atPayment) {
        this.atPayment = atPayment;
    }

    /** Whether the rule decides from the payment alone, when it arrives; otherwise at the order's review. */
    public boolean atPayment() {
        return atPayment;
    }
}
