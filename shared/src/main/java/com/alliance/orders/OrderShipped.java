package com.alliance.orders;

import java.time.Instant;

/** The order was shipped at {@code occurredAt}. */
public record OrderShipped(String eventId, String orderId, Instant occurredAt) implements OrderEvent {

    public OrderShipped {
        Require.common(eventId, orderId, occurredAt);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_SHIPPED;
    }
}
