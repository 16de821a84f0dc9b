package com.alliance.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * A periodic job the schedule runs every minute (every few seconds locally). Each run does a
 * bounded amount of work and is idempotent: a job killed half-way is finished by the next run.
 */
public interface ScheduledJob {

    /** What a run may spend when the caller sets no deadline. */
    Duration DEFAULT_BUDGET = Duration.ofSeconds(50);

    String name();

    /**
     * Does what is due at {@code now}, stopping once {@code deadline} has passed and leaving the rest
     * to the next run; answers how many things it changed. A job whose work is small may ignore the deadline.
     */
    int runOnce(Instant now, Deadline deadline);

    /** Does what is due at {@code now} within {@link #DEFAULT_BUDGET}. */
    default int runOnce(Instant now) {
        return runOnce(now, Deadline.after(DEFAULT_BUDGET));
    }
}
