package com.alliance.ledger;

import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Running totals of a party's postings on one ledger shard, so a balance or an opening balance reads a
 * few items and the postings after them instead of the party's whole history. Ledger table,
 * {@code CHECKPOINT#{party}#{shard} / AT#{boundary}}: the per-state sums and count of every posting on
 * {@code PARTY#{party}#{shard}} posted before {@code boundary}, a multiple of {@link #BUCKET}.
 *
 * <p>Postings are immutable, so a checkpoint is a pure function of the postings before its boundary: readers
 * write them as they sum a shard's postings, any number of readers may write the same one, and no order's
 * transaction writes one. A boundary is checkpointed only once it is {@link #SETTLED_AFTER} old: a posting's
 * time is taken by the function that commits it, and no function runs longer than 15 minutes (Lambda's
 * limit), so nothing can still commit before a settled boundary. A checkpoint is written at the start of a
 * bucket once {@link #POSTINGS_BETWEEN} postings follow the previous one, and at the latest settled bucket start a
 * read passes, so the next read past it reads the last settled bucket's postings and those not yet settled, however
 * long the history.
 */
public final class BalanceCheckpoints {

    /** Checkpoint boundaries fall on multiples of this (UTC): every hour start, so every date bound, is one. */
    public static final Duration BUCKET = Duration.ofMinutes(15);
    /**
     * Postings read on a shard before its next bucket start is checkpointed: a read past the last checkpoint
     * reads at most this many postings and a bucket's, and a party with few postings gets few checkpoints.
     */
    public static final int POSTINGS_BETWEEN = 64;
    /** How old a boundary must be before it is checkpointed: the longest a Lambda function runs. */
    public static final Duration SETTLED_AFTER = Duration.ofMinutes(15);

    /** Sums of a shard's postings before {@code boundary} ({@link Instant#EPOCH}: none before it, all zero). */
    public record Checkpoint(Instant boundary, Map<PostingState, Long> totals, long postings) {

        public static final Checkpoint NONE = new Checkpoint(Instant.EPOCH, Map.of(), 0);

        public Checkpoint {
            totals = Collections.unmodifiableMap(new TreeMap<>(totals));
        }

        /** The sort key postings before the boundary sort below and postings at or after it above. */
        public String sortKey() {
            return boundary.equals(Instant.EPOCH) ? "POST#" : "POST#" + SortableTime.of(boundary);
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public BalanceCheckpoints(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.LEDGER.tableName();
    }

    /** The start of the bucket holding {@code instant}. */
    public static Instant bucketOf(Instant instant) {
        long size = BUCKET.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), size) * size);
    }

    /** The partition key of a party's shard's checkpoints. */
    public static String partitionKey(String party, int shard) {
        return "CHECKPOINT#" + party + "#" + shard;
    }

    /** The latest checkpoint of a shard, none when it has none. */
    public Checkpoint latest(String party, int shard) {
        return last(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(partitionKey(party, shard)))));
    }

    /** The latest checkpoint of a shard whose boundary is at or before the posting sort key {@code sortKey}. */
    public Checkpoint atOrBefore(String party, int shard, String sortKey) {
        // AT#{time} <= AT#{rest of the posting key} exactly when the boundary is at or before the posting's time
        return last(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk AND sk <= :at")
                .expressionAttributeValues(Map.of(":pk", Items.s(partitionKey(party, shard)),
                        ":at", Items.s("AT#" + sortKey.substring("POST#".length())))));
    }

    private Checkpoint last(QueryRequest.Builder query) {
        QueryResponse response = dynamoDb.query(query.scanIndexForward(false).limit(1).build());
        return response.items().isEmpty() ? Checkpoint.NONE : fromItem(response.items().get(0));
    }

    /** Writes checkpoints; each is the same whoever computes it, so a plain Put, written twice or not. */
    public void put(String party, int shard, List<Checkpoint> checkpoints) {
        List<WriteRequest> writes = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(party, shard, checkpoint)).build()).build());
            if (writes.size() == 25) {
                flush(writes);
            }
        }
        flush(writes);
    }

    private void flush(List<WriteRequest> writes) {
        if (writes.isEmpty()) {
            return;
        }
        Map<String, List<WriteRequest>> requests = Map.of(table, List.copyOf(writes));
        writes.clear();
        while (!requests.isEmpty()) {
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
            requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    static Map<String, AttributeValue> toItem(String party, int shard, Checkpoint checkpoint) {
        Items.Builder item = Items.builder().s("pk", partitionKey(party, shard))
                .s("sk", "AT#" + SortableTime.of(checkpoint.boundary()))
                .s("boundary", checkpoint.boundary().toString()).n("postings", checkpoint.postings());
        checkpoint.totals().forEach((state, fen) -> item.n(state.name(), fen));
        return item.build();
    }

    static Checkpoint fromItem(Map<String, AttributeValue> item) {
        SortedMap<PostingState, Long> totals = new TreeMap<>();
        for (PostingState state : PostingState.values()) {
            if (item.containsKey(state.name())) {
                totals.put(state, Items.longOf(item, state.name()));
            }
        }
        return new Checkpoint(Instant.parse(item.get("boundary").s()), totals, Items.longOf(item, "postings"));
    }
}
