package com.alliance.orders;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records the violation of every order that missed its shipping promise: reads the promise index
 * ({@code SHIPBY#{shard}} of gsi2) for promises that passed at least the grace ago, page by page, and
 * applies each order's {@link ShipmentLate} through the order commit path
 * ({@link OrderEventService#recordLateShipment}). A violation's id is derived from the order and a
 * recorded violation takes the order out of the index, so any number of runs, concurrent or not,
 * record one violation and one compensation per order.
 */
public final class LateShipmentJob extends IndexedOrderJob {

    private final OrderRepository orders;
    private final OrderEventService service;
    private final ShippingSettings settings;

    /**
     * @param pageSize  orders read from one shard at a time
     * @param maxPerRun orders checked per run at most, whatever the deadline allows
     * @param threads   orders of a page handled concurrently (each is its own transaction)
     */
    public LateShipmentJob(OrderRepository orders, OrderEventService service, ShippingSettings settings,
                           int pageSize, int maxPerRun, int threads) {
        super(pageSize, maxPerRun, threads);
        this.orders = orders;
        this.service = service;
        this.settings = settings;
    }

    public LateShipmentJob(OrderRepository orders, OrderEventService service, ShippingSettings settings) {
        this(orders, service, settings, 100, Integer.MAX_VALUE, 4);
    }

    @Override
    public String name() {
        return "late-shipments";
    }

    @Override
    OrderRepository.DuePage page(int shard, Instant now, Optional<Map<String, AttributeValue>> startAfter, int limit) {
        return orders.dueForLateCheck(shard, now.minus(settings.grace()), startAfter, limit);
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.recordLateShipment(orderId, now, settings) == OrderEventService.Result.APPLIED;
    }
}
