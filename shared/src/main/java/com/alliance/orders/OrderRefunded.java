package com.alliance.orders;

import java.time.Instant;

/** Part or all of the payment was refunded to the buyer. */
public record OrderRefunded(String eventId, String orderId, Instant occurredAt, long refundFen)
        implements OrderEvent {

    public OrderRefunded {
        Require.common(eventId, orderId, occurredAt);
        Require.positive(refundFen, "refundFen");
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_REFUNDED;
    }
}
