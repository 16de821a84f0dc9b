package com.alliance.hosts;

import com.alliance.catalog.Category;
import java.time.Instant;
import java.util.Objects;

/** A product in a host's showcase, with what a listing of the showcase shows without reading the product. */
public record ShowcaseEntry(String hostId, String productId, String brandId, Category category, Instant pickedAt) {

    public ShowcaseEntry {
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(productId);
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(category);
        Objects.requireNonNull(pickedAt);
    }
}
