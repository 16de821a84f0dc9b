package com.alliance.orders;

import com.alliance.ledger.SystemEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads one {@code order-events} message into an {@link OrderEvent}, refusing anything the SPEC does
 * not allow. Fields the type does not use are ignored, so producers can add fields without breaking
 * consumers; every field the type needs must be present with the right JSON type.
 */
public final class OrderEventParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OrderEventParser() {
    }

    /**
     * @throws InvalidEventException naming the field at fault: bad JSON, a missing or blank field, an
     *                               unknown type, a wrong JSON type, an amount out of range, a date that
     *                               is not ISO-8601 with an offset, a number beyond a long
     */
    public static OrderEvent parse(String json) throws InvalidEventException {
        if (json == null) {
            throw new InvalidEventException("message body is missing");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("message must be a JSON object");
        }
        Fields fields = new Fields(root);
        String typeName = fields.text("type");
        OrderEventType type = OrderEventType.fromWireName(typeName)
                .orElseThrow(() -> new InvalidEventException("type", "unknown event type " + typeName));
        String eventId = fields.text("eventId");
        if (SystemEvents.isReserved(eventId)) {
            throw new InvalidEventException("eventId", "ids starting with " + SystemEvents.PREFIX
                    + " are reserved for the marketplace's own events");
        }
        String orderId = fields.text("orderId");
        Instant occurredAt = fields.instant("occurredAt");
        try {
            return switch (type) {
                case ORDER_PAID -> new OrderPaid(eventId, orderId, occurredAt,
                        fields.text("productId"), fields.text("hostId"), fields.text("buyerId"),
                        fields.positiveInt("quantity"), fields.positiveLong("paidFen"),
                        fields.optionalText("activityLeadId"));
                case ORDER_SHIPPED -> new OrderShipped(eventId, orderId, occurredAt);
                case ORDER_RECEIVED -> new OrderReceived(eventId, orderId, occurredAt);
                case ORDER_CANCELLED -> new OrderCancelled(eventId, orderId, occurredAt);
                case ORDER_REFUNDED -> new OrderRefunded(eventId, orderId, occurredAt,
                        fields.positiveLong("refundFen"));
                case COMPLAINT_FILED -> new ComplaintFiled(eventId, orderId, occurredAt,
                        fields.text("brandId"), fields.text("reason"));
                case LIVE_SESSION_STATS -> liveSessionStats(fields, eventId, orderId, occurredAt);
                // fromWireName never yields it; the case keeps the switch exhaustive
                case ORDER_MATURED, RISK_HOLD_RELEASED, RISK_HOLD_VOIDED, SHIPMENT_LATE, RISK_REVIEWED ->
                        throw new InvalidEventException("type", type.name() + " is not a producer's event");
            };
        } catch (IllegalArgumentException e) {
            // the records re-check their invariants; anything they refuse is as permanent as the rest
            throw new InvalidEventException(e.getMessage());
        }
    }

    private static LiveSessionStats liveSessionStats(Fields fields, String eventId, String orderId,
            Instant occurredAt) throws InvalidEventException {
        Instant startedAt = fields.instant("startedAt");
        Instant endedAt = fields.instant("endedAt");
        if (endedAt.isBefore(startedAt)) {
            throw new InvalidEventException("endedAt", "is before startedAt");
        }
        return new LiveSessionStats(eventId, orderId, occurredAt, fields.text("hostId"),
                fields.text("sessionId"), fields.nonNegativeLong("privateUv"),
                fields.nonNegativeLong("publicUv"), fields.nonNegativeLong("watchMinutes"), startedAt,
                endedAt);
    }

    /** Typed, checked access to the fields of one message. */
    private record Fields(JsonNode root) {

        String text(String name) throws InvalidEventException {
            JsonNode node = present(name);
            if (!node.isTextual()) {
                throw new InvalidEventException(name, "must be a string");
            }
            if (node.textValue().isBlank()) {
                throw new InvalidEventException(name, "must not be blank");
            }
            if (hasUnpairedSurrogate(node.textValue())) {
                // it would become "?" in UTF-8 storage, so two different ids could collide
                throw new InvalidEventException(name, "is not valid Unicode");
            }
            return node.textValue();
        }

        /** Absent and {@code null} both mean "none"; a present value must be a non-blank string. */
        Optional<String> optionalText(String name) throws InvalidEventException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            return Optional.of(text(name));
        }

        long positiveLong(String name) throws InvalidEventException {
            long value = wholeNumber(name);
            if (value <= 0) {
                throw new InvalidEventException(name, "must be positive, was " + value);
            }
            return value;
        }

        long nonNegativeLong(String name) throws InvalidEventException {
            long value = wholeNumber(name);
            if (value < 0) {
                throw new InvalidEventException(name, "must not be negative, was " + value);
            }
            return value;
        }

        int positiveInt(String name) throws InvalidEventException {
            long value = positiveLong(name);
            if (value > Integer.MAX_VALUE) {
                throw new InvalidEventException(name, "is too large, was " + value);
            }
            return (int) value;
        }

        Instant instant(String name) throws InvalidEventException {
            String text = text(name);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException(name, "must be an ISO-8601 instant with an offset, e.g. "
                        + "2025-06-18T20:00:00+08:00");
            }
        }

        private long wholeNumber(String name) throws InvalidEventException {
            JsonNode node = present(name);
            if (!node.isIntegralNumber()) {
                throw new InvalidEventException(name, "must be a whole number");
            }
            if (!node.canConvertToLong()) {
                throw new InvalidEventException(name, "does not fit in a 64-bit integer");
            }
            return node.longValue();
        }

        private static boolean hasUnpairedSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        private JsonNode present(String name) throws InvalidEventException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new InvalidEventException(name, "is missing");
            }
            return node;
        }
    }
}
