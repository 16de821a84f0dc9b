package com.alliance.orders;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import com.alliance.json.Json;
import com.alliance.persistence.ShardReads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A job that works off one of the orders' sharded due lists ({@link OrderRepository.DueList}, 256 index
 * partitions each). The job's shards each take every {@code shards()}-th partition
 * (shard {@code s}: partitions {@code s}, {@code s + shards()}, …); a work item reads its partitions page by page,
 * round-robin (a window of them at once), and applies each order's change through the order commit path, a few
 * orders at a time. It stops at its deadline or after {@code maxPerItem} orders and hands on where each partition
 * stands (the sort key of the last entry read), so the rest of the chain goes on from there; what is left at the end
 * stays in the index for the next dispatch. An order the change fails for stays too.
 */
abstract class IndexedOrderJob implements ShardedJob {

    private static final Logger LOG = LogManager.getLogger(IndexedOrderJob.class);

    /** Partitions whose pages are read concurrently: a shard's 16 partitions cost one round trip. */
    static final int PARTITIONS_READ_AT_ONCE = 16;
    /** Entries a backlog counts per partition at most: a bounded read, whatever the backlog. */
    static final int BACKLOG_COUNT = 250;

    private final OrderRepository orders;
    private final OrderRepository.DueList list;
    private final int shards;
    private final int pageSize;
    private final long maxPerItem;
    private final int threads;

    IndexedOrderJob(OrderRepository orders, OrderRepository.DueList list, int shards, int pageSize, long maxPerItem,
                    int threads) {
        if (pageSize < 1 || maxPerItem < 1 || threads < 1) {
            throw new IllegalArgumentException("page size, orders per work item and threads must be at least 1");
        }
        if (shards < 1 || list.partitions() % shards != 0) {
            throw new IllegalArgumentException("a job's shards divide the due list's " + list.partitions()
                    + " partitions evenly: " + shards);
        }
        this.orders = orders;
        this.list = list;
        this.shards = shards;
        this.pageSize = pageSize;
        this.maxPerItem = maxPerItem;
        this.threads = threads;
    }

    /** When an entry of the list counts as due at {@code now}: its sort key's time at or before this. */
    Instant dueBy(Instant now) {
        return now;
    }

    /** Applies the change to one order; true when it changed the order. */
    abstract boolean apply(String orderId, Instant now);

    @Override
    public int shards() {
        return shards;
    }

    /** The due list's partitions a shard of the job takes. */
    List<Integer> partitionsOf(int shard) {
        List<Integer> partitions = new ArrayList<>();
        for (int partition = shard; partition < list.partitions(); partition += shards) {
            partitions.add(partition);
        }
        return partitions;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        Instant by = dueBy(now);
        Backlog due = Backlog.sum(ShardReads.each(partitionsOf(shard),
                partition -> orders.dueBacklog(list, partition, by, BACKLOG_COUNT)));
        // an entry sorts by when its change may be checked; it is due that long after
        return new Backlog(due.due(), due.atLeast(), due.oldestDue().map(at -> at.plus(java.time.Duration.between(by, now))));
    }

    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        Map<Integer, Optional<String>> next = new LinkedHashMap<>();
        partitionsOf(shard).forEach(partition -> next.put(partition, Optional.empty()));
        List<Integer> exhausted = new ArrayList<>();
        cursor.ifPresent(c -> readCursor(c, next, exhausted));
        AtomicLong changed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> lastError = new AtomicReference<>();
        long attempted = 0;
        Instant by = dueBy(now);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (exhausted.size() < next.size() && attempted < maxPerItem && !deadline.hasPassed()) {
                List<Integer> window = next.keySet().stream().filter(p -> !exhausted.contains(p))
                        .limit(PARTITIONS_READ_AT_ONCE).toList();
                int room = (int) Math.min(pageSize, maxPerItem - attempted);
                List<OrderRepository.DuePage> pages = ShardReads.each(window,
                        partition -> page(partition, by, next.get(partition), room));
                List<String> due = new ArrayList<>();
                for (int i = 0; i < window.size() && attempted < maxPerItem; i++) {
                    OrderRepository.DuePage page = pages.get(i);
                    // past maxPerItem the rest is read again by the next item, from where this one stands
                    int take = (int) Math.min(page.orderIds().size(), maxPerItem - attempted);
                    attempted += take;
                    due.addAll(page.orderIds().subList(0, take));
                    if (take < page.orderIds().size()) {
                        break;
                    }
                    next.put(window.get(i), page.next());
                    if (page.next().isEmpty()) {
                        exhausted.add(window.get(i));
                    }
                }
                applyAll(due, now, deadline, pool, changed, failed, lastError);
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<String> error = Optional.ofNullable(lastError.get());
        if (exhausted.size() == next.size()) {
            return Progress.finished(changed.get(), failed.get(), error);
        }
        return Progress.stoppedAt(changed.get(), failed.get(), Optional.of(writeCursor(next, exhausted)), error);
    }

    private OrderRepository.DuePage page(int partition, Instant by, Optional<String> after, int limit) {
        return switch (list) {
            case MATURITY -> orders.dueForMaturity(partition, by, after, limit);
            case PROMISES -> orders.dueForLateCheck(partition, by, after, limit);
            case REVIEW -> orders.dueForReview(partition, by, after, limit);
        };
    }

    private void applyAll(List<String> orderIds, Instant now, Deadline deadline, ExecutorService pool,
                          AtomicLong changed, AtomicLong failed, AtomicReference<String> lastError) {
        List<Future<?>> running = new ArrayList<>();
        for (String orderId : orderIds) {
            running.add(pool.submit(() -> {
                if (deadline.hasPassed()) {
                    return;
                }
                try {
                    if (apply(orderId, now)) {
                        changed.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    // it stays in the index: a later work item tries it again, the others go on
                    LOG.warn("{}: order {} could not change now: {}", name(), orderId, e.toString());
                    failed.incrementAndGet();
                    lastError.set("order " + orderId + ": " + e);
                }
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(name() + " task failed", e.getCause());
            }
        }
    }

    /** Where each partition stands: {@code {"17": "sort key of the last entry read", "33": null (read to its end)}}. */
    private static String writeCursor(Map<Integer, Optional<String>> next, List<Integer> exhausted) {
        ObjectNode json = Json.object();
        next.forEach((partition, after) -> {
            if (exhausted.contains(partition)) {
                json.putNull(Integer.toString(partition));
            } else {
                after.ifPresent(sortKey -> json.put(Integer.toString(partition), sortKey));
            }
        });
        return Json.write(json);
    }

    private static void readCursor(String cursor, Map<Integer, Optional<String>> next, List<Integer> exhausted) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(cursor);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a due-list cursor: " + cursor, e);
        }
        json.fields().forEachRemaining(field -> {
            int partition = Integer.parseInt(field.getKey());
            if (!next.containsKey(partition)) {
                throw new IllegalArgumentException("partition " + partition + " is not this shard's");
            }
            if (field.getValue().isNull()) {
                exhausted.add(partition);
            } else {
                next.put(partition, Optional.of(field.getValue().asText()));
            }
        });
    }
}
