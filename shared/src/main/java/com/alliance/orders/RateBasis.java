package com.alliance.orders;

/**
 * Why an order's host rate is the rate it is, kept with its terms at payment so the host and the brand can read the
 * reason beside the commission of each order.
 */
public enum RateBasis {
    /** The product's open rate: any host that picks it earns it. */
    OPEN,
    /** A rate the brand named this host for, above or below the open rate. */
    TARGETED,
    /** The product is exclusive to the hosts it names, this one among them, at the rate named. */
    EXCLUSIVE,
    /** Sold by one of the brand's own host accounts: the brand's internal rate (the JBP self-broadcast leg). */
    SELF_BROADCAST
}
