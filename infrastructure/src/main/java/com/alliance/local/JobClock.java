package com.alliance.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The local stand-in for the EventBridge schedule: runs the scheduled jobs every few seconds. */
public final class JobClock implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-clock");
        thread.setDaemon(true);
        return thread;
    });

    public JobClock(Duration every, Runnable jobs) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.run();
            } catch (RuntimeException e) {
                System.err.println("job-clock: a scheduled run failed and will be retried: " + e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
