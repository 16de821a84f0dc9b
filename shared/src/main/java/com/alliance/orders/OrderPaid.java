package com.alliance.orders;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The buyer paid {@code paidFen} for {@code quantity} of a product sold by a host. */
public record OrderPaid(
        String eventId,
        String orderId,
        Instant occurredAt,
        String productId,
        String hostId,
        String buyerId,
        int quantity,
        long paidFen,
        Optional<String> activityLeadId) implements OrderEvent {

    public OrderPaid {
        Require.common(eventId, orderId, occurredAt);
        Require.nonBlank(productId, "productId");
        Require.nonBlank(hostId, "hostId");
        Require.nonBlank(buyerId, "buyerId");
        Require.positive(quantity, "quantity");
        Require.positive(paidFen, "paidFen");
        Objects.requireNonNull(activityLeadId, "activityLeadId");
        activityLeadId.ifPresent(lead -> Require.nonBlank(lead, "activityLeadId"));
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.ORDER_PAID;
    }
}
