package com.alliance.catalog;

import java.time.Instant;
import java.util.Objects;

/** A brand's product listed for distribution, with its commission schedule. */
public record Product(String productId, String brandId, ProductListing listing, RateSchedule rates,
                      ProductStatus status, Instant listedAt, long version) {

    public Product {
        Objects.requireNonNull(productId);
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(listing);
        Objects.requireNonNull(rates);
        Objects.requireNonNull(status);
        Objects.requireNonNull(listedAt);
    }

    public Product withRates(RateSchedule newRates) {
        return new Product(productId, brandId, listing, newRates, status, listedAt, version + 1);
    }

    public Category category() {
        return listing.category();
    }
}
