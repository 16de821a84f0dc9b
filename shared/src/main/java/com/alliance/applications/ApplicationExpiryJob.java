package com.alliance.applications;

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
 * Expires every application nobody answered by its review deadline. Its shards are the
 * {@value ApplicationRepository#DUE_SHARDS} partitions of the due list ({@code APPDUE#{n}} of gsi3), one each, so no two
 * workers meet on an application. A work item reads its partition a page at a time, oldest deadline first, and
 * expires each application, conditional on it still being pending: one the brand answered meanwhile, or one a
 * previous item expired, is left as it is, so running the job again changes nothing. It stops at its deadline and
 * hands on the sort key of the last entry it handled; an application whose expiry failed stays due for the next dispatch.
 */
public final class ApplicationExpiryJob implements ShardedJob {

    private static final Logger LOG = LogManager.getLogger(ApplicationExpiryJob.class);

    /** Entries a backlog counts per partition at most: a bounded read, whatever the backlog. */
    static final int BACKLOG_COUNT = 250;
    /** Entries read from the partition at a time. */
    static final int PAGE_SIZE = 25;

    private final ApplicationRepository applications;

    public ApplicationExpiryJob(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public String name() {
        return JobCatalog.APPLICATION_EXPIRY;
    }

    @Override
    public int shards() {
        return ApplicationRepository.DUE_SHARDS;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        return applications.dueBacklog(shard, now, BACKLOG_COUNT);
    }

    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        cursor.ifPresent(ApplicationRepository::idOfSortKey);
        Optional<String> after = cursor;
        long expired = 0;
        long failed = 0;
        Optional<String> lastError = Optional.empty();
        while (true) {
            if (deadline.hasPassed()) {
                return Progress.stoppedAt(expired, failed, after, lastError);
            }
            ApplicationRepository.DuePage page = applications.due(shard, now, after, PAGE_SIZE);
            for (ApplicationRepository.DueEntry entry : page.entries()) {
                if (deadline.hasPassed()) {
                    return Progress.stoppedAt(expired, failed, after, lastError);
                }
                try {
                    if (expire(entry.applicationId(), now)) {
                        expired++;
                    }
                } catch (RuntimeException e) {
                    // it stays in the index: the next dispatch tries it again, the others go on
                    LOG.warn("{}: application {} could not expire now: {}", name(), entry.applicationId(), e.toString());
                    failed++;
                    lastError = Optional.of("application " + entry.applicationId() + ": " + e);
                }
                after = Optional.of(entry.sortKey());
            }
            if (!page.more() || page.entries().isEmpty()) {
                return Progress.finished(expired, failed, lastError);
            }
        }
    }

    /** Expires the application if it is still pending and due at {@code now}; true when this call expired it. */
    boolean expire(String applicationId, Instant now) {
        Optional<Application> application = applications.find(applicationId);
        if (application.isEmpty() || !application.get().isDue(now)) {
            return false;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            ApplicationRepository.Outcome outcome = applications.close(application.get().expired(now));
            if (outcome != ApplicationRepository.Outcome.CONFLICT) {
                return outcome == ApplicationRepository.Outcome.DECIDED;
            }
        }
        throw new IllegalStateException("application " + applicationId + " kept meeting other transactions");
    }
}
