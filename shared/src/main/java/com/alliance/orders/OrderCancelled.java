package com.alliance.orders;

import java.time.Instant;

/** The order was cancelled at {@code occurredAt}. */
public record OrderCancelled(String eventId, String orderId, Instant occurredAt) implements OrderEvent {

    public OrderCancelled {
        Require.common(eventId, orderId, occurredAt);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_CANCELLED;
    }
}
