package com.alliance.local;

import com.alliance.auth.Role;
import com.alliance.errors.InvalidInputException;
import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What only the local runtime serves, under {@code /dev/}: tokens for any role and party, the demo's
 * parties for the console's sign-in page, and a way to put order events on the queue from a browser
 * (in AWS, tokens come from the identity provider and order events from the order system).
 */
final class DevRoutes {

    static final int MAX_EVENTS = 50;

    private final Hs256Tokens tokens;
    private final SqsClient sqs;
    private final String orderEventsQueueUrl;
    private volatile ObjectNode demo = Json.object().put("demo", false).set("parties", Json.MAPPER.createArrayNode());

    DevRoutes(Hs256Tokens tokens, SqsClient sqs, String orderEventsQueueUrl) {
        this.tokens = tokens;
        this.sqs = sqs;
        this.orderEventsQueueUrl = orderEventsQueueUrl;
    }

    /** Serves a {@code /dev/} request, or empty when there is no such dev route. */
    Optional<ApiResponse> handle(String method, String path, String body) {
        return switch (method + " " + path) {
            case "POST /dev/tokens" -> Optional.of(mintToken(body));
            case "GET /dev/demo" -> Optional.of(ApiResponse.ok(demo));
            case "POST /dev/order-events" -> Optional.of(queueEvents(body));
            default -> Optional.empty();
        };
    }

    /** Lists the seeded parties, so the console's sign-in page can offer them by name. */
    void showDemo(DemoData.Seeded seeded) {
        ObjectNode json = Json.object().put("demo", true);
        ArrayNode parties = json.putArray("parties");
        parties.addObject().put("role", "operator").put("party", "platform").put("label", "Platform operator");
        parties.addObject().put("role", "finance").put("party", "platform").put("label", "Finance team");
        ArrayNode products = json.putArray("products");
        for (Map.Entry<String, String> id : seeded.ids().entrySet()) {
            String label = id.getKey();
            if (label.equals("brand")) {
                parties.addObject().put("role", "brand").put("party", id.getValue()).put("label", DemoData.BRAND_NAME);
            } else if (label.startsWith("host ")) {
                parties.addObject().put("role", "host").put("party", id.getValue()).put("label", label.substring(5));
            } else if (label.startsWith("product ")) {
                products.addObject().put("productId", id.getValue()).put("sku", label.substring(8));
            }
        }
        demo = json;
    }

    private ApiResponse mintToken(String body) {
        JsonNode request = Fields.objectBody(body);
        String roleClaim = Fields.text(request, "role");
        Role role = Role.fromClaim(roleClaim).orElseThrow(() -> InvalidInputException.field("role",
                "role must be brand, host, finance or operator"));
        String party = Fields.text(request, "party");
        if (party.isBlank() || party.length() > 64) {
            throw InvalidInputException.field("party", "party must be 1 to 64 characters");
        }
        String subject = Fields.optionalText(request, "sub").orElse(role.claim() + "@" + party);
        return ApiResponse.ok(Json.object().put("token", tokens.mint(role, party, subject)));
    }

    /**
     * {@code {"events": [...]}}: each a JSON object, sent as one message to order-events exactly as a
     * producer would; whether it applies is the consumer's business, as in AWS.
     */
    private ApiResponse queueEvents(String body) {
        JsonNode events = Fields.objectBody(body).get("events");
        if (events == null || !events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw InvalidInputException.field("events", "events must be an array of 1 to " + MAX_EVENTS + " event objects");
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).isObject()) {
                throw InvalidInputException.field("events[" + i + "]", "each event must be a JSON object");
            }
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(Json.write(events.get(i))).build());
        }
        for (int from = 0; from < entries.size(); from += 10) {
            var sent = sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(orderEventsQueueUrl)
                    .entries(entries.subList(from, Math.min(entries.size(), from + 10))).build());
            if (sent.hasFailed() && !sent.failed().isEmpty()) {
                throw new IllegalStateException("order-events refused " + sent.failed().size() + " of the events");
            }
        }
        return new ApiResponse(202, "application/json", Json.write(Json.object().put("queued", entries.size())));
    }
}
