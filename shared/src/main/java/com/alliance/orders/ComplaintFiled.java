package com.alliance.orders;

import java.time.Instant;

/** A consumer complaint against the brand of an order; it moves no money. */
public record ComplaintFiled(String eventId, String orderId, Instant occurredAt, String brandId, String reason)
        implements OrderEvent {

    public ComplaintFiled {
        Require.common(eventId, orderId, occurredAt);
        Require.nonBlank(brandId, "brandId");
        Require.nonBlank(reason, "reason");
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.COMPLAINT_FILED;
    }
}
