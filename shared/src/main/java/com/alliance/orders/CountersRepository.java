package com.alliance.orders;

import com.alliance.orders.OrderCounts.Counter;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Where the running counts of {@link OrderCounts} live, and how a commit adds to them: one
 * {@code ADD} update per host, product or brand touched, to be put in the commit's transaction.
 *
 * <ul>
 *   <li>HOST_STATS: catalog table, {@code HOST#{hostId}} / {@code STATS} (the item matching reads);</li>
 *   <li>PRODUCT_SALES: catalog table, {@code PRODUCT#{productId}} / {@code SALES};</li>
 *   <li>BRAND_SERVICE: orders table, {@code BRAND#{brandId}} / {@code SERVICE}.</li>
 * </ul>
 */
public final class CountersRepository {

    private final DynamoDbClient dynamoDb;

    public CountersRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** The updates adding {@code delta}, one per item, for the transaction that commits the change. */
    public static List<TransactWriteItem> writes(SortedMap<Counter, Long> delta) {
        Map<Item, Map<String, Long>> byItem = new LinkedHashMap<>();
        delta.forEach((counter, value) -> byItem.computeIfAbsent(new Item(counter.scope(), counter.id()),
                item -> new TreeMap<>()).put(counter.name(), value));
        List<TransactWriteItem> writes = new ArrayList<>();
        byItem.forEach((item, values) -> {
            List<String> adds = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> amounts = new HashMap<>();
            int n = 0;
            for (Map.Entry<String, Long> value : values.entrySet()) {
                adds.add("#c" + n + " :c" + n);
                names.put("#c" + n, value.getKey());
                amounts.put(":c" + n, Items.n(value.getValue()));
                n++;
            }
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(item.table()).key(item.key())
                    .updateExpression("ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names).expressionAttributeValues(amounts).build()).build());
        });
        return writes;
    }

    /** The counters of one host, product or brand, by name; an absent counter is 0 (consistent read). */
    public Map<String, Long> read(Scope scope, String id) {
        Item item = new Item(scope, id);
        Map<String, AttributeValue> found = dynamoDb.getItem(GetItemRequest.builder().tableName(item.table())
                .key(item.key()).consistentRead(true).build()).item();
        Map<String, Long> counters = new TreeMap<>();
        if (found != null) {
            found.forEach((name, value) -> {
                if (value.n() != null) {
                    counters.put(name, Long.parseLong(value.n()));
                }
            });
        }
        return counters;
    }

    private record Item(Scope scope, String id) {

        String table() {
            return scope == Scope.BRAND_SERVICE ? Tables.ORDERS.tableName() : Tables.CATALOG.tableName();
        }

        Map<String, AttributeValue> key() {
            return switch (scope) {
                case HOST_STATS -> Items.key("HOST#" + id, "STATS");
                case PRODUCT_SALES -> Items.key("PRODUCT#" + id, "SALES");
                case BRAND_SERVICE -> Items.key("BRAND#" + id, "SERVICE");
            };
        }
    }
}
