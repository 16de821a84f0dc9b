package com.alliance.persistence;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before retrying an optimistic write that lost to a concurrent one (a conditional check on a
 * revision or cursor): random, so racing writers spread out, and growing with the attempt up to 160 ms.
 */
public final class Backoff {

    private Backoff() {
    }

    public static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
