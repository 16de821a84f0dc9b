package com.alliance.orders;

import java.time.Instant;

/** The order was received at {@code occurredAt}. */
public record OrderReceived(String eventId, String orderId, Instant occurredAt) implements OrderEvent {

    public OrderReceived {
        Require.common(eventId, orderId, occurredAt);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_RECEIVED;
    }
}
