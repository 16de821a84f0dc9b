package com.alliance.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Reads the shards of a sharded key ({@link WriteShards}) concurrently on one small pool shared by the
 * process, and answers in shard order: a reader that fans out costs one round trip, not one per shard. The stream's
 * audience join ({@code analytics.AudienceJoin}) runs each step's independent requests on it the same way.
 */
public final class ShardReads {

    /** Shard reads in flight at once: 16 payee or index shards in one round trip, the platform's 256 in four. */
    static final int THREADS = 64;

    private static final AtomicInteger NEXT_THREAD = new AtomicInteger();
    private static final ExecutorService POOL = pool();

    private ShardReads() {
    }

    /** {@code read} of shards 0 to {@code shards - 1}, in shard order. */
    public static <T> List<T> each(int shards, IntFunction<T> read) {
        return each(IntStream.range(0, shards).boxed().toList(), read);
    }

    /** {@code read} of each of {@code shards}, in the order given. */
    public static <T> List<T> each(List<Integer> shards, IntFunction<T> read) {
        // a read already on the pool runs its own fan-out inline, so the pool never waits on itself
        if (shards.size() == 1 || Thread.currentThread() instanceof ReadThread) {
            return shards.stream().map(read::apply).toList();
        }
        List<Future<T>> running = new ArrayList<>();
        for (int shard : shards) {
            running.add(POOL.submit(() -> read.apply(shard)));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> result : running) {
                results.add(result.get());
            }
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading shards", e);
        } catch (ExecutionException e) {
            running.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a shard read failed", e.getCause());
        }
        return results;
    }

    private static ExecutorService pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new ReadThread(task, "shard-read-" + NEXT_THREAD.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // idle threads go, so a Lambda container between requests holds none
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static final class ReadThread extends Thread {
        ReadThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
