package com.alliance.orders;

import com.alliance.catalog.Category;
import com.alliance.ledger.PositionKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An order as stored: its state, the raw events it was built from (the state is a fold of them),
 * what its postings add up to so far, the revision the next write must find, and the category of its
 * product (known from the payment on; it picks the after-sale window).
 *
 * @param revision 0 for an order not stored yet; every write adds 1 (optimistic locking)
 * @param riskRules the fake-order rule codes the payment fired (empty unless the order was flagged)
 * @param paymentRecordedAt when the marketplace first stored the order's payment (its clock, not the
 *                  event's): a payment that arrives after its shipping promise gives its shipment the
 *                  grace from here ({@link ShippingPromise#checkFrom}); empty before the payment
 * @param newBuyer  whether the buyer's first paid order was within the burst window when this order was paid
 *                  (the risk windows count such orders: {@code risk.RiskWindows}); settled by the review's
 *                  classification ({@link RiskReview.Stage#CLASSIFY}), never by arrival order
 * @param review    where the order stands with the deferred fake-order rules ({@link RiskReview})
 */
public record StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                          long revision, Optional<Category> category, SortedSet<String> riskRules,
                          Optional<Instant> paymentRecordedAt, boolean newBuyer, RiskReview review) {

    public StoredOrder {
        Objects.requireNonNull(review, "review");
        rawEvents = Collections.unmodifiableSortedMap(new TreeMap<>(rawEvents));
        posted = Map.copyOf(posted);
        Objects.requireNonNull(category, "category");
        riskRules = Collections.unmodifiableSortedSet(new TreeSet<>(riskRules));
        Objects.requireNonNull(paymentRecordedAt, "paymentRecordedAt");
    }

    public StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                       long revision, Optional<Category> category, SortedSet<String> riskRules,
                       Optional<Instant> paymentRecordedAt, boolean newBuyer) {
        this(state, rawEvents, posted, revision, category, riskRules, paymentRecordedAt, newBuyer, RiskReview.NONE);
    }

    public StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                       long revision, Optional<Category> category, SortedSet<String> riskRules,
                       Optional<Instant> paymentRecordedAt) {
        this(state, rawEvents, posted, revision, category, riskRules, paymentRecordedAt, false);
    }

    public StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                       long revision, Optional<Category> category, SortedSet<String> riskRules) {
        this(state, rawEvents, posted, revision, category, riskRules, Optional.empty());
    }

    public StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                       long revision, Optional<Category> category) {
        this(state, rawEvents, posted, revision, category, new TreeSet<>());
    }

    public StoredOrder(OrderState state, SortedMap<String, String> rawEvents, Map<PositionKey, Long> posted,
                       long revision) {
        this(state, rawEvents, posted, revision, Optional.empty());
    }

    public static StoredOrder empty(String orderId) {
        return new StoredOrder(OrderState.empty(orderId), new TreeMap<>(), Map.of(), 0, Optional.empty(), new TreeSet<>(),
                Optional.empty());
    }
}
