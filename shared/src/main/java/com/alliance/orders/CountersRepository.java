package com.alliance.orders;

import com.alliance.jobs.Backlog;
import com.alliance.orders.OrderCounts.Scope;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Where the running counts of {@link OrderCounts} live, and how the stream fold adds to them
 * ({@link RunningCountsFold}): one {@code UpdateItem} per counters item and stream shard per batch, never a
 * write in an order's transaction.
 *
 * <ul>
 *   <li>HOST_STATS: catalog table, {@code HOST#{hostId}} / {@code STATS} (the item matching reads);</li>
 *   <li>PRODUCT_SALES: catalog table, {@code PRODUCT#{productId}} / {@code SALES};</li>
 *   <li>BRAND_SERVICE: orders table, {@code BRAND#{brandId}} / {@code SERVICE};</li>
 *   <li>HOST_DAY, HOST_PRODUCT_SLOT: the risk windows ({@link RiskWindows});</li>
 *   <li>REPORT: the report hours, a host's and a brand's ({@link ReportHours}), whose buyers the fold moves into a
 *       sketch once an hour has many.</li>
 * </ul>
 *
 * <p>Each item keeps, per stream shard, the sequence number of the last record folded into it
 * ({@code fold:{shardId}} = {@code {sequence}|{epochSecond}}), which makes every fold exactly once.
 * A host's or brand's counters item also carries {@link #REVISION}, one more on every fold, and each fold
 * then puts a mark {@code TRUST#DIRTY#{shard}} / {@code HOST#{id}} or {@code BRAND#{id}} (orders table) with
 * a fresh {@code token}: the trust job reads the marks of a shard with one Query, recomputes trust from the
 * counters, writes it only over an older revision, and deletes the mark only if its token is still the one
 * it read. The mark is put after the counters, so a fold after the job read the counters leaves a mark for
 * the next run, and a slow job never overwrites a newer trust with an older one.
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

    /** The client the counters are read and written with. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** What folding a part did. */
    public enum Folded { ADDED, ALREADY_THERE }

    /**
     * Adds {@code part} to its counters item exactly once: one {@code UpdateItem} that adds the part's steps
     * and records the last sequence number of its stream shard ({@code fold:{shardId}}), conditional on the
     * item having folded none of them yet; where it has folded some (a retried batch), only the steps after
     * them are added. A part naming more than {@link #COUNTERS_PER_WRITE} counters is written as consecutive
     * {@link #runs}, each such an update. Then a host's or brand's item is marked for the trust job, also when the part was
     * already there (a fold that stopped between the two writes leaves no change unmarked).
     */
    public Folded fold(RunningCountsFold.Part part, Instant now) {
        Item item = new Item(part.scope(), part.id());
        Folded folded = Folded.ALREADY_THERE;
        for (RunningCountsFold.Part run : runs(part)) {
            Optional<RunningCountsFold.Part> pending = Optional.of(run);
            while (pending.isPresent()) {
                try {
                    add(item, pending.get(), now);
                    folded = Folded.ADDED;
                    pending = Optional.empty();
                } catch (ConditionalCheckFailedException e) {
                    pending = pending.get().after(foldedThrough(item, part.shardId(), e));
                }
            }
        }
        if (RunningCountsFold.feedsTrust(part.scope())) {
            dynamoDb.putItem(PutItemRequest.builder().tableName(Tables.ORDERS.tableName())
                    .item(Items.builder().s("pk", dirtyPartition(item.scope(), item.id()))
                            .s("sk", dirtySortKey(item.scope(), item.id()))
                            .s("token", UUID.randomUUID().toString()).s("markedAt", now.toString()).build()).build());
        }
        return folded;
    }

    /** The most counters one fold write names: an update expression holds at most 4 KB. */
    static final int COUNTERS_PER_WRITE = 100;

    /**
     * The part cut into consecutive runs of steps that name at most {@link #COUNTERS_PER_WRITE} counters together
     * (a busy hour's report item gains a buyer per order). The runs are written in stream order under the shard's
     * one mark, so a retried batch resumes after the last run written, as it does after the last part.
     */
    static List<RunningCountsFold.Part> runs(RunningCountsFold.Part part) {
        List<RunningCountsFold.Part> runs = new ArrayList<>();
        List<RunningCountsFold.Step> run = new ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (RunningCountsFold.Step step : part.steps()) {
            java.util.Set<String> more = new java.util.HashSet<>(named);
            more.addAll(step.delta().keySet());
            if (!run.isEmpty() && more.size() > COUNTERS_PER_WRITE) {
                runs.add(new RunningCountsFold.Part(part.scope(), part.id(), part.shardId(), run));
                run = new ArrayList<>();
                more = new java.util.HashSet<>(step.delta().keySet());
            }
            run.add(step);
            named = more;
        }
        runs.add(new RunningCountsFold.Part(part.scope(), part.id(), part.shardId(), run));
        return runs;
    }

    /** The sequence number the item has folded {@code shardId} through, from the refusal or read afresh. */
    private String foldedThrough(Item item, String shardId, ConditionalCheckFailedException refusal) {
        Map<String, AttributeValue> stored = refusal.hasItem() ? refusal.item()
                : dynamoDb.getItem(GetItemRequest.builder().tableName(item.table()).key(item.key())
                        .consistentRead(true).build()).item();
        AttributeValue folded = stored == null ? null : stored.get(FOLD_PREFIX + shardId);
        if (folded == null) {
            throw new IllegalStateException("the fold of " + item + " was refused but it holds nothing of " + shardId);
        }
        return sequenceOf(folded.s());
    }

    /** The part's total and its shard's new sequence number, if the item has folded none of its steps. */
    private void add(Item item, RunningCountsFold.Part part, Instant now) {
        List<String> adds = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#fold", FOLD_PREFIX + part.shardId()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":folded", Items.s(part.lastSequence() + "|" + now.getEpochSecond()),
                ":first", Items.s(part.firstSequence())));
        if (RunningCountsFold.feedsTrust(item.scope())) {
            adds.add("#revision :one");
            names.put("#revision", REVISION);
            values.put(":one", Items.n(1));
        }
        int n = 0;
        for (Map.Entry<String, Long> counter : part.total().entrySet()) {
            adds.add("#c" + n + " :c" + n);
            names.put("#c" + n, counter.getKey());
            values.put(":c" + n, Items.n(counter.getValue()));
            n++;
        }
        String update = (adds.isEmpty() ? "" : "ADD " + String.join(", ", adds) + " ") + "SET #fold = :folded";
        // "seq|time" < "first" exactly when seq < first: the sequences are zero-padded to one width
        Map<String, AttributeValue> after = dynamoDb.updateItem(UpdateItemRequest.builder()
                .tableName(item.table()).key(item.key()).updateExpression(update)
                .conditionExpression("attribute_not_exists(#fold) OR #fold < :first")
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).attributes();
        forgetQuietShards(item, after, now);
        if (item.scope() == Scope.REPORT && ReportHours.isHourItem(item.id())) {
            sketchBuyers(item, after);
        }
    }

    /**
     * Moves a report hour's buyers into its sketch once it counts more than {@link ReportHours.BuyerSketch#EXACT_UP_TO}
     * of them ({@link ReportHours.BuyerSketch}): each buyer above 0 is added to the {@code hll} registers and its
     * counter removed, a hundred at a time, each write conditional on those counters and the sketch being what the
     * fold saw. A write refused (another shard's fold moved on) leaves the rest for the next fold; nothing is lost,
     * since a counter is only removed together with the sketch that holds its buyer.
     */
    private void sketchBuyers(Item item, Map<String, AttributeValue> after) {
        List<Map.Entry<String, AttributeValue>> buyers = after.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ReportHours.BuyerSketch.PREFIX)).toList();
        if (buyers.size() <= ReportHours.BuyerSketch.EXACT_UP_TO) {
            return;
        }
        AttributeValue stored = after.get(ReportHours.BuyerSketch.SKETCH);
        ReportHours.BuyerSketch sketch = stored == null ? new ReportHours.BuyerSketch()
                : ReportHours.BuyerSketch.of(stored.b().asByteArray());
        for (int from = 0; from < buyers.size(); from += COUNTERS_PER_WRITE) {
            List<String> removes = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            Map<String, String> names = new HashMap<>(Map.of("#hll", ReportHours.BuyerSketch.SKETCH));
            Map<String, AttributeValue> values = new HashMap<>();
            for (Map.Entry<String, AttributeValue> buyer : buyers.subList(from, Math.min(buyers.size(), from + COUNTERS_PER_WRITE))) {
                int n = removes.size();
                if (Long.parseLong(buyer.getValue().n()) > 0) {
                    sketch.addCounterName(buyer.getKey());
                }
                removes.add("#u" + n);
                conditions.add("#u" + n + " = :u" + n);
                names.put("#u" + n, buyer.getKey());
                values.put(":u" + n, buyer.getValue());
            }
            AttributeValue next = AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(sketch.bytes()));
            values.put(":hll", next);
            if (stored == null) {
                conditions.add("attribute_not_exists(#hll)");
            } else {
                conditions.add("#hll = :old");
                values.put(":old", stored);
            }
            try {
                dynamoDb.updateItem(UpdateItemRequest.builder().tableName(item.table()).key(item.key())
                        .updateExpression("SET #hll = :hll REMOVE " + String.join(", ", removes))
                        .conditionExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names).expressionAttributeValues(values).build());
                stored = next;
            } catch (ConditionalCheckFailedException movedOn) {
                return;
            }
        }
    }

    /**
     * Drops the sequence numbers of stream shards that folded nothing into the item for
     * {@link #FOLD_MEMORY}: stream records live 24 hours, so none of theirs can come again, and the item
     * stays as small as the shards still writing to it.
     */
    private void forgetQuietShards(Item item, Map<String, AttributeValue> after, Instant now) {
        List<String> removes = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        long oldest = now.minus(FOLD_MEMORY).getEpochSecond();
        after.forEach((name, value) -> {
            if (name.startsWith(FOLD_PREFIX) && value.s() != null && foldedAt(value.s()) < oldest) {
                int n = removes.size();
                removes.add("#q" + n);
                conditions.add("#q" + n + " = :q" + n);
                names.put("#q" + n, name);
                values.put(":q" + n, value);
            }
        });
        if (removes.isEmpty()) {
            return;
        }
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(item.table()).key(item.key())
                    .updateExpression("REMOVE " + String.join(", ", removes))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException movedOn) {
            // one of those shards folded again meanwhile: it is not quiet, keep them all for the next fold
        }
    }

    /** How long an item remembers a stream shard that folds nothing more into it (stream records live 24 h). */
    static final Duration FOLD_MEMORY = Duration.ofHours(48);

    /** Attribute prefix of the sequence number folded through, per stream shard ({@code fold:{shardId}}). */
    static final String FOLD_PREFIX = "fold:";

    private static String sequenceOf(String folded) {
        return folded.substring(0, folded.indexOf('|'));
    }

    private static long foldedAt(String folded) {
        return Long.parseLong(folded.substring(folded.indexOf('|') + 1));
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

    /**
     * How many hosts and brands of one shard are marked, counted up to {@code max} (one Query), and the earliest
     * of those marks ({@code markedAt}; a mark put before marks kept their time counts as unknown).
     */
    public Backlog dirtyBacklog(int shard, int max) {
        QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(Tables.ORDERS.tableName())
                .keyConditionExpression("pk = :pk").limit(max).projectionExpression("markedAt")
                .expressionAttributeValues(Map.of(":pk", Items.s(DIRTY_PREFIX + shard))).build());
        Optional<Instant> oldest = page.items().stream().map(item -> Items.stringOf(item, "markedAt"))
                .filter(Objects::nonNull).map(Instant::parse).min(Instant::compareTo);
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return page.items().isEmpty() ? Backlog.NONE
                : new Backlog(page.items().size(), more, oldest);
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

    /**
     * The named counter of each item, read together (BatchGetItem, eventually consistent: the counts lag the
     * events anyway); an absent item or counter is 0. All items must live in one table.
     */
    public Map<OrderCounts.Counter, Long> readAll(List<OrderCounts.Counter> wanted) {
        Map<OrderCounts.Counter, Long> found = new HashMap<>();
        Map<Map<String, AttributeValue>, List<OrderCounts.Counter>> byKey = new java.util.LinkedHashMap<>();
        String table = null;
        for (OrderCounts.Counter counter : wanted) {
            Item item = new Item(counter.scope(), counter.id());
            table = item.table();
            byKey.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(counter);
            found.put(counter, 0L);
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    for (OrderCounts.Counter counter : byKey.getOrDefault(Items.key(item.get("pk").s(), item.get("sk").s()), List.of())) {
                        found.put(counter, Items.longOf(item, counter.name(), 0));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** The counters of one host, product or brand, by name; an absent counter is 0 (consistent read). */
    public Map<String, Long> read(Scope scope, String id) {
        Item item = new Item(scope, id);
        Map<String, AttributeValue> found = dynamoDb.getItem(GetItemRequest.builder().tableName(item.table())
                .key(item.key()).consistentRead(true).build()).item();
        return found == null ? new TreeMap<>() : Items.numbersOf(found);
    }

    private record Item(Scope scope, String id) {

        String table() {
            return scope == Scope.HOST_STATS || scope == Scope.PRODUCT_SALES
                    ? Tables.CATALOG.tableName() : Tables.ORDERS.tableName();
        }

        Map<String, AttributeValue> key() {
            return switch (scope) {
                case HOST_STATS -> Items.key("HOST#" + id, "STATS");
                case PRODUCT_SALES -> Items.key("PRODUCT#" + id, "SALES");
                case BRAND_SERVICE -> Items.key("BRAND#" + id, "SERVICE");
                case HOST_DAY, HOST_PRODUCT_SLOT -> Items.key("HOST#" + RiskWindows.hostOf(id), RiskWindows.sortKeyOf(scope, id));
                case REPORT -> Items.key(ReportHours.partitionOf(id), ReportHours.sortKeyOf(id));
            };
        }
    }
}
