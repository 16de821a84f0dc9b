package com.alliance.jobs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Runs a job until nothing it dispatches does anything more, in this process: dispatch, then work every item and
 * every item handed on, with the same dispatcher, leases and worker as in AWS, only without the queue between them.
 * For tests and benchmarks that need a job's effect now, and for a request that may finish small work at once.
 */
public final class JobDrain {

    /** Dispatches a drain gives a job at most: a job whose items keep doing something is stopped there. */
    static final int MAX_ROUNDS = 20;

    private final JobDispatcher dispatcher;
    private final JobWorker worker;
    private final JobDirectory jobs;

    public JobDrain(JobDirectory jobs, ShardLeases leases) {
        this.jobs = jobs;
        this.dispatcher = new JobDispatcher(leases);
        this.worker = new JobWorker(jobs, leases);
    }

    /** Runs one job at {@code now} until a dispatch finds nothing to do, as {@link #drain}; answers the items it changed. */
    public static long run(ShardedJob job, ShardLeases leases, Instant now) {
        return new JobDrain(name -> java.util.Optional.of(job).filter(j -> j.name().equals(name)), leases)
                .drain(job.name(), now);
    }

    /** Runs the named job at {@code now} until a dispatch finds nothing to do; answers the items it changed. */
    public long drain(String name, Instant now) {
        ShardedJob job = jobs.find(name).orElseThrow(() -> new IllegalArgumentException("no job " + name));
        long changed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long done = dispatchOnce(job, now);
            changed += done;
            if (done == 0) {
                break;
            }
        }
        return changed;
    }

    /**
     * One dispatch of the named job at {@code now}, with every item it sends and every item handed on worked to the
     * end, as one period of its schedule would: for a caller that must do something between periods (fold a stream).
     */
    public long dispatchOnce(String name, Instant now) {
        return dispatchOnce(jobs.find(name).orElseThrow(() -> new IllegalArgumentException("no job " + name)), now);
    }

    private long dispatchOnce(ShardedJob job, Instant now) {
        JobSpec spec = JobCatalog.get(job.name());
        Deque<WorkItem> queue = new ArrayDeque<>();
        long done = dispatcher.dispatch(job, now, queue::add).finished();
        while (!queue.isEmpty()) {
            done += worker.work(queue.poll(), now, Deadline.after(spec.budget().plus(ShardLeases.MARGIN)), queue::add)
                    .progress().done();
        }
        return done;
    }
}
