package com.alliance.jbp;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import java.time.Instant;
import java.util.Optional;

/**
 * Posts the rebate of every JBP agreement whose period has closed, once. Agreements close a few a day, so the job is
 * one shard; each close is conditional on the agreement being open, so a second work item changes nothing.
 */
public final class JbpCloseJob implements ShardedJob {

    static final int AGREEMENTS_PER_PAGE = 25;

    private final JbpService service;

    public JbpCloseJob(JbpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return JobCatalog.JBP_CLOSE;
    }

    @Override
    public int shards() {
        return 1;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        return service.dueBacklog(now, 250);
    }

    /** {@value #AGREEMENTS_PER_PAGE} agreements at a time until none is due or the deadline has passed. */
    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        long closed = 0;
        while (!deadline.hasPassed()) {
            int page = service.closeDue(now, AGREEMENTS_PER_PAGE);
            closed += page;
            if (page == 0) {
                return Progress.finished(closed, 0, Optional.empty());
            }
        }
        return Progress.stoppedAt(closed, 0, Optional.empty(), Optional.empty());
    }
}
