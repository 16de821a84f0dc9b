package com.alliance.orderlists;

import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.ScanBackfillJob;
import com.alliance.jobs.ScanPass;
import com.alliance.orders.OrderListKeys;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Brings the orders paid before the order lists into them, once: it scans the orders table a page at a time for paid
 * order items without the host-list keys ({@link OrderListKeys}, gsi7) and sets them. That change reaches the stream
 * like any other: the flagged-order items of a held, voided, refunded or cancelled order are put from it
 * ({@link OrderFlagsFold}: an image without the keys stands for no flags), and the report hours add the order's money
 * and review counters exactly once (the fold counts them only for an image with the keys). Where the scan stands is
 * kept per segment in {@code JOB#order-lists-backfill} / {@code CURSOR#{segment}} ({@link ScanPass}); orders written by
 * this code carry the keys from their payment on, so nothing is left behind once every function runs it.
 */
public final class OrderListsBackfillJob extends ScanBackfillJob {

    static final int SEGMENTS = 16;

    private final DynamoDbClient dynamoDb;
    private final String table = Tables.ORDERS.tableName();

    public OrderListsBackfillJob(DynamoDbClient dynamoDb) {
        super(new ScanPass(dynamoDb, Tables.ORDERS.tableName(), JobCatalog.ORDER_LISTS_BACKFILL, SEGMENTS,
                "begins_with(pk, :order) AND sk = :state AND attribute_exists(paidAt) AND attribute_not_exists(gsi7pk)",
                Map.of(), Map.of(":order", Items.s("ORDER#"), ":state", Items.s("STATE"))));
        this.dynamoDb = dynamoDb;
    }

    /** Sets the host-list keys unless the order has them already (a commit since wrote them): 1 if set. */
    @Override
    protected int mark(Map<String, AttributeValue> order) {
        String orderId = order.get("orderId").s();
        Instant paidAt = Instant.parse(order.get("paidAt").s());
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Items.key(order.get("pk").s(), order.get("sk").s()))
                    .updateExpression("SET gsi7pk = :pk, gsi7sk = :sk")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(gsi7pk)")
                    .expressionAttributeValues(Map.of(
                            ":pk", Items.s(OrderListKeys.partition(OrderListKeys.HOST_LIST, order.get("hostId").s(), orderId)),
                            ":sk", Items.s(OrderListKeys.paidKey(paidAt, orderId)))).build());
            return 1;
        } catch (ConditionalCheckFailedException alreadyListed) {
            return 0;
        }
    }
}
