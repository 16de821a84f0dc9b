package com.alliance.matching;

import com.alliance.catalog.Product;
import java.util.Objects;

/** A product recommended to a host: the rate the host would earn and the score with its reasons. */
public record ProductMatch(Product product, int rateBps, MatchScore score) {

    public ProductMatch {
        Objects.requireNonNull(product);
        Objects.requireNonNull(score);
    }
}
