package com.alliance.orderlists;

import com.alliance.orders.ListedStatus;
import com.alliance.orders.OrderListKeys;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.ShardReads;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Reads a party's order list from its sharded index partitions (orders table; keys in {@link OrderListKeys}) and
 * the orders of a page; writes the flagged-order items the orders stream keeps. Each page is one Query per shard,
 * issued together ({@link ShardReads}), from the page's position down, then one BatchGetItem of its orders: its cost
 * depends on the page, never on how many orders the party has.
 *
 * <ul>
 *   <li>a host's list: gsi7 {@code HOSTORD#{hostId}#{n}} / {@code PAID#{paidAt}#{orderId}};</li>
 *   <li>a brand's list: gsi1 {@code BRAND#{brandId}#{n}} / {@code PAID#{paidAt}#{orderId}};</li>
 *   <li>a flagged status ({@link ListedStatus#FLAGGED}): the items {@code HOSTFLAG#}/{@code BRANDFLAG#{party}#{n}} /
 *       {@code {status}#{paidAt}#{orderId}}.</li>
 * </ul>
 * A product or host filter is a Query filter on what the entry copies ({@code productId}, {@code hostId}), evaluating
 * at most {@link #FILTER_EVALUATED} entries per shard, so a filtered page may be short and says where to go on.
 */
public final class OrderListRepository {

    /** Entries a filtered Query evaluates per shard and page, at most: bounds a page's cost whatever it matches. */
    public static final int FILTER_EVALUATED = 100;
    /** Rounds of reads an unfiltered page makes at most (nearly always one); a page still short then says where to go on. */
    static final int ROUNDS = 4;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final CapacityMeter capacity;

    public OrderListRepository(DynamoDbClient dynamoDb, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.ORDERS.tableName();
        this.capacity = capacity;
    }

    /** The positions of one page of candidates, at most {@code candidates} of them, and where the next starts. */
    public ShardMerge.Page page(OrderListQuery query, int candidates) {
        Optional<ListedStatus> flagged = query.status().filter(ListedStatus::flagged);
        String index;
        String partition;
        String prefix;
        if (flagged.isPresent()) {
            index = null;
            partition = query.kind() == PartyKind.HOST ? OrderListKeys.HOST_FLAGS : OrderListKeys.BRAND_FLAGS;
            prefix = flagged.get().name() + "#";
        } else if (query.kind() == PartyKind.HOST) {
            index = "gsi7";
            partition = OrderListKeys.HOST_LIST;
            prefix = OrderListKeys.PAID;
        } else {
            index = "gsi1";
            partition = OrderListKeys.BRAND_LIST;
            prefix = OrderListKeys.PAID;
        }
        List<String> filters = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        query.productId().ifPresent(p -> {
            filters.add("productId = :product");
            values.put(":product", Items.s(p));
        });
        query.hostId().ifPresent(h -> {
            filters.add("hostId = :host");
            values.put(":host", Items.s(h));
        });
        String low = prefix + SortableTime.of(query.period().from());
        String high = prefix + query.after().map(OrderListQuery.Position::key).orElse(SortableTime.of(query.period().to()));
        values.put(":low", Items.s(low));
        String pk = index == null ? "pk" : index + "pk";
        String sk = index == null ? "sk" : index + "sk";
        ShardQuery shardQuery = new ShardQuery(index, pk, sk, partition, prefix, query.party(), filters, values);
        if (!filters.isEmpty()) {
            // a filter may match little: one bounded read per shard, and a page that may be short
            int evaluated = Math.max(candidates + 1, FILTER_EVALUATED);
            return ShardMerge.page(ShardReads.each(OrderListKeys.SHARDS,
                    shard -> read(shardQuery, shard, high, evaluated)), candidates);
        }
        // a page's rows spread over the shards by hash: read a little more than a page's share of each, and go on in
        // the shards that still have more only while the merged page is short
        int share = 2 * candidates / OrderListKeys.SHARDS + 2;
        List<ShardMerge.ShardRead> reads = ShardReads.each(OrderListKeys.SHARDS, shard -> read(shardQuery, shard, high, share));
        for (int round = 1; round < ROUNDS; round++) {
            ShardMerge.Page page = ShardMerge.page(reads, candidates);
            if (page.rows().size() >= candidates || page.next().isEmpty()) {
                return page;
            }
            List<ShardMerge.ShardRead> before = reads;
            reads = ShardReads.each(OrderListKeys.SHARDS, shard -> {
                ShardMerge.ShardRead read = before.get(shard);
                if (read.stoppedAt().isEmpty()) {
                    return read;
                }
                ShardMerge.ShardRead more = read(shardQuery, shard, prefix + read.stoppedAt().get().key(), share);
                List<OrderListQuery.Position> matches = new ArrayList<>(read.matches());
                matches.addAll(more.matches());
                return new ShardMerge.ShardRead(matches, more.stoppedAt());
            });
        }
        return ShardMerge.page(reads, candidates);
    }

    /** Reads of one partition family of a party: the index (null for the table), its keys, the filter and its values. */
    private record ShardQuery(String index, String pk, String sk, String partition, String prefix, String party,
                              List<String> filters, Map<String, AttributeValue> values) {
    }

    /** Up to {@code limit} entries of one shard below {@code high} (exclusive) and from the period's start, newest first. */
    private ShardMerge.ShardRead read(ShardQuery q, int shard, String high, int limit) {
        Map<String, AttributeValue> shardValues = new HashMap<>(q.values());
        shardValues.put(":pk", Items.s(OrderListKeys.partition(q.partition(), q.party(), shard)));
        shardValues.put(":high", Items.s(high));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit)
                .keyConditionExpression(q.pk() + " = :pk AND " + q.sk() + " BETWEEN :low AND :high")
                .expressionAttributeValues(shardValues).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (q.index() != null) {
            request.indexName(q.index());
        }
        if (!q.filters().isEmpty()) {
            request.filterExpression(String.join(" AND ", q.filters()));
        }
        QueryResponse response = dynamoDb.query(request.build());
        capacity.read(response.consumedCapacity());
        List<OrderListQuery.Position> matches = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            String key = item.get(q.sk()).s();
            if (!key.equals(high)) {    // BETWEEN is inclusive: the last row read before is not read again
                matches.add(OrderListQuery.Position.ofSortKey(key, q.prefix().length()));
            }
        }
        Optional<OrderListQuery.Position> stopped = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(OrderListQuery.Position.ofSortKey(response.lastEvaluatedKey().get(q.sk()).s(), q.prefix().length()))
                : Optional.empty();
        return new ShardMerge.ShardRead(matches, stopped);
    }

    /** The stored orders of a page, by id, in one BatchGetItem per 100 (eventually consistent). */
    public Map<String, StoredOrder> orders(Collection<String> orderIds) {
        Map<String, StoredOrder> found = new LinkedHashMap<>();
        List<String> ids = List.copyOf(orderIds);
        for (int start = 0; start < ids.size(); start += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(start, Math.min(ids.size(), start + 100)).stream()
                    .map(id -> Items.key("ORDER#" + id, "STATE")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                response.consumedCapacity().forEach(capacity::read);
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    OrderRepository.orderOfImage(item).ifPresent(order -> found.put(order.state().orderId(), order));
                }
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /** A flagged-order item to put (the order entered a flagged status) or delete (it left one). */
    public record FlagWrite(boolean put, String pk, String sk, String orderId, String productId, String hostId) {
    }

    /** Applies flag writes, 25 to a BatchWriteItem; a put or delete written twice leaves the same item. */
    public void applyFlags(List<FlagWrite> writes) {
        for (int start = 0; start < writes.size(); start += 25) {
            List<WriteRequest> requests = new ArrayList<>();
            for (FlagWrite write : writes.subList(start, Math.min(writes.size(), start + 25))) {
                requests.add(write.put()
                        ? WriteRequest.builder().putRequest(PutRequest.builder().item(Items.builder()
                                .s("pk", write.pk()).s("sk", write.sk()).s("orderId", write.orderId())
                                .s("productId", write.productId()).s("hostId", write.hostId()).build()).build()).build()
                        : WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                                .key(Items.key(write.pk(), write.sk())).build()).build());
            }
            Map<String, List<WriteRequest>> request = Map.of(table, requests);
            while (!request.isEmpty()) {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(request).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                capacity.write(response.consumedCapacity());
                request = response.unprocessedItems();
            }
        }
    }
}
