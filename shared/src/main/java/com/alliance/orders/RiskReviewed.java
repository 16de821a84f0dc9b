package com.alliance.orders;

import com.alliance.ledger.SystemEvents;
import java.time.Instant;

/**
 * The fake-order rules' decision on an order once the windows they weigh it in have closed: the marketplace's
 * own event, merged through the commit path so a hold it puts on moves the commission to HELD with postings.
 * Its id is derived from the order ({@link SystemEvents#riskReview}): one review per order, ever.
 *
 * @param occurredAt when the review was due (not when the job ran), so a rerun posts the same
 */
public record RiskReviewed(String eventId, String orderId, Instant occurredAt) implements OrderEvent {

    public RiskReviewed {
        Require.common(eventId, orderId, occurredAt);
        if (!eventId.equals(SystemEvents.riskReview(orderId))) {
            throw new IllegalArgumentException("a risk review's id is " + SystemEvents.riskReview(orderId)
                    + ", not " + eventId);
        }
    }

    public static RiskReviewed of(String orderId, Instant dueAt) {
        return new RiskReviewed(SystemEvents.riskReview(orderId), orderId, dueAt);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.RISK_REVIEWED;
    }
}
