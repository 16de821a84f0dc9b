package com.alliance.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Works one work item: takes its shard's lease ({@link ShardLeases#take}; a duplicate or an item whose lease was
 * given again is dropped), works the shard until the deadline ({@link ShardedJob#work}), then hands what is left on
 * as the next item of the same lease or releases the lease. A shard whose work throws is released with the error
 * recorded, so the next dispatch tries it again; nothing of it stays half-held.
 */
public final class JobWorker {

    private static final Logger LOG = LogManager.getLogger(JobWorker.class);

    /** What became of a work item. */
    public enum Outcome {
        /** The shard has nothing more due for now. */
        DONE,
        /** The deadline came first: the next item of the shard is in the queue. */
        HANDED_ON,
        /** Its lease had moved on: a duplicate delivery, or an item of a lease that ran out. Nothing was done. */
        STALE,
        /** The work threw: the lease is released with the error, the next dispatch tries the shard again. */
        FAILED
    }

    /** What a work item came to, and what its work did. */
    public record Result(Outcome outcome, Progress progress) {
    }

    private final JobDirectory jobs;
    private final ShardLeases leases;

    public JobWorker(JobDirectory jobs, ShardLeases leases) {
        this.jobs = jobs;
        this.leases = leases;
    }

    /**
     * Works {@code item} at {@code now} until {@code deadline}; the handed-on item goes to {@code sink}.
     *
     * @throws WorkItem.InvalidWorkItemException an item of no job this worker knows, or of a shard it does not have
     */
    public Result work(WorkItem item, Instant now, Deadline deadline, WorkSink sink) {
        ShardedJob job = jobs.find(item.job()).orElse(null);
        if (job == null || item.shard() >= job.shards()) {
            throw new WorkItem.InvalidWorkItemException("no job " + item.job() + " with shard " + item.shard());
        }
        Duration budget = item.budget();
        Optional<ShardLeases.Taken> taken = leases.take(item, budget.plus(ShardLeases.MARGIN));
        if (taken.isEmpty()) {
            LOG.info("{} shard {}: work item at step {} is stale, dropped", item.job(), item.shard(), item.step());
            return new Result(Outcome.STALE, Progress.NOTHING);
        }
        Progress progress;
        try {
            progress = job.work(item.shard(), item.cursor(), now, deadline.atMost(budget));
        } catch (RuntimeException e) {
            LOG.error("{} shard {} failed; the next dispatch tries it again", item.job(), item.shard(), e);
            Progress failed = Progress.finished(0, 1, Optional.of(e.toString()));
            leases.release(taken.get(), failed);
            return new Result(Outcome.FAILED, failed);
        }
        if (progress.more()) {
            WorkItem next = item.handedOn(progress.next());
            if (leases.handOn(taken.get(), next, progress)) {
                sink.send(next);
                return new Result(Outcome.HANDED_ON, progress);
            }
            return new Result(Outcome.STALE, progress);
        }
        leases.release(taken.get(), progress);
        return new Result(Outcome.DONE, progress);
    }
}
