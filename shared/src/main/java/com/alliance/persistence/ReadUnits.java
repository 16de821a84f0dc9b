package com.alliance.persistence;

import java.util.Collection;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The read capacity one piece of work consumed, summed from the {@code ConsumedCapacity} that reads
 * made with {@code ReturnConsumedCapacity.TOTAL} report. Reads that care pass one along; it costs
 * nothing extra, and it makes the price of an access pattern visible to tests and benchmarks.
 */
public final class ReadUnits {

    private final DoubleAdder units = new DoubleAdder();

    public void add(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            units.add(consumed.capacityUnits());
        }
    }

    public void addAll(Collection<ConsumedCapacity> consumed) {
        if (consumed != null) {
            consumed.forEach(this::add);
        }
    }

    /** Read capacity units consumed so far. */
    public double total() {
        return units.sum();
    }
}
