package com.alliance.settlement;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import java.time.Instant;
import java.util.Optional;

/**
 * Finishes what requests left: runs still BUILDING (too large for one request) are built on,
 * CANCELLING runs are released on, and an APPROVED run whose lines are all paid becomes PAID.
 * Every step is conditional, so a request working on the same run at the same time is harmless.
 */
public final class SettlementJob implements ShardedJob {

    private final SettlementService service;

    public SettlementJob(SettlementService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return JobCatalog.SETTLEMENT_RUNS;
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        java.util.List<SettlementRun> open = new java.util.ArrayList<>(service.runsWithStatus(RunStatus.BUILDING));
        open.addAll(service.runsWithStatus(RunStatus.CANCELLING));
        return Backlog.of(open.size(), open.stream().map(SettlementRun::createdAt).min(Instant::compareTo));
    }

    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        return Progress.finished(runOnce(now, deadline), 0, Optional.empty());
    }

    private int runOnce(Instant now, Deadline deadline) {
        int finished = 0;
        for (SettlementRun run : service.runsWithStatus(RunStatus.BUILDING)) {
            if (deadline.hasPassed()) {
                return finished;
            }
            finished += service.build(run.runId(), deadline).status() != RunStatus.BUILDING ? 1 : 0;
        }
        for (SettlementRun run : service.runsWithStatus(RunStatus.CANCELLING)) {
            if (deadline.hasPassed()) {
                return finished;
            }
            finished += service.release(run.runId(), deadline).status() == RunStatus.CANCELLED ? 1 : 0;
        }
        for (SettlementRun run : service.runsWithStatus(RunStatus.APPROVED)) {
            finished += service.closeIfPaid(run) ? 1 : 0;
        }
        return finished;
    }
}
