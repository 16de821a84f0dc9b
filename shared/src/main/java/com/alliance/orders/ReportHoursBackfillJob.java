package com.alliance.orders;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScanPass;
import com.alliance.jobs.ScheduledJob;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Brings the orders written before the report hours into them, once: it scans the orders table a page at a time for
 * order items without {@link ReportHours#COUNTED} and sets it on each. That change reaches the stream like any other,
 * and the fold adds the order's whole report contribution exactly once (the old image counted nothing there). Where
 * the scan stands is kept in {@code JOB#report-hours-backfill} / {@code CURSOR} ({@link ScanPass}), so each run
 * goes on from the last and, once done, a run costs one read. Orders written by this
 * code carry the attribute from their first write, so nothing is left behind once every function runs it; deleting
 * the cursor item runs the scan again (setting the attribute twice changes nothing).
 */
public final class ReportHoursBackfillJob implements ScheduledJob {

    private final DynamoDbClient dynamoDb;
    private final String table = Tables.ORDERS.tableName();
    private final ScanPass pass;

    public ReportHoursBackfillJob(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.pass = new ScanPass(dynamoDb, table, name(),
                "begins_with(pk, :order) AND sk = :state AND attribute_not_exists(#counted)",
                Map.of("#counted", ReportHours.COUNTED), Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE")));
    }

    @Override
    public String name() {
        return "report-hours-backfill";
    }

    @Override
    public int runOnce(Instant now, Deadline deadline) {
        return pass.run(now, deadline, orders -> {
            int marked = 0;
            for (Map<String, AttributeValue> order : orders) {
                marked += mark(Items.key(order.get("pk").s(), order.get("sk").s()));
            }
            return marked;
        });
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
