package com.alliance.risk;

import com.alliance.orders.OrderPaid;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.RiskScreen;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Reads the facts the fake-order rules need for one payment through the orders table's indexes (never
 * a scan) and returns the codes fired: the buyer's orders in the repeat window (gsi3), the host's orders
 * in the refund and burst windows (gsi4), each burst buyer's first order (gsi3, one item), and whether
 * the host picked the product (one GetItem). Windows end at the payment's occurredAt, so a redelivery
 * decides the same way; the order being paid is never counted twice.
 */
public final class FakeOrderScreen implements RiskScreen {

    /** Burst buyers whose first order is looked up at most, per payment. */
    static final int MAX_BURST_BUYERS = 50;

    private final OrderRepository orders;
    private final BiPredicate<String, String> picked;
    private final RiskSettings settings;

    /** @param picked (hostId, productId) → whether the host picked the product */
    public FakeOrderScreen(OrderRepository orders, BiPredicate<String, String> picked, RiskSettings settings) {
        this.orders = orders;
        this.picked = picked;
        this.settings = settings;
    }

    @Override
    public SortedSet<String> screen(OrderPaid paid) {
        SortedSet<String> codes = new TreeSet<>();
        if (settings.enabled().isEmpty()) {
            return codes;
        }
        Instant at = paid.occurredAt();
        int buyerOrders = 1 + (int) orders.paidByBuyer(paid.buyerId(), at.minus(settings.repeatWindow()), at).stream()
                .filter(o -> !o.orderId().equals(paid.orderId()) && o.productId().equals(paid.productId())).count();
        var hostOrders = orders.paidByHost(paid.hostId(), at.minus(settings.refundWindow()), at).stream()
                .filter(o -> !o.orderId().equals(paid.orderId())).toList();
        int refunded = (int) hostOrders.stream().filter(o -> o.refundedFen() > 0).count();
        Instant burstFrom = at.minus(settings.burstWindow());
        Map<String, Integer> burstOrdersByBuyer = new HashMap<>();
        hostOrders.stream().filter(o -> !o.paidAt().isBefore(burstFrom) && o.productId().equals(paid.productId()))
                .forEach(o -> burstOrdersByBuyer.merge(o.buyerId(), 1, Integer::sum));
        burstOrdersByBuyer.merge(paid.buyerId(), 1, Integer::sum);
        int newBuyerOrders = 0;
        int looked = 0;
        for (Map.Entry<String, Integer> buyer : burstOrdersByBuyer.entrySet()) {
            if (looked++ >= MAX_BURST_BUYERS) {
                break;
            }
            Optional<Instant> first = orders.firstPaidAt(buyer.getKey());
            if (first.isEmpty() || !first.get().isBefore(burstFrom)) {
                newBuyerOrders += buyer.getValue();
            }
        }
        FakeOrderRules.Facts facts = new FakeOrderRules.Facts(paid.buyerId(), paid.hostId(), buyerOrders,
                hostOrders.size(), refunded, newBuyerOrders, picked.test(paid.hostId(), paid.productId()));
        FakeOrderRules.fired(facts, settings).forEach(rule -> codes.add(rule.name()));
        return codes;
    }
}
