package com.alliance.orders;

import com.alliance.jobs.JobCatalog;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Moves every due risk review on ({@link RiskReview}, {@link OrderEventService#review}): works the review list
 * ({@code REVIEW#{n}} of gsi6) for stages due by now and classifies or decides each order on its own item. A decision
 * whose windows are not complete yet (an order of the room not classified, or not folded into the windows yet) leaves
 * the order in the list for a later work item; a decided order leaves it. A review writes only its own order's item
 * and postings (a hold is never claimable), so each of the {@value OrderRepository#REVIEW_SHARDS} partitions is a
 * shard of its own: a flash sale's reviews spread over as many workers as the queue allows.
 */
public final class RiskReviewJob extends IndexedOrderJob {

    private final Supplier<OrderEventService> service;

    public RiskReviewJob(OrderRepository orders, OrderEventService service, int pageSize, long maxPerItem, int threads) {
        this(orders, () -> service, pageSize, maxPerItem, threads);
    }

    private RiskReviewJob(OrderRepository orders, Supplier<OrderEventService> service, int pageSize, long maxPerItem,
                          int threads) {
        super(orders, OrderRepository.DueList.REVIEW, OrderRepository.REVIEW_SHARDS, pageSize, maxPerItem, threads);
        this.service = service;
    }

    public RiskReviewJob(OrderRepository orders, OrderEventService service) {
        this(orders, () -> service);
    }

    /** With the commit path built on first use: a dispatcher reads only the due list, and never needs it. */
    public RiskReviewJob(OrderRepository orders, Supplier<OrderEventService> service) {
        this(orders, service, 100, Long.MAX_VALUE, 8);
    }

    @Override
    public String name() {
        return JobCatalog.RISK_REVIEW;
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.get().review(orderId, now) == OrderEventService.Result.APPLIED;
    }
}
