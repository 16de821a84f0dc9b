package com.alliance.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** The items of one partition whose sort keys lie in a range: the Query the report and audience reads share. */
public final class KeyRange {

    private KeyRange() {
    }

    /** Every item of {@code pk} with a sort key in [fromKey, toKey], every page, its read units on {@code capacity}. */
    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, CapacityMeter capacity, String table,
                                                          String pk, String fromKey, String toKey, boolean consistent) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(fromKey), ":to", Items.s(toKey)))
                .consistentRead(consistent).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(request)) {
            capacity.read(page.consumedCapacity());
            items.addAll(page.items());
        }
        return items;
    }
}
