package com.alliance.orders;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
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
 * over its shards, and applies each order's change through the order commit path. A run stops at its
 * deadline or after {@code maxPerRun} orders; what is left stays in the index, so the next run picks up
 * exactly there. An order the change fails for stays too: the next run tries it again.
 */
abstract class IndexedOrderJob implements ScheduledJob {

    private static final Logger LOG = LogManager.getLogger(IndexedOrderJob.class);

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
        for (int shard = 0; shard < OrderRepository.MATURITY_SHARDS; shard++) {
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
                for (int shard = 0; shard < OrderRepository.MATURITY_SHARDS; shard++) {
                    if (exhausted.get(shard) || attempted >= maxPerRun || deadline.hasPassed()) {
                        continue;
                    }
                    int room = Math.min(pageSize, maxPerRun - attempted);
                    OrderRepository.DuePage page = page(shard, now, next.get(shard), room);
                    attempted += page.orderIds().size();
                    applyAll(page.orderIds(), now, deadline, pool, changed);
                    next.set(shard, page.next());
                    exhausted.set(shard, page.next().isEmpty());
                    any |= page.next().isPresent();
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
