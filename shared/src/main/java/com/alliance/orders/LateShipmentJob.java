package com.alliance.orders;

import com.alliance.jobs.JobCatalog;
import com.alliance.ledger.LedgerShards;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Records the violation of every order that missed its shipping promise: works the promise list ({@code SHIPBY#{n}}
 * of gsi2) for promises that passed at least the grace ago and applies each order's {@link ShipmentLate} through the
 * order commit path ({@link OrderEventService#recordLateShipment}). A violation's id is derived from the order and a
 * recorded violation takes the order out of the list, so any number of work items, concurrent or not, record one
 * violation and one compensation per order. Its shards are the payee ledger shards, as maturation's
 * ({@link MaturationJob}): a compensation charged to a brand lands on the order's ledger shard.
 */
public final class LateShipmentJob extends IndexedOrderJob {

    private final Supplier<OrderEventService> service;
    private final ShippingSettings settings;

    /**
     * @param pageSize   orders read from one partition at a time
     * @param maxPerItem orders checked per work item at most, whatever the deadline allows
     * @param threads    orders of a page handled concurrently (each is its own transaction)
     */
    public LateShipmentJob(OrderRepository orders, OrderEventService service, ShippingSettings settings,
                           int pageSize, long maxPerItem, int threads) {
        this(orders, () -> service, settings, pageSize, maxPerItem, threads);
    }

    private LateShipmentJob(OrderRepository orders, Supplier<OrderEventService> service, ShippingSettings settings,
                            int pageSize, long maxPerItem, int threads) {
        super(orders, OrderRepository.DueList.PROMISES, LedgerShards.PAYEE_SHARDS, pageSize, maxPerItem, threads);
        this.service = service;
        this.settings = settings;
    }

    public LateShipmentJob(OrderRepository orders, OrderEventService service, ShippingSettings settings) {
        this(orders, () -> service, settings);
    }

    /** With the commit path built on first use: a dispatcher reads only the due list, and never needs it. */
    public LateShipmentJob(OrderRepository orders, Supplier<OrderEventService> service, ShippingSettings settings) {
        this(orders, service, settings, 100, Long.MAX_VALUE, 8);
    }

    @Override
    public String name() {
        return JobCatalog.LATE_SHIPMENTS;
    }

    @Override
    Instant dueBy(Instant now) {
        return now.minus(settings.grace());
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.get().recordLateShipment(orderId, now, settings) == OrderEventService.Result.APPLIED;
    }
}
