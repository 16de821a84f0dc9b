package com.alliance.orders;

import java.util.Objects;

/**
 * Something in an order's events that the rules set aside rather than act on, kept for operators.
 *
 * @param eventId the event set aside
 * @param kind    what was wrong with it
 */
public record Anomaly(String eventId, Kind kind) {

    public enum Kind {
        /** A second payment event for an order already paid: the earliest payment counts. */
        CONFLICTING_PAYMENT,
        /** A shipment that occurred after the order was cancelled: the cancellation stands. */
        SHIPMENT_AFTER_CANCEL,
        /** A receipt that occurred after the order was cancelled: the cancellation stands. */
        RECEIPT_AFTER_CANCEL,
        /** A refund that would take total refunds above paid: it is rejected. */
        REFUND_EXCEEDS_PAID
    }

    public Anomaly {
        Require.nonBlank(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
    }
}
