package com.alliance.orders;

import com.alliance.catalog.Category;
import com.alliance.jobs.Backlog;
import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.PostingState;
import com.alliance.money.Bps;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.ShardReads;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.persistence.WriteShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Orders in the orders table ({@code ORDER#{orderId} / STATE}), each its own processed-event marker: the
 * item keeps every event it was built from ({@code events}, and its maturity, late shipment and risk decision).
 * {@link #commit} writes the new order state and the event's postings in ONE transaction, conditional on the
 * revision read: a duplicate finds its event on the order and changes nothing, a concurrent writer finds another
 * revision and retries, a crash leaves all of it or none. No other item is written per event, which saves an
 * order's lifecycle a transactional write per event. Complaints and session reports, which have no order item,
 * keep a marker {@code EVENT#{eventId} / EVENT} ({@link #record}).
 *
 * <p>Every index key that many orders share carries a shard, {@link WriteShards#of} of the order id, so one
 * order's entries always stay on their shard and a brand, a host or the whole marketplace writes to many
 * partitions; readers fan out over the shards ({@link ShardReads}) and merge by sort key. The indexes copy only
 * what their readers read ({@link Tables#ORDERS}), never what every commit changes.
 *
 * <p>An order whose after-sale window is running sits in gsi2 under {@code DUE#{shard}} sorted by the
 * instant the window ends ({@link AfterSaleWindow#maturesAt}); each commit rewrites the order item, so
 * the entry moves with the facts and disappears once the order has matured or has nothing to mature.
 *
 * <p>A paid order that has not kept its shipping promise yet, and whose violation is not recorded,
 * sits in the same gsi2 under {@code SHIPBY#{shard}} sorted by its promise, or by when its payment was
 * recorded if that came after the promise ({@link ShippingPromise#checkFrom}):
 * from payment until it ships in time, is cancelled or refunded in full before its promise, or its
 * violation is recorded. Such an order never has a running after-sale window that the violation must
 * wait for long: an order shipped late stays under {@code SHIPBY#} (not {@code DUE#}) only until the next
 * run of the late-shipment job, which is due at once; then it moves to {@code DUE#}. One index, no scan.
 *
 * <p>The fake-order rules read a buyer's paid orders through gsi3 ({@code BUYER#{buyerId} / PAID#{paidAt}#{orderId}});
 * gsi1 holds a brand's ({@code BRAND#{brandId}#{shard}}, what JBP measures); an order whose commission is held sits in gsi5 under
 * {@code HOLD#OPEN#{shard}} by payment time until an operator releases or voids it.
 */
public final class OrderRepository {

    /** What a commit did. */
    public enum Outcome { APPLIED, DUPLICATE, CONFLICT }

    /** gsi2 ({@code SHIPBY#}, {@code DUE#}): DUE# takes 4 WU per order (put, move at receipt, delete), SHIPBY# 2; 4 × 50 000 orders/s ÷ 1 000 WU/s ÷ 256 = 0.78. */
    public static final int DUE_SHARDS = 256;

    /** gsi1 ({@code BRAND#}): 1 WU per order (put at payment; a refund or hold decision rewrites it) × 5 000 orders/s of one brand ÷ 1 000 WU/s ÷ 16 = 0.31. */
    public static final int BRAND_SHARDS = 16;

    /** gsi6 ({@code REVIEW#}): 3 WU per order (put at payment, move at classification, delete at decision) × 50 000 orders/s ÷ 1 000 WU/s ÷ 256 = 0.59. */
    public static final int REVIEW_SHARDS = 256;

    /** gsi5 ({@code HOLD#OPEN#}): 1 WU per held order (put at payment) × 5 000 held orders/s ÷ 1 000 WU/s ÷ 8 = 0.63. */
    public static final int HOLD_SHARDS = 8;

    private final DynamoDbClient dynamoDb;
    private final LedgerRepository ledger;
    private final String table;
    private final CapacityMeter capacity;
    private final AfterSaleWindow afterSale;

    public OrderRepository(DynamoDbClient dynamoDb, LedgerRepository ledger, CapacityMeter capacity,
                           AfterSaleWindow afterSale) {
        this.dynamoDb = dynamoDb;
        this.ledger = ledger;
        this.table = Tables.ORDERS.tableName();
        this.capacity = capacity;
        this.afterSale = afterSale;
    }

    /** Orders whose after-sale window ended at or before {@code now}, from one shard, oldest first. */
    public DuePage dueForMaturity(int shard, Instant now, Optional<String> after, int limit) {
        return dueIn(DueList.MATURITY, shard, now, after, limit);
    }

    /** Orders whose risk review stage is due at or before {@code now} ({@link RiskReview}), from one shard, earliest first. */
    public DuePage dueForReview(int shard, Instant now, Optional<String> after, int limit) {
        return dueIn(DueList.REVIEW, shard, now, after, limit);
    }

    /**
     * Orders whose shipping promise passed at or before {@code cutoff} and that have not kept it (no
     * shipment in time, no violation recorded yet), from one shard, oldest promise first.
     */
    public DuePage dueForLateCheck(int shard, Instant cutoff, Optional<String> after, int limit) {
        return dueIn(DueList.PROMISES, shard, cutoff, after, limit);
    }

    /** The jobs' due lists: a sharded, keys-only index partition each, sorted by when an order falls due. */
    public enum DueList {
        /** gsi2 {@code DUE#{shard}}: after-sale windows running, by when they end. */
        MATURITY("gsi2", "DUE#"),
        /** gsi2 {@code SHIPBY#{shard}}: promises to check, by when they pass. */
        PROMISES("gsi2", "SHIPBY#"),
        /** gsi6 {@code REVIEW#{shard}}: risk reviews open, by when their stage is due. */
        REVIEW("gsi6", "REVIEW#");

        private final String index;
        private final String prefix;

        DueList(String index, String prefix) {
            this.index = index;
            this.prefix = prefix;
        }

        String partition(int shard) {
            return prefix + shard;
        }

        /** How many partitions the list spreads over. */
        public int partitions() {
            return this == REVIEW ? REVIEW_SHARDS : DUE_SHARDS;
        }
    }

    /**
     * How many orders of one shard of a due list fell due at or before {@code until}, counted up to {@code max} (one
     * keys-only Query of at most {@code max} entries), and when the first of them fell due.
     */
    public Backlog dueBacklog(DueList list, int shard, Instant until, int max) {
        var response = dynamoDb.query(dueQuery(list, shard, until).limit(max).build());
        capacity.read(response.consumedCapacity());
        if (response.items().isEmpty()) {
            return Backlog.NONE;
        }
        Instant oldest = SortableTime.parse(response.items().get(0).get(list.index + "sk").s());
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Backlog(response.items().size(), more, Optional.of(oldest));
    }

    /** One page of a due list's shard due at or before {@code until}, after the entry whose sort key is {@code after}. */
    private DuePage dueIn(DueList list, int shard, Instant until, Optional<String> after, int limit) {
        QueryRequest.Builder query = dueQuery(list, shard, until).limit(limit);
        after.ifPresent(sortKey -> query.exclusiveStartKey(Map.of("pk", Items.s("ORDER#" + orderIdOfDueKey(sortKey)),
                "sk", Items.s("STATE"), list.index + "pk", Items.s(list.partition(shard)),
                list.index + "sk", Items.s(sortKey))));
        var response = dynamoDb.query(query.build());
        capacity.read(response.consumedCapacity());
        // gsi2 and gsi6 copy keys only: the order id is the table key's
        List<String> orderIds = response.items().stream().map(item -> item.get("pk").s().substring("ORDER#".length())).toList();
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new DuePage(orderIds, more ? Optional.of(response.lastEvaluatedKey().get(list.index + "sk").s()) : Optional.empty());
    }

    private QueryRequest.Builder dueQuery(DueList list, int shard, Instant until) {
        return QueryRequest.builder()
                .tableName(table).indexName(list.index)
                .keyConditionExpression(list.index + "pk = :shard AND " + list.index + "sk <= :until")
                .expressionAttributeValues(Map.of(":shard", Items.s(list.partition(shard)),
                        ":until", Items.s(SortableTime.of(until) + "$")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    }

    /** A due entry's sort key is {@code {sortable time}#{orderId}}. */
    private static String orderIdOfDueKey(String sortKey) {
        return sortKey.substring(sortKey.indexOf('#') + 1);
    }

    /**
     * Every entry of {@code index} under {@code partition#0} … {@code partition#(shards-1)} whose sort key is in
     * [fromKey, toKey], every page of each shard read, the shards concurrently; merged in sort-key order, the
     * order one unsharded partition answered in.
     */
    private List<Map<String, AttributeValue>> acrossShards(String index, String partition, int shards,
                                                           String fromKey, String toKey) {
        List<List<Map<String, AttributeValue>>> perShard = ShardReads.each(shards, shard -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            var request = QueryRequest.builder()
                    .tableName(table).indexName(index)
                    .keyConditionExpression(index + "pk = :pk AND " + index + "sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", Items.s(partition + "#" + shard),
                            ":from", Items.s(fromKey), ":to", Items.s(toKey)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            for (var page : dynamoDb.queryPaginator(request)) {
                capacity.read(page.consumedCapacity());
                items.addAll(page.items());
            }
            return items;
        });
        return bySortKey(index, perShard.stream().flatMap(List::stream));
    }

    private static List<Map<String, AttributeValue>> bySortKey(String index, Stream<Map<String, AttributeValue>> items) {
        return items.sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get(index + "sk").s())).toList();
    }

    /** Due orders of one shard, and the sort key of the last of them when more may follow (the next page starts after it). */
    public record DuePage(List<String> orderIds, Optional<String> next) {
    }

    /**
     * One paid order as the risk rules, GMV analytics and the holds review see it: an index entry
     * ({@link Tables#PAID_ORDER_ATTRIBUTES}), no events.
     */
    public record PaidOrder(String orderId, String productId, String hostId, String buyerId, String brandId,
                            Instant paidAt, long paidFen, long refundedFen, boolean cancelled, boolean held,
                            boolean voided, List<String> riskRules, Map<String, String> riskReasons) {

        public PaidOrder(String orderId, String productId, String hostId, String buyerId, String brandId,
                         Instant paidAt, long paidFen, long refundedFen, boolean cancelled, boolean held,
                         boolean voided, List<String> riskRules) {
            this(orderId, productId, hostId, buyerId, brandId, paidAt, paidFen, refundedFen, cancelled, held, voided,
                    riskRules, Map.of());
        }
    }

    /** The buyer's paid orders with paidAt in [from, to], oldest first (gsi3, one buyer's partition). */
    public List<PaidOrder> paidByBuyer(String buyerId, Instant from, Instant to) {
        return paidThrough("gsi3", "BUYER#" + buyerId, from, to);
    }

    /** When the buyer first paid for anything: one item read from gsi3. */
    public Optional<Instant> firstPaidAt(String buyerId) {
        var response = dynamoDb.query(QueryRequest.builder()
                .tableName(table).indexName("gsi3").keyConditionExpression("gsi3pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s("BUYER#" + buyerId))).limit(1)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        capacity.read(response.consumedCapacity());
        return response.items().stream().findFirst().map(item -> Instant.parse(item.get("paidAt").s()));
    }

    /**
     * Open risk holds, oldest payment first, a page at a time (gsi5, over its shards): each shard reads up to
     * one beyond the page after the previous page's last order, and the merge keeps the oldest.
     *
     * @param after the {@code next} of the previous page: the order id to continue after
     */
    public HoldPage openHolds(Optional<String> after, int limit) {
        Optional<String> afterKey = after.map(this::holdSortKey);
        List<List<Map<String, AttributeValue>>> perShard = ShardReads.each(HOLD_SHARDS, shard -> {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName("gsi5")
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (afterKey.isPresent()) {
                request.keyConditionExpression("gsi5pk = :open AND gsi5sk > :after").expressionAttributeValues(Map.of(
                        ":open", Items.s(OPEN_HOLDS + "#" + shard), ":after", Items.s(afterKey.get())));
            } else {
                request.keyConditionExpression("gsi5pk = :open")
                        .expressionAttributeValues(Map.of(":open", Items.s(OPEN_HOLDS + "#" + shard)));
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (var page : dynamoDb.queryPaginator(request.limit(limit + 1).build())) {
                capacity.read(page.consumedCapacity());
                items.addAll(page.items());
                if (items.size() > limit) {
                    break;
                }
            }
            return items;
        });
        List<Map<String, AttributeValue>> merged = bySortKey("gsi5", perShard.stream().flatMap(List::stream));
        List<PaidOrder> page = merged.stream().limit(limit).map(OrderRepository::paidOrderOf).toList();
        return new HoldPage(page, merged.size() > limit ? Optional.of(page.get(page.size() - 1).orderId()) : Optional.empty());
    }

    /** The gsi5 sort key a held order had: its payment time never changes, so a released order still names a place. */
    private String holdSortKey(String orderId) {
        var response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("ORDER#" + orderId, "STATE")).projectionExpression("paidAt")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        capacity.read(response.consumedCapacity());
        Map<String, AttributeValue> item = response.item();
        if (item == null || !item.containsKey("paidAt")) {
            throw new IllegalArgumentException("no paid order " + orderId + " to continue after");
        }
        return paidSortKey(Instant.parse(item.get("paidAt").s()), orderId);
    }

    /** {@code PAID#{paidAt}#{orderId}}: the sort key of a paid order in gsi1, gsi3 and gsi5. */
    private static String paidSortKey(Instant paidAt, String orderId) {
        return "PAID#" + SortableTime.of(paidAt) + "#" + orderId;
    }

    /** Held orders of one page, and the order id the next page continues after. */
    public record HoldPage(List<PaidOrder> orders, Optional<String> next) {
    }

    static final String OPEN_HOLDS = "HOLD#OPEN";

    private List<PaidOrder> paidThrough(String index, String partition, Instant from, Instant to) {
        List<PaidOrder> found = new ArrayList<>();
        var request = QueryRequest.builder()
                .tableName(table).indexName(index)
                .keyConditionExpression(index + "pk = :pk AND " + index + "sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(partition),
                        ":from", Items.s("PAID#" + SortableTime.of(from)), ":to", Items.s("PAID#" + SortableTime.of(to) + "$")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        for (var page : dynamoDb.queryPaginator(request)) {
            capacity.read(page.consumedCapacity());
            page.items().forEach(item -> found.add(paidOrderOf(item)));
        }
        return found;
    }

    /** A paid order from an index entry: only {@link Tables#PAID_ORDER_ATTRIBUTES} are there. */
    private static PaidOrder paidOrderOf(Map<String, AttributeValue> item) {
        List<String> rules = item.containsKey("riskRules") ? List.copyOf(item.get("riskRules").ss()) : List.of();
        return new PaidOrder(item.get("orderId").s(), item.get("productId").s(), item.get("hostId").s(),
                item.containsKey("buyerId") ? item.get("buyerId").s() : "", item.get("brandId").s(),
                Instant.parse(item.get("paidAt").s()), Items.longOf(item, "paidFen"), Items.longOf(item, "refundedFen"),
                flag(item, "cancelled"), flag(item, "held"), flag(item, "voided"), rules.stream().sorted().toList(),
                reasonsOf(item));
    }

    private static SortedMap<String, String> reasonsOf(Map<String, AttributeValue> item) {
        SortedMap<String, String> reasons = new TreeMap<>();
        if (item.containsKey("riskReasons")) {
            item.get("riskReasons").m().forEach((code, text) -> reasons.put(code, text.s()));
        }
        return reasons;
    }

    /** A flag the order item carries only when it is true ({@code cancelled}, {@code voided}) or always ({@code held}). */
    private static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && item.get(name).bool();
    }

    static String brandPartition(String brandId, String orderId) {
        return WriteShards.key("BRAND#" + brandId, orderId, BRAND_SHARDS);
    }

    static String holdPartition(String orderId) {
        return WriteShards.key(OPEN_HOLDS, orderId, HOLD_SHARDS);
    }

    static String reviewShard(int shard) {
        return DueList.REVIEW.partition(shard);
    }

    static String maturityShard(int shard) {
        return DueList.MATURITY.partition(shard);
    }

    static String promiseShard(int shard) {
        return DueList.PROMISES.partition(shard);
    }

    public StoredOrder load(String orderId) {
        var response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        capacity.read(response.consumedCapacity());
        Map<String, AttributeValue> item = response.item();
        return item == null || item.isEmpty() ? StoredOrder.empty(orderId) : fromItem(orderId, item);
    }

    /** The brand's orders paid in [from, to), oldest first, read through gsi1 ({@code BRAND#id#shard / PAID#paidAt#orderId}). */
    public List<PaidOrderSummary> paidBetween(String brandId, Instant from, Instant to) {
        List<PaidOrderSummary> orders = new ArrayList<>();
        for (Map<String, AttributeValue> item : acrossShards("gsi1", "BRAND#" + brandId, BRAND_SHARDS,
                "PAID#" + SortableTime.of(from), "PAID#" + SortableTime.of(to))) {
            if (Instant.parse(item.get("paidAt").s()).isBefore(to)) {
                orders.add(summaryOf(item));
            }
        }
        return orders;
    }

    /** A period report's view of an index entry: the sales fee is the order item's {@code salesFeeFen}, not its postings. */
    private static PaidOrderSummary summaryOf(Map<String, AttributeValue> item) {
        long net = flag(item, "cancelled") ? 0 : Items.longOf(item, "paidFen") - Items.longOf(item, "refundedFen");
        return new PaidOrderSummary(item.get("orderId").s(), Leg.valueOf(item.get("leg").s()), net,
                Items.longOf(item, "salesFeeFen"), flag(item, "held"));
    }

    /** What the order's postings put on the platform's sales-fee account, in every state: what JBP reads. */
    private static long salesFeeOf(StoredOrder order) {
        return order.posted().entrySet().stream()
                .filter(e -> e.getKey().account().type() == AccountType.PLATFORM_SALES_FEE)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Writes order and postings together, if the order is still at {@code before}'s revision. */
    public Outcome commit(StoredOrder before, StoredOrder after, PostingSet postings, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder order = Put.builder().tableName(table).item(toItem(after, now));
        if (before.revision() == 0) {
            order.conditionExpression("attribute_not_exists(pk)");
        } else {
            order.conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", Items.n(before.revision())));
        }
        writes.add(TransactWriteItem.builder().put(order.build()).build());
        writes.addAll(ledger.writes(postings.postings(), now));
        // the order item is its own processed-event marker: a refused condition is another writer, never a duplicate
        return writes.size() == 1 ? put(order.build()) : transact(writes, false);
    }

    /** A change of the order item alone (a shipment, say): one conditional put, half a transaction's write units. */
    private Outcome put(Put order) {
        try {
            PutItemRequest.Builder request = PutItemRequest.builder().tableName(order.tableName()).item(order.item())
                    .conditionExpression(order.conditionExpression()).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            if (order.hasExpressionAttributeValues()) {
                request.expressionAttributeValues(order.expressionAttributeValues());
            }
            PutItemResponse response = dynamoDb.putItem(request.build());
            capacity.write(List.of(response.consumedCapacity()));
            return Outcome.APPLIED;
        } catch (ConditionalCheckFailedException | TransactionConflictException e) {
            return Outcome.CONFLICT;
        }
    }

    /**
     * Rewrites the order item alone, if it is still at {@code before}'s revision: a change that moves no money
     * and merges no event (the risk review's classification). One write, no transaction.
     */
    public Outcome update(StoredOrder before, StoredOrder after, Instant now) {
        try {
            var response = dynamoDb.putItem(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder()
                    .tableName(table).item(toItem(after, now))
                    .conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", Items.n(before.revision())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
            capacity.write(List.of(response.consumedCapacity()));
            return Outcome.APPLIED;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return Outcome.CONFLICT;
        }
    }

    /**
     * Records an event that only needs to be kept (a complaint, session statistics) exactly once: marker and
     * fact in one transaction (the running counts follow from the table's stream: {@link RunningCountsFold}).
     * The fact is new, or replaces the stored one written by the event {@code replacing} (a later report of
     * the same live session); {@link Outcome#CONFLICT} when another writer got there first.
     */
    public Outcome record(OrderEvent event, Map<String, AttributeValue> fact, Optional<String> replacing, Instant now) {
        Put.Builder put = Put.builder().tableName(table).item(fact);
        if (replacing.isEmpty()) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("eventId = :replaced")
                    .expressionAttributeValues(Map.of(":replaced", Items.s(replacing.get())));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(marker(event, now)).build());
        writes.add(TransactWriteItem.builder().put(put.build()).build());
        return transact(writes, true);
    }

    /** A brand's complaint, kept by when it was filed ({@code BRAND#{brandId} / COMPLAINT#{occurredAt}#{eventId}}). */
    static Map<String, AttributeValue> complaintItem(ComplaintFiled complaint) {
        return Items.builder()
                .s("pk", "BRAND#" + complaint.brandId()).s("sk", "COMPLAINT#" + complaint.occurredAt() + "#" + complaint.eventId())
                .s("eventId", complaint.eventId()).s("brandId", complaint.brandId()).s("orderId", complaint.orderId())
                .s("reason", complaint.reason()).s("occurredAt", complaint.occurredAt().toString()).build();
    }

    /**
     * The report a live session is known by: {@code HOST#{hostId} / SESSION#{startedAt}#{sessionId}}, sorted
     * by start (fixed-width UTC) so GMV analytics reads a host's sessions of a period with one Query.
     */
    static Map<String, AttributeValue> sessionItem(LiveSessionStats report) {
        return Items.builder()
                .s("pk", "HOST#" + report.hostId()).s("sk", sessionKey(report.startedAt(), report.sessionId()))
                .s("eventId", report.eventId()).s("occurredAt", report.occurredAt().toString())
                .s("hostId", report.hostId()).s("sessionId", report.sessionId()).s("orderId", report.orderId())
                .n("privateUv", report.privateUv()).n("publicUv", report.publicUv()).n("watchMinutes", report.watchMinutes())
                .s("startedAt", report.startedAt().toString()).s("endedAt", report.endedAt().toString()).build();
    }

    private static String sessionKey(Instant startedAt, String sessionId) {
        return "SESSION#" + SortableTime.of(startedAt) + "#" + sessionId;
    }

    /** The report a session is known by so far, read consistently: the one a new report may replace. */
    public Optional<LiveSessionStats> session(String hostId, Instant startedAt, String sessionId) {
        var response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("HOST#" + hostId, sessionKey(startedAt, sessionId))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        capacity.read(response.consumedCapacity());
        Map<String, AttributeValue> item = response.item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(sessionOf(item));
    }

    /** A live session's report as stored by {@link #sessionItem}. */
    public static LiveSessionStats sessionOf(Map<String, AttributeValue> item) {
        return new LiveSessionStats(item.get("eventId").s(), item.get("orderId").s(),
                Instant.parse(item.get("occurredAt").s()), item.get("hostId").s(), item.get("sessionId").s(),
                Items.longOf(item, "privateUv"), Items.longOf(item, "publicUv"), Items.longOf(item, "watchMinutes"),
                Instant.parse(item.get("startedAt").s()), Instant.parse(item.get("endedAt").s()));
    }

    /** A complaint as stored by {@link #complaintItem}. */
    static ComplaintFiled complaintOf(Map<String, AttributeValue> item) {
        return new ComplaintFiled(item.get("eventId").s(), item.get("orderId").s(),
                Instant.parse(item.get("occurredAt").s()), item.get("brandId").s(), item.get("reason").s());
    }

    /** One transaction; with {@code firstIsMarker}, a refused first item means the event was already recorded. */
    private Outcome transact(List<TransactWriteItem> writes, boolean firstIsMarker) {
        try {
            TransactWriteItemsResponse response = dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(writes).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
            capacity.write(response.consumedCapacity());
            capacity.transaction(writes.size());
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (firstIsMarker && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Outcome.DUPLICATE;
            }
            boolean conflict = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()));
            if (conflict) {
                return Outcome.CONFLICT;
            }
            throw e;
        }
    }

    private Put marker(OrderEvent event, Instant now) {
        return Put.builder().tableName(table).item(Items.builder()
                        .s("pk", "EVENT#" + event.eventId()).s("sk", "EVENT")
                        .s("orderId", event.orderId()).s("processedAt", now.toString()).build())
                .conditionExpression("attribute_not_exists(pk)").build();
    }

    /**
     * The item an order is stored as, with its index keys: for loading orders in bulk (benchmarks,
     * migrations), where a batch write stands in for the commits that would have built it.
     */
    public Map<String, AttributeValue> itemOf(StoredOrder order, Instant now) {
        return toItem(order, now);
    }

    Map<String, AttributeValue> toItem(StoredOrder order, Instant now) {
        OrderState state = order.state();
        Map<String, AttributeValue> events = new HashMap<>();
        order.rawEvents().forEach((id, json) -> events.put(id, Items.s(json)));
        Map<String, AttributeValue> terms = new HashMap<>();
        state.payments().forEach((id, payment) -> terms.put(id, Items.map(termsToItem(payment.terms()))));
        Map<String, AttributeValue> posted = new HashMap<>();
        order.posted().forEach((key, fen) -> posted.put(positionKey(key), Items.n(fen)));
        Items.Builder item = Items.builder()
                .s("pk", "ORDER#" + state.orderId()).s("sk", "STATE")
                .s("orderId", state.orderId())
                .n("revision", order.revision() + 1)
                .attr("events", Items.map(events))
                .attr("terms", Items.map(terms))
                .attr("posted", Items.map(posted))
                .bool("riskHold", state.riskHold())
                .bool(ReportHours.COUNTED, true)
                .bool("held", state.held())
                .s("status", OrderStatus.of(state).name())
                .s("updatedAt", now.toString());
        state.payment().ifPresent(payment -> item
                .s("brandId", payment.terms().brandId())
                .s("hostId", payment.paid().hostId())
                .s("productId", payment.paid().productId())
                .s("leg", payment.terms().leg().name())
                .n("paidFen", payment.paid().paidFen())
                .n("refundedFen", state.refundedFen())
                .s("paidAt", payment.paid().occurredAt().toString())
                .n("salesFeeFen", salesFeeOf(order))
                .s("gsi1pk", brandPartition(payment.terms().brandId(), state.orderId()))
                .s("gsi1sk", paidSortKey(payment.paid().occurredAt(), state.orderId()))
                .s("buyerId", payment.paid().buyerId())
                .s("gsi3pk", "BUYER#" + payment.paid().buyerId())
                .s("gsi3sk", paidSortKey(payment.paid().occurredAt(), state.orderId())));
        OrderListKeys.addTo(item, order);
        if (state.isCancelled()) {
            item.bool("cancelled", true);
        }
        if (!order.riskRules().isEmpty()) {
            item.attr("riskRules", AttributeValue.fromSs(List.copyOf(order.riskRules())));
        }
        if (state.held()) {
            state.payment().ifPresent(payment -> item.s("gsi5pk", holdPartition(state.orderId()))
                    .s("gsi5sk", paidSortKey(payment.paid().occurredAt(), state.orderId())));
        }
        state.riskDecision().filter(RiskDecision::voided).ifPresent(d -> item.bool("voided", true));
        state.riskDecision().ifPresent(d -> item.attr("riskDecision", Items.map(Map.of(
                "eventId", Items.s(d.eventId()), "occurredAt", Items.s(d.occurredAt().toString()),
                "voided", AttributeValue.fromBool(d.voided()), "by", Items.s(d.by()), "reason", Items.s(d.reason())))));
        order.category().ifPresent(category -> item.s("category", category.name()));
        state.matured().ifPresent(m -> item.attr("matured", Items.map(Map.of(
                "eventId", Items.s(m.eventId()), "occurredAt", Items.s(m.occurredAt().toString())))));
        int shard = WriteShards.of(state.orderId(), DUE_SHARDS);
        afterSale.maturesAt(state, order.category()).ifPresent(at -> item.s("maturesAt", at.toString()));
        ShippingPromise.promise(state).ifPresent(promise -> item.s("shipBy", promise.toString())
                .s("promiseStatus", ShippingPromise.status(state).name()));
        ShippingPromise.shippedAt(state).ifPresent(at -> item.s("shippedAt", at.toString()));
        state.late().ifPresent(l -> item.attr("late", Items.map(Map.of(
                "eventId", Items.s(l.eventId()), "occurredAt", Items.s(l.occurredAt().toString()),
                "compensationFen", Items.n(l.compensationFen())))));
        // gsi2 holds one entry: a promise still to check goes first, it is due long before any maturity
        order.paymentRecordedAt().ifPresent(at -> item.s("paymentRecordedAt", at.toString()));
        if (order.newBuyer()) {
            item.bool("newBuyer", true);
        }
        RiskReview review = order.review();
        if (review.stage() != RiskReview.Stage.NONE) {
            item.s("reviewStage", review.stage().name());
            review.dueAt().ifPresent(at -> item.s("reviewDueAt", at.toString())
                    .s("gsi6pk", reviewShard(WriteShards.of(state.orderId(), REVIEW_SHARDS)))
                    .s("gsi6sk", SortableTime.of(at) + "#" + state.orderId()));
        }
        if (!review.decided().isEmpty()) {
            item.attr("reviewDecided", AttributeValue.fromSs(List.copyOf(review.decided())));
        }
        if (!review.reasons().isEmpty()) {
            Map<String, AttributeValue> reasons = new HashMap<>();
            review.reasons().forEach((code, text) -> reasons.put(code, Items.s(text)));
            item.attr("riskReasons", Items.map(reasons));
        }
        if (state.hasSeen(com.alliance.ledger.SystemEvents.riskReview(state.orderId()))) {
            item.bool("reviewed", true);    // the review moves no fact of the state: only its id is merged
        }
        Optional<Instant> checkFrom = ShippingPromise.checkFrom(state, order.paymentRecordedAt());
        if (checkFrom.isPresent()) {
            item.s("gsi2pk", promiseShard(shard)).s("gsi2sk", SortableTime.of(checkFrom.get()) + "#" + state.orderId());
        } else {
            afterSale.maturesAt(state, order.category()).ifPresent(at -> item
                    .s("gsi2pk", maturityShard(shard))
                    .s("gsi2sk", SortableTime.of(at) + "#" + state.orderId()));
        }
        return item.build();
    }

    /** The order an item of the table holds (a stream image, say), if it is an order's state item. */
    public static Optional<StoredOrder> orderOfImage(Map<String, AttributeValue> image) {
        return keyStartsWith(image, "ORDER#", "STATE") && image.get("sk").s().equals("STATE")
                ? Optional.of(fromItem(image.get("orderId").s(), image)) : Optional.empty();
    }

    /** Who sold whose goods when, as a paid order's item says it. */
    public record PaidBy(String hostId, String brandId, Instant paidAt) {
    }

    /**
     * The host, brand and payment instant of the paid order an item of the table holds, read from the attributes its
     * item keeps once paid ({@link #toItem}), without replaying its events: empty for an unpaid order or another item.
     */
    public static Optional<PaidBy> paidByOfImage(Map<String, AttributeValue> image) {
        return keyStartsWith(image, "ORDER#", "STATE") && image.get("sk").s().equals("STATE") && image.containsKey("paidAt")
                ? Optional.of(new PaidBy(image.get("hostId").s(), image.get("brandId").s(),
                        Instant.parse(image.get("paidAt").s())))
                : Optional.empty();
    }

    /** The live session's report an item of the table holds, if it is a session's item. */
    public static Optional<LiveSessionStats> sessionOfImage(Map<String, AttributeValue> image) {
        return keyStartsWith(image, "HOST#", "SESSION#") ? Optional.of(sessionOf(image)) : Optional.empty();
    }

    /** Whether the item has keys and they start with these. */
    static boolean keyStartsWith(Map<String, AttributeValue> image, String pk, String sk) {
        return image.containsKey("pk") && image.containsKey("sk") && image.get("pk").s().startsWith(pk)
                && image.get("sk").s().startsWith(sk);
    }

    static StoredOrder fromItem(String orderId, Map<String, AttributeValue> item) {
        SortedMap<String, String> raw = new TreeMap<>();
        item.get("events").m().forEach((id, json) -> raw.put(id, json.s()));
        Map<String, CommissionTerms> terms = new HashMap<>();
        item.get("terms").m().forEach((id, value) -> terms.put(id, termsFromItem(value.m())));
        OrderState state = OrderState.empty(orderId);
        for (Map.Entry<String, String> event : raw.entrySet()) {
            OrderEvent parsed = reparse(event.getValue());
            state = parsed instanceof OrderPaid paid ? state.applyPayment(paid, terms.get(paid.eventId())) : state.apply(parsed);
        }
        state = state.withRiskHold(item.get("riskHold").bool());
        if (item.containsKey("matured")) {
            Map<String, AttributeValue> matured = item.get("matured").m();
            state = state.apply(new OrderMatured(matured.get("eventId").s(), orderId,
                    Instant.parse(matured.get("occurredAt").s())));
        }
        if (item.containsKey("late")) {
            Map<String, AttributeValue> late = item.get("late").m();
            state = state.apply(new ShipmentLate(late.get("eventId").s(), orderId,
                    Instant.parse(late.get("occurredAt").s()), Items.longOf(late, "compensationFen")));
        }
        if (item.containsKey("reviewed")) {
            state = state.apply(RiskReviewed.of(orderId, Instant.EPOCH));
        }
        if (item.containsKey("riskDecision")) {
            Map<String, AttributeValue> d = item.get("riskDecision").m();
            state = state.apply(new RiskDecision(d.get("eventId").s(), orderId, Instant.parse(d.get("occurredAt").s()),
                    d.get("voided").bool(), d.get("by").s(), d.get("reason").s()));
        }
        Map<PositionKey, Long> posted = new HashMap<>();
        item.get("posted").m().forEach((key, fen) -> posted.put(positionKey(key), Long.parseLong(fen.n())));
        Optional<Category> category = Optional.ofNullable(item.get("category")).map(v -> Category.valueOf(v.s()));
        java.util.SortedSet<String> rules = new java.util.TreeSet<>(
                item.containsKey("riskRules") ? item.get("riskRules").ss() : List.of());
        Optional<Instant> paymentRecordedAt = Optional.ofNullable(item.get("paymentRecordedAt")).map(v -> Instant.parse(v.s()));
        boolean newBuyer = item.containsKey("newBuyer") && item.get("newBuyer").bool();
        RiskReview review = item.containsKey("reviewStage")
                ? new RiskReview(RiskReview.Stage.valueOf(item.get("reviewStage").s()),
                        Optional.ofNullable(item.get("reviewDueAt")).map(v -> Instant.parse(v.s())), reasonsOf(item),
                        new java.util.TreeSet<>(item.containsKey("reviewDecided") ? item.get("reviewDecided").ss() : List.of()))
                : RiskReview.NONE;
        return new StoredOrder(state, raw, posted, Items.longOf(item, "revision"), category, rules, paymentRecordedAt,
                newBuyer, review);
    }

    /** Stored events passed the parser once; one that no longer parses is a bug, not bad input. */
    private static OrderEvent reparse(String json) {
        try {
            return OrderEventParser.parse(json);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("a stored event no longer parses: " + e.getMessage(), e);
        }
    }

    private static String positionKey(PositionKey key) {
        return key.account().type().name() + "|" + key.state().name() + "|" + key.account().party();
    }

    private static PositionKey positionKey(String key) {
        String[] parts = key.split("\\|", 3);
        return PositionKey.of(new Account(AccountType.valueOf(parts[0]), parts[2]), PostingState.valueOf(parts[1]));
    }

    private static Map<String, AttributeValue> termsToItem(CommissionTerms terms) {
        Items.Builder item = Items.builder()
                .s("leg", terms.leg().name()).s("brandId", terms.brandId())
                .n("hostRateBps", terms.hostRate().value()).n("serviceFeeRateBps", terms.serviceFeeRate().value())
                .n("leadRateBps", terms.leadRate().value()).n("salesFeeRateBps", terms.salesFeeRate().value())
                .n("shipWithinHours", terms.shipWithinHours());
        terms.leadId().ifPresent(lead -> item.s("leadId", lead));
        terms.rateBasis().ifPresent(basis -> item.s("rateBasis", basis.name()));
        return item.build();
    }

    private static CommissionTerms termsFromItem(Map<String, AttributeValue> item) {
        return new CommissionTerms(Leg.valueOf(item.get("leg").s()), item.get("brandId").s(),
                Bps.of((int) Items.longOf(item, "hostRateBps")), Bps.of((int) Items.longOf(item, "serviceFeeRateBps")),
                Optional.ofNullable(item.get("leadId")).map(AttributeValue::s),
                Bps.of((int) Items.longOf(item, "leadRateBps")), Bps.of((int) Items.longOf(item, "salesFeeRateBps")),
                item.containsKey("shipWithinHours") ? (int) Items.longOf(item, "shipWithinHours")
                        : CommissionTerms.DEFAULT_SHIP_WITHIN_HOURS,
                Optional.ofNullable(item.get("rateBasis")).map(v -> RateBasis.valueOf(v.s())));
    }
}
