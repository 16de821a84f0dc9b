package com.alliance.hosts;

import com.alliance.catalog.Product;
import java.util.Objects;
import java.util.Optional;

/** One line of a showcase listing: the entry and the product as it is now, with the host's rate on it. */
public record ShowcaseItem(ShowcaseEntry entry, Optional<Product> product, Optional<Integer> rateBps) {

    public ShowcaseItem {
        Objects.requireNonNull(entry);
        Objects.requireNonNull(product);
        Objects.requireNonNull(rateBps);
    }
}
