package com.alliance.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * What is due in a shard, or in a whole job: how many items (counted up to a bound, so a huge backlog costs a
 * bounded read: {@code atLeast} says the count stopped there) and when the oldest of them fell due.
 */
public record Backlog(long due, boolean atLeast, Optional<Instant> oldestDue) {

    public static final Backlog NONE = new Backlog(0, false, Optional.empty());

    public Backlog {
        if (due < 0) {
            throw new IllegalArgumentException("a backlog counts at least 0 items, not " + due);
        }
    }

    /** {@code due} items counted exactly, the oldest due at {@code oldest}. */
    public static Backlog of(long due, Optional<Instant> oldest) {
        return due == 0 ? NONE : new Backlog(due, false, oldest);
    }

    /** Whether a worker has anything to do in the shard. */
    public boolean hasWork() {
        return due > 0;
    }

    /** How long the oldest due item has waited at {@code now} (zero when nothing is due). */
    public Duration oldestAge(Instant now) {
        return oldestDue.filter(at -> at.isBefore(now)).map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
    }

    /** The sum of the shards' backlogs: their counts added, the oldest of their oldest. */
    public static Backlog sum(Collection<Backlog> shards) {
        long due = 0;
        boolean atLeast = false;
        Optional<Instant> oldest = Optional.empty();
        for (Backlog shard : shards) {
            due += shard.due;
            atLeast |= shard.atLeast;
            if (shard.oldestDue.isPresent() && (oldest.isEmpty() || shard.oldestDue.get().isBefore(oldest.get()))) {
                oldest = shard.oldestDue;
            }
        }
        return due == 0 ? NONE : new Backlog(due, atLeast, oldest);
    }
}
