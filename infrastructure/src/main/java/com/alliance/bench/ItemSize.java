package com.alliance.bench;

import com.alliance.persistence.TableDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sizes the ingestion benchmark prints: an order item's, and what one of its index entries copies, by the
 * same rules as {@link CapacityModel}.
 */
final class ItemSize {

    private ItemSize() {
    }

    /** The item's size as DynamoDB counts it ({@link CapacityModel#itemSize}). */
    static long of(Map<String, AttributeValue> item) {
        return CapacityModel.itemSize(item);
    }

    /** What the index copies of {@code item}: table and index keys and its projection; 0 when the item is not in it. */
    static long indexEntry(Map<String, AttributeValue> item, TableDefinition table, String indexName) {
        TableDefinition.Index index = table.indexes().stream().filter(i -> i.name().equals(indexName)).findFirst().orElseThrow();
        if (!item.containsKey(index.partitionKey())) {
            return 0;
        }
        Set<String> copied = new HashSet<>(List.of(table.partitionKey(), table.sortKey(), index.partitionKey(), index.sortKey()));
        switch (index.projection().type()) {
            case ALL -> copied.addAll(item.keySet());
            case INCLUDE -> copied.addAll(index.projection().attributes());
            case KEYS_ONLY -> { }
        }
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.keySet().retainAll(copied);
        return CapacityModel.itemSize(entry);
    }
}
