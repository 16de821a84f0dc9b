package com.alliance.hosts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * That a host picked a product, kept after the product leaves the showcase: order processing checks
 * the selling host ever picked what it sold, and flags the order for review if not.
 */
public record PickRecord(String hostId, String productId, Instant firstPickedAt, Instant lastPickedAt,
                         Optional<Instant> lastDroppedAt, long picks) {

    public PickRecord {
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(productId);
        Objects.requireNonNull(firstPickedAt);
        Objects.requireNonNull(lastPickedAt);
        Objects.requireNonNull(lastDroppedAt);
    }

    /** Whether the host had picked the product by {@code at}, such as the moment an order was paid. */
    public boolean pickedBefore(Instant at) {
        return !firstPickedAt.isAfter(at);
    }
}
