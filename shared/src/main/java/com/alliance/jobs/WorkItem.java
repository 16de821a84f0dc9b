package com.alliance.jobs;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a job's work queue: work one shard of the job, holding the shard's lease by {@code token} at
 * {@code step} ({@link ShardLeases}), from {@code cursor} if the previous item of the shard handed one on, for at most
 * {@code budget} (the job's, as its schedule gives it). A worker
 * that takes it moves the lease to {@code step + 1}, so a second delivery of the same message finds the step moved
 * and changes nothing; the item it hands on carries the new step.
 */
public record WorkItem(String job, int shard, String token, long step, Optional<String> cursor, Instant dispatchedAt,
                       Duration budget) {

    public WorkItem {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a work item has a budget: " + budget);
        }
        if (shard < 0 || step < 0) {
            throw new IllegalArgumentException("shard and step count from 0: " + shard + ", " + step);
        }
    }

    /** The item a worker hands on after taking this one: the next step of the same lease, from {@code next}. */
    public WorkItem handedOn(Optional<String> next) {
        return new WorkItem(job, shard, token, step + 1, next, dispatchedAt, budget);
    }

    public String toJson() {
        ObjectNode json = Json.object().put("job", job).put("shard", shard).put("token", token).put("step", step)
                .put("dispatchedAt", dispatchedAt.toString()).put("budgetSeconds", budget.toSeconds());
        cursor.ifPresent(c -> json.put("cursor", c));
        return Json.write(json);
    }

    /** A message body as a work item; one that can never be one is {@link InvalidWorkItemException}. */
    public static WorkItem parse(String body) {
        JsonNode json;
        try {
            json = body == null ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidWorkItemException("not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidWorkItemException("a work item is a JSON object");
        }
        try {
            return new WorkItem(text(json, "job"), (int) number(json, "shard"), text(json, "token"), number(json, "step"),
                    Optional.ofNullable(json.get("cursor")).filter(JsonNode::isTextual).map(JsonNode::asText),
                    Instant.parse(text(json, "dispatchedAt")), Duration.ofSeconds(number(json, "budgetSeconds")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidWorkItemException(e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidWorkItemException("a work item names its " + field);
        }
        return value.asText();
    }

    private static long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidWorkItemException("a work item's " + field + " is a whole number");
        }
        return value.asLong();
    }

    /** A message that can never be a work item: it goes to the work queues' dead-letter queue. */
    public static final class InvalidWorkItemException extends RuntimeException {
        public InvalidWorkItemException(String message) {
            super(message);
        }
    }
}
