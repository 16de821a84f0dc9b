package com.alliance.testing;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** order-events messages as producers send them (SPEC "Events on order-events"). */
public final class OrderEvents {

    private OrderEvents() {
    }

    public static String paid(String orderId, Instant at, String productId, String hostId, long paidFen) {
        return Json.write(base("ORDER_PAID", orderId, at).put("productId", productId).put("hostId", hostId)
                .put("buyerId", "buyer-" + orderId).put("quantity", 1).put("paidFen", paidFen));
    }

    public static String paidThroughLead(String orderId, Instant at, String productId, String hostId, long paidFen,
                                         String leadId) {
        ObjectNode event = base("ORDER_PAID", orderId, at).put("productId", productId).put("hostId", hostId)
                .put("buyerId", "buyer-" + orderId).put("quantity", 1).put("paidFen", paidFen);
        return Json.write(event.put("activityLeadId", leadId));
    }

    public static String milestone(String type, String orderId, Instant at) {
        return Json.write(base(type, orderId, at));
    }

    public static String refunded(String orderId, Instant at, long refundFen) {
        return Json.write(base("ORDER_REFUNDED", orderId, at).put("refundFen", refundFen));
    }

    /** The messages as one SQS batch, ids m0, m1, … in order, as the event source mapping delivers them. */
    public static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static ObjectNode base(String type, String orderId, Instant at) {
        return Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", type).put("orderId", orderId)
                .put("occurredAt", at.toString());
    }
}
