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
 * Matures every order whose after-sale window has passed: reads the maturity index page by page,
 * round-robin over its shards, and applies each order's maturation through the order commit path.
 * A run stops at its deadline or after {@code maxPerRun} orders; what is left stays in the index,
 * so the next run picks up exactly there. Re-running is harmless: a matured order has left the index,
 * and its maturation event id is derived from the order.
 */
public final class MaturationJob implements ScheduledJob {

    private static final Logger LOG = LogManager.getLogger(MaturationJob.class);

    private final OrderRepository orders;
    private final OrderEventService service;
    private final int pageSize;
    private final int maxPerRun;
    private final int threads;

    /**
     * @param pageSize  orders read from one shard at a time
     * @param maxPerRun orders matured per run at most, whatever the deadline allows
     * @param threads   orders of a page matured concurrently (each is its own transaction)
     */
    public MaturationJob(OrderRepository orders, OrderEventService service, int pageSize, int maxPerRun, int threads) {
        if (pageSize < 1 || maxPerRun < 1 || threads < 1) {
            throw new IllegalArgumentException("page size, orders per run and threads must be at least 1");
        }
        this.orders = orders;
        this.service = service;
        this.pageSize = pageSize;
        this.maxPerRun = maxPerRun;
        this.threads = threads;
    }

    public MaturationJob(OrderRepository orders, OrderEventService service) {
        this(orders, service, 100, Integer.MAX_VALUE, 4);
    }

    @Override
    public String name() {
        return "order-maturation";
    }

    @Override
    public int runOnce(Instant now) {
        return runOnce(now, Deadline.after(DEFAULT_BUDGET));
    }

    @Override
    public int runOnce(Instant now, Deadline deadline) {
        List<Optional<Map<String, AttributeValue>>> next = new ArrayList<>();
        List<Boolean> exhausted = new ArrayList<>();
        for (int shard = 0; shard < OrderRepository.MATURITY_SHARDS; shard++) {
            next.add(Optional.empty());
            exhausted.add(false);
        }
        AtomicInteger matured = new AtomicInteger();
        int attempted = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "maturation");
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
                    OrderRepository.DuePage page = orders.dueForMaturity(shard, now, next.get(shard), room);
                    attempted += page.orderIds().size();
                    matureAll(page.orderIds(), now, deadline, pool, matured);
                    next.set(shard, page.next());
                    exhausted.set(shard, page.next().isEmpty());
                    any |= page.next().isPresent();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return matured.get();
    }

    private void matureAll(List<String> orderIds, Instant now, Deadline deadline, ExecutorService pool,
                           AtomicInteger matured) {
        List<Future<?>> running = new ArrayList<>();
        for (String orderId : orderIds) {
            running.add(pool.submit(() -> {
                if (deadline.hasPassed()) {
                    return;
                }
                try {
                    if (service.mature(orderId, now) == OrderEventService.Result.APPLIED) {
                        matured.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    // it stays in the index: the next run tries it again, the others go on
                    LOG.warn("order {} could not mature now: {}", orderId, e.toString());
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
                throw new IllegalStateException("maturation task failed", e.getCause());
            }
        }
    }
}
