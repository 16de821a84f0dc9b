package com.alliance.orders;

import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.ScanBackfillJob;
import com.alliance.jobs.ScanPass;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Brings the orders written before the report hours into them, once: it scans the orders table a page at a time for
 * order items without {@link ReportHours#COUNTED} and sets it on each. That change reaches the stream like any other,
 * and the fold adds the order's whole report contribution exactly once (the old image counted nothing there). Where
 * the scan stands is kept per segment in {@code JOB#report-hours-backfill} / {@code CURSOR#{segment}} ({@link ScanPass}):
 * its {@value #SEGMENTS} scan segments are its shards, each order item in exactly one, so the segments run side by side
 * and each order item is marked by one worker. Each work item goes on from the last and, once done, a segment costs
 * one read. Orders written by this
 * code carry the attribute from their first write, so nothing is left behind once every function runs it; deleting
 * the cursor item runs the scan again (setting the attribute twice changes nothing).
 */
public final class ReportHoursBackfillJob extends ScanBackfillJob {

    static final int SEGMENTS = 16;

    private final DynamoDbClient dynamoDb;
    private final String table = Tables.ORDERS.tableName();

    public ReportHoursBackfillJob(DynamoDbClient dynamoDb) {
        super(new ScanPass(dynamoDb, Tables.ORDERS.tableName(), JobCatalog.REPORT_HOURS_BACKFILL, SEGMENTS,
                "begins_with(pk, :order) AND sk = :state AND attribute_not_exists(#counted)",
                Map.of("#counted", ReportHours.COUNTED), Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE"))));
        this.dynamoDb = dynamoDb;
    }

    /** Sets the attribute unless the order has it already (a commit since wrote it, or an earlier run): 1 if set. */
    @Override
    protected int mark(Map<String, AttributeValue> order) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Items.key(order.get("pk").s(), order.get("sk").s()))
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
