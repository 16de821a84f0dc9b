package com.alliance.jobs;

import java.time.Instant;

/**
 * A periodic job the schedule runs every minute (every few seconds locally). Each run does a
 * bounded amount of work and is idempotent: a job killed half-way is finished by the next run.
 */
public interface ScheduledJob {

    String name();

    /** Does what is due at {@code now}; answers how many things it changed. */
    int runOnce(Instant now);
}
