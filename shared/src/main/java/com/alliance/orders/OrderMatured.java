package com.alliance.orders;

import com.alliance.ledger.SystemEvents;
import java.time.Instant;

/**
 * The after-sale window of an order has passed: its shares become settleable. The maturation job
 * applies it through the same commit path as producers' events; its id is derived from the order,
 * so a second run finds it already applied.
 *
 * @param occurredAt when the window ended (the due instant), not when the job ran
 */
public record OrderMatured(String eventId, String orderId, Instant occurredAt) implements OrderEvent {

    public OrderMatured {
        Require.common(eventId, orderId, occurredAt);
        if (!eventId.equals(SystemEvents.maturation(orderId))) {
            throw new IllegalArgumentException("a maturation's id is " + SystemEvents.maturation(orderId)
                    + ", not " + eventId);
        }
    }

    public static OrderMatured of(String orderId, Instant dueAt) {
        return new OrderMatured(SystemEvents.maturation(orderId), orderId, dueAt);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_MATURED;
    }
}
