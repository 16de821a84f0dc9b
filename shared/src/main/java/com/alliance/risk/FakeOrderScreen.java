package com.alliance.risk;

import com.alliance.orders.CountersRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.RiskScreen;
import com.alliance.orders.RiskWindows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Reads the facts the fake-order rules need for one payment, a fixed number of items however many orders the
 * host has sold, and returns the codes fired: the buyer's orders in the repeat window (gsi3), the buyer's first
 * order (gsi3, one item: is the buyer new?), the host's risk windows (its paid and refunded orders per day over
 * the refund window, its orders of the product from new buyers per ten minutes over the burst window:
 * {@link RiskWindows}, one BatchGetItem, reused for {@code windowCache}), and whether the host picked the product
 * (one GetItem). The windows are folded from the orders table's stream, so they hold the orders committed up to
 * about a second before; the order being paid is never in them.
 */
public final class FakeOrderScreen implements RiskScreen {

    private final OrderRepository orders;
    private final BiPredicate<String, String> picked;
    private final RiskSettings settings;
    private final RiskWindowReader windows;

    /** @param picked (hostId, productId) → whether the host picked the product */
    public FakeOrderScreen(OrderRepository orders, CountersRepository counters, BiPredicate<String, String> picked,
                           RiskSettings settings, Clock clock) {
        this.orders = orders;
        this.picked = picked;
        this.settings = settings;
        this.windows = new RiskWindowReader(counters, clock, settings.windowCache());
    }

    @Override
    public Screening screen(OrderPaid paid) {
        if (settings.enabled().isEmpty()) {
            return new Screening(new TreeSet<>(), false);
        }
        Instant at = paid.occurredAt();
        int buyerOrders = 1 + (int) orders.paidByBuyer(paid.buyerId(), at.minus(settings.repeatWindow()), at).stream()
                .filter(o -> !o.orderId().equals(paid.orderId()) && o.productId().equals(paid.productId())).count();
        Instant burstFrom = at.minus(settings.burstWindow());
        Optional<Instant> first = orders.firstPaidAt(paid.buyerId());
        boolean newBuyer = first.isEmpty() || !first.get().isBefore(burstFrom);

        List<Counter> paidDays = RiskWindows.days(paid.hostId(), at, settings.refundWindow(), OrderCounts.PAID_ORDERS);
        List<Counter> refundedDays = RiskWindows.days(paid.hostId(), at, settings.refundWindow(), OrderCounts.REFUNDED_ORDERS);
        List<Counter> burst = RiskWindows.slots(paid.hostId(), paid.productId(), at, settings.burstWindow(),
                OrderCounts.NEW_BUYER_ORDERS);
        List<Counter> buckets = new ArrayList<>(paidDays);
        buckets.addAll(refundedDays);
        buckets.addAll(burst);
        Map<Counter, Long> values = windows.values(buckets);

        FakeOrderRules.Facts facts = new FakeOrderRules.Facts(paid.buyerId(), paid.hostId(), buyerOrders,
                (int) sum(values, paidDays), (int) sum(values, refundedDays),
                (int) sum(values, burst) + (newBuyer ? 1 : 0), picked.test(paid.hostId(), paid.productId()));
        SortedSet<String> codes = new TreeSet<>();
        FakeOrderRules.fired(facts, settings).forEach(rule -> codes.add(rule.name()));
        return new Screening(codes, newBuyer);
    }

    private static long sum(Map<Counter, Long> values, List<Counter> buckets) {
        return buckets.stream().mapToLong(bucket -> values.getOrDefault(bucket, 0L)).sum();
    }
}
