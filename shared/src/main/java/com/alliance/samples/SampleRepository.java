package com.alliance.samples;

import com.alliance.jobs.Backlog;
import com.alliance.persistence.Items;
import com.alliance.persistence.Page;
import com.alliance.persistence.PageToken;
import com.alliance.persistence.Pages;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.persistence.WriteShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Sample requests in the orders table, whose stream folds their outcomes into the host's running counts.
 * <table>
 *   <caption>Items</caption>
 *   <tr><th>pk / sk</th><th>what</th><th>indexes</th></tr>
 *   <tr><td>{@code SAMPLE#{requestId}} / {@code SAMPLE}</td><td>the request, written conditionally on its
 *       {@code version}</td><td>gsi2 {@code HOSTSAMPLES#{hostId}} (the host's list), gsi6
 *       {@code BRANDSAMPLES#{brandId}#{status}} (the brand's queue by status), both sorted by request time; while open
 *       gsi3 {@code SAMPLEDUE#{n}} sorted by when its deadline's job acts (the due list, {@value #DUE_SHARDS}
 *       partitions)</td></tr>
 *   <tr><td>{@code SAMPLEOPEN#{hostId}} / {@code PRODUCT#{productId}}</td><td>the guard: the host's latest request
 *       of the product, its status and {@code reapplyAfter}; one open request per host and product</td><td></td></tr>
 *   <tr><td>{@code SAMPLEOPEN#{hostId}} / {@code SLOT#{k}}</td><td>an open-request slot the request holds while
 *       open: the cap is the number of slots ({@link SampleQuota})</td><td></td></tr>
 * </table>
 * Every step writes the request, its guard and (when it closes) frees its slot in one transaction. Only the host's own
 * requests and the one worker of a request's due partition write these items, and each write is conditional.
 */
public final class SampleRepository {

    /** The due list's partitions: the sample-deadlines job's shards. */
    public static final int DUE_SHARDS = 16;
    private static final List<String> HOST_LIST_KEYS = List.of("pk", "sk", "gsi2pk", "gsi2sk");
    private static final List<String> BRAND_LIST_KEYS = List.of("pk", "sk", "gsi6pk", "gsi6sk");
    private static final String SLOT = "SLOT#";
    private static final String PRODUCT = "PRODUCT#";

    /** What writing a new request met. */
    public enum Created { CREATED, OPEN_OR_TOO_SOON, SLOT_TAKEN }

    /** The guard of a host and product: the latest request, its status and when the host may ask again. */
    public record Guard(String requestId, SampleStatus status, Instant reapplyAfter) {
    }

    /** A page of the due list: request ids due, and the sort key to go on after. */
    public record DuePage(List<String> requestIds, Optional<String> next) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SampleRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.ORDERS.tableName();
    }

    public Optional<SampleRequest> find(String requestId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(requestKey(requestId), "SAMPLE")).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The slots the host's open requests hold (one Query of its at most cap slot items). */
    public List<Integer> takenSlots(String hostId) {
        List<Integer> slots = new ArrayList<>();
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :slot)")
                .expressionAttributeValues(Map.of(":pk", Items.s(openKey(hostId)), ":slot", Items.s(SLOT))).build());
        response.items().forEach(item -> slots.add(Integer.parseInt(item.get("sk").s().substring(SLOT.length()))));
        return slots;
    }

    public Optional<Guard> guard(String hostId, String productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(openKey(hostId), PRODUCT + productId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(guardOf(item));
    }

    /** The guards of these host and product pairs, as far as they exist: one batch read (eventually consistent). */
    public Map<HostProduct, Guard> guards(List<HostProduct> pairs) {
        Map<HostProduct, Guard> found = new HashMap<>();
        for (int from = 0; from < pairs.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = pairs.subList(from, Math.min(pairs.size(), from + 100)).stream()
                    .map(pair -> Items.key(openKey(pair.hostId()), PRODUCT + pair.productId())).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    found.put(new HostProduct(item.get("pk").s().substring("SAMPLEOPEN#".length()),
                            item.get("sk").s().substring(PRODUCT.length())), guardOf(item));
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** A host and a product. */
    public record HostProduct(String hostId, String productId) {
    }

    /**
     * Writes a new request with its guard and slot, all or nothing: the guard only if the host has no open request of
     * the product and may ask again at {@code now}, the slot only if it is free.
     */
    public Created create(SampleRequest request, Instant now) {
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(guardItem(request, now))
                            .conditionExpression("attribute_not_exists(pk) OR ((NOT (#s IN (:requested, :approved, "
                                    + ":shipped, :received))) AND reapplyAfter <= :now)")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":requested", Items.s(SampleStatus.REQUESTED.name()),
                                    ":approved", Items.s(SampleStatus.APPROVED.name()),
                                    ":shipped", Items.s(SampleStatus.SHIPPED.name()),
                                    ":received", Items.s(SampleStatus.RECEIVED.name()),
                                    ":now", Items.n(now.toEpochMilli()))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(Items.builder().s("pk", openKey(request.hostId())).s("sk", slotKey(request.slot()))
                                    .s("requestId", request.requestId()).build())
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(request))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()).build());
            return Created.CREATED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return Created.OPEN_OR_TOO_SOON;
            }
            if (failed(reasons, 1)) {
                return Created.SLOT_TAKEN;
            }
            throw e;
        }
    }

    /**
     * Writes the next version of a request over {@code previous}, with its guard, and frees its slot if it closed;
     * false when the request changed meanwhile or another transaction held one of its items (nothing written).
     * {@code reapplyAfter} is when the host may ask for the product again once the request is closed. A request that
     * was already closed (a late fulfilment) changes alone.
     */
    public boolean step(SampleRequest previous, SampleRequest next, Instant reapplyAfter) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(next))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", Items.n(previous.version())))
                .build()).build());
        if (previous.status().isOpen()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Items.key(openKey(next.hostId()), PRODUCT + next.productId()))
                    .updateExpression("SET #s = :s, reapplyAfter = :r")
                    .conditionExpression("requestId = :id")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", Items.s(next.status().name()), ":r",
                            Items.n(reapplyAfter.toEpochMilli()), ":id", Items.s(next.requestId()))).build()).build());
            if (!next.status().isOpen()) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(Items.key(openKey(next.hostId()), slotKey(next.slot())))
                        .conditionExpression("requestId = :id")
                        .expressionAttributeValues(Map.of(":id", Items.s(next.requestId()))).build()).build());
            }
        }
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            return true;
        } catch (TransactionCanceledException e) {
            // the request moved on meanwhile, or another transaction held one of its items: read it again and retry
            if (failed(e.cancellationReasons(), 0) || e.cancellationReasons().stream()
                    .anyMatch(reason -> "TransactionConflict".equals(reason.code()))) {
                return false;
            }
            throw e;
        }
    }

    /** A page of the host's requests, newest first. */
    public Page<SampleRequest> forHost(String hostId, int limit, Optional<String> next) {
        String partition = "HOSTSAMPLES#" + hostId;
        return page(QueryRequest.builder().tableName(table).indexName("gsi2").keyConditionExpression("gsi2pk = :p")
                        .expressionAttributeValues(Map.of(":p", Items.s(partition))).scanIndexForward(false), limit,
                PageToken.startKey(next, HOST_LIST_KEYS, key -> key.get("gsi2pk").equals(partition)
                        && key.get("pk").startsWith("SAMPLE#")), HOST_LIST_KEYS);
    }

    /** A page of the requests for the brand's products in one status, newest first. */
    public Page<SampleRequest> forBrand(String brandId, SampleStatus status, int limit, Optional<String> next) {
        String partition = brandPartition(brandId, status);
        return page(QueryRequest.builder().tableName(table).indexName("gsi6").keyConditionExpression("gsi6pk = :p")
                        .expressionAttributeValues(Map.of(":p", Items.s(partition))).scanIndexForward(false), limit,
                PageToken.startKey(next, BRAND_LIST_KEYS, key -> key.get("gsi6pk").equals(partition)
                        && key.get("pk").startsWith("SAMPLE#")), BRAND_LIST_KEYS);
    }

    /** The request ids of one due partition whose job acts by {@code by}, in due order, after {@code after}. */
    public DuePage due(int partition, Instant by, Optional<String> after, int limit) {
        QueryRequest.Builder query = dueQuery(partition, by).limit(limit);
        after.ifPresent(sortKey -> query.exclusiveStartKey(Map.of("gsi3pk", Items.s(dueKey(partition)),
                "gsi3sk", Items.s(sortKey), "pk", Items.s(requestKey(sortKey.substring(sortKey.indexOf('#') + 1))),
                "sk", Items.s("SAMPLE"))));
        QueryResponse response = dynamoDb.query(query.build());
        List<String> ids = new ArrayList<>();
        String last = null;
        for (Map<String, AttributeValue> item : response.items()) {
            ids.add(item.get("pk").s().substring("SAMPLE#".length()));
            last = item.get("gsi3sk").s();
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new DuePage(ids, more ? Optional.ofNullable(last) : Optional.empty());
    }

    /** How much of one due partition is due by {@code by}: at most {@code max} counted, and the oldest. */
    public Backlog dueBacklog(int partition, Instant by, int max) {
        QueryResponse response = dynamoDb.query(dueQuery(partition, by).limit(max).build());
        Optional<Instant> oldest = response.items().stream().findFirst().map(item -> {
            String sortKey = item.get("gsi3sk").s();
            return SortableTime.parse(sortKey.substring(0, sortKey.indexOf('#')));
        });
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Backlog(response.count(), more, oldest);
    }

    private QueryRequest.Builder dueQuery(int partition, Instant by) {
        return QueryRequest.builder().tableName(table).indexName("gsi3")
                .keyConditionExpression("gsi3pk = :p AND gsi3sk <= :by")
                .expressionAttributeValues(Map.of(":p", Items.s(dueKey(partition)),
                        ":by", Items.s(SortableTime.of(by) + "#~")));
    }

    private Page<SampleRequest> page(QueryRequest.Builder query, int limit, Optional<Map<String, AttributeValue>> start,
                                     List<String> keyNames) {
        Page<String> ids = Pages.query(dynamoDb, query, limit, start, keyNames,
                item -> item.get("pk").s().substring("SAMPLE#".length()));
        return new Page<>(findAll(ids.items()), ids.next());
    }

    /** The requests of these ids, in their order (one batch read per 100; absent ones left out). */
    private List<SampleRequest> findAll(List<String> requestIds) {
        Map<String, SampleRequest> found = new HashMap<>();
        for (int from = 0; from < requestIds.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = requestIds.subList(from, Math.min(requestIds.size(), from + 100))
                    .stream().map(id -> Items.key(requestKey(id), "SAMPLE")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    SampleRequest sample = fromItem(item);
                    found.put(sample.requestId(), sample);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return requestIds.stream().filter(found::containsKey).map(found::get).toList();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private Map<String, AttributeValue> guardItem(SampleRequest request, Instant now) {
        return Items.builder().s("pk", openKey(request.hostId())).s("sk", PRODUCT + request.productId())
                .s("requestId", request.requestId()).s("status", request.status().name())
                .n("reapplyAfter", now.toEpochMilli()).build();
    }

    private static Guard guardOf(Map<String, AttributeValue> item) {
        return new Guard(item.get("requestId").s(), SampleStatus.valueOf(item.get("status").s()),
                Instant.ofEpochMilli(Items.longOf(item, "reapplyAfter", 0)));
    }

    static Map<String, AttributeValue> toItem(SampleRequest request) {
        String listKey = SortableTime.of(request.requestedAt()) + "#" + request.requestId();
        Items.Builder item = Items.builder().s("pk", requestKey(request.requestId())).s("sk", "SAMPLE")
                .s("requestId", request.requestId()).s("productId", request.productId())
                .s("brandId", request.brandId()).s("hostId", request.hostId())
                .s("addressName", request.address().name()).s("addressPhone", request.address().phone())
                .s("addressLine", request.address().line())
                .s("status", request.status().name()).s("requestedAt", request.requestedAt().toString())
                .n("slot", request.slot()).n("version", request.version())
                .s("gsi2pk", "HOSTSAMPLES#" + request.hostId()).s("gsi2sk", listKey)
                .s("gsi6pk", brandPartition(request.brandId(), request.status())).s("gsi6sk", listKey);
        request.deadline().ifPresent(d -> item.s("deadlineKind", d.kind().name()).s("deadlineAt", d.at().toString()));
        request.dueAt().ifPresent(due -> item
                .s("gsi3pk", dueKey(WriteShards.of(request.requestId(), DUE_SHARDS)))
                .s("gsi3sk", SortableTime.of(due) + "#" + request.requestId()));
        request.decidedAt().ifPresent(at -> item.s("decidedAt", at.toString()));
        request.reason().ifPresent(reason -> item.s("reason", reason));
        request.shipment().ifPresent(s -> item.s("carrier", s.carrier()).s("trackingNumber", s.trackingNumber())
                .s("shippedAt", s.shippedAt().toString()));
        request.receivedAt().ifPresent(at -> item.s("receivedAt", at.toString()));
        request.receivedBy().ifPresent(by -> item.s("receivedBy", by.name()));
        request.promiseDeadline().ifPresent(at -> item.s("promiseDeadline", at.toString()));
        request.fulfilledAt().ifPresent(at -> item.s("fulfilledAt", at.toString()));
        request.orderId().ifPresent(id -> item.s("orderId", id));
        return item.build();
    }

    static SampleRequest fromItem(Map<String, AttributeValue> item) {
        Optional<SampleRequest.Shipment> shipment = text(item, "shippedAt").map(at -> new SampleRequest.Shipment(
                item.get("carrier").s(), item.get("trackingNumber").s(), Instant.parse(at)));
        return new SampleRequest(item.get("requestId").s(), item.get("productId").s(), item.get("brandId").s(),
                item.get("hostId").s(), new SampleAddress(item.get("addressName").s(), item.get("addressPhone").s(),
                item.get("addressLine").s()), SampleStatus.valueOf(item.get("status").s()),
                Instant.parse(item.get("requestedAt").s()),
                text(item, "deadlineKind").map(kind -> new SampleDeadline(SampleDeadline.Kind.valueOf(kind),
                        Instant.parse(item.get("deadlineAt").s()))),
                instant(item, "decidedAt"), text(item, "reason"), shipment, instant(item, "receivedAt"),
                text(item, "receivedBy").map(SampleRequest.Receipt::valueOf), instant(item, "promiseDeadline"),
                instant(item, "fulfilledAt"), text(item, "orderId"), (int) Items.longOf(item, "slot"),
                Items.longOf(item, "version"));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        return text(item, name).map(Instant::parse);
    }

    static String requestKey(String requestId) {
        return "SAMPLE#" + requestId;
    }

    private static String openKey(String hostId) {
        return "SAMPLEOPEN#" + hostId;
    }

    private static String slotKey(int slot) {
        return String.format("%s%03d", SLOT, slot);
    }

    private static String brandPartition(String brandId, SampleStatus status) {
        return "BRANDSAMPLES#" + brandId + "#" + status.name();
    }

    private static String dueKey(int partition) {
        return "SAMPLEDUE#" + partition;
    }
}
