package com.alliance.orders;

import java.time.Instant;

/**
 * One message from the {@code order-events} queue. Delivery is at-least-once and in any order, so every
 * consumer keys on {@link #eventId()} and decides by {@link #occurredAt()}, never by arrival.
 */
public sealed interface OrderEvent
        permits OrderPaid, OrderShipped, OrderReceived, OrderCancelled, OrderRefunded, ComplaintFiled,
        LiveSessionStats, OrderMatured, RiskDecision, ShipmentLate, RiskReviewed {

    String eventId();

    String orderId();

    Instant occurredAt();

    OrderEventType type();
}
