package com.alliance.orders;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Brings the orders written before the report hours into them, once: it scans the orders table a page at a time for
 * order items without {@link ReportHours#COUNTED} and sets it on each. That change reaches the stream like any other,
 * and the fold adds the order's whole report contribution exactly once (the old image counted nothing there). Where
 * the scan stands is kept in {@code JOB#report-hours-backfill} / {@code CURSOR} ({@code lastKey}, then
 * {@code done}), so each run goes on from the last and, once done, a run costs one read. Orders written by this
 * code carry the attribute from their first write, so nothing is left behind once every function runs it; deleting
 * the cursor item runs the scan again (setting the attribute twice changes nothing).
 */
public final class ReportHoursBackfillJob implements ScheduledJob {

    static final Map<String, AttributeValue> CURSOR = Items.key("JOB#report-hours-backfill", "CURSOR");
    private static final int PAGE = 500;

    private final DynamoDbClient dynamoDb;
    private final String table = Tables.ORDERS.tableName();

    public ReportHoursBackfillJob(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public String name() {
        return "report-hours-backfill";
    }

    @Override
    public int runOnce(Instant now, Deadline deadline) {
        Map<String, AttributeValue> cursor = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(CURSOR)
                .consistentRead(true).build()).item();
        if (cursor != null && cursor.containsKey("done")) {
            return 0;
        }
        Map<String, AttributeValue> from = cursor == null || !cursor.containsKey("lastKey") ? Map.of() : cursor.get("lastKey").m();
        int marked = 0;
        while (!deadline.hasPassed()) {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table).limit(PAGE)
                    .filterExpression("begins_with(pk, :order) AND sk = :state AND attribute_not_exists(#counted)")
                    .expressionAttributeNames(Map.of("#counted", ReportHours.COUNTED))
                    .expressionAttributeValues(Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE")));
            if (!from.isEmpty()) {
                scan.exclusiveStartKey(from);
            }
            ScanResponse page = dynamoDb.scan(scan.build());
            for (Map<String, AttributeValue> order : page.items()) {
                marked += mark(Items.key(order.get("pk").s(), order.get("sk").s()));
            }
            from = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : Map.of();
            Items.Builder state = Items.builder().s("pk", CURSOR.get("pk").s()).s("sk", CURSOR.get("sk").s())
                    .s("updatedAt", now.toString());
            if (from.isEmpty()) {
                dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(state.bool("done", true).build()).build());
                break;
            }
            dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(state.attr("lastKey", AttributeValue.fromM(from)).build()).build());
        }
        return marked;
    }

    /** Sets the attribute unless the order has it already (a commit since wrote it, or an earlier run): 1 if set. */
    private int mark(Map<String, AttributeValue> key) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key)
                    .updateExpression("SET #counted = :true")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#counted)")
                    .expressionAttributeNames(Map.of("#counted", ReportHours.COUNTED))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))).build());
            return 1;
        } catch (ConditionalCheckFailedException alreadyCounted) {
            return 0;
        }
    }
}
