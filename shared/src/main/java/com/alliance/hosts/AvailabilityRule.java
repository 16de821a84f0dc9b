package com.alliance.hosts;

import com.alliance.catalog.Product;
import com.alliance.catalog.ProductStatus;
import com.alliance.errors.ConflictException;

/** Only an active product with stock left can go into a showcase: nobody could buy it otherwise. */
public final class AvailabilityRule {

    private AvailabilityRule() {
    }

    public static boolean allows(Product product) {
        return product.status() == ProductStatus.ACTIVE && product.listing().stock() > 0;
    }

    public static void check(Product product) {
        if (product.status() == ProductStatus.SUSPENDED) {
            throw new ConflictException("PRODUCT_SUSPENDED", "product " + product.productId() + " is suspended", "productId");
        }
        if (product.listing().stock() <= 0) {
            throw new ConflictException("OUT_OF_STOCK", "product " + product.productId() + " is out of stock", "productId");
        }
    }
}
