package com.alliance.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Who wrote which item: each worker's DynamoDB client carries a tag of this, naming what its worker works on now (the
 * job's shard of the work item in hand, so the same shard worked by two workers one after the other is one owner),
 * which marks its requests for the {@link TransactionConflictEmulator} ({@link TransactionConflictEmulator#OWNER}) and,
 * once a write has succeeded, records its items under that owner. An item written by two owners is counted once. The
 * jobs table is left out: a shard's lease is written by whoever holds it, one at a time, by design.
 */
final class ItemWriters {

    private final Map<ItemKeys.Item, String> firstWriter = new ConcurrentHashMap<>();
    private final Set<ItemKeys.Item> shared = ConcurrentHashMap.newKeySet();
    private final AtomicLong items = new AtomicLong();
    private final String skippedTable;

    ItemWriters(String skippedTable) {
        this.skippedTable = skippedTable;
    }

    /** The interceptor of one worker's client, {@code owner} naming what it works on at the time of each request. */
    ExecutionInterceptor tag(java.util.function.Supplier<String> owner) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                attributes.putAttribute(TransactionConflictEmulator.OWNER, owner.get());
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                boolean write = request instanceof PutItemRequest || request instanceof UpdateItemRequest
                        || request instanceof DeleteItemRequest || request instanceof BatchWriteItemRequest
                        || request instanceof TransactWriteItemsRequest;
                if (!write) {
                    return;
                }
                String owner = attributes.getAttribute(TransactionConflictEmulator.OWNER);
                for (ItemKeys.Item item : ItemKeys.written(request)) {
                    if (item.conditionCheck() || item.table().equals(skippedTable)) {
                        continue;
                    }
                    String before = firstWriter.putIfAbsent(item.address(), owner);
                    if (before == null) {
                        items.incrementAndGet();
                    } else if (!before.equals(owner)) {
                        shared.add(item.address());
                    }
                }
            }
        };
    }

    /** Items written by two owners or more. */
    long writtenByTwo() {
        return shared.size();
    }

    /** Items written at all. */
    long written() {
        return items.get();
    }

    /** A few of the items written by two owners, for the report. */
    Set<String> examples() {
        return shared.stream().limit(5).map(ItemKeys.Item::kind).collect(java.util.stream.Collectors.toSet());
    }
}
