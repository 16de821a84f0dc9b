package com.alliance.hosts;

import com.alliance.catalog.Product;
import com.alliance.errors.ForbiddenException;

/** An exclusive product may be carried only by the hosts its rate schedule targets. */
public final class ExclusivityRule {

    private ExclusivityRule() {
    }

    public static boolean allows(Host host, Product product) {
        return !product.listing().exclusive() || product.rates().targetedHosts().contains(host.hostId());
    }

    public static void check(Host host, Product product) {
        if (!allows(host, product)) {
            throw new ForbiddenException("EXCLUSIVE_TO_OTHER_HOSTS",
                    "product " + product.productId() + " is exclusive to the hosts its brand chose", "productId");
        }
    }
}
