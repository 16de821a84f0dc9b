package com.alliance.catalog;

import com.alliance.errors.ConflictException;
import com.alliance.persistence.Items;
import com.alliance.persistence.Page;
import com.alliance.persistence.PageToken;
import com.alliance.persistence.Pages;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import com.alliance.persistence.ReadUnits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Products in the catalog table: {@code PRODUCT#id / PRODUCT}, listed under their brand through
 * gsi1 ({@code BRAND#brandId / PRODUCT#listedAt#id}); a claim item {@code SKU#brandId#sku / SKU} keeps
 * a brand's SKUs unique. Updates are conditional on the version read, so concurrent edits never
 * lose one another.
 *
 * <p>A product that can be picked (active, in stock) also sits in the matching index gsi2 under
 * {@code CATEGORY#category}, sorted by {@code openRateAhead#id}: a Query with a Limit returns the
 * best-paying goods of a category first. Every write recomputes those keys, so a product leaves the
 * index the moment it is suspended or sold out. Exclusive products stay in it, so the hosts they
 * target find them; matching filters them out for everyone else.
 */
public final class ProductRepository {

    private static final List<String> INDEX_KEYS = List.of("pk", "sk", "gsi1pk", "gsi1sk");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ProductRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.CATALOG.tableName();
    }

    public void insert(Product product) {
        Map<String, AttributeValue> claim = Items.builder()
                .s("pk", skuKey(product)).s("sk", "SKU").s("productId", product.productId()).build();
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(claim)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(product))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()).build());
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                throw new ConflictException("SKU_TAKEN", "this brand already lists sku " + product.listing().sku(), "sku");
            }
            throw e;
        }
    }

    /** Replaces the product if nobody changed it since {@code expectedVersion}; false if somebody did. */
    public boolean replace(Product product, long expectedVersion) {
        Put put = replacement(product, expectedVersion);
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeValues(put.expressionAttributeValues())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * {@link #replace} as a step of a larger transaction (an application approved with the rate it adds): the same
     * item and the same condition on the version, so the transaction fails if somebody changed the product.
     */
    public TransactWriteItem replaceStep(Product product, long expectedVersion) {
        return TransactWriteItem.builder().put(replacement(product, expectedVersion)).build();
    }

    private Put replacement(Product product, long expectedVersion) {
        return Put.builder().tableName(table).item(toItem(product))
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)))
                .build();
    }

    public Optional<Product> find(String productId) {
        return find(productId, new ReadUnits());
    }

    /** The product, consistent read, metered. */
    public Optional<Product> find(String productId, ReadUnits units) {
        GetItemResponse response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("PRODUCT#" + productId, "PRODUCT")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        units.add(response.consumedCapacity());
        Map<String, AttributeValue> item = response.item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** A brand's products, newest first, at most {@code limit}. */
    public List<Product> listByBrand(String brandId, int limit) {
        List<Product> products = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :brand AND begins_with(gsi1sk, :product)")
                        .expressionAttributeValues(Map.of(":brand", Items.s("BRAND#" + brandId), ":product", Items.s("PRODUCT#")))
                        .scanIndexForward(false).limit(limit).build())
                .items().stream().limit(limit).forEach(item -> products.add(fromItem(item)));
        return products;
    }

    /** A page of a brand's products, newest first, continuing after {@code next} (a token of this list). */
    public Page<Product> pageByBrand(String brandId, int limit, Optional<String> next) {
        String partition = "BRAND#" + brandId;
        return Pages.query(dynamoDb, QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :brand AND begins_with(gsi1sk, :product)")
                        .expressionAttributeValues(Map.of(":brand", Items.s(partition), ":product", Items.s("PRODUCT#")))
                        .scanIndexForward(false),
                limit, PageToken.startKey(next, INDEX_KEYS, key -> key.get("gsi1pk").equals(partition)
                        && key.get("gsi1sk").startsWith("PRODUCT#") && key.get("pk").startsWith("PRODUCT#")),
                INDEX_KEYS, ProductRepository::fromItem);
    }

    /**
     * The most attractive pickable products in {@code category}: highest open rate first
     * (the rate once every announced change is in force), at most {@code limit}.
     */
    public List<Product> listByCategory(Category category, int limit, ReadUnits units) {
        return queryPage(QueryRequest.builder().tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :category")
                .expressionAttributeValues(Map.of(":category", Items.s(categoryKey(category))))
                .scanIndexForward(false), limit, units);
    }

    /** A brand's products, newest first, at most {@code limit}, metered. */
    public List<Product> listByBrand(String brandId, int limit, ReadUnits units) {
        return queryPage(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :brand AND begins_with(gsi1sk, :product)")
                .expressionAttributeValues(Map.of(":brand", Items.s("BRAND#" + brandId), ":product", Items.s("PRODUCT#")))
                .scanIndexForward(false), limit, units);
    }

    /** The products among {@code productIds} that exist, by id, read in batches of 100 (eventually consistent). */
    public Map<String, Product> findAll(Collection<String> productIds, ReadUnits units) {
        Map<String, Product> found = new HashMap<>();
        List<String> ids = productIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Items.key("PRODUCT#" + id, "PRODUCT")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(request).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                units.addAll(response.consumedCapacity());
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get("productId").s(), fromItem(item)));
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /**
     * A transaction step that fails unless the product is still active and in stock, for a write
     * elsewhere (such as a showcase pick) that must not outrun a suspension or a sell-out.
     */
    public TransactWriteItem pickableCheck(String productId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(Items.key("PRODUCT#" + productId, "PRODUCT"))
                .conditionExpression("#status = :active AND stock > :none")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":active", Items.s(ProductStatus.ACTIVE.name()), ":none", Items.n(0)))
                .build()).build();
    }

    private List<Product> queryPage(QueryRequest.Builder query, int limit, ReadUnits units) {
        List<Product> products = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(query.limit(limit - products.size()).exclusiveStartKey(start)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            units.add(page.consumedCapacity());
            page.items().forEach(item -> products.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && products.size() < limit);
        return products;
    }

    static String categoryKey(Category category) {
        return "CATEGORY#" + category.name();
    }

    /** Whether a host could pick it now, so whether it belongs in the category index. */
    static boolean pickable(Product product) {
        return product.status() == ProductStatus.ACTIVE && product.listing().stock() > 0;
    }

    private static String skuKey(Product product) {
        return "SKU#" + product.brandId() + "#" + product.listing().sku();
    }

    /** The stored item of a product, public for bulk loaders such as the matching benchmark. */
    public static Map<String, AttributeValue> toItem(Product product) {
        ProductListing listing = product.listing();
        Map<String, AttributeValue> certificates = new HashMap<>();
        listing.certificates().numbers().forEach((kind, number) -> certificates.put(kind.name(), Items.s(number)));
        List<Map<String, AttributeValue>> rates = new ArrayList<>();
        for (RateChange change : product.rates().changes()) {
            Map<String, AttributeValue> rate = new HashMap<>();
            change.hostId().ifPresent(host -> rate.put("hostId", Items.s(host)));
            rate.put("rateBps", Items.n(change.rateBps()));
            rate.put("effectiveFrom", Items.s(change.effectiveFrom().toString()));
            rate.put("announcedAt", Items.s(change.announcedAt().toString()));
            rates.add(rate);
        }
        List<Map<String, AttributeValue>> targeted = new ArrayList<>();
        listing.targeted().forEach(t -> targeted.add(Map.of("hostId", Items.s(t.hostId()), "rateBps", Items.n(t.rateBps()))));
        Items.Builder builder = Items.builder();
        if (pickable(product)) {
            builder.s("gsi2pk", categoryKey(listing.category()))
                    .s("gsi2sk", String.format("%04d#%s", product.rates().openRateAhead(), product.productId()));
        }
        return builder
                .s("pk", "PRODUCT#" + product.productId()).s("sk", "PRODUCT")
                .s("gsi1pk", "BRAND#" + product.brandId())
                .s("gsi1sk", "PRODUCT#" + SortableTime.of(product.listedAt()) + "#" + product.productId())
                .s("productId", product.productId()).s("brandId", product.brandId())
                .s("sku", listing.sku()).s("title", listing.title()).s("category", listing.category().name())
                .n("priceFen", listing.priceFen()).n("stock", listing.stock())
                .n("shipWithinHours", listing.shipWithinHours()).n("openRateBps", listing.openRateBps())
                .list("targeted", targeted)
                .bool("exclusive", listing.exclusive())
                .attr("certificates", Items.map(certificates))
                .list("rates", rates)
                .s("status", product.status().name()).s("listedAt", product.listedAt().toString())
                .n("version", product.version())
                .build();
    }

    public static Product fromItem(Map<String, AttributeValue> item) {
        Map<CertificateKind, String> numbers = new EnumMap<>(CertificateKind.class);
        item.get("certificates").m().forEach((kind, number) -> numbers.put(CertificateKind.valueOf(kind), number.s()));
        List<RateSchedule.TargetedRate> targeted = new ArrayList<>();
        item.get("targeted").l().forEach(t -> targeted.add(new RateSchedule.TargetedRate(
                t.m().get("hostId").s(), Integer.parseInt(t.m().get("rateBps").n()))));
        List<RateChange> changes = new ArrayList<>();
        for (AttributeValue value : item.get("rates").l()) {
            Map<String, AttributeValue> rate = value.m();
            changes.add(new RateChange(Optional.ofNullable(rate.get("hostId")).map(AttributeValue::s),
                    Integer.parseInt(rate.get("rateBps").n()), Instant.parse(rate.get("effectiveFrom").s()),
                    Instant.parse(rate.get("announcedAt").s())));
        }
        ProductListing listing = new ProductListing(item.get("sku").s(), item.get("title").s(),
                Category.valueOf(item.get("category").s()), Items.longOf(item, "priceFen"), Items.longOf(item, "stock"),
                (int) Items.longOf(item, "shipWithinHours"), (int) Items.longOf(item, "openRateBps"), targeted,
                item.get("exclusive").bool(), new Certificates(numbers));
        return new Product(item.get("productId").s(), item.get("brandId").s(), listing, new RateSchedule(changes),
                ProductStatus.valueOf(item.get("status").s()), Instant.parse(item.get("listedAt").s()),
                Items.longOf(item, "version"));
    }
}
