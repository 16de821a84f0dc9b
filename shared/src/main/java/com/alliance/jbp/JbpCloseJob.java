package com.alliance.jbp;

import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
import java.time.Instant;

/** Posts the rebate of every JBP agreement whose period has closed, once. */
public final class JbpCloseJob implements ScheduledJob {

    static final int AGREEMENTS_PER_RUN = 25;

    private final JbpService service;

    public JbpCloseJob(JbpService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "jbp-close";
    }

    /** At most {@value #AGREEMENTS_PER_RUN} agreements a run, well inside any deadline. */
    @Override
    public int runOnce(Instant now, Deadline deadline) {
        return service.closeDue(now, AGREEMENTS_PER_RUN);
    }
}
