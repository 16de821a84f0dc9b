package com.alliance.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB's transaction conflicts, which DynamoDB Local does not have, on a real SDK client (developer
 * guide, "Transaction conflict handling in DynamoDB"). While a {@code TransactWriteItems} is in flight, every
 * item it names (condition checks included) is held, and
 * <ul>
 *   <li>another {@code TransactWriteItems} or a {@code TransactGetItems} naming a held item is cancelled:
 *       {@code TransactionCanceledException} with reason {@code TransactionConflict} at each held item's index
 *       and {@code None} elsewhere;</li>
 *   <li>a {@code PutItem}, {@code UpdateItem} or {@code DeleteItem} of a held item fails with
 *       {@code TransactionConflictException}.</li>
 * </ul>
 * DynamoDB Local runs one request at a time, so a transaction's own execution is a tiny window: each
 * transaction holds its items for {@code hold} (DynamoDB's commit latency, ~15 ms by default) before it is
 * sent, and until it returns, so concurrent writers collide about as often as they would in AWS. The hold
 * comes before the call, as AWS's latency does: once a transaction has returned it is committed, and the same
 * writer's next transaction on the same item does not collide with it. A refused request is never sent
 * (nothing written), and the SDK does not retry either exception: the caller sees it. Conflicts are counted by
 * table and by item kind ({@link ItemKeys.Item#kind()}). {@code BatchWriteItem} is not checked.
 */
public final class TransactionConflictEmulator implements ExecutionInterceptor {

    public static final Duration DEFAULT_HOLD = Duration.ofMillis(15);

    private static final ExecutionAttribute<Claim> CLAIM = new ExecutionAttribute<>("alliance.conflict.claim");

    /**
     * Who sends a request (a worker of a job, say), when an interceptor before this one says so: a refusal is then
     * counted as between owners when the item is held by another owner's transaction.
     */
    public static final ExecutionAttribute<String> OWNER = new ExecutionAttribute<>("alliance.conflict.owner");

    /** The items of one transaction: held from its claim until it returns. */
    private static final class Claim {
        private long releaseAt = Long.MAX_VALUE;
        private String owner;
    }

    private final long holdNanos;
    private final Map<ItemKeys.Item, Claim> held = new HashMap<>();      // guarded by this
    private long claimsSinceSweep;                                      // guarded by this
    private final AtomicLong refusedTransactions = new AtomicLong();
    private final AtomicLong refusedBetweenOwners = new AtomicLong();
    private final AtomicLong refusedWrites = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byTable = new ConcurrentHashMap<>();

    public TransactionConflictEmulator(Duration hold) {
        this.holdNanos = hold.toNanos();
    }

    public TransactionConflictEmulator() {
        this(DEFAULT_HOLD);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof TransactWriteItemsRequest) {
            List<ItemKeys.Item> items = ItemKeys.written(request);
            List<Integer> conflicting = claim(items, attributes);
            if (!conflicting.isEmpty()) {
                refusedTransactions.incrementAndGet();
                countBetweenOwners(items, conflicting, attributes);
                throw cancelled(items, conflicting);
            }
            inFlight();
        } else if (request instanceof TransactGetItemsRequest get) {
            List<ItemKeys.Item> items = get.transactItems().stream()
                    .map(action -> ItemKeys.fromAttributes(action.get().tableName(), action.get().key(), true)).toList();
            List<Integer> conflicting = heldAmong(items);
            if (!conflicting.isEmpty()) {
                refusedTransactions.incrementAndGet();
                throw cancelled(items, conflicting);
            }
        } else if (request instanceof PutItemRequest || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) {
            List<ItemKeys.Item> items = ItemKeys.written(request);
            List<Integer> conflicting = heldAmong(items);
            if (!conflicting.isEmpty()) {
                refusedWrites.incrementAndGet();
                countBetweenOwners(items, conflicting, attributes);
                count(items.get(0));
                throw (TransactionConflictException) TransactionConflictException.builder().statusCode(400)
                        .message("Transaction is ongoing for the item (emulated)")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionConflictException")
                                .serviceName("DynamoDb").errorMessage("Transaction is ongoing for the item").build())
                        .build();
            }
            writes.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    /** Holds every item for this execution, or none: the indexes of the items another transaction holds. */
    private List<Integer> claim(List<ItemKeys.Item> items, ExecutionAttributes attributes) {
        Claim mine = attributes.getAttribute(CLAIM);
        synchronized (this) {
            List<Integer> conflicting = heldIndexes(items, mine);
            if (!conflicting.isEmpty()) {
                return conflicting;
            }
            if (mine == null) {
                mine = new Claim();
                mine.owner = attributes.getAttribute(OWNER);
                attributes.putAttribute(CLAIM, mine);
            }
            mine.releaseAt = Long.MAX_VALUE;       // a retried attempt is in flight again
            for (ItemKeys.Item item : items) {
                held.put(item.address(), mine);
            }
            transactions.incrementAndGet();
            if (++claimsSinceSweep >= 1_000) {
                claimsSinceSweep = 0;
                long now = System.nanoTime();
                held.values().removeIf(claim -> claim.releaseAt < now);
            }
            return List.of();
        }
    }

    private synchronized List<Integer> heldAmong(List<ItemKeys.Item> items) {
        return heldIndexes(items, null);
    }

    private List<Integer> heldIndexes(List<ItemKeys.Item> items, Claim mine) {
        long now = System.nanoTime();
        List<Integer> conflicting = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Claim claim = held.get(items.get(i).address());
            if (claim != null && claim != mine && claim.releaseAt > now) {
                conflicting.add(i);
            }
        }
        return conflicting;
    }

    /** Counts a refusal whose items another owner's transaction holds. */
    private void countBetweenOwners(List<ItemKeys.Item> items, List<Integer> conflicting, ExecutionAttributes attributes) {
        String owner = attributes.getAttribute(OWNER);
        if (owner == null) {
            return;
        }
        synchronized (this) {
            for (int i : conflicting) {
                Claim holder = held.get(items.get(i).address());
                if (holder != null && holder.owner != null && !holder.owner.equals(owner)) {
                    refusedBetweenOwners.incrementAndGet();
                    return;
                }
            }
        }
    }

    /** The transaction's flight time, its items held, before DynamoDB Local executes it at once. */
    private void inFlight() {
        try {
            Thread.sleep(holdNanos / 1_000_000, (int) (holdNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(ExecutionAttributes attributes) {
        Claim mine = attributes.getAttribute(CLAIM);
        if (mine != null) {
            synchronized (this) {
                mine.releaseAt = System.nanoTime();
            }
        }
    }

    private TransactionCanceledException cancelled(List<ItemKeys.Item> items, List<Integer> conflicting) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            boolean conflict = conflicting.contains(i);
            if (conflict) {
                count(items.get(i));
            }
            reasons.add(conflict
                    ? CancellationReason.builder().code("TransactionConflict").message("Transaction is ongoing for the item").build()
                    : CancellationReason.builder().code("None").build());
        }
        String codes = reasons.stream().map(CancellationReason::code).toList().toString();
        return (TransactionCanceledException) TransactionCanceledException.builder().statusCode(400)
                .cancellationReasons(reasons)
                .message("Transaction cancelled, please refer cancellation reasons for specific reasons " + codes + " (emulated)")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").serviceName("DynamoDb")
                        .errorMessage("Transaction cancelled, please refer cancellation reasons for specific reasons " + codes).build())
                .build();
    }

    private void count(ItemKeys.Item item) {
        byKind.computeIfAbsent(item.kind(), k -> new LongAdder()).increment();
        byTable.computeIfAbsent(ItemKeys.shortName(item.table()), k -> new LongAdder()).increment();
    }

    /** Transactions and transactional reads refused. */
    public long refusedTransactions() {
        return refusedTransactions.get();
    }

    /** Transactions and single writes refused because an item was held by another owner's transaction ({@link #OWNER}). */
    public long refusedBetweenOwners() {
        return refusedBetweenOwners.get();
    }

    /** Single-item writes refused. */
    public long refusedWrites() {
        return refusedWrites.get();
    }

    /** Single-item writes let through (a shipment changes the order item alone: one conditional put). */
    public long writes() {
        return writes.get();
    }

    /** Write transactions let through (attempts; each held its items). */
    public long transactions() {
        return transactions.get();
    }

    /** Conflicting items by kind, e.g. {@code catalog HOST#*\/STATS → 412}. */
    public SortedMap<String, Long> conflictsByKind() {
        return snapshot(byKind);
    }

    public SortedMap<String, Long> conflictsByTable() {
        return snapshot(byTable);
    }

    private static SortedMap<String, Long> snapshot(Map<String, LongAdder> counts) {
        SortedMap<String, Long> out = new TreeMap<>();
        counts.forEach((key, count) -> out.put(key, count.sum()));
        return out;
    }

    /** Starts counting afresh (the holds in flight stay). */
    public void resetCounts() {
        refusedTransactions.set(0);
        refusedBetweenOwners.set(0);
        refusedWrites.set(0);
        writes.set(0);
        transactions.set(0);
        byKind.clear();
        byTable.clear();
    }
}
