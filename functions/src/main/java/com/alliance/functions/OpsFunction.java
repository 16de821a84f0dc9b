package com.alliance.functions;

import com.alliance.auth.Role;
import com.alliance.deadletters.DeadLetter;
import com.alliance.deadletters.DeadLetterQueue;
import com.alliance.deadletters.DeadLetterService;
import com.alliance.deadletters.FailureRecords;
import com.alliance.deadletters.QueuePair;
import com.alliance.errors.InvalidInputException;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.jobs.JobReports;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Fields;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Operations: operators list the order events in the dead-letter queue with the reason each is there, and
 * redrive one (moved back by hand) or all (an SQS message move task) to the order-events queue; and they see how
 * each background job stands (its backlog, its last run, its failures).
 */
public class OpsFunction extends ApiFunction {

    static final int DEFAULT_DEAD_LETTERS = 20;

    private final DeadLetterService deadLetters;
    private final JobReports jobs;

    /** Lambda's entry: clients from the environment, once per container. */
    public OpsFunction() {
        this(Clients.fromEnvironment());
    }

    public OpsFunction(Clients clients) {
        this(clients, new DeadLetterQueue(clients.sqs(), () -> QueuePair.orderEvents(clients.sqs())));
    }

    /** With a queue pair of the caller's choosing (tests use one of their own). */
    public OpsFunction(Clients clients, DeadLetterQueue queue) {
        this.deadLetters = new DeadLetterService(queue, new FailureRecords(clients.dynamoDb()));
        this.jobs = new JobReports(new ShardLeases(clients.dynamoDb()), clients.clock());
        route("GET /ops/dead-letters", this::list);
        route("POST /ops/dead-letters/redrive", this::redrive);
        route("GET /ops/jobs", this::jobs);
    }

    /** Each background job, or the one {@code ?job=} names: how it runs, its backlog, its last run, its failures. */
    private ApiResponse jobs(ApiRequest request) {
        List<JobReports.JobStatus> statuses = jobs.status(request.caller(), request.query("job"));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("jobs");
        for (JobReports.JobStatus status : statuses) {
            ObjectNode job = items.addObject();
            job.put("name", status.spec().name());
            job.put("about", status.spec().about());
            job.put("health", status.health().name());
            job.put("periodSeconds", status.spec().period().toSeconds());
            job.put("budgetSeconds", status.spec().budget().toSeconds());
            job.put("maxConcurrency", status.spec().maxConcurrency());
            job.put("shards", status.shards());
            put(job, "lastDispatchAt", status.lastDispatchAt().map(Object::toString));
            put(job, "lastRunAt", status.lastRunAt().map(Object::toString));
            job.put("lastRunItems", status.lastRunItems());
            job.put("itemsDone", status.itemsDone());
            job.put("failures", status.failures());
            job.put("workItems", status.workItems());
            ObjectNode backlog = job.putObject("backlog");
            backlog.put("due", status.backlog().due());
            backlog.put("atLeast", status.backlog().atLeast());
            put(backlog, "oldestDueAt", status.backlog().oldestDue().map(Object::toString));
            backlog.put("oldestDueAgeSeconds", status.oldestDueAge().toSeconds());
            backlog.put("alarmAgeSeconds", status.spec().alarmAge().toSeconds());
            job.put("shardsWithWork", status.shardsWithWork());
            job.put("shardsInFlight", status.shardsInFlight());
            put(job, "lastError", status.lastError());
            put(job, "lastErrorAt", status.lastErrorAt().map(Object::toString));
        }
        return ApiResponse.ok(json);
    }

    private ApiResponse list(ApiRequest request) {
        request.caller().requireRole(Role.OPERATOR);
        int limit = request.queryInt("limit", DEFAULT_DEAD_LETTERS, 1, DeadLetterService.MAX_PAGE);
        DeadLetterService.Listing listing = deadLetters.list(request.caller(), limit);
        ObjectNode json = Json.object();
        json.put("approximateCount", listing.approximateCount());
        json.put("approximateInFlight", listing.approximateInFlight());
        ArrayNode items = json.putArray("deadLetters");
        for (DeadLetter letter : listing.letters()) {
            ObjectNode item = items.addObject();
            item.put("messageId", letter.messageId());
            item.put("kind", letter.kind().name());
            item.put("reason", letter.reason());
            put(item, "eventId", letter.eventId());
            put(item, "type", letter.type());
            put(item, "orderId", letter.orderId());
            put(item, "sentAt", letter.sentAt().map(Object::toString));
            put(item, "lastError", letter.lastFailure().map(f -> f.error()));
            put(item, "lastFailedAt", letter.lastFailure().map(f -> f.failedAt().toString()));
            item.put("body", letter.body());
        }
        ArrayNode redrives = json.putArray("redrives");
        for (DeadLetterQueue.MoveTask task : listing.redrives()) {
            ObjectNode item = redrives.addObject();
            item.put("taskHandle", task.taskHandle());
            item.put("status", task.status());
            item.put("moved", task.moved());
            task.toMove().ifPresentOrElse(n -> item.put("toMove", n), () -> item.putNull("toMove"));
            put(item, "startedAt", task.startedAt().map(Object::toString));
            put(item, "failureReason", task.failureReason());
        }
        return ApiResponse.ok(json);
    }

    /** Body {@code {"messageId": "..."}} redrives one; {@code {"all": true}} starts a redrive of all. */
    private ApiResponse redrive(ApiRequest request) {
        request.caller().requireRole(Role.OPERATOR);
        JsonNode body = request.jsonBody();
        Optional<String> messageId = Fields.optionalText(body, "messageId");
        boolean all = Fields.optionalBoolean(body, "all").orElse(false);
        if (messageId.isPresent() && messageId.get().isBlank()) {
            throw InvalidInputException.field("messageId", "messageId must not be blank");
        }
        if (messageId.isPresent() == all) {
            throw InvalidInputException.field(all ? "all" : "messageId", "give either messageId or \"all\": true");
        }
        ObjectNode json = Json.object();
        if (all) {
            json.put("taskHandle", deadLetters.redriveAll(request.caller()));
            return ApiResponse.accepted(json);
        }
        json.put("messageId", messageId.get());
        json.put("newMessageId", deadLetters.redrive(request.caller(), messageId.get()));
        return ApiResponse.ok(json);
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }
}
