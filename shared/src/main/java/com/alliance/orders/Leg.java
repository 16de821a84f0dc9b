package com.alliance.orders;

/** The JBP leg an order counts towards, decided by the kind of host who sold it. */
public enum Leg {
    /** Sold by one of the brand's own host accounts ({@code BRAND_SELF}). */
    SELF_BROADCAST,
    /** Sold by an independent host through the alliance ({@code INDEPENDENT}). */
    DISTRIBUTION;

    /**
     * @param hostKind the host's {@code kind} as registered: {@code INDEPENDENT} or {@code BRAND_SELF}
     */
    public static Leg forHostKind(String hostKind) {
        if ("BRAND_SELF".equals(hostKind)) {
            return SELF_BROADCAST;
        }
        if ("INDEPENDENT".equals(hostKind)) {
            return DISTRIBUTION;
        }
        throw new IllegalArgumentException("unknown host kind " + hostKind + ": expected INDEPENDENT or BRAND_SELF");
    }
}
