package com.alliance.jobs;

import java.time.Duration;

/**
 * When a bounded piece of work must stop so that it ends well inside its invocation: measured on the
 * monotonic clock, so a test's or a producer's notion of "now" never stretches it.
 */
public final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + Math.max(0, budget.toNanos()));
    }

    public boolean hasPassed() {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** The earlier of this deadline and one {@code budget} from now. */
    public Deadline atMost(Duration budget) {
        Deadline other = after(budget);
        return other.endNanos - endNanos < 0 ? other : this;
    }
}
