package com.alliance.hosts;

import com.alliance.catalog.Category;
import com.alliance.persistence.Items;
import com.alliance.persistence.Page;
import com.alliance.persistence.PageToken;
import com.alliance.persistence.Pages;
import com.alliance.persistence.ReadUnits;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Showcases in the catalog table, under the host: {@code HOST#id / SHOWCASE#productId} while the product
 * is in the showcase, and {@code HOST#id / PICKED#productId}, never deleted, recording that it was ever
 * picked. A pick writes both in one transaction, conditional on the product not being there yet and on
 * the product still being pickable; a drop deletes the first and stamps the second. The showcase item
 * also sits in gsi1 under {@code CARRIED#productId}, so a brand sees which hosts carry its product.
 */
public final class ShowcaseRepository {

    /** What a pick came to. */
    public enum PickOutcome { PICKED, ALREADY_IN_SHOWCASE, PRODUCT_CHANGED }

    private static final List<String> INDEX_KEYS = List.of("pk", "sk", "gsi1pk", "gsi1sk");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ShowcaseRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.CATALOG.tableName();
    }

    /** Records a pick; {@code productStillPickable} is the product-side condition of the same transaction. */
    public PickOutcome pick(ShowcaseEntry entry, TransactWriteItem productStillPickable) {
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table).item(entryItem(entry))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem everPicked = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(HostRepository.hostKey(entry.hostId()), "PICKED#" + entry.productId()))
                .updateExpression("SET hostId = :host, productId = :product, "
                        + "firstPickedAt = if_not_exists(firstPickedAt, :at), lastPickedAt = :at ADD picks :one")
                .expressionAttributeValues(Map.of(":host", Items.s(entry.hostId()), ":product", Items.s(entry.productId()),
                        ":at", Items.s(entry.pickedAt().toString()), ":one", Items.n(1)))
                .build()).build();
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(put, everPicked, productStillPickable).build());
            return PickOutcome.PICKED;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return PickOutcome.ALREADY_IN_SHOWCASE;
            }
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(2).code())) {
                return PickOutcome.PRODUCT_CHANGED;
            }
            throw e;
        }
    }

    /** Takes a product out of the showcase; false if it was not there. */
    public boolean drop(String hostId, String productId, Instant at) {
        TransactWriteItem delete = TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(Items.key(HostRepository.hostKey(hostId), "SHOWCASE#" + productId))
                .conditionExpression("attribute_exists(pk)").build()).build();
        TransactWriteItem stamp = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(HostRepository.hostKey(hostId), "PICKED#" + productId))
                .updateExpression("SET lastDroppedAt = :at")
                .expressionAttributeValues(Map.of(":at", Items.s(at.toString()))).build()).build();
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(delete, stamp).build());
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /** The host's showcase, most recently picked first. */
    public List<ShowcaseEntry> list(String hostId) {
        List<ShowcaseEntry> entries = new ArrayList<>();
        query(hostId, new ReadUnits(), null).forEach(item -> entries.add(entryOf(item)));
        entries.sort((a, b) -> b.pickedAt().compareTo(a.pickedAt()));
        return entries;
    }

    /** The ids of the products in the host's showcase. */
    public Set<String> productIds(String hostId, ReadUnits units) {
        Set<String> ids = new HashSet<>();
        query(hostId, units, "productId").forEach(item -> ids.add(item.get("productId").s()));
        return ids;
    }

    /** A page of the showcases the product is in now, most recently picked first. */
    public Page<ShowcaseEntry> pageCarriers(String productId, int limit, Optional<String> next) {
        String partition = carriedKey(productId);
        return Pages.query(dynamoDb, QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :carried")
                        .expressionAttributeValues(Map.of(":carried", Items.s(partition)))
                        .scanIndexForward(false),
                limit, PageToken.startKey(next, INDEX_KEYS, key -> key.get("gsi1pk").equals(partition)
                        && key.get("pk").startsWith("HOST#") && key.get("sk").equals("SHOWCASE#" + productId)),
                INDEX_KEYS, ShowcaseRepository::entryOf);
    }

    /** Whether the host ever picked the product, even if it has dropped it since. */
    public boolean hasPicked(String hostId, String productId) {
        return pickRecord(hostId, productId).isPresent();
    }

    public Optional<PickRecord> pickRecord(String hostId, String productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(HostRepository.hostKey(hostId), "PICKED#" + productId)).consistentRead(true).build()).item();
        if (item == null || !item.containsKey("firstPickedAt")) {
            return Optional.empty();
        }
        return Optional.of(new PickRecord(hostId, productId, Instant.parse(item.get("firstPickedAt").s()),
                Instant.parse(item.get("lastPickedAt").s()),
                Optional.ofNullable(Items.stringOf(item, "lastDroppedAt")).map(Instant::parse),
                Items.longOf(item, "picks")));
    }

    private List<Map<String, AttributeValue>> query(String hostId, ReadUnits units, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :host AND begins_with(sk, :showcase)")
                    .expressionAttributeValues(Map.of(":host", Items.s(HostRepository.hostKey(hostId)),
                            ":showcase", Items.s("SHOWCASE#")))
                    .exclusiveStartKey(start).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            if (projection != null) {
                request.projectionExpression(projection);
            }
            QueryResponse page = dynamoDb.query(request.build());
            units.add(page.consumedCapacity());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static ShowcaseEntry entryOf(Map<String, AttributeValue> item) {
        return new ShowcaseEntry(item.get("hostId").s(), item.get("productId").s(), item.get("brandId").s(),
                Category.valueOf(item.get("category").s()), Instant.parse(item.get("pickedAt").s()));
    }

    /** The index partition of the hosts carrying a product (gsi1). */
    static String carriedKey(String productId) {
        return "CARRIED#" + productId;
    }

    /** The stored item of a showcase entry, public for bulk loaders such as the matching benchmark. */
    public static Map<String, AttributeValue> entryItem(ShowcaseEntry entry) {
        return Items.builder()
                .s("pk", HostRepository.hostKey(entry.hostId())).s("sk", "SHOWCASE#" + entry.productId())
                .s("gsi1pk", carriedKey(entry.productId()))
                .s("gsi1sk", SortableTime.of(entry.pickedAt()) + "#" + entry.hostId())
                .s("hostId", entry.hostId()).s("productId", entry.productId()).s("brandId", entry.brandId())
                .s("category", entry.category().name()).s("pickedAt", entry.pickedAt().toString())
                .build();
    }
}
