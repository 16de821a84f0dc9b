package com.alliance.jobs;

import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Who may work a job's shard, in the jobs table: {@code JOB#{job}} / {@code SHARD#{shard}} holds the shard's lease (a
 * token, a step and until when it holds) and what its last work items did; {@code JOB#{job}} / {@code DISPATCH} the
 * job's last dispatch. Every change of a lease is conditional:
 * <ul>
 *   <li>the dispatcher {@link #lease leases} a shard only when no lease holds it (none, or one that has run out), with
 *       a fresh token, and only then sends its work item;</li>
 *   <li>a worker {@link #take takes} a work item only if the lease still has its token and step, and moves the step on:
 *       a second delivery of the same message, or a message of a lease that ran out and was given again, finds
 *       another step or token and is dropped;</li>
 *   <li>the worker that took it then {@link #handOn hands it on} (the lease held again while its next item waits in
 *       the queue) or {@link #release releases} it, each conditional on the step it took.</li>
 * </ul>
 * So two workers never hold one shard at once: a worker stops at its deadline, which is before its lease runs out.
 * Every change is safe to send twice (the SDK retries a write whose answer was lost): a refused one reads the lease
 * back, and it counts as done when the lease shows this caller's own mark (its token, or the taker id of its take).
 * Times here are the wall clock's ({@code leaseClock}), never a job's notion of now.
 */
public final class ShardLeases {

    /** How long a lease holds while its work item waits in the queue: a backed-up queue loses it, never two workers. */
    public static final Duration QUEUED = Duration.ofMinutes(15);
    /** What a taken lease holds beyond the work item's budget: the worker's own deadline comes well before. */
    public static final Duration MARGIN = Duration.ofSeconds(60);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock leaseClock;

    public ShardLeases(DynamoDbClient dynamoDb, Clock leaseClock) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.JOBS.tableName();
        this.leaseClock = leaseClock;
    }

    public ShardLeases(DynamoDbClient dynamoDb) {
        this(dynamoDb, Clock.systemUTC());
    }

    static Map<String, AttributeValue> shardKey(String job, int shard) {
        return Items.key("JOB#" + job, "SHARD#" + String.format("%05d", shard));
    }

    static Map<String, AttributeValue> dispatchKey(String job) {
        return Items.key("JOB#" + job, "DISPATCH");
    }

    /** Leases a free shard for a new work item with {@code token}: false when a lease holds it. */
    public boolean lease(String job, int shard, String token) {
        return borrow(job, shard, token, QUEUED);
    }

    /**
     * Holds a free shard for work done in the caller's own hand for at most {@code hold} (a request finishing a small
     * settlement run at once, as a worker would): false when a lease holds it. {@link #giveBack} ends it.
     */
    public boolean borrow(String job, int shard, String token, Duration hold) {
        Instant now = leaseClock.instant();
        Map<String, AttributeValue> key = shardKey(job, shard);
        return update(key,
                "SET #token = :token, step = :zero, leaseUntil = :until, leasedAt = :now, shardNumber = :shard",
                "attribute_not_exists(#token) OR leaseUntil < :nowMillis",
                Map.of(":token", Items.s(token), ":zero", Items.n(0), ":until", Items.n(now.plus(hold).toEpochMilli()),
                        ":now", Items.s(now.toString()), ":nowMillis", Items.n(now.toEpochMilli()), ":shard", Items.n(shard)))
                || token.equals(Items.stringOf(read(key), "token"));
    }

    /** Ends what {@link #borrow} began, if the lease is still the caller's. */
    public void giveBack(String job, int shard, String token) {
        update(shardKey(job, shard), "REMOVE #token, step, leaseUntil", "#token = :token", Map.of(":token", Items.s(token)));
    }

    /** A work item a worker took, and the id of that take: only this take may hand it on or release it. */
    public record Taken(WorkItem item, String taker) {
    }

    /**
     * Takes a work item for {@code hold}: empty when its lease has moved on (a duplicate delivery, whose take finds the
     * step moved, or an item of a lease given again).
     */
    public Optional<Taken> take(WorkItem item, Duration hold) {
        Instant now = leaseClock.instant();
        String taker = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = shardKey(item.job(), item.shard());
        boolean taken = update(key, "SET step = :next, leaseUntil = :until, takenAt = :now, takenBy = :taker",
                "#token = :token AND step = :step",
                Map.of(":next", Items.n(item.step() + 1), ":until", Items.n(now.plus(hold).toEpochMilli()),
                        ":now", Items.s(now.toString()), ":token", Items.s(item.token()), ":step", Items.n(item.step()),
                        ":taker", Items.s(taker)))
                || taker.equals(Items.stringOf(read(key), "takenBy"));
        return taken ? Optional.of(new Taken(item, taker)) : Optional.empty();
    }

    /**
     * Keeps the lease of a taken item for its next item ({@code next}, from {@link WorkItem#handedOn}) while that waits
     * in the queue, and records what this one did: false when the lease is no longer this worker's.
     */
    public boolean handOn(Taken taken, WorkItem next, Progress progress) {
        Instant now = leaseClock.instant();
        Map<String, AttributeValue> values = statValues(progress, now, taken.taker());
        values.put(":until", Items.n(now.plus(QUEUED).toEpochMilli()));
        values.put(":token", Items.s(next.token()));
        values.put(":step", Items.n(next.step()));
        return finish(shardKey(next.job(), next.shard()), "SET leaseUntil = :until, " + STAT_SETS
                + (progress.lastError().isPresent() ? ERROR_SETS : "") + STAT_ADDS, values, taken.taker());
    }

    /** Gives the shard back after a taken item, recording what it did. */
    public boolean release(Taken taken, Progress progress) {
        Instant now = leaseClock.instant();
        Map<String, AttributeValue> values = statValues(progress, now, taken.taker());
        values.put(":token", Items.s(taken.item().token()));
        values.put(":step", Items.n(taken.item().step() + 1));
        return finish(shardKey(taken.item().job(), taken.item().shard()), "SET " + STAT_SETS
                + (progress.lastError().isPresent() ? ERROR_SETS : "") + STAT_ADDS
                + " REMOVE #token, step, leaseUntil, takenAt, takenBy", values, taken.taker());
    }

    /**
     * The last write of a take, once: conditional on the lease being the take's and not yet finished by it
     * ({@code finishedBy}), so a retry of a write whose answer was lost neither counts twice nor fails.
     */
    private boolean finish(Map<String, AttributeValue> key, String update, Map<String, AttributeValue> values, String taker) {
        return update(key, update, "#token = :token AND step = :step AND takenBy = :taker"
                + " AND (attribute_not_exists(finishedBy) OR finishedBy <> :taker)", values)
                || taker.equals(Items.stringOf(read(key), "finishedBy"));
    }

    private static final String STAT_SETS = "lastRunAt = :now, lastDone = :done, lastFailed = :failed, finishedBy = :taker";
    private static final String ERROR_SETS = ", lastError = :error, lastErrorAt = :now";
    private static final String STAT_ADDS = " ADD doneTotal :done, failedTotal :failed, workItems :one";

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(key)
                .consistentRead(true).build()).item();
        return item == null ? Map.of() : item;
    }

    private static Map<String, AttributeValue> statValues(Progress progress, Instant now, String taker) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", Items.s(now.toString()),
                ":done", Items.n(progress.done()), ":failed", Items.n(progress.failed()), ":one", Items.n(1),
                ":taker", Items.s(taker)));
        progress.lastError().ifPresent(error -> values.put(":error", Items.s(error.length() > 500 ? error.substring(0, 500) : error)));
        return values;
    }

    /** The job's last dispatch, written by its dispatcher alone. */
    public void recordDispatch(String job, JobDispatcher.Dispatch dispatch) {
        Items.Builder item = Items.builder().attrs(dispatchKey(job)).s("job", job)
                .s("dispatchedAt", dispatch.at().toString()).n("due", dispatch.backlog().due())
                .bool("dueAtLeast", dispatch.backlog().atLeast()).n("shardsWithWork", dispatch.shardsWithWork())
                .n("shardsDispatched", dispatch.shardsDispatched()).n("finished", dispatch.finished())
                .n("shards", dispatch.shards());
        dispatch.backlog().oldestDue().ifPresent(at -> item.s("oldestDueAt", at.toString()));
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item.build()).build());
    }

    /** A shard's lease and what its work items did, as stored. */
    public record ShardState(int shard, boolean leased, Optional<Instant> lastRunAt, long lastDone, long doneTotal,
                             long failedTotal, long workItems, Optional<String> lastError, Optional<Instant> lastErrorAt) {
    }

    /** A job's stored state: its shards that ever ran and its last dispatch. */
    public record JobState(List<ShardState> shards, Optional<Map<String, AttributeValue>> dispatch) {
    }

    /** Everything stored of a job: one Query of its partition (a shard item each, and the dispatch). */
    public JobState read(String job) {
        long now = leaseClock.millis();
        List<ShardState> shards = new ArrayList<>();
        Optional<Map<String, AttributeValue>> dispatch = Optional.empty();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :job").expressionAttributeValues(Map.of(":job", Items.s("JOB#" + job)))
                .build()).items()) {
            if (item.get("sk").s().equals("DISPATCH")) {
                dispatch = Optional.of(item);
                continue;
            }
            shards.add(new ShardState((int) Items.longOf(item, "shardNumber", 0),
                    item.containsKey("token") && Items.longOf(item, "leaseUntil", 0) >= now,
                    instant(item, "lastRunAt"), Items.longOf(item, "lastDone", 0), Items.longOf(item, "doneTotal", 0),
                    Items.longOf(item, "failedTotal", 0), Items.longOf(item, "workItems", 0),
                    Optional.ofNullable(Items.stringOf(item, "lastError")), instant(item, "lastErrorAt")));
        }
        return new JobState(shards, dispatch);
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(Items.stringOf(item, name)).map(Instant::parse);
    }

    private boolean update(Map<String, AttributeValue> key, String update, String condition,
                           Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key).updateExpression(update)
                    .conditionExpression(condition).expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(values).build());
            return true;
        } catch (ConditionalCheckFailedException leaseMovedOn) {
            return false;
        }
    }
}
