package com.alliance.risk;

/**
 * The fake-order (刷单) rules checked when a payment is applied. The constant names are the codes
 * stored on a held order and shown by {@code GET /risk/holds}.
 */
public enum FakeOrderRule {
    /** The buyer is the selling host itself: a host buying from its own live room earns commission on its own money. */
    SELF_PURCHASE,
    /** One buyer has more than {@code RISK_REPEAT_BUYER_MAX} (3) orders of one product within 24 h, this one included. */
    REPEAT_BUYER,
    /** The host's refunded share of its paid orders over the last 30 days exceeds the threshold (30%), with a minimum sample. */
    HIGH_REFUND_RATE,
    /** At least N orders of this product by this host in the last hour from buyers first seen within that hour. */
    NEW_BUYER_BURST,
    /** The host never picked the product into its showcase. */
    NOT_PICKED
}
