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
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
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
 *
 * <p>A host's or brand's counters item also carries {@link #REVISION}, one more on every change, and each
 * change puts a mark {@code TRUST#DIRTY#{shard}} / {@code HOST#{id}} or {@code BRAND#{id}} (orders table) with
 * a fresh {@code token}, in the same transaction: the trust job reads the marks of a shard with one Query,
 * recomputes trust from the counters, writes it only over an older revision, and deletes the mark only if
 * its token is still the one it read. So a change after the job read the counters leaves the mark for the
 * next run, and a slow job never overwrites a newer trust with an older one.
 */
public final class CountersRepository {

    /** Counter of changes to a host's or brand's counters item: the version trust was computed from. */
    public static final String REVISION = "revision";
    /** How many partitions the trust marks spread over. */
    public static final int DIRTY_SHARDS = 16;

    /** A host or brand whose counters changed since its trust was last computed. */
    public record Dirty(Scope scope, String id, String token) {
    }

    private final DynamoDbClient dynamoDb;

    public CountersRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * The updates adding {@code delta}, one per item, for the transaction that commits the change; a host's or
     * brand's item also gets one more {@link #REVISION}, and a trust mark is put for it.
     */
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
            if (item.scope() != Scope.PRODUCT_SALES) {
                adds.add("#revision :one");
                names.put("#revision", REVISION);
                amounts.put(":one", Items.n(1));
            }
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
            if (item.scope() != Scope.PRODUCT_SALES) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(Tables.ORDERS.tableName())
                        .item(Items.builder().s("pk", dirtyPartition(item.scope(), item.id()))
                                .s("sk", dirtySortKey(item.scope(), item.id()))
                                .s("token", UUID.randomUUID().toString()).build()).build()).build());
            }
        });
        return writes;
    }

    /** Up to {@code limit} marked hosts and brands of one shard (consistent read). */
    public List<Dirty> dirty(int shard, int limit) {
        QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(Tables.ORDERS.tableName())
                .keyConditionExpression("pk = :pk").consistentRead(true).limit(limit)
                .expressionAttributeValues(Map.of(":pk", Items.s(DIRTY_PREFIX + shard))).build());
        List<Dirty> dirty = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            String sk = item.get("sk").s();
            Scope scope = sk.startsWith("HOST#") ? Scope.HOST_STATS : Scope.BRAND_SERVICE;
            dirty.add(new Dirty(scope, sk.substring(sk.indexOf('#') + 1), item.get("token").s()));
        }
        return dirty;
    }

    /** Deletes the mark if no change came since it was read; false when one did (it stays for the next run). */
    public boolean clear(Dirty dirty) {
        try {
            dynamoDb.deleteItem(DeleteItemRequest.builder().tableName(Tables.ORDERS.tableName())
                    .key(Items.key(dirtyPartition(dirty.scope(), dirty.id()), dirtySortKey(dirty.scope(), dirty.id())))
                    .conditionExpression("#token = :token").expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", Items.s(dirty.token()))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static final String DIRTY_PREFIX = "TRUST#DIRTY#";

    private static String dirtyPartition(Scope scope, String id) {
        return DIRTY_PREFIX + Math.floorMod((scope + id).hashCode(), DIRTY_SHARDS);
    }

    private static String dirtySortKey(Scope scope, String id) {
        return (scope == Scope.HOST_STATS ? "HOST#" : "BRAND#") + id;
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
