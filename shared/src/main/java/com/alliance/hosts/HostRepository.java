package com.alliance.hosts;

import com.alliance.catalog.Category;
import com.alliance.errors.ConflictException;
import com.alliance.persistence.Items;
import com.alliance.persistence.ReadUnits;
import com.alliance.persistence.Tables;
import com.alliance.risk.Trust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Hosts in the catalog table, all under {@code HOST#id}:
 * <ul>
 *   <li>{@code PROFILE}: the host, its trust and the stats snapshot matching uses ({@code ordersCount},
 *       {@code watchMinutes}, {@code samplesFulfilled}, {@code samplesUnfulfilled}; an item written before one of
 *       them existed reads it as 0), with a version, and once the trust job has scored it {@code trustRevision},
 *       the revision of the counters both came from;</li>
 *   <li>{@code CARD#category}, one per category: a copy of the profile in the matching index gsi2 under
 *       {@code HOSTCAT#category} (a self-broadcast host under {@code HOSTCAT#category#SELF#brandId}, so only
 *       its own brand meets it), sorted by {@link HostRank} then host id;</li>
 *   <li>{@code STATS}: the running counters order and live-session events add to.</li>
 * </ul>
 * Profile and cards are always written together in one transaction, conditional on the version read.
 */
public final class HostRepository {

    private static final int MAX_CONCURRENT_EDIT_RETRIES = 5;
    /** Profile attribute: the revision of the counters the host's trust was computed from. */
    private static final String TRUST_REVISION = "trustRevision";
    /** Profile and card attributes: the host's sample promises kept and lapsed, as the trust job last copied them. */
    private static final String SAMPLES_FULFILLED = "samplesFulfilled";
    private static final String SAMPLES_UNFULFILLED = "samplesUnfulfilled";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final HostRank rank;

    public HostRepository(DynamoDbClient dynamoDb, HostRank rank) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.CATALOG.tableName();
        this.rank = rank;
    }

    public void insert(Host host) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Map<String, AttributeValue>> items = itemsOf(new HostCard(host, HostStats.NONE), 1);
        for (Map<String, AttributeValue> item : items) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
    }

    public Optional<Host> find(String hostId) {
        return findCard(hostId, new ReadUnits()).map(HostCard::host);
    }

    /** The host with the stats snapshot matching uses (consistent read). */
    public Optional<HostCard> findCard(String hostId, ReadUnits units) {
        GetItemResponse response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(hostKey(hostId), "PROFILE")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        units.add(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(cardOf(response.item())) : Optional.empty();
    }

    /**
     * The strongest hosts selling in {@code category}, at most {@code limit}: independent hosts, or with
     * {@code selfBroadcastOf} the self-broadcast accounts of that brand.
     */
    public List<HostCard> cardsInCategory(Category category, Optional<String> selfBroadcastOf, int limit, ReadUnits units) {
        List<HostCard> cards = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder().tableName(table).indexName("gsi2")
                    .keyConditionExpression("gsi2pk = :category")
                    .expressionAttributeValues(Map.of(":category", Items.s(cardPartition(category, selfBroadcastOf))))
                    .scanIndexForward(false).limit(limit - cards.size()).exclusiveStartKey(start)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            units.add(page.consumedCapacity());
            page.items().forEach(item -> cards.add(cardOf(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && cards.size() < limit);
        return cards;
    }

    /** The hosts among {@code hostIds} that exist, in the order asked, read in batches of 100. */
    public List<HostCard> findCards(Collection<String> hostIds, ReadUnits units) {
        return findCards(hostIds, units, false);
    }

    /**
     * The hosts among {@code hostIds} that exist, by id, read consistently: a request naming a host that was
     * registered a moment ago must find it.
     */
    public Map<String, Host> findAll(Collection<String> hostIds, ReadUnits units) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        findCards(hostIds, units, true).forEach(card -> hosts.put(card.hostId(), card.host()));
        return hosts;
    }

    private List<HostCard> findCards(Collection<String> hostIds, ReadUnits units, boolean consistent) {
        Map<String, HostCard> found = new LinkedHashMap<>();
        List<String> ids = hostIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Items.key(hostKey(id), "PROFILE")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(request).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                units.addAll(response.consumedCapacity());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    HostCard card = cardOf(item);
                    found.put(card.hostId(), card);
                });
                request = response.unprocessedKeys();
            }
        }
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /**
     * Adds to a host's running counters outside any order: for seeding history (tests, bulk loads). Orders and
     * live sessions add theirs in their own commit's transaction ({@code orders.OrderCounts}).
     */
    public void addStats(String hostId, long orders, long watchMinutes) {
        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(Items.key(hostKey(hostId), "STATS"))
                .updateExpression("ADD ordersCount :orders, watchMinutes :minutes")
                .expressionAttributeValues(Map.of(":orders", Items.n(orders), ":minutes", Items.n(watchMinutes)))
                .build());
    }

    /** A host's running counters; none yet is {@link HostStats#NONE}. */
    public HostStats stats(String hostId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(hostKey(hostId), "STATS")).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return HostStats.NONE;
        }
        return statsOf(item);
    }

    /**
     * Copies the running counters into the profile and cards, so matching sees them. The trust job does this
     * with the trust ({@link #updateTrustAndStats}) once per run for each host whose counters changed, so a
     * busy host does not rewrite its cards per sale.
     */
    public boolean refreshStatsSnapshot(String hostId) {
        HostStats stats = stats(hostId);
        return rewrite(hostId, card -> new HostCard(card.host(), stats));
    }

    /** Sets a host's trust, in its profile and cards, whatever it was computed from. */
    public boolean updateTrust(String hostId, Trust trust) {
        return rewrite(hostId, card -> new HostCard(card.host().withTrust(trust), card.stats()));
    }

    /**
     * Sets a host's trust and stats snapshot, computed from revision {@code revision} of its counters, in its
     * profile and cards in one rewrite; nothing when a later revision is already there (false), or no such host.
     */
    public boolean updateTrustAndStats(String hostId, Trust trust, HostStats stats, long revision) {
        return rewrite(hostId, revision, card -> new HostCard(card.host().withTrust(trust), stats));
    }

    /** The profile and card items of a host, public for bulk loaders such as the matching benchmark. */
    public List<Map<String, AttributeValue>> itemsOf(HostCard card, long version) {
        Host host = card.host();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> profile = new LinkedHashMap<>(attributes(card));
        profile.put("pk", Items.s(hostKey(host.hostId())));
        profile.put("sk", Items.s("PROFILE"));
        profile.put("version", Items.n(version));
        items.add(Map.copyOf(profile));
        String sortKey = String.format("%07d#%s", Math.round(Math.max(0, Math.min(1, rank.of(card))) * 1_000_000),
                host.hostId());
        for (Category category : host.categories()) {
            Map<String, AttributeValue> cardItem = new LinkedHashMap<>(attributes(card));
            cardItem.put("pk", Items.s(hostKey(host.hostId())));
            cardItem.put("sk", Items.s("CARD#" + category.name()));
            cardItem.put("gsi2pk", Items.s(cardPartition(category, host.brandId())));
            cardItem.put("gsi2sk", Items.s(sortKey));
            items.add(Map.copyOf(cardItem));
        }
        return items;
    }

    private boolean rewrite(String hostId, UnaryOperator<HostCard> change) {
        return rewrite(hostId, -1, change);
    }

    /**
     * Rewrites profile and cards conditional on the version read; with {@code trustRevision} at 0 or more, only
     * over an older trust revision, which the profile then records (other rewrites keep the one read).
     */
    private boolean rewrite(String hostId, long trustRevision, UnaryOperator<HostCard> change) {
        for (int attempt = 0; attempt < MAX_CONCURRENT_EDIT_RETRIES; attempt++) {
            Map<String, AttributeValue> profile = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                    .key(Items.key(hostKey(hostId), "PROFILE")).consistentRead(true).build()).item();
            if (profile == null || profile.isEmpty()) {
                return false;
            }
            long readRevision = profile.containsKey(TRUST_REVISION) ? Items.longOf(profile, TRUST_REVISION) : -1;
            if (trustRevision >= 0 && readRevision > trustRevision) {
                return false;
            }
            long version = Items.longOf(profile, "version");
            List<TransactWriteItem> writes = new ArrayList<>();
            List<Map<String, AttributeValue>> items = new ArrayList<>(itemsOf(change.apply(cardOf(profile)), version + 1));
            long revision = Math.max(trustRevision, readRevision);
            if (revision >= 0) {
                Map<String, AttributeValue> withRevision = new LinkedHashMap<>(items.get(0));
                withRevision.put(TRUST_REVISION, Items.n(revision));
                items.set(0, withRevision);
            }
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(items.get(0))
                    .conditionExpression("version = :read")
                    .expressionAttributeValues(Map.of(":read", Items.n(version))).build()).build());
            items.subList(1, items.size()).forEach(item ->
                    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build()));
            try {
                dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
                return true;
            } catch (TransactionCanceledException e) {
                if (!"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                    throw e;
                }
            }
        }
        throw new ConflictException("CONCURRENT_EDIT", "the host kept changing; try again", null);
    }

    static String hostKey(String hostId) {
        return "HOST#" + hostId;
    }

    private static String cardPartition(Category category, Optional<String> selfBroadcastOf) {
        return "HOSTCAT#" + category.name() + selfBroadcastOf.map(brand -> "#SELF#" + brand).orElse("");
    }

    private static Map<String, AttributeValue> attributes(HostCard card) {
        Host host = card.host();
        Items.Builder builder = Items.builder()
                .s("hostId", host.hostId()).s("personaName", host.personaName())
                .attr("categories", Items.list(host.categories().stream().map(c -> Items.s(c.name())).toList()))
                .n("privateFans", host.privateFans()).n("publicFans", host.publicFans())
                .s("kind", host.kind().name())
                .decimal("trust", host.trust().value())
                .s("registeredAt", host.registeredAt().toString()).s("registeredBy", host.registeredBy())
                .n("ordersCount", card.stats().ordersCount()).n("watchMinutes", card.stats().watchMinutes())
                .n(SAMPLES_FULFILLED, card.stats().samplesFulfilled())
                .n(SAMPLES_UNFULFILLED, card.stats().samplesUnfulfilled());
        host.brandId().ifPresent(brand -> builder.s("brandId", brand));
        return builder.build();
    }

    private static HostCard cardOf(Map<String, AttributeValue> item) {
        List<Category> categories = item.get("categories").l().stream().map(c -> Category.valueOf(c.s())).toList();
        Host host = new Host(item.get("hostId").s(), item.get("personaName").s(), categories,
                Items.longOf(item, "privateFans"), Items.longOf(item, "publicFans"), HostKind.valueOf(item.get("kind").s()),
                Optional.ofNullable(Items.stringOf(item, "brandId")),
                new Trust(Items.decimalOf(item, "trust", Trust.NEUTRAL.value())),
                Instant.parse(item.get("registeredAt").s()), item.get("registeredBy").s());
        return new HostCard(host, statsOf(item));
    }

    /** The stats an item holds; a count the item has not got (written before it existed) is 0. */
    private static HostStats statsOf(Map<String, AttributeValue> item) {
        return new HostStats(Items.longOf(item, "ordersCount", 0), Items.longOf(item, "watchMinutes", 0),
                Items.longOf(item, SAMPLES_FULFILLED, 0), Items.longOf(item, SAMPLES_UNFULFILLED, 0));
    }
}
