package com.alliance.hosts;

import com.alliance.catalog.Category;
import com.alliance.catalog.Certificates;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductStatus;
import com.alliance.catalog.RateSchedule;
import com.alliance.risk.Trust;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small hosts and products for rule and scoring examples. */
public final class Examples {

    public static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private Examples() {
    }

    public static Host independent(String hostId, long privateFans, long publicFans, Category... categories) {
        return new Host(hostId, "Persona " + hostId, List.of(categories), privateFans, publicFans, HostKind.INDEPENDENT,
                Optional.empty(), Trust.NEUTRAL, T0, "test");
    }

    public static Host selfBroadcast(String hostId, String brandId, Category... categories) {
        return new Host(hostId, "Self " + hostId, List.of(categories), 1_000, 10_000, HostKind.BRAND_SELF,
                Optional.of(brandId), Trust.NEUTRAL, T0, "test");
    }

    public static Product product(String productId, String brandId, Category category, int openRateBps) {
        return product(productId, brandId, category, openRateBps, 100, false, List.of());
    }

    public static Product product(String productId, String brandId, Category category, int openRateBps, long stock,
                                  boolean exclusive, List<RateSchedule.TargetedRate> targeted) {
        ProductListing listing = new ProductListing("SKU-" + productId, "Product " + productId, category, 9_900, stock,
                48, openRateBps, targeted, exclusive, Certificates.none());
        return new Product(productId, brandId, listing, RateSchedule.listed(openRateBps, targeted, T0),
                ProductStatus.ACTIVE, T0, 1);
    }

    public static Product suspended(Product product) {
        return new Product(product.productId(), product.brandId(), product.listing(), product.rates(),
                ProductStatus.SUSPENDED, product.listedAt(), product.version() + 1);
    }
}
