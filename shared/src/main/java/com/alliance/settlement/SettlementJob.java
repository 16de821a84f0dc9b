package com.alliance.settlement;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
import java.time.Instant;

/**
 * Finishes what requests left: runs still BUILDING (too large for one request) are built on,
 * CANCELLING runs are released on, and an APPROVED run whose lines are all paid becomes PAID.
 * Every step is conditional, so a request working on the same run at the same time is harmless.
 */
public final class SettlementJob implements ScheduledJob {

    private final SettlementService service;

    public SettlementJob(SettlementService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "settlement-runs";
    }

    @Override
    public int runOnce(Instant now, Deadline deadline) {
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
