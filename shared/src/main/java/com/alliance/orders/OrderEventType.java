package com.alliance.orders;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code type} of an event on the wire; the constant names are the wire names. */
public enum OrderEventType {
    ORDER_PAID,
    ORDER_SHIPPED,
    ORDER_RECEIVED,
    ORDER_CANCELLED,
    ORDER_REFUNDED,
    COMPLAINT_FILED,
    LIVE_SESSION_STATS,
    /** The marketplace's own event: the after-sale window has passed. Never accepted from producers. */
    ORDER_MATURED(false),
    /** The marketplace's own event: an operator released a risk hold. Never accepted from producers. */
    RISK_HOLD_RELEASED(false),
    /** The marketplace's own event: an operator voided a risk-held order's commission. */
    RISK_HOLD_VOIDED(false),
    /** The marketplace's own event: the order missed its shipping promise; the buyer is compensated. */
    SHIPMENT_LATE(false),
    /** The marketplace's own event: the fake-order rules decided on the order once its windows closed. */
    RISK_REVIEWED(false);

    private final boolean fromProducers;

    OrderEventType() {
        this(true);
    }

    OrderEventType(boolean fromProducers) {
        this.fromProducers = fromProducers;
    }

    /** A type producers may send on {@code order-events}; the marketplace's own types are not among them. */
    public static Optional<OrderEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.fromProducers && type.name().equals(name)).findFirst();
    }

    /** "order refunded": how statements name the cause of a posting. */
    public String description() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
