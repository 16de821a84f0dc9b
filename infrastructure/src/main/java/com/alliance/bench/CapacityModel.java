package com.alliance.bench;

import com.alliance.analytics.AudienceRepository;
import com.alliance.orders.ReportHours;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The write units each request puts on each partition key, of base tables and of their global secondary
 * indexes, on DynamoDB's published rules, from the items themselves: for every item a write names
 * (condition checks excepted) it reads the item before the call and, if the call succeeded, after it, with a
 * separate uninstrumented client (consistent reads), and charges
 * <ul>
 *   <li>the table partition {@code ceil(max(size before, size after) / 1 KB)} units (at least 1), twice that
 *       for a transactional write;</li>
 *   <li>each index (key schema and projection read by {@code DescribeTable}): a put of
 *       {@code ceil(projected size / 1 KB)} on the new index partition when the item gains its index keys, moves
 *       them, or changes a projected attribute; a delete of the old projected size on the old index partition
 *       when it loses or moves them.</li>
 * </ul>
 * Item size is DynamoDB's ("Item sizes and formats"): attribute name bytes + value bytes, a number 1 byte per two
 * significant digits + 1, a list or map 3 bytes + 1 per element. The before and after reads bracket the call,
 * so the model is exact only when no other writer touches the same items in between: run it with one consumer.
 * Units are kept per phase (e.g. paid, shipped, received) and per item category ({@link #category}).
 */
public final class CapacityModel implements ExecutionInterceptor {

    public static final double PARTITION_WRITE_UNITS_PER_SECOND = 1_000;

    private static final ExecutionAttribute<Touch> TOUCH = new ExecutionAttribute<>("alliance.capacity.touch");

    private record Touch(List<ItemKeys.Item> items, boolean transactional, Map<ItemKeys.Item, Map<String, AttributeValue>> before) {
    }

    private record IndexShape(String name, String partitionKey, String sortKey, ProjectionType projection, Set<String> included) {
    }

    private record Shape(String partitionKey, String sortKey, List<IndexShape> indexes) {
    }

    /** Units on one concrete partition key of a table ({@code orders}) or an index ({@code orders gsi2}). */
    public record PartitionLoad(String space, String key, long units) {

        public String name() {
            return space + " " + key;
        }
    }

    /** A partition key family ({@code catalog HOST#*}) with its units and its hottest concrete key. */
    public record Family(String name, long units, PartitionLoad hottest) {
    }

    private final DynamoDbClient reader;
    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> unitsByPartition = new TreeMap<>();          // guarded by this
    /** What the stream fold writes, by table or index and partition key ({@link #FOLDED}). */
    private final Map<String, Map<String, Long>> foldedByPartition = new TreeMap<>();         // guarded by this
    private final Map<String, Map<String, Long>> unitsByPhaseAndCategory = new LinkedHashMap<>(); // guarded by this
    private volatile String phase = "writes";

    /** {@code reader}: a client without this model (nor a conflict emulator) in its chain. */
    public CapacityModel(DynamoDbClient reader) {
        this.reader = reader;
    }

    /** Units from now on count under {@code name} (e.g. {@code paid}). */
    public void phase(String name) {
        phase = name;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        boolean write = request instanceof PutItemRequest || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest
                || request instanceof BatchWriteItemRequest || request instanceof TransactWriteItemsRequest;
        if (!write) {
            return;
        }
        List<ItemKeys.Item> items = ItemKeys.written(request).stream().filter(item -> !item.conditionCheck()).toList();
        attributes.putAttribute(TOUCH, new Touch(items, request instanceof TransactWriteItemsRequest, read(items)));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Touch touch = attributes.getAttribute(TOUCH);
        if (touch == null) {
            return;
        }
        List<ItemKeys.Item> items = new ArrayList<>(touch.items());
        SdkResponse response = context.response();
        if (response instanceof BatchWriteItemResponse batch && batch.hasUnprocessedItems()) {
            Set<ItemKeys.Item> unprocessed = new HashSet<>(ItemKeys.written(BatchWriteItemRequest.builder()
                    .requestItems(batch.unprocessedItems()).build()));
            items.removeAll(unprocessed);
        }
        Map<ItemKeys.Item, Map<String, AttributeValue>> after = read(items);
        for (ItemKeys.Item item : items) {
            charge(item, touch.before().get(item), after.get(item), touch.transactional());
        }
    }

    private void charge(ItemKeys.Item item, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional) {
        Shape shape = shape(item.table());
        String table = ItemKeys.shortName(item.table());
        long size = Math.max(before == null ? 0 : itemSize(before), after == null ? 0 : itemSize(after));
        add(table, item.pk(), units(size) * (transactional ? 2 : 1), category(item));
        for (IndexShape index : shape.indexes()) {
            boolean wasIn = before != null && inIndex(before, index);
            boolean isIn = after != null && inIndex(after, index);
            String space = table + " " + index.name();
            if (wasIn && isIn && Objects.equals(before.get(index.partitionKey()), after.get(index.partitionKey()))
                    && Objects.equals(before.get(index.sortKey()), after.get(index.sortKey()))) {
                Map<String, AttributeValue> projected = project(after, shape, index);
                if (!projected.equals(project(before, shape, index))) {
                    add(space, after.get(index.partitionKey()).s(), units(itemSize(projected)), space);
                }
                continue;
            }
            if (wasIn) {
                add(space, before.get(index.partitionKey()).s(), units(itemSize(project(before, shape, index))), space);
            }
            if (isIn) {
                add(space, after.get(index.partitionKey()).s(), units(itemSize(project(after, shape, index))), space);
            }
        }
    }

    private synchronized void add(String space, String partitionKey, long units, String category) {
        (FOLDED.contains(category) ? foldedByPartition : unitsByPartition)
                .computeIfAbsent(space, s -> new HashMap<>()).merge(partitionKey, units, Long::sum);
        unitsByPhaseAndCategory.computeIfAbsent(phase, p -> new TreeMap<>()).merge(category, units, Long::sum);
    }

    /**
     * What an item is, for the lifecycle breakdown: event marker, order item, postings, counters, trust marks,
     * settlement cursor, or "other" with its kind.
     */
    static String category(ItemKeys.Item item) {
        String table = ItemKeys.shortName(item.table());
        String pk = ItemKeys.family(item.pk());
        String sk = ItemKeys.family(item.sk());
        if (table.equals("ledger")) {
            return "postings";
        }
        if (table.equals("orders") && pk.startsWith("EVENT#")) {
            return "event marker";
        }
        if (table.equals("orders") && pk.startsWith("ORDER#") && sk.equals("STATE")) {
            return "order item";
        }
        if (pk.startsWith("TRUST#")) {
            return "trust marks";
        }
        if (table.equals("settlement") && pk.startsWith("SETTLECURSOR#")) {
            return "settlement cursor";
        }
        if (sk.equals("STATS") || sk.equals("SALES") || sk.equals("SERVICE")) {
            return "counters";
        }
        if (sk.startsWith("RISKDAY#") || sk.startsWith("BURST#")) {
            return "risk windows";
        }
        if (sk.startsWith(ReportHours.HOUR_PREFIX) || sk.startsWith(ReportHours.REACH_PREFIX)
                || sk.startsWith(ReportHours.VIOLATION_PREFIX)) {
            return "report hours";
        }
        if (sk.startsWith(AudienceRepository.ORDERED_PREFIX) || sk.startsWith(AudienceRepository.AUDIENCE_PREFIX)) {
            return "audience";
        }
        return "other " + item.kind();
    }

    /**
     * What only the stream fold writes (running counts, risk windows, report hours, the brands' audience, trust marks):
     * once per item, stream shard and batch, however many orders the batch holds, so its units per order fall as the
     * order rate grows and no per-order ceiling applies to them. The report lists them apart from what order transactions write.
     */
    static final Set<String> FOLDED = Set.of("counters", "risk windows", "report hours", "audience", "trust marks");

    /** The categories every design must write per event: its order (which records the event) and its postings. */
    static final List<String> MINIMUM = List.of("order item", "postings");

    /** Shown even when nothing was written to them, first and in this order. */
    static final List<String> STANDARD = List.of("event marker", "order item", "postings", "counters", "risk windows", "report hours", "audience",
            "trust marks", "settlement cursor");

    private static boolean inIndex(Map<String, AttributeValue> item, IndexShape index) {
        return item.containsKey(index.partitionKey()) && (index.sortKey() == null || item.containsKey(index.sortKey()));
    }

    private static Map<String, AttributeValue> project(Map<String, AttributeValue> item, Shape table, IndexShape index) {
        if (index.projection() == ProjectionType.ALL) {
            return item;
        }
        Set<String> names = new HashSet<>(index.included());
        names.add(table.partitionKey());
        names.add(index.partitionKey());
        if (table.sortKey() != null) {
            names.add(table.sortKey());
        }
        if (index.sortKey() != null) {
            names.add(index.sortKey());
        }
        Map<String, AttributeValue> projected = new HashMap<>(item);
        projected.keySet().retainAll(names);
        return projected;
    }

    static long units(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** DynamoDB's item size: the sum of attribute name and value sizes. */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(CapacityModel::utf8).sum();
            case NS -> value.ns().stream().mapToLong(CapacityModel::numberSize).sum();
            case BS -> value.bs().stream().mapToLong(bytes -> bytes.asByteArray().length).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + valueSize(element)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue())).sum();
            default -> 0;
        };
    }

    /** 1 byte per two significant digits, plus 1. */
    static long numberSize(String number) {
        String digits = new BigDecimal(number).stripTrailingZeros().unscaledValue().abs().toString();
        int significant = digits.equals("0") ? 1 : digits.length();
        return (significant + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private Map<ItemKeys.Item, Map<String, AttributeValue>> read(List<ItemKeys.Item> items) {
        Map<ItemKeys.Item, Map<String, AttributeValue>> images = new HashMap<>();
        Map<String, List<ItemKeys.Item>> byTable = new HashMap<>();
        new java.util.LinkedHashSet<>(items).forEach(item -> byTable.computeIfAbsent(item.table(), t -> new ArrayList<>()).add(item));
        Map<String, KeysAndAttributes> request = new HashMap<>();
        for (Map.Entry<String, List<ItemKeys.Item>> table : byTable.entrySet()) {
            request.put(table.getKey(), KeysAndAttributes.builder().consistentRead(true)
                    .keys(table.getValue().stream().map(ItemKeys.Item::key).toList()).build());
        }
        while (!request.isEmpty()) {
            BatchGetItemResponse response = reader.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            response.responses().forEach((table, found) -> found.forEach(item ->
                    images.put(ItemKeys.fromAttributes(table, item, false), item)));
            request = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : Map.of();
        }
        return images;
    }

    private Shape shape(String table) {
        return shapes.computeIfAbsent(table, name -> {
            TableDescription description = reader.describeTable(DescribeTableRequest.builder().tableName(name).build()).table();
            List<IndexShape> indexes = new ArrayList<>();
            for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
                indexes.add(new IndexShape(index.indexName(), keyOf(index.keySchema(), KeyType.HASH), keyOf(index.keySchema(), KeyType.RANGE),
                        index.projection().projectionType(), Set.copyOf(index.projection().nonKeyAttributes())));
            }
            return new Shape(keyOf(description.keySchema(), KeyType.HASH), keyOf(description.keySchema(), KeyType.RANGE), indexes);
        });
    }

    private static String keyOf(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream().filter(element -> element.keyType() == type).map(KeySchemaElement::attributeName).findFirst().orElse(null);
    }

    /** Units charged so far to one partition key of a table ({@code ledger}) or an index ({@code ledger gsi1}). */
    public synchronized long units(String space, String partitionKey) {
        return unitsByPartition.getOrDefault(space, Map.of()).getOrDefault(partitionKey, 0L);
    }

    /** Starts afresh (e.g. between a spread and a live-room pass). */
    public synchronized void reset() {
        unitsByPartition.clear();
        foldedByPartition.clear();
        unitsByPhaseAndCategory.clear();
    }

    /** What has been charged so far, per order of {@code orders}. */
    public synchronized Report report(String run, int orders) {
        Map<String, List<PartitionLoad>> families = new TreeMap<>();
        PartitionLoad hottest = new PartitionLoad("-", "-", 0);
        for (Map.Entry<String, Map<String, Long>> space : unitsByPartition.entrySet()) {
            for (Map.Entry<String, Long> key : space.getValue().entrySet()) {
                PartitionLoad load = new PartitionLoad(space.getKey(), key.getKey(), key.getValue());
                families.computeIfAbsent(space.getKey() + " " + ItemKeys.family(key.getKey()), f -> new ArrayList<>()).add(load);
                if (load.units() > hottest.units()) {
                    hottest = load;
                }
            }
        }
        List<Family> list = new ArrayList<>();
        families.forEach((name, loads) -> list.add(new Family(name, loads.stream().mapToLong(PartitionLoad::units).sum(),
                loads.stream().max(Comparator.comparingLong(PartitionLoad::units)).orElseThrow())));
        list.sort(Comparator.comparingLong((Family f) -> f.hottest().units()).reversed().thenComparing(Family::name));
        Map<String, Map<String, Long>> lifecycle = new LinkedHashMap<>();
        unitsByPhaseAndCategory.forEach((p, categories) -> lifecycle.put(p, Map.copyOf(categories)));
        PartitionLoad busiestFolded = new PartitionLoad("-", "-", 0);
        long folded = 0;
        for (Map.Entry<String, Map<String, Long>> space : foldedByPartition.entrySet()) {
            for (Map.Entry<String, Long> key : space.getValue().entrySet()) {
                folded += key.getValue();
                if (key.getValue() > busiestFolded.units()) {
                    busiestFolded = new PartitionLoad(space.getKey(), key.getKey(), key.getValue());
                }
            }
        }
        return new Report(run, orders, List.copyOf(list), hottest, lifecycle, busiestAtScale(), folded, busiestFolded);
    }

    /**
     * The busiest partition at scale: a write-sharded key (a family of {@link #WRITE_SHARDS}) spreads its logical
     * key's units evenly over its shards, as its hash does over many orders, whereas a sample of a few hundred
     * orders leaves some shards busier than that by chance (which the hottest concrete key shows); an order's own
     * keys ({@link #ONE_ORDERS}) are left out; every other key counts as measured. Units are per shard of the
     * logical key.
     */
    private ScaledLoad busiestAtScale() {
        Map<String, Double> loads = new TreeMap<>();
        unitsByPartition.forEach((space, keys) -> keys.forEach((key, units) -> {
            String family = space + " " + ItemKeys.family(key);
            Integer shards = WRITE_SHARDS.get(family);
            if (ONE_ORDERS.contains(family)) {
                return;
            }
            if (shards == null) {
                loads.put(space + " " + key, (double) units);
            } else {
                loads.merge(space + " " + key.replaceFirst("#[0-9]+$", "#n"), units / (double) shards, Double::sum);
            }
        }));
        return loads.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> new ScaledLoad(e.getKey(), e.getValue())).orElse(new ScaledLoad("-", 0));
    }

    /**
     * Keys each written by one order only: its item, its event markers, its clearing account and its postings'
     * index entries, and its buyer's orders (a new buyer per order in these runs). However many orders a second
     * the marketplace takes, each of these keys sees one order's few writes, so they set no ceiling; a sample of
     * a few hundred orders would otherwise make them look hot by dividing one order's units by few orders.
     */
    static final Set<String> ONE_ORDERS = Set.of("orders ORDER#*", "orders EVENT#*", "ledger CLEARING#*",
            "ledger gsi1 ORDER#*", "orders gsi3 BUYER#*");

    /** The busiest partition at scale and its units (per shard, for a write-sharded key). */
    public record ScaledLoad(String name, double units) {
    }

    /**
     * The write-sharded key families and their shard counts, from the code that shards them: what
     * {@link #busiestAtScale} spreads evenly.
     */
    static final Map<String, Integer> WRITE_SHARDS = Map.ofEntries(
            Map.entry("ledger PARTY#platform#n", com.alliance.ledger.LedgerShards.PLATFORM_SHARDS),
            Map.entry("ledger PARTY#*#n", com.alliance.ledger.LedgerShards.PAYEE_SHARDS),
            Map.entry("orders gsi1 BRAND#*#n", com.alliance.orders.OrderRepository.BRAND_SHARDS),
            Map.entry("orders gsi2 DUE#n", com.alliance.orders.OrderRepository.DUE_SHARDS),
            Map.entry("orders gsi2 SHIPBY#n", com.alliance.orders.OrderRepository.DUE_SHARDS),
            Map.entry("orders gsi5 HOLD#OPEN#n", com.alliance.orders.OrderRepository.HOLD_SHARDS),
            Map.entry("orders gsi6 REVIEW#n", com.alliance.orders.OrderRepository.REVIEW_SHARDS),
            Map.entry("orders TRUST#DIRTY#n", com.alliance.orders.CountersRepository.DIRTY_SHARDS),
            Map.entry("settlement gsi1 PAYEEDUE#*#n", com.alliance.ledger.SettlementCursors.DUE_PARTITIONS),
            // a settlement run's lines and slice totals, and its postings' entries by run, by payee slice
            Map.entry("settlement RUN#*#n", com.alliance.ledger.PayeeSlices.COUNT),
            Map.entry("ledger gsi1 ORDER#*#n", com.alliance.ledger.PayeeSlices.COUNT),
            Map.entry("settlement gsi1 CLAIMRANGES#*#n", com.alliance.ledger.PayeeSlices.COUNT));

    /** One pass's figures: the partition key families, the hottest key, and the units by phase and item category. */
    public record Report(String run, int orders, List<Family> families, PartitionLoad hottest,
                         Map<String, Map<String, Long>> unitsByPhaseAndCategory, ScaledLoad busiestAtScale,
                         long foldedUnits, PartitionLoad busiestFolded) {

        /** Orders per second the busiest partition at scale allows at 1 000 WU/s (sharded keys spread evenly). */
        public double ceilingAtScale() {
            double perOrder = busiestAtScale.units() / orders;
            return perOrder == 0 ? Double.POSITIVE_INFINITY : PARTITION_WRITE_UNITS_PER_SECOND / perOrder;
        }

        public double hottestUnitsPerOrder() {
            return hottest.units() / (double) orders;
        }

        /** Orders (whole lifecycles) per second the hottest partition key allows at 1 000 WU/s. */
        public double ceilingOrdersPerSecond() {
            return hottest.units() == 0 ? Double.POSITIVE_INFINITY : PARTITION_WRITE_UNITS_PER_SECOND / hottestUnitsPerOrder();
        }

        public long totalUnits() {
            return unitsByPhaseAndCategory.values().stream().flatMap(c -> c.values().stream()).mapToLong(Long::longValue).sum();
        }

        public double unitsPerOrder(String category) {
            return unitsByPhaseAndCategory.values().stream().mapToLong(c -> c.getOrDefault(category, 0L)).sum() / (double) orders;
        }

        public String print() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("  capacity model, %s run: %,d orders, one consumer%n", run, orders));
            out.append(String.format("    %-44s %10s   %s%n", "partition key family", "WU/order", "hottest key (WU/order)"));
            for (Family family : families) {
                out.append(String.format("    %-44s %10.2f   %s (%.2f)%n", family.name(), family.units() / (double) orders,
                        family.hottest().key(), family.hottest().units() / (double) orders));
            }
            out.append(String.format("    hottest partition key in this sample: %s, %.2f WU/order -> ceiling %,.0f orders/s at 1 000 WU/s%n",
                    hottest.name(), hottestUnitsPerOrder(), ceilingOrdersPerSecond()));
            out.append(String.format("    at scale (write-sharded keys spread evenly by their hash): busiest %s, %.3f WU/order"
                    + " -> ceiling %,.0f orders/s%n", busiestAtScale.name(), busiestAtScale.units() / orders, ceilingAtScale()));
            out.append(String.format("    the stream fold (running counts, risk windows, report hours, audience, trust marks), apart: %.2f WU/order in this pass,"
                    + " busiest %s (%.2f); it writes an item once per stream shard per batch, not per order%n",
                    foldedUnits / (double) orders, busiestFolded.name(), busiestFolded.units() / (double) orders));
            List<String> phases = new ArrayList<>(unitsByPhaseAndCategory.keySet());
            Set<String> categories = new java.util.TreeSet<>(Comparator.comparing((String c) -> STANDARD.contains(c) ? STANDARD.indexOf(c) : 99)
                    .thenComparing(c -> c));
            categories.addAll(STANDARD);
            unitsByPhaseAndCategory.values().forEach(c -> categories.addAll(c.keySet()));
            out.append(String.format("    write units per order lifecycle by item kind:%n    %-44s", ""));
            phases.forEach(p -> out.append(String.format(" %9s", p)));
            out.append(String.format(" %9s%n", "lifecycle"));
            for (String category : categories) {
                out.append(String.format("    %-44s", category));
                phases.forEach(p -> out.append(String.format(" %9.2f", unitsByPhaseAndCategory.get(p).getOrDefault(category, 0L)
                        / (double) orders)));
                out.append(String.format(" %9.2f%n", unitsPerOrder(category)));
            }
            double minimum = MINIMUM.stream().mapToDouble(this::unitsPerOrder).sum();
            out.append(String.format("    %-44s", "total"));
            phases.forEach(p -> out.append(String.format(" %9.2f", unitsByPhaseAndCategory.get(p).values().stream()
                    .mapToLong(Long::longValue).sum() / (double) orders)));
            out.append(String.format(" %9.2f   (design minimum, order item + postings: %.2f)%n", totalUnits() / (double) orders, minimum));
            return out.toString();
        }
    }
}
