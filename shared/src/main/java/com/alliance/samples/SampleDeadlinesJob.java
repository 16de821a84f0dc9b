package com.alliance.samples;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import java.time.Instant;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Moves every sample request whose deadline has passed ({@link SampleRequest#lapse}): a review or shipment not made
 * expires it, a receipt not confirmed counts as made, a promise not kept leaves it unfulfilled. Its shards are the
 * {@value SampleRepository#DUE_SHARDS} partitions of the due list: a request is in one, so one worker writes it, and
 * each step is conditional on the request's version, so a work item done twice changes nothing the second time.
 */
public final class SampleDeadlinesJob implements ShardedJob {

    private static final Logger LOG = LogManager.getLogger(SampleDeadlinesJob.class);
    /** Entries a backlog counts per shard at most. */
    static final int BACKLOG_COUNT = 250;

    private final SampleRepository samples;
    private final SampleService service;
    private final int pageSize;

    public SampleDeadlinesJob(SampleRepository samples, SampleService service, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size is at least 1");
        }
        this.samples = samples;
        this.service = service;
        this.pageSize = pageSize;
    }

    public SampleDeadlinesJob(SampleRepository samples, SampleService service) {
        this(samples, service, 100);
    }

    @Override
    public String name() {
        return JobCatalog.SAMPLE_DEADLINES;
    }

    @Override
    public int shards() {
        return SampleRepository.DUE_SHARDS;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        return samples.dueBacklog(shard, now, BACKLOG_COUNT);
    }

    /**
     * Works the shard's due entries page by page from {@code cursor} (the sort key of the last entry read); a request
     * that cannot move now stays listed for a later work item, the others go on.
     */
    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        long changed = 0;
        long failed = 0;
        Optional<String> lastError = Optional.empty();
        Optional<String> after = cursor;
        do {
            SampleRepository.DuePage page = samples.due(shard, now, after, pageSize);
            for (String requestId : page.requestIds()) {
                if (deadline.hasPassed()) {
                    return Progress.stoppedAt(changed, failed, after, lastError);
                }
                try {
                    changed += service.lapse(requestId, now) ? 1 : 0;
                } catch (RuntimeException e) {
                    LOG.warn("sample request {} not moved now: {}", requestId, e.toString());
                    failed++;
                    lastError = Optional.of("sample request " + requestId + ": " + e);
                }
            }
            after = page.next();
        } while (after.isPresent());
        return Progress.finished(changed, failed, lastError);
    }
}
