package com.alliance.jobs;

import com.alliance.persistence.Items;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One pass of an upgrade job over a table, a page at a time, that goes on from where the last run stood: the
 * scan's place is kept in {@code JOB#{name}} / {@code CURSOR} ({@code lastKey}, then {@code done}), so each run
 * goes on from the last and, once done, a run costs one read. Deleting the cursor item runs the pass again, so what
 * a page does must be safe to do twice.
 *
 * @param filter the scan's filter expression, with its names and values
 */
public record ScanPass(DynamoDbClient dynamoDb, String table, String name, String filter, Map<String, String> names,
                       Map<String, AttributeValue> values) {

    static final int PAGE = 500;

    public ScanPass {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
    }

    /** The key of the item keeping where the pass stands. */
    public Map<String, AttributeValue> cursor() {
        return Items.key("JOB#" + name, "CURSOR");
    }

    /** Scans on until the deadline or the table's end, handing each page's items to {@code page}; adds what it answers. */
    public int run(Instant now, Deadline deadline, ToIntFunction<List<Map<String, AttributeValue>>> page) {
        Map<String, AttributeValue> cursor = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(cursor())
                .consistentRead(true).build()).item();
        if (cursor != null && cursor.containsKey("done")) {
            return 0;
        }
        Map<String, AttributeValue> from = cursor == null || !cursor.containsKey("lastKey") ? Map.of() : cursor.get("lastKey").m();
        int done = 0;
        while (!deadline.hasPassed()) {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).limit(PAGE).filterExpression(filter)
                    .expressionAttributeValues(values);
            if (!names.isEmpty()) {
                scan.expressionAttributeNames(names);
            }
            if (!from.isEmpty()) {
                scan.exclusiveStartKey(from);
            }
            ScanResponse response = dynamoDb.scan(scan.build());
            done += page.applyAsInt(response.items());
            from = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            Items.Builder state = Items.builder().s("pk", cursor().get("pk").s()).s("sk", cursor().get("sk").s())
                    .s("updatedAt", now.toString());
            if (from.isEmpty()) {
                dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(state.bool("done", true).build()).build());
                break;
            }
            dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(state.attr("lastKey", AttributeValue.fromM(from)).build()).build());
        }
        return done;
    }
}
