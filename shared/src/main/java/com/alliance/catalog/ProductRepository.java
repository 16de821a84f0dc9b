package com.alliance.catalog;

import com.alliance.errors.ConflictException;
import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Products in the catalog table: {@code PRODUCT#id / PRODUCT}, listed under their brand through
 * gsi1 ({@code BRAND#brandId / PRODUCT#listedAt#id}); a claim item {@code SKU#brandId#sku / SKU} keeps
 * a brand's SKUs unique. Updates are conditional on the version read, so concurrent edits never
 * lose one another.
 */
public final class ProductRepository {

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
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(toItem(product))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Product> find(String productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("PRODUCT#" + productId, "PRODUCT")).consistentRead(true).build()).item();
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

    private static String skuKey(Product product) {
        return "SKU#" + product.brandId() + "#" + product.listing().sku();
    }

    static Map<String, AttributeValue> toItem(Product product) {
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
        return Items.builder()
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

    static Product fromItem(Map<String, AttributeValue> item) {
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
