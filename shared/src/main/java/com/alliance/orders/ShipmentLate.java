package com.alliance.orders;

import com.alliance.ledger.SystemEvents;
import java.time.Instant;

/**
 * The order missed its shipping promise: one violation, and a compensation to the buyer charged to the
 * brand. The late-shipment job applies it through the same commit path as producers' events; its id is
 * derived from the order ({@link SystemEvents#lateShipment}), so an order gets one violation, ever, and
 * a re-run finds it applied. Like a maturation it is a fact: once merged it stands, whatever arrives
 * after it (a shipment reported late but stamped before the promise, a cancellation).
 *
 * @param occurredAt      the promise that was missed (payment + {@code shipWithinHours}), not when the
 *                        job ran
 * @param compensationFen what the buyer is owed, fixed when the violation is recorded
 *                        ({@link ShippingSettings#compensationFen}), so a later change of the settings
 *                        never changes a recorded compensation
 */
public record ShipmentLate(String eventId, String orderId, Instant occurredAt, long compensationFen)
        implements OrderEvent {

    public ShipmentLate {
        Require.common(eventId, orderId, occurredAt);
        Require.nonNegative(compensationFen, "compensationFen");
        if (!eventId.equals(SystemEvents.lateShipment(orderId))) {
            throw new IllegalArgumentException("a late shipment's id is " + SystemEvents.lateShipment(orderId)
                    + ", not " + eventId);
        }
    }

    public static ShipmentLate of(String orderId, Instant promise, long compensationFen) {
        return new ShipmentLate(SystemEvents.lateShipment(orderId), orderId, promise, compensationFen);
    }

    @Override
    public OrderEventType type() {
        return OrderEventType.SHIPMENT_LATE;
    }
}
