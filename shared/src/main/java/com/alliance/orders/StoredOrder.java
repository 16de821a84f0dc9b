package com.alliance.orders;

import com.alliance.ledger.PositionKey;
import java.util.Map;
import java.util.SortedMap;

/**
 * An order as stored: its state, the raw events it was built from (the state is a fold of them),
 * what its postings add up to so far, and the revision the next write must find.
 *
 * @param revision 0 for an order not stored yet; every write adds 1 (optimistic locking)
 */
public record StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                          long revision) {

    public StoredOrder {
        rawEvents = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(rawEvents));
        posted = Map.copyOf(posted);
    }

    public static StoredOrder empty(String orderId) {
        return new StoredOrder(OrderState.empty(orderId), new java.util.TreeMap<>(), Map.of(), 0);
    }
}
