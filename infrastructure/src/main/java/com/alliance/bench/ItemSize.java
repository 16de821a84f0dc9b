package com.alliance.bench;

import com.alliance.persistence.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB prices it: names and values in UTF-8, numbers about one byte per two digits,
 * 3 bytes per map or list plus 1 per element; an index entry adds 100 bytes to what it copies.
 */
final class ItemSize {

    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
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
        long size = 100;
        for (String name : copied) {
            if (item.containsKey(name)) {
                size += utf8(name) + of(item.get(name));
            }
        }
        return size;
    }

    private static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().replace("-", "").replace(".", "").length() / 2 + 1;
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + value.m().size() + of(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().size() + value.l().stream().mapToLong(ItemSize::of).sum();
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        return value.b() == null ? 0 : value.b().asByteArray().length;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
