package com.alliance.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Events of order "order-1" at minutes after a fixed instant, for readable examples. */
final class Events {

    static final String ORDER = "order-1";
    static final Instant T0 = Instant.parse("2025-06-18T12:00:00Z");

    private Events() {
    }

    static Instant at(long minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    static OrderPaid paid(String eventId, long minute, long paidFen) {
        return new OrderPaid(eventId, ORDER, at(minute), "product-1", "host-1", "buyer-1", 1, paidFen,
                Optional.empty());
    }

    static OrderPaid paidThroughLead(String eventId, long minute, long paidFen, String leadId) {
        return new OrderPaid(eventId, ORDER, at(minute), "product-1", "host-1", "buyer-1", 1, paidFen,
                Optional.of(leadId));
    }

    static OrderShipped shipped(String eventId, long minute) {
        return new OrderShipped(eventId, ORDER, at(minute));
    }

    static OrderReceived received(String eventId, long minute) {
        return new OrderReceived(eventId, ORDER, at(minute));
    }

    static OrderCancelled cancelled(String eventId, long minute) {
        return new OrderCancelled(eventId, ORDER, at(minute));
    }

    static OrderRefunded refunded(String eventId, long minute, long refundFen) {
        return new OrderRefunded(eventId, ORDER, at(minute), refundFen);
    }
}
