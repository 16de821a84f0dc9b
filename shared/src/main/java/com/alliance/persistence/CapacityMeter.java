package com.alliance.persistence;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Adds up the DynamoDB capacity units that repositories report (ReturnConsumedCapacity), so
 * benchmarks can print what one order costs. Shared by every thread of a process.
 */
public final class CapacityMeter {

    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder transactionItems = new LongAdder();
    private final Map<String, DoubleAdder> writesByPlace = new ConcurrentHashMap<>();

    public void read(ConsumedCapacity consumed) {
        if (consumed != null && consumed.capacityUnits() != null) {
            readUnits.add(consumed.capacityUnits());
        }
    }

    public void write(Collection<ConsumedCapacity> consumed) {
        if (consumed != null) {
            consumed.stream().filter(c -> c.capacityUnits() != null).forEach(c -> writeUnits.add(c.capacityUnits()));
            consumed.forEach(this::breakDown);
        }
    }

    /** Where write units went, where the request asked for INDEXES: the table itself and each index apart. */
    private void breakDown(ConsumedCapacity consumed) {
        if (consumed.table() != null && consumed.table().capacityUnits() != null) {
            writesByPlace.computeIfAbsent(consumed.tableName(), k -> new DoubleAdder()).add(consumed.table().capacityUnits());
        }
        if (consumed.hasGlobalSecondaryIndexes()) {
            consumed.globalSecondaryIndexes().forEach((index, capacity) -> {
                if (capacity.capacityUnits() != null) {
                    writesByPlace.computeIfAbsent(consumed.tableName() + ":" + index, k -> new DoubleAdder())
                            .add(capacity.capacityUnits());
                }
            });
        }
    }

    /** Write units by table and by {@code table:index}, as far as the store reported them apart. */
    public SortedMap<String, Double> writesByPlace() {
        SortedMap<String, Double> sums = new TreeMap<>();
        writesByPlace.forEach((place, units) -> sums.put(place, units.sum()));
        return sums;
    }

    /**
     * Counts one TransactWriteItems call of {@code items} items: DynamoDB Local does not price
     * transactions as DynamoDB does (2 write units per item and KB), so benchmarks model it from these.
     */
    public void transaction(int items) {
        transactions.increment();
        transactionItems.add(items);
    }

    public long transactions() {
        return transactions.sum();
    }

    public long transactionItems() {
        return transactionItems.sum();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    public void reset() {
        readUnits.reset();
        writeUnits.reset();
        transactions.reset();
        transactionItems.reset();
        writesByPlace.clear();
    }
}
