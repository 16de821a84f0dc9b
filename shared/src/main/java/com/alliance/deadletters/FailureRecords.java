package com.alliance.deadletters;

import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The last failure of each order event that exhausted its receives: one small item per event,
 * {@code FAILED#{eventId}} / {@code FAILURE} in the orders table, written by the failing handler on the
 * message's last receive and expired by TTL after the dead-letter queue's retention.
 */
public final class FailureRecords {

    /** Batch reads take at most 100 keys: a page of dead letters is at most this long. */
    public static final int MAX_BATCH = 100;

    /** The dead-letter queue keeps a message 14 days; a reason outlives it by a day, then TTL removes it. */
    static final Duration KEEP = Duration.ofDays(15);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public FailureRecords(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.ORDERS.tableName();
    }

    static Map<String, AttributeValue> key(String eventId) {
        return Items.key("FAILED#" + eventId, "FAILURE");
    }

    /** Keeps the failure; a later failure of the same event replaces it (the last one is what counts). */
    public void record(FailureRecord failure) {
        Map<String, AttributeValue> item = new HashMap<>(key(failure.eventId()));
        item.putAll(Items.builder()
                .s("eventId", failure.eventId())
                .s("messageId", failure.messageId())
                .s("error", failure.error())
                .s("failedAt", failure.failedAt().toString())
                .n("receiveCount", failure.receiveCount())
                .n("expiresAt", failure.failedAt().plus(KEEP).getEpochSecond())
                .build());
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    /** The recorded failures of {@code eventIds} that have one, by event id (eventually consistent). */
    public Map<String, FailureRecord> find(Collection<String> eventIds) {
        List<String> ids = eventIds.stream().distinct().toList();
        if (ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " event ids at once");
        }
        Map<String, FailureRecord> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(table,
                KeysAndAttributes.builder().keys(ids.stream().map(FailureRecords::key).toList()).build());
        while (!request.isEmpty()) {
            BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                FailureRecord failure = new FailureRecord(item.get("eventId").s(), item.get("messageId").s(),
                        item.get("error").s(), Instant.parse(item.get("failedAt").s()),
                        (int) Items.longOf(item, "receiveCount"));
                found.put(failure.eventId(), failure);
            }
            request = response.unprocessedKeys();
        }
        return found;
    }
}
