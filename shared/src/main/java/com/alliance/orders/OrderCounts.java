package com.alliance.orders;

import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The running counts an order contributes to (a host's sales, a product's sales, a brand's service
 * record), as a pure function of the order's {@link OrderState}, like its ledger position
 * ({@link OrderLedger#targetPosition}). The stream fold ({@link RunningCountsFold}) adds {@link #difference}
 * between each order item's old and new image to the counters, exactly once per change, so however often and in
 * whatever order events arrive, each counter holds the sum of {@link #of} over the orders' current states, never
 * drifting, and no order's transaction writes a counters item another order writes.
 *
 * <p>Public sales counts leave out an order whose commission is held or was voided by an operator
 * (a suspected fake order must not make a product or host look popular), and a cancelled order. A
 * released hold counts from the release on.
 *
 * <table>
 *   <caption>Counters</caption>
 *   <tr><th>Scope</th><th>Name</th><th>An order adds</th></tr>
 *   <tr><td>HOST_STATS</td><td>{@code ordersCount}</td><td>1 while it {@link #countsAsSale counts as a sale}</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code paidOrders}</td><td>1 once paid (held, cancelled or not)</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code refundedOrders}</td><td>1 once any refund is accepted</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code riskHolds}</td><td>1 once the fake-order rules held it (released or not)</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code voidedOrders}</td><td>1 once an operator voided its commission</td></tr>
 *   <tr><td>PRODUCT_SALES</td><td>{@code ordersCount}, {@code unitsSold}</td><td>1 and the quantity while it counts as a sale</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code paidOrders}</td><td>1 once paid</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code refundedOrders}</td><td>1 once any refund is accepted</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code shippedOnTime}</td><td>1 while it kept its shipping promise
 *       ({@link ShippingPromise.Status#KEPT})</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code shippedLate}</td><td>1 once its promise is known missed (shipped or
 *       cancelled after it, or its violation recorded); an order still open past its promise is not counted
 *       until the late-shipment job records it</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code lateViolations}</td><td>1 once its late-shipment violation is recorded</td></tr>
 *   <tr><td>BRAND_SERVICE</td><td>{@code compensationFen}</td><td>the buyer compensation of that violation</td></tr>
 *   <tr><td>HOST_STATS, PRODUCT_SALES</td><td>{@code underReview}</td><td>1 while it counts as a sale and the
 *       deferred fake-order rules may still hold it ({@link RiskReview#open})</td></tr>
 *   <tr><td>HOST_DAY</td><td>{@code paidOrders}, {@code classifiedOrders}, {@code newBuyerOrders}</td><td>1 on its
 *       payment's UTC day; 1 once its buyer is classified; 1 if that buyer was a first-time buyer (the risk windows,
 *       {@link #of(StoredOrder)})</td></tr>
 *   <tr><td>HOST_DAY</td><td>{@code refundedOrders}</td><td>1 on the UTC day of its first accepted refund</td></tr>
 *   <tr><td>HOST_DAY</td><td>{@code uv}</td><td>a live session's viewers, on the day it started</td></tr>
 *   <tr><td>REPORT</td><td>see {@link ReportHours}</td><td>the SLA's and the GMV reports' aggregates, by party
 *       and hour of payment</td></tr>
 *   <tr><td>HOST_PRODUCT_SLOT</td><td>{@code screenedOrders}, {@code classifiedOrders}, {@code newBuyerOrders}</td><td>on
 *       its payment's ten minutes: 1 if paid under a deferred rule; the same classification counts as on the day</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code samplesFulfilled}</td><td>(a sample request, not an order) 1 while its status
 *       is {@code FULFILLED}: a paid order of the product sold it in time</td></tr>
 *   <tr><td>HOST_STATS</td><td>{@code samplesUnfulfilled}</td><td>(a sample request) 1 while its status is
 *       {@code UNFULFILLED}: its promise lapsed unsold; a late order that turns it {@code FULFILLED} moves the 1
 *       from here to {@code samplesFulfilled} by the fold's difference alone</td></tr>
 * </table>
 *
 * <p>Every fold that changes a host's or brand's counters also marks it for the trust job
 * ({@link CountersRepository}).
 *
 * <p>Events that are only recorded add once, from their record's image: a complaint adds 1 to the brand's
 * {@code complaints}; a live session adds its watch minutes to the host's {@code watchMinutes} (the
 * conversion matching computes is {@code ordersCount} per watch hour) and 1 to its {@code sessions}.
 */
public final class OrderCounts {

    /** Where a counter lives: whose running counts it belongs to. */
    public enum Scope {
        HOST_STATS, PRODUCT_SALES, BRAND_SERVICE,
        /** A host's orders paid on one UTC day: the refund-rate rule's window ({@link RiskWindows}). */
        HOST_DAY,
        /** A host's orders of one product from new buyers, per ten minutes: the burst rule's window. */
        HOST_PRODUCT_SLOT,
        /** What the SLA route and the GMV reports read, per party and hour ({@link ReportHours}); id {@code {pk}@{sk}}. */
        REPORT
    }

    /** One counter: a named number of one host, product or brand. */
    public record Counter(Scope scope, String id, String name) implements Comparable<Counter> {

        private static final Comparator<Counter> ORDER = Comparator.comparing(Counter::scope)
                .thenComparing(Counter::id).thenComparing(Counter::name);

        public Counter {
            Objects.requireNonNull(scope, "scope");
            Require.nonBlank(id, "id");
            Require.nonBlank(name, "name");
        }

        @Override
        public int compareTo(Counter other) {
            return ORDER.compare(this, other);
        }
    }

    public static final String ORDERS_COUNT = "ordersCount";
    public static final String UNITS_SOLD = "unitsSold";
    public static final String PAID_ORDERS = "paidOrders";
    public static final String REFUNDED_ORDERS = "refundedOrders";
    public static final String RISK_HOLDS = "riskHolds";
    public static final String VOIDED_ORDERS = "voidedOrders";
    public static final String COMPLAINTS = "complaints";
    public static final String WATCH_MINUTES = "watchMinutes";
    public static final String SESSIONS = "sessions";
    /** HOST_STATS: the host's sample requests that a paid order fulfilled in time ({@code samples.SampleStatus#FULFILLED}). */
    public static final String SAMPLES_FULFILLED = "samplesFulfilled";
    /** HOST_STATS: the host's sample requests whose promise lapsed unsold ({@code samples.SampleStatus#UNFULFILLED}). */
    public static final String SAMPLES_UNFULFILLED = "samplesUnfulfilled";
    /** The two closed states of a sample request ({@code samples.SampleStatus}) that count for its host. */
    static final String SAMPLE_FULFILLED = "FULFILLED";
    static final String SAMPLE_UNFULFILLED = "UNFULFILLED";
    /**
     * BRAND_SERVICE counters of shipments measured against the shipping promise the product made when the
     * order was paid (kept in the order's terms, so derived from its state like the rest): on time, and late
     * (known missed). The brand's trust ({@code risk.TrustScore}) reads them.
     */
    public static final String SHIPPED_ON_TIME = "shippedOnTime";
    public static final String SHIPPED_LATE = "shippedLate";
    /** BRAND_SERVICE: recorded late-shipment violations, and the buyer compensation they charged the brand. */
    public static final String LATE_VIOLATIONS = "lateViolations";
    public static final String COMPENSATION_FEN = "compensationFen";
    /** HOST_PRODUCT_SLOT, HOST_DAY: orders whose buyer's first paid order was within the burst window before it. */
    public static final String NEW_BUYER_ORDERS = "newBuyerOrders";
    /** HOST_PRODUCT_SLOT, HOST_DAY: orders whose buyer the risk review has classified (first-time or not). */
    public static final String CLASSIFIED_ORDERS = "classifiedOrders";
    /** HOST_PRODUCT_SLOT: orders paid while a deferred rule was on, each to be classified before the room is decided. */
    public static final String SCREENED_ORDERS = "screenedOrders";
    /** HOST_STATS, PRODUCT_SALES: sales the deferred fake-order rules have not decided on yet. */
    public static final String UNDER_REVIEW = "underReview";
    /** HOST_DAY: the viewers (private and public UV) of the host's live sessions that started that day. */
    public static final String UV = "uv";

    private OrderCounts() {
    }

    /** Whether the order counts as a sale in public figures: paid, not cancelled, neither held nor voided. */
    public static boolean countsAsSale(OrderState state) {
        return state.payment().isPresent() && !state.isCancelled() && !state.held() && !state.voided();
    }

    /** What the order in {@code state} adds to each counter; zero contributions omitted. */
    public static SortedMap<Counter, Long> of(OrderState state) {
        SortedMap<Counter, Long> counts = new TreeMap<>();
        if (state.payment().isEmpty()) {
            return Collections.unmodifiableSortedMap(counts);
        }
        OrderPaid paid = state.payment().get().paid();
        String brandId = state.payment().get().terms().brandId();
        boolean refunded = state.refundedFen() > 0;
        put(counts, Scope.HOST_STATS, paid.hostId(), PAID_ORDERS, 1);
        put(counts, Scope.BRAND_SERVICE, brandId, PAID_ORDERS, 1);
        if (refunded) {
            put(counts, Scope.HOST_STATS, paid.hostId(), REFUNDED_ORDERS, 1);
            put(counts, Scope.BRAND_SERVICE, brandId, REFUNDED_ORDERS, 1);
        }
        if (state.riskHold()) {
            put(counts, Scope.HOST_STATS, paid.hostId(), RISK_HOLDS, 1);
        }
        if (state.voided()) {
            put(counts, Scope.HOST_STATS, paid.hostId(), VOIDED_ORDERS, 1);
        }
        ShippingPromise.Status promise = ShippingPromise.status(state);
        if (promise == ShippingPromise.Status.KEPT) {
            put(counts, Scope.BRAND_SERVICE, brandId, SHIPPED_ON_TIME, 1);
        } else if (promise == ShippingPromise.Status.MISSED || promise == ShippingPromise.Status.VIOLATION) {
            put(counts, Scope.BRAND_SERVICE, brandId, SHIPPED_LATE, 1);
        }
        state.late().ifPresent(late -> {
            put(counts, Scope.BRAND_SERVICE, brandId, LATE_VIOLATIONS, 1);
            if (late.compensationFen() > 0) {
                put(counts, Scope.BRAND_SERVICE, brandId, COMPENSATION_FEN, late.compensationFen());
            }
        });
        if (countsAsSale(state)) {
            put(counts, Scope.HOST_STATS, paid.hostId(), ORDERS_COUNT, 1);
            put(counts, Scope.PRODUCT_SALES, paid.productId(), ORDERS_COUNT, 1);
            put(counts, Scope.PRODUCT_SALES, paid.productId(), UNITS_SOLD, paid.quantity());
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * What a stored order adds to each counter: {@link #of(OrderState)}, whether it is under review, and its risk
     * windows ({@link RiskWindows}): one paid order on its host's day and on its host's and product's slot, one
     * classified (and, if its buyer was a first-time buyer, one new-buyer) order there once the review has
     * classified it, and one refunded order on the day its first accepted refund occurred. Every bucket is keyed
     * by when the events occurred, never by when they arrived. A cancelled or held order stays in the windows.
     */
    public static SortedMap<Counter, Long> of(StoredOrder order) {
        SortedMap<Counter, Long> counts = new TreeMap<>(of(order.state()));
        order.state().payment().ifPresent(payment -> {
            OrderPaid paid = payment.paid();
            if (order.review().open() && countsAsSale(order.state())) {
                put(counts, Scope.HOST_STATS, paid.hostId(), UNDER_REVIEW, 1);
                put(counts, Scope.PRODUCT_SALES, paid.productId(), UNDER_REVIEW, 1);
            }
            counts.put(RiskWindows.day(paid.hostId(), paid.occurredAt(), PAID_ORDERS), 1L);
            if (order.review().stage() != RiskReview.Stage.NONE) {
                counts.put(RiskWindows.slot(paid.hostId(), paid.productId(), paid.occurredAt(), SCREENED_ORDERS), 1L);
            }
            if (order.review().classified()) {
                counts.put(RiskWindows.day(paid.hostId(), paid.occurredAt(), CLASSIFIED_ORDERS), 1L);
                counts.put(RiskWindows.slot(paid.hostId(), paid.productId(), paid.occurredAt(), CLASSIFIED_ORDERS), 1L);
                if (order.newBuyer()) {
                    counts.put(RiskWindows.day(paid.hostId(), paid.occurredAt(), NEW_BUYER_ORDERS), 1L);
                    counts.put(RiskWindows.slot(paid.hostId(), paid.productId(), paid.occurredAt(), NEW_BUYER_ORDERS), 1L);
                }
            }
            order.state().acceptedRefunds().stream().findFirst().ifPresent(first ->
                    counts.put(RiskWindows.day(paid.hostId(), first.occurredAt(), REFUNDED_ORDERS), 1L));
        });
        ReportHours.addOrder(order, counts);
        return Collections.unmodifiableSortedMap(counts);
    }

    /** What a commit from {@code before} to {@code after} adds to each counter; unchanged counters omitted. */
    public static SortedMap<Counter, Long> difference(OrderState before, OrderState after) {
        return difference(of(before), of(after));
    }

    /** What going from the counts {@code before} to {@code after} adds to each counter; unchanged omitted. */
    public static SortedMap<Counter, Long> difference(SortedMap<Counter, Long> before, SortedMap<Counter, Long> after) {
        SortedMap<Counter, Long> delta = new TreeMap<>(after);
        before.forEach((counter, value) -> delta.merge(counter, -value, Long::sum));
        delta.values().removeIf(value -> value == 0);
        return Collections.unmodifiableSortedMap(delta);
    }

    /** What a complaint adds: one to its brand's complaints. */
    public static SortedMap<Counter, Long> of(ComplaintFiled complaint) {
        SortedMap<Counter, Long> counts = new TreeMap<>();
        put(counts, Scope.BRAND_SERVICE, complaint.brandId(), COMPLAINTS, 1);
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * What a live session's report adds: its watch minutes and one session to its host's stats. A later
     * report of the same session replaces it, so the commit adds the {@link #difference} of the two.
     */
    public static SortedMap<Counter, Long> of(LiveSessionStats session) {
        SortedMap<Counter, Long> counts = new TreeMap<>();
        put(counts, Scope.HOST_STATS, session.hostId(), SESSIONS, 1);
        if (session.watchMinutes() > 0) {
            put(counts, Scope.HOST_STATS, session.hostId(), WATCH_MINUTES, session.watchMinutes());
        }
        long uv = session.privateUv() + session.publicUv();
        if (uv > 0) {
            counts.put(RiskWindows.day(session.hostId(), session.startedAt(), UV), uv);
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * What a host's sample request adds, by its status ({@code samples.SampleStatus}): 1 to the host's
     * {@code samplesFulfilled} while {@code FULFILLED}, 1 to its {@code samplesUnfulfilled} while {@code UNFULFILLED},
     * nothing in any other state. A request closed {@code UNFULFILLED} and then fulfilled by a late order moves its 1
     * from one to the other by the {@link #difference} of its two images.
     */
    public static SortedMap<Counter, Long> ofSample(String hostId, String status) {
        SortedMap<Counter, Long> counts = new TreeMap<>();
        if (SAMPLE_FULFILLED.equals(status)) {
            put(counts, Scope.HOST_STATS, hostId, SAMPLES_FULFILLED, 1);
        } else if (SAMPLE_UNFULFILLED.equals(status)) {
            put(counts, Scope.HOST_STATS, hostId, SAMPLES_UNFULFILLED, 1);
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    private static void put(SortedMap<Counter, Long> counts, Scope scope, String id, String name, long value) {
        counts.put(new Counter(scope, id, name), value);
    }
}
