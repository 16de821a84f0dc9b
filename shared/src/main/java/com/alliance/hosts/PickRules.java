package com.alliance.hosts;

import com.alliance.catalog.Product;

/**
 * Whether a host may put a product into its showcase. Lasting reasons come first (whose goods, who
 * they are reserved for), then passing ones (suspended, sold out); "already there" is left to the
 * write itself, which is conditional.
 */
public final class PickRules {

    private PickRules() {
    }

    public static void check(Host host, Product product) {
        SelfBroadcastRule.check(host, product);
        ExclusivityRule.check(host, product);
        AvailabilityRule.check(product);
    }

    /** Whether the host may ever carry the product, whatever its stock or status. */
    public static boolean mayCarry(Host host, Product product) {
        return SelfBroadcastRule.allows(host, product) && ExclusivityRule.allows(host, product);
    }

    /** Whether the host may pick the product now. */
    public static boolean mayPick(Host host, Product product) {
        return mayCarry(host, product) && AvailabilityRule.allows(product);
    }
}
