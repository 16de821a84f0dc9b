package com.alliance.jobs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job's dispatcher, run by its schedule: finishes what the job finishes across its shards
 * ({@link ShardedJob#finish}), asks every shard what is due ({@link ShardedJob#backlog}, the shards at once), leases
 * each shard with work that no lease holds and sends one work item for it. A shard whose lease holds (a worker is on
 * it, or its item waits in the queue) gets nothing: its worker hands on what is left. It records the job's backlog
 * for {@code GET /ops/jobs} and answers it, for the backlog metric.
 */
public final class JobDispatcher {

    private final ShardLeases leases;

    public JobDispatcher(ShardLeases leases) {
        this.leases = leases;
    }

    /**
     * One dispatch of a job.
     *
     * @param shards           the job's shards
     * @param shardsWithWork   shards with something due
     * @param shardsDispatched of those, the ones leased and sent now (the others are held by a lease)
     * @param finished         what {@link ShardedJob#finish} finished
     */
    public record Dispatch(String job, Instant at, Backlog backlog, int shards, int shardsWithWork,
                           int shardsDispatched, int finished) {
    }

    /** Dispatches {@code job} at {@code now} with its catalog budget per work item. */
    public Dispatch dispatch(ShardedJob job, Instant now, WorkSink sink) {
        return dispatch(job, now, sink, JobCatalog.get(job.name()).budget());
    }

    /** Dispatches {@code job} at {@code now}, each work item given {@code budget}. */
    public Dispatch dispatch(ShardedJob job, Instant now, WorkSink sink, java.time.Duration budget) {
        int finished = job.finish(now);
        List<Backlog> backlogs = job.backlogs(now);
        int withWork = 0;
        int dispatched = 0;
        for (int shard = 0; shard < backlogs.size(); shard++) {
            if (!backlogs.get(shard).hasWork()) {
                continue;
            }
            withWork++;
            String token = UUID.randomUUID().toString();
            if (leases.lease(job.name(), shard, token)) {
                sink.send(new WorkItem(job.name(), shard, token, 0, java.util.Optional.empty(), now, budget));
                dispatched++;
            }
        }
        Dispatch dispatch = new Dispatch(job.name(), now, Backlog.sum(backlogs), job.shards(), withWork, dispatched,
                finished);
        leases.recordDispatch(job.name(), dispatch);
        return dispatch;
    }
}
