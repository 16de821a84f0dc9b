package com.alliance.applications;

import com.alliance.errors.ConflictException;
import com.alliance.ids.Ids;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
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
 * Applications in the orders table, each two items:
 * <ul>
 *   <li>{@code APPLICATION#{id} / APPLICATION}: the application. It is in the host's list, gsi2
 *       {@code HOSTAPPS#{hostId}}, and in its brand's list of its status, gsi6 {@code BRANDAPPS#{brandId}#{status}},
 *       both sorted {@code {createdAt}#{id}} and keys only, so a page reads the keys and then its items in one batch.
 *       While it is pending it is also due for expiry in gsi3 {@code APPDUE#{n}} ({@link #DUE_SHARDS} partitions by
 *       its id), sorted {@code {reviewDeadline}#{id}}: a sparse entry, removed once it is decided.</li>
 *   <li>{@code APPLY#{hostId}#{productId} / APPLY}: the guard, the host's last application to the product
 *       ({@link ApplyGuard}). Opening one puts the guard only if there is none or the last one lets the host apply
 *       again, in the same transaction as the application, so a host has at most one open per product.</li>
 * </ul>
 * Every decision is one transaction conditional on the application being pending, which also moves the guard on:
 * approving twice, or approving what expired, changes nothing.
 */
public final class ApplicationRepository {

    /** gsi3 partitions of the due list: expiries are a few a second at most; 16 shards leave room to spare. */
    public static final int DUE_SHARDS = 16;

    private static final String ITEM = "APPLICATION";
    private static final String GUARD = "APPLY";
    private static final String HOST_LIST = "HOSTAPPS#";
    private static final String BRAND_LIST = "BRANDAPPS#";
    private static final String DUE_LIST = "APPDUE";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ApplicationRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.ORDERS.tableName();
    }

    /** What a decision's transaction did. */
    public enum Outcome {
        /** Written. */
        DECIDED,
        /** The application was no longer pending: somebody decided it first. */
        NOT_PENDING,
        /** The product changed since it was read (an approval only): read it again and retry. */
        PRODUCT_CHANGED,
        /** Another transaction was writing one of its items at that moment: retry. */
        CONFLICT
    }

    /**
     * Opens a pending application at {@code now}: the guard and the application in one transaction. Empty when
     * written; otherwise the guard that stands in the way, read again consistently, nothing written.
     */
    public Optional<ApplyGuard> insert(Application application, Instant now) {
        if (application.status() != ApplicationStatus.PENDING) {
            throw new IllegalArgumentException("only a pending application is opened, not " + application.status());
        }
        Map<String, AttributeValue> guard = Items.builder()
                .attrs(guardKey(application.hostId(), application.productId()))
                .s("applicationId", application.applicationId()).s("status", ApplicationStatus.PENDING.name())
                .s("hostId", application.hostId()).s("productId", application.productId())
                .build();
        TransactWriteItem putGuard = TransactWriteItem.builder().put(Put.builder().tableName(table).item(guard)
                .conditionExpression("attribute_not_exists(pk) OR (#s IN (:rejected, :expired) AND reapplyAfter <= :now)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":rejected", Items.s(ApplicationStatus.REJECTED.name()),
                        ":expired", Items.s(ApplicationStatus.EXPIRED.name()), ":now", Items.n(now.toEpochMilli())))
                .build()).build();
        TransactWriteItem putApplication = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(toItem(application)).conditionExpression("attribute_not_exists(pk)").build()).build();
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(putGuard, putApplication).build());
            return Optional.empty();
        } catch (TransactionCanceledException e) {
            String code = e.cancellationReasons().get(0).code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                return Optional.of(guard(application.hostId(), application.productId()).orElseThrow(() ->
                        new ConflictException("CONCURRENT_EDIT", "another application was being made; try again", null)));
            }
            throw e;
        }
    }

    /** The host's last application to the product, as its guard says: consistent read. */
    public Optional<ApplyGuard> guard(String hostId, String productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(guardKey(hostId, productId)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ApplyGuard(item.get("applicationId").s(), ApplicationStatus.valueOf(item.get("status").s()),
                Optional.ofNullable(item.get("reapplyAfter")).map(n -> Instant.ofEpochMilli(Long.parseLong(n.n())))));
    }

    /** The application, consistent read. */
    public Optional<Application> find(String applicationId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(itemKey(applicationId), ITEM)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Writes an approval together with {@code productReplacement} (the product with the host's new rate,
     * {@code catalog.ProductRepository#replaceStep}): all of it, or nothing.
     */
    public Outcome approve(Application approved, TransactWriteItem productReplacement) {
        if (approved.status() != ApplicationStatus.APPROVED) {
            throw new IllegalArgumentException("an approval writes an approved application, not " + approved.status());
        }
        return decide(List.of(productReplacement, applicationDecided(approved), guardDecided(approved)), 1);
    }

    /** Writes a rejection or an expiry: the application and its guard, if the application is still pending. */
    public Outcome close(Application closed) {
        if (closed.status() != ApplicationStatus.REJECTED && closed.status() != ApplicationStatus.EXPIRED) {
            throw new IllegalArgumentException("a rejection or expiry writes one, not " + closed.status());
        }
        return decide(List.of(applicationDecided(closed), guardDecided(closed)), 0);
    }

    /** A page of the host's applications, newest first, continuing after {@code next} (a token of this list). */
    public Page<Application> pageByHost(String hostId, int limit, Optional<String> next) {
        return page("gsi2", HOST_LIST + hostId, limit, next, application -> true);
    }

    /**
     * A page of the applications to the brand's products that are {@code status}, newest first. An application
     * decided since the index was read is left out of the page, not shown under a status it no longer has.
     */
    public Page<Application> pageByBrand(String brandId, ApplicationStatus status, int limit, Optional<String> next) {
        return page("gsi6", brandList(brandId, status), limit, next, application -> application.status() == status);
    }

    /** One entry of the due list: an application and its sort key there, where a job's cursor stands. */
    public record DueEntry(String applicationId, String sortKey) {
    }

    /** Due entries of one partition, oldest deadline first; {@code more} when the partition may hold more. */
    public record DuePage(List<DueEntry> entries, boolean more) {
    }

    /**
     * How many applications of due partition {@code shard} were due at or before {@code now}, counted up to
     * {@code max} (one Query of at most {@code max} entries), and the earliest deadline among them.
     */
    public Backlog dueBacklog(int shard, Instant now, int max) {
        QueryResponse response = dynamoDb.query(dueQuery(shard, now).limit(max).projectionExpression("gsi3sk").build());
        if (response.items().isEmpty()) {
            return Backlog.NONE;
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Backlog(response.items().size(), more,
                Optional.of(SortableTime.parse(response.items().get(0).get("gsi3sk").s())));
    }

    /** Up to {@code limit} applications of due partition {@code shard} due at or before {@code now}, after {@code after}. */
    public DuePage due(int shard, Instant now, Optional<String> after, int limit) {
        QueryRequest.Builder query = dueQuery(shard, now).limit(limit).projectionExpression("pk, gsi3sk");
        after.ifPresent(sortKey -> query.exclusiveStartKey(Map.of("pk", Items.s(itemKey(idOfSortKey(sortKey))),
                "sk", Items.s(ITEM), "gsi3pk", Items.s(dueList(shard)), "gsi3sk", Items.s(sortKey))));
        QueryResponse response = dynamoDb.query(query.build());
        List<DueEntry> entries = response.items().stream()
                .map(item -> new DueEntry(idOfKey(item.get("pk").s()), item.get("gsi3sk").s())).toList();
        return new DuePage(entries, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    /** The application id in a due entry's sort key ({@code {sortable time}#{id}}); refuses anything else. */
    public static String idOfSortKey(String sortKey) {
        int hash = sortKey.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not a due entry's sort key: " + sortKey);
        }
        SortableTime.parse(sortKey.substring(0, hash));
        String id = sortKey.substring(hash + 1);
        if (!Ids.isKind(id, Ids.APPLICATION)) {
            throw new IllegalArgumentException("not a due entry's sort key: " + sortKey);
        }
        return id;
    }

    private QueryRequest.Builder dueQuery(int shard, Instant now) {
        if (shard < 0 || shard >= DUE_SHARDS) {
            throw new IllegalArgumentException("the due list has partitions 0 to " + (DUE_SHARDS - 1) + ", not " + shard);
        }
        // "$" sorts after "#": every entry of the instant itself is due
        return QueryRequest.builder().tableName(table).indexName("gsi3")
                .keyConditionExpression("gsi3pk = :shard AND gsi3sk <= :until")
                .expressionAttributeValues(Map.of(":shard", Items.s(dueList(shard)),
                        ":until", Items.s(SortableTime.of(now) + "$")));
    }

    private Outcome decide(List<TransactWriteItem> steps, int applicationAt) {
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(steps).build());
            return Outcome.DECIDED;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if ("ConditionalCheckFailed".equals(codes.get(applicationAt))) {
                return Outcome.NOT_PENDING;
            }
            if (codes.contains("TransactionConflict")) {
                return Outcome.CONFLICT;
            }
            if (applicationAt > 0 && "ConditionalCheckFailed".equals(codes.get(0))) {
                return Outcome.PRODUCT_CHANGED;
            }
            // the guard of a pending application names it and is pending: both change only together
            throw new IllegalStateException("application decision refused: " + codes, e);
        }
    }

    private TransactWriteItem applicationDecided(Application decided) {
        StringBuilder set = new StringBuilder("SET #s = :status, decidedAt = :decidedAt, gsi6pk = :brandList");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Items.s(decided.status().name()));
        values.put(":pending", Items.s(ApplicationStatus.PENDING.name()));
        values.put(":decidedAt", Items.s(decided.decidedAt().orElseThrow().toString()));
        values.put(":brandList", Items.s(brandList(decided.brandId(), decided.status())));
        decided.reason().ifPresent(reason -> {
            set.append(", reason = :reason");
            values.put(":reason", Items.s(reason));
        });
        decided.rateBps().ifPresent(rate -> {
            set.append(", rateBps = :rate");
            values.put(":rate", Items.n(rate));
        });
        decided.reapplyAfter().ifPresent(at -> {
            set.append(", reapplyAfter = :reapplyAfter");
            values.put(":reapplyAfter", Items.s(at.toString()));
        });
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(itemKey(decided.applicationId()), ITEM))
                .updateExpression(set + " REMOVE gsi3pk, gsi3sk")
                .conditionExpression("#s = :pending")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem guardDecided(Application decided) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", Items.s(decided.status().name()));
        values.put(":pending", Items.s(ApplicationStatus.PENDING.name()));
        values.put(":id", Items.s(decided.applicationId()));
        String update = "SET #s = :status";
        if (decided.reapplyAfter().isPresent()) {
            update += ", reapplyAfter = :reapplyAfter";
            values.put(":reapplyAfter", Items.n(decided.reapplyAfter().get().toEpochMilli()));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(guardKey(decided.hostId(), decided.productId()))
                .updateExpression(update)
                .conditionExpression("applicationId = :id AND #s = :pending")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(values).build()).build();
    }

    private Page<Application> page(String index, String partition, int limit, Optional<String> next,
                                   Predicate<Application> stillListed) {
        List<String> keyNames = List.of("pk", "sk", index + "pk", index + "sk");
        Page<String> ids = Pages.query(dynamoDb, QueryRequest.builder().tableName(table).indexName(index)
                        .keyConditionExpression(index + "pk = :list")
                        .expressionAttributeValues(Map.of(":list", Items.s(partition)))
                        .scanIndexForward(false),
                limit, PageToken.startKey(next, keyNames, key -> key.get(index + "pk").equals(partition)
                        && key.get("pk").startsWith(ITEM + "#") && key.get("sk").equals(ITEM)),
                keyNames, item -> idOfKey(item.get("pk").s()));
        Map<String, Application> found = findAll(ids.items());
        return new Page<>(ids.items().stream().map(found::get).filter(Objects::nonNull).filter(stillListed).toList(),
                ids.next());
    }

    /** The applications among {@code ids}, by id, consistent reads in batches of 100. */
    private Map<String, Application> findAll(List<String> ids) {
        Map<String, Application> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ids.subList(from, Math.min(ids.size(), from + 100)).stream().distinct()
                    .forEach(id -> keys.add(Items.key(itemKey(id), ITEM)));
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Application application = fromItem(item);
                    found.put(application.applicationId(), application);
                });
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    private static String itemKey(String applicationId) {
        return ITEM + "#" + applicationId;
    }

    private static String idOfKey(String pk) {
        return pk.substring(ITEM.length() + 1);
    }

    private static Map<String, AttributeValue> guardKey(String hostId, String productId) {
        return Items.key(GUARD + "#" + hostId + "#" + productId, GUARD);
    }

    private static String dueList(int shard) {
        return DUE_LIST + "#" + shard;
    }

    private static String brandList(String brandId, ApplicationStatus status) {
        return BRAND_LIST + brandId + "#" + status.name();
    }

    static Map<String, AttributeValue> toItem(Application application) {
        String listed = SortableTime.of(application.createdAt()) + "#" + application.applicationId();
        Items.Builder item = Items.builder()
                .s("pk", itemKey(application.applicationId())).s("sk", ITEM)
                .s("applicationId", application.applicationId()).s("productId", application.productId())
                .s("brandId", application.brandId()).s("hostId", application.hostId())
                .s("message", application.message()).s("status", application.status().name())
                .s("createdAt", application.createdAt().toString())
                .s("reviewDeadline", application.reviewDeadline().toString())
                .s("gsi2pk", HOST_LIST + application.hostId()).s("gsi2sk", listed)
                .s("gsi6pk", brandList(application.brandId(), application.status())).s("gsi6sk", listed);
        if (application.status() == ApplicationStatus.PENDING) {
            item.s("gsi3pk", WriteShards.key(DUE_LIST, application.applicationId(), DUE_SHARDS))
                    .s("gsi3sk", SortableTime.of(application.reviewDeadline()) + "#" + application.applicationId());
        }
        application.decidedAt().ifPresent(at -> item.s("decidedAt", at.toString()));
        application.reason().ifPresent(reason -> item.s("reason", reason));
        application.rateBps().ifPresent(rate -> item.n("rateBps", rate));
        application.reapplyAfter().ifPresent(at -> item.s("reapplyAfter", at.toString()));
        return item.build();
    }

    static Application fromItem(Map<String, AttributeValue> item) {
        return new Application(item.get("applicationId").s(), item.get("productId").s(), item.get("brandId").s(),
                item.get("hostId").s(), item.get("message").s(), ApplicationStatus.valueOf(item.get("status").s()),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("reviewDeadline").s()),
                Optional.ofNullable(Items.stringOf(item, "decidedAt")).map(Instant::parse),
                Optional.ofNullable(Items.stringOf(item, "reason")),
                Optional.ofNullable(item.get("rateBps")).map(n -> Integer.parseInt(n.n())),
                Optional.ofNullable(Items.stringOf(item, "reapplyAfter")).map(Instant::parse));
    }
}
