package com.alliance.bench;

import com.alliance.ledger.Account;
import com.alliance.persistence.TableDefinition;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Which items a DynamoDB write names (table + primary key, the key of a Put read from the item by the
 * key schema of {@link Tables}), and the "kind" of a key: ids replaced by {@code *}, a trailing
 * {@code #<digits>} shard suffix shown as {@code #n}, so {@code HOST#h_x1/STATS} and {@code HOST#h_y2/STATS}
 * are one kind and {@code PARTY#platform#7} is of kind {@code PARTY#platform#n}.
 */
final class ItemKeys {

    /** One item: physical table and primary key values; {@code conditionCheck} items are read, not written. */
    record Item(String table, String pk, String sk, boolean conditionCheck) {

        String kind() {
            return shortName(table) + " " + family(pk) + "/" + family(sk);
        }

        String partitionFamily() {
            return shortName(table) + " " + family(pk);
        }

        Map<String, AttributeValue> key() {
            TableDefinition definition = definition(table);
            return Map.of(definition.partitionKey(), AttributeValue.fromS(pk), definition.sortKey(), AttributeValue.fromS(sk));
        }

        /** The same item, whatever the request does to it. */
        Item address() {
            return conditionCheck ? new Item(table, pk, sk, false) : this;
        }
    }

    private ItemKeys() {
    }

    /** Every item a write request names, in the order of its actions (a transaction's index is its cancellation reason's). */
    static List<Item> written(SdkRequest request) {
        List<Item> items = new ArrayList<>();
        if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem action : transaction.transactItems()) {
                items.add(of(action));
            }
        } else if (request instanceof PutItemRequest put) {
            items.add(fromAttributes(put.tableName(), put.item(), false));
        } else if (request instanceof UpdateItemRequest update) {
            items.add(fromAttributes(update.tableName(), update.key(), false));
        } else if (request instanceof DeleteItemRequest delete) {
            items.add(fromAttributes(delete.tableName(), delete.key(), false));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> writes.forEach(write -> items.add(fromAttributes(table,
                    write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key(), false))));
        }
        return items;
    }

    static Item of(TransactWriteItem action) {
        if (action.put() != null) {
            return fromAttributes(action.put().tableName(), action.put().item(), false);
        }
        if (action.update() != null) {
            return fromAttributes(action.update().tableName(), action.update().key(), false);
        }
        if (action.delete() != null) {
            return fromAttributes(action.delete().tableName(), action.delete().key(), false);
        }
        return fromAttributes(action.conditionCheck().tableName(), action.conditionCheck().key(), true);
    }

    static Item fromAttributes(String table, Map<String, AttributeValue> attributes, boolean conditionCheck) {
        TableDefinition definition = definition(table);
        return new Item(table, text(attributes.get(definition.partitionKey())), text(attributes.get(definition.sortKey())),
                conditionCheck);
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString();
    }

    static TableDefinition definition(String physicalName) {
        return find(physicalName).orElseThrow(() -> new IllegalArgumentException("not a table of Tables: " + physicalName));
    }

    static Optional<TableDefinition> find(String physicalName) {
        return Tables.ALL.stream().filter(table -> table.tableName().equals(physicalName)).findFirst();
    }

    /** {@code alliance-ledger} → {@code ledger}. */
    static String shortName(String physicalName) {
        return find(physicalName).map(table -> table.defaultName().replaceFirst("^alliance-", "")).orElse(physicalName);
    }

    /**
     * A key with its ids replaced: a segment between {@code #} stays if it is an upper-case word ({@code HOST},
     * {@code STATS}) or the platform's own party, a trailing all-digit segment is a shard ({@code #n}), anything
     * else is an id ({@code *}, runs of ids as one).
     */
    static String family(String key) {
        String[] segments = key.split("#", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            String shown;
            if (segment.matches("[A-Z][A-Z0-9_]*") || segment.equals(Account.PLATFORM)) {
                shown = segment;
            } else if (i == segments.length - 1 && i > 0 && segment.matches("[0-9]+")) {
                shown = "n";
            } else {
                shown = "*";
            }
            if (shown.equals("*") && out.toString().endsWith("*")) {
                continue;
            }
            if (i > 0) {
                out.append('#');
            }
            out.append(shown);
        }
        return out.toString();
    }
}
