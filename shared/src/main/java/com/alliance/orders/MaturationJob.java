package com.alliance.orders;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Matures every order whose after-sale window has passed: reads the maturity index page by page,
 * round-robin over its shards, and applies each order's maturation through the order commit path.
 * A run stops at its deadline or after {@code maxPerRun} orders; what is left stays in the index,
 * so the next run picks up exactly there. Re-running is harmless: a matured order has left the index,
 * and its maturation event id is derived from the order.
 */
public final class MaturationJob extends IndexedOrderJob {

    private final OrderRepository orders;
    private final OrderEventService service;

    /**
     * @param pageSize  orders read from one shard at a time
     * @param maxPerRun orders matured per run at most, whatever the deadline allows
     * @param threads   orders of a page matured concurrently (each is its own transaction)
     */
    public MaturationJob(OrderRepository orders, OrderEventService service, int pageSize, int maxPerRun, int threads) {
        super(pageSize, maxPerRun, threads);
        this.orders = orders;
        this.service = service;
    }

    public MaturationJob(OrderRepository orders, OrderEventService service) {
        this(orders, service, 100, Integer.MAX_VALUE, 4);
    }

    @Override
    public String name() {
        return "order-maturation";
    }

    @Override
    OrderRepository.DuePage page(int shard, Instant now, Optional<Map<String, AttributeValue>> startAfter, int limit) {
        return orders.dueForMaturity(shard, now, startAfter, limit);
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.mature(orderId, now) == OrderEventService.Result.APPLIED;
    }
}
