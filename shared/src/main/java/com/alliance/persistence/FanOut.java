package com.alliance.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Reads of a write-sharded key, one per shard, issued together on a small shared pool so the read
 * takes about one round trip rather than one per shard. A read already on the pool runs its shards
 * inline, so nested fan-outs can never wait on a pool they fill.
 */
public final class FanOut {

    /** Shard reads in flight at once: 16 payee shards in one round trip, the platform's 256 in four. */
    public static final int THREADS = 64;

    private static final ExecutorService POOL = pool();

    private FanOut() {
    }

    /** {@code read} of every shard 0 to {@code shards - 1}, results in shard order. */
    public static <T> List<T> each(int shards, IntFunction<T> read) {
        if (shards == 1 || Thread.currentThread() instanceof Reader) {
            List<T> results = new ArrayList<>(shards);
            for (int shard = 0; shard < shards; shard++) {
                results.add(read.apply(shard));
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            futures.add(POOL.submit(() -> read.apply(s)));
        }
        List<T> results = new ArrayList<>(shards);
        for (Future<T> future : futures) {
            results.add(await(future));
        }
        return results;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading shards", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ExecutorService pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Reader::new);
        // idle threads go, so a Lambda container between requests holds none
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static final class Reader extends Thread {
        Reader(Runnable task) {
            super(task, "shard-reader");
            setDaemon(true);
        }
    }
}
