package com.alliance.orders;

import com.alliance.jobs.JobCatalog;
import com.alliance.ledger.LedgerShards;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Matures every order whose after-sale window has passed: works the maturity list ({@code DUE#{n}} of gsi2) and
 * applies each order's maturation through the order commit path. Re-running is harmless: a matured order has left
 * the list, and its maturation event id is derived from the order.
 *
 * <p>Its shards are the {@value LedgerShards#PAYEE_SHARDS} payee ledger shards: shard {@code s} takes the partitions
 * {@code DUE#{n}} with {@code n mod 16 = s}, which hold exactly the orders whose postings go to ledger shard {@code s}
 * (both are the order id's hash, and 16 divides 256). A maturation touches the settlement cursors of its payees on
 * its ledger shard, so two workers never touch one cursor: each shard is its own set of cursors.
 */
public final class MaturationJob extends IndexedOrderJob {

    private final Supplier<OrderEventService> service;

    /**
     * @param pageSize   orders read from one partition at a time
     * @param maxPerItem orders matured per work item at most, whatever the deadline allows
     * @param threads    orders of a page matured concurrently (each is its own transaction)
     */
    public MaturationJob(OrderRepository orders, OrderEventService service, int pageSize, long maxPerItem, int threads) {
        this(orders, () -> service, pageSize, maxPerItem, threads);
    }

    private MaturationJob(OrderRepository orders, Supplier<OrderEventService> service, int pageSize, long maxPerItem,
                          int threads) {
        super(orders, OrderRepository.DueList.MATURITY, LedgerShards.PAYEE_SHARDS, pageSize, maxPerItem, threads);
        this.service = service;
    }

    public MaturationJob(OrderRepository orders, OrderEventService service) {
        this(orders, () -> service);
    }

    /** With the commit path built on first use: a dispatcher reads only the due list, and never needs it. */
    public MaturationJob(OrderRepository orders, Supplier<OrderEventService> service) {
        this(orders, service, 100, Long.MAX_VALUE, 8);
    }

    @Override
    public String name() {
        return JobCatalog.ORDER_MATURATION;
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.get().mature(orderId, now) == OrderEventService.Result.APPLIED;
    }
}
