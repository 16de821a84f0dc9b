package com.alliance.orders;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
import com.alliance.persistence.ShardReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A job that works off one of the order index's sharded due lists: reads it page by page, round-robin
 * over its shards (a window of them at once), and applies each order's change through the order commit path. A run stops at its
 * deadline or after {@code maxPerRun} orders; what is left stays in the index, so the next run picks up
 * exactly there. An order the change fails for stays too: the next run tries it again.
 */
abstract class IndexedOrderJob implements ScheduledJob {

    private static final Logger LOG = LogManager.getLogger(IndexedOrderJob.class);

    /** Shards whose pages are read concurrently: a run over 256 mostly empty shards costs 16 round trips. */
    static final int SHARDS_READ_AT_ONCE = 16;

    private final int pageSize;
    private final int maxPerRun;
    private final int threads;

    IndexedOrderJob(int pageSize, int maxPerRun, int threads) {
        if (pageSize < 1 || maxPerRun < 1 || threads < 1) {
            throw new IllegalArgumentException("page size, orders per run and threads must be at least 1");
        }
        this.pageSize = pageSize;
        this.maxPerRun = maxPerRun;
        this.threads = threads;
    }

    /** One page of the due orders of a shard at {@code now}. */
    abstract OrderRepository.DuePage page(int shard, Instant now, Optional<Map<String, AttributeValue>> startAfter,
                                          int limit);

    /** Applies the change to one order; true when it changed the order. */
    abstract boolean apply(String orderId, Instant now);

    @Override
    public int runOnce(Instant now, Deadline deadline) {
        List<Optional<Map<String, AttributeValue>>> next = new ArrayList<>();
        List<Boolean> exhausted = new ArrayList<>();
        for (int shard = 0; shard < OrderRepository.DUE_SHARDS; shard++) {
            next.add(Optional.empty());
            exhausted.add(false);
        }
        AtomicInteger changed = new AtomicInteger();
        int attempted = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            boolean any = true;
            while (any && attempted < maxPerRun && !deadline.hasPassed()) {
                any = false;
                // a window of shards is read at once (most are empty), then their orders applied together
                for (int from = 0; from < OrderRepository.DUE_SHARDS; from += SHARDS_READ_AT_ONCE) {
                    if (attempted >= maxPerRun || deadline.hasPassed()) {
                        break;
                    }
                    List<Integer> window = new ArrayList<>();
                    for (int shard = from; shard < Math.min(from + SHARDS_READ_AT_ONCE, OrderRepository.DUE_SHARDS); shard++) {
                        if (!exhausted.get(shard)) {
                            window.add(shard);
                        }
                    }
                    int room = Math.min(pageSize, maxPerRun - attempted);
                    List<OrderRepository.DuePage> pages = ShardReads.each(window,
                            shard -> page(shard, now, next.get(shard), room));
                    List<String> due = new ArrayList<>();
                    for (int i = 0; i < window.size(); i++) {
                        OrderRepository.DuePage page = pages.get(i);
                        // past maxPerRun the rest stays in the index for the next run
                        List<String> taken = page.orderIds().subList(0,
                                Math.min(page.orderIds().size(), maxPerRun - attempted));
                        attempted += taken.size();
                        due.addAll(taken);
                        next.set(window.get(i), page.next());
                        exhausted.set(window.get(i), page.next().isEmpty());
                        any |= page.next().isPresent();
                    }
                    applyAll(due, now, deadline, pool, changed);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return changed.get();
    }

    private void applyAll(List<String> orderIds, Instant now, Deadline deadline, ExecutorService pool,
                          AtomicInteger changed) {
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
                    // it stays in the index: the next run tries it again, the others go on
                    LOG.warn("{}: order {} could not change now: {}", name(), orderId, e.toString());
                }
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(name() + " task failed", e.getCause());
            }
        }
    }
}
