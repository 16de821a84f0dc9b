package com.alliance.orders;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Moves every due risk review on ({@link RiskReview}, {@link OrderEventService#review}): reads the review index
 * ({@code REVIEW#{shard}} of gsi6) for stages due by now, page by page, and classifies or decides each order on
 * its own item. A decision whose windows are not complete yet (an order of the room not classified, or not
 * folded into the windows yet) leaves the order in the index for the next run; a decided order leaves it.
 */
public final class RiskReviewJob extends IndexedOrderJob {

    private final OrderRepository orders;
    private final OrderEventService service;

    public RiskReviewJob(OrderRepository orders, OrderEventService service, int pageSize, int maxPerRun, int threads) {
        super(pageSize, maxPerRun, threads);
        this.orders = orders;
        this.service = service;
    }

    public RiskReviewJob(OrderRepository orders, OrderEventService service) {
        this(orders, service, 100, Integer.MAX_VALUE, 4);
    }

    @Override
    public String name() {
        return "risk-review";
    }

    @Override
    OrderRepository.DuePage page(int shard, Instant now, Optional<Map<String, AttributeValue>> startAfter, int limit) {
        return orders.dueForReview(shard, now, startAfter, limit);
    }

    @Override
    boolean apply(String orderId, Instant now) {
        return service.review(orderId, now) == OrderEventService.Result.APPLIED;
    }
}
