package com.alliance.samples;

import java.util.Set;

/**
 * Where a sample request stands. {@link #isOpen Open} states hold one of the host's open-request slots and carry a
 * deadline ({@link SampleDeadline.Kind}); the closed ones are final, except that an order folded late may still turn
 * {@link #UNFULFILLED} into {@link #FULFILLED} ({@link SampleRequest#fulfil}).
 */
public enum SampleStatus {
    REQUESTED, APPROVED, REJECTED, EXPIRED, SHIPPED, RECEIVED, FULFILLED, UNFULFILLED;

    private static final Set<SampleStatus> CLOSED = Set.of(REJECTED, EXPIRED, FULFILLED, UNFULFILLED);

    public boolean isOpen() {
        return !CLOSED.contains(this);
    }

    /** States in which a paid order of the product by the host may fulfil the request. */
    public boolean mayBeFulfilled() {
        return this == SHIPPED || this == RECEIVED || this == UNFULFILLED;
    }
}
