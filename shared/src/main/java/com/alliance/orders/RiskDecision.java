package com.alliance.orders;

import com.alliance.ledger.SystemEvents;
import java.time.Instant;

/**
 * An operator's decision on a risk-held order: release it (the held commission goes on its way,
 * PENDING or SETTLEABLE by maturity) or void it (the host and lead commission goes back to the brand).
 * The marketplace's own event, applied through the same commit path as producers' events; its id is
 * derived from the order ({@link SystemEvents#riskDecision}), so an order gets one decision, ever, and a
 * retried request finds it applied.
 *
 * @param occurredAt when the operator decided
 * @param by         the operator's subject
 * @param reason     why, as the operator wrote it
 */
public record RiskDecision(String eventId, String orderId, Instant occurredAt, boolean voided, String by,
                           String reason) implements OrderEvent {

    public RiskDecision {
        Require.common(eventId, orderId, occurredAt);
        Require.nonBlank(by, "by");
        Require.nonBlank(reason, "reason");
        if (!eventId.equals(SystemEvents.riskDecision(orderId))) {
            throw new IllegalArgumentException("a risk decision's id is " + SystemEvents.riskDecision(orderId)
                    + ", not " + eventId);
        }
    }

    public static RiskDecision release(String orderId, Instant at, String by, String reason) {
        return new RiskDecision(SystemEvents.riskDecision(orderId), orderId, at, false, by, reason);
    }

    public static RiskDecision voiding(String orderId, Instant at, String by, String reason) {
        return new RiskDecision(SystemEvents.riskDecision(orderId), orderId, at, true, by, reason);
    }

    @Override
    public OrderEventType type() {
        return voided ? OrderEventType.RISK_HOLD_VOIDED : OrderEventType.RISK_HOLD_RELEASED;
    }
}
