package com.alliance.jobs;

import com.alliance.persistence.Items;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One pass of an upgrade job over a table, cut into {@code segments} parallel scan segments (DynamoDB's
 * {@code Segment} / {@code TotalSegments}), each a shard of the job: a segment is scanned a page at a time and goes on
 * from where the last work item stood, kept in {@code JOB#{name}} / {@code CURSOR#{segment}} ({@code lastKey}, then
 * {@code done}), so once done a segment costs one read. Each item of the table is in exactly one segment. Deleting the
 * cursor items runs the pass again, so what a page does must be safe to do twice. A pass that ran whole as one scan
 * before segments (its {@code CURSOR} item done) counts as done in every segment.
 *
 * @param filter the scan's filter expression, with its names and values
 */
public record ScanPass(DynamoDbClient dynamoDb, String table, String name, int segments, String filter,
                       Map<String, String> names, Map<String, AttributeValue> values) {

    static final int PAGE = 500;

    public ScanPass {
        names = Map.copyOf(names);
        values = Map.copyOf(values);
        if (segments < 1 || segments > 1_000_000) {
            throw new IllegalArgumentException("a scan has 1 to 1 000 000 segments: " + segments);
        }
    }

    /** The key of the item keeping where a segment stands. */
    public Map<String, AttributeValue> cursor(int segment) {
        return Items.key("JOB#" + name, "CURSOR#" + segment);
    }

    /** A segment still to scan is one item of work (how many pages is not known until it is read). */
    public Backlog backlog(int segment) {
        return done(segment) ? Backlog.NONE : new Backlog(1, true, Optional.empty());
    }

    private boolean done(int segment) {
        return isDone(read(Items.key("JOB#" + name, "CURSOR"))) || isDone(read(cursor(segment)));
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(key)
                .consistentRead(true).build()).item();
        return item == null ? Map.of() : item;
    }

    private static boolean isDone(Map<String, AttributeValue> cursor) {
        return cursor.containsKey("done");
    }

    /** Scans a segment on until the deadline or its end, handing each page's items to {@code page}; adds what it answers. */
    public Progress run(int segment, Instant now, Deadline deadline, ToIntFunction<List<Map<String, AttributeValue>>> page) {
        if (done(segment)) {
            return Progress.NOTHING;
        }
        Map<String, AttributeValue> cursor = read(cursor(segment));
        Map<String, AttributeValue> from = cursor.containsKey("lastKey") ? cursor.get("lastKey").m() : Map.of();
        long done = 0;
        while (!deadline.hasPassed()) {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).limit(PAGE).filterExpression(filter)
                    .expressionAttributeValues(values).segment(segment).totalSegments(segments);
            if (!names.isEmpty()) {
                scan.expressionAttributeNames(names);
            }
            if (!from.isEmpty()) {
                scan.exclusiveStartKey(from);
            }
            ScanResponse response = dynamoDb.scan(scan.build());
            done += page.applyAsInt(response.items());
            from = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            Items.Builder state = Items.builder().attrs(cursor(segment)).s("updatedAt", now.toString());
            if (from.isEmpty()) {
                dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(state.bool("done", true).build()).build());
                return Progress.finished(done, 0, Optional.empty());
            }
            dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(state.attr("lastKey", AttributeValue.fromM(from)).build()).build());
        }
        return Progress.stoppedAt(done, 0, Optional.empty(), Optional.empty());
    }
}
