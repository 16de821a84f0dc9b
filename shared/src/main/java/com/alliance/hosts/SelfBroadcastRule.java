package com.alliance.hosts;

import com.alliance.catalog.Product;
import com.alliance.errors.ForbiddenException;

/** A brand's self-broadcast account sells that brand's goods only: its orders are the brand's own leg. */
public final class SelfBroadcastRule {

    private SelfBroadcastRule() {
    }

    public static boolean allows(Host host, Product product) {
        return !host.isSelfBroadcast() || host.isSelfBroadcastOf(product.brandId());
    }

    public static void check(Host host, Product product) {
        if (!allows(host, product)) {
            throw new ForbiddenException("SELF_BROADCAST_OTHER_BRAND",
                    "a self-broadcast host of brand " + host.brandId().orElseThrow()
                            + " may not carry another brand's goods", "productId");
        }
    }
}
