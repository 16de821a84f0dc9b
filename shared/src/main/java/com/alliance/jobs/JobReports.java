package com.alliance.jobs;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.InvalidInputException;
import com.alliance.persistence.Items;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an operator sees of the background jobs ({@code GET /ops/jobs}): per job of the catalog, how it runs (period,
 * budget, concurrency), its last dispatch with the backlog it found, and what its shards' work items did. Read from the
 * jobs table alone, one Query per job: a job's shard items and its dispatch item ({@link ShardLeases}).
 */
public final class JobReports {

    /** How a job stands, in a word an operator can act on. */
    public enum Health {
        /** Nothing due. */
        IDLE,
        /** Work is due and its oldest item is younger than the job's alarm age. */
        WORKING,
        /** The oldest due item is older than the job's alarm age: the job falls behind. */
        BEHIND,
        /** The last work item of the job recorded a failure (an item it could not do, or the work item threw). */
        FAILING,
        /** The job has never been dispatched. */
        NEVER_RUN
    }

    /**
     * One job's report.
     *
     * @param lastRunAt       when a work item of the job last finished
     * @param lastRunItems    what the work items of its last wave did (those within one period of the last)
     * @param itemsDone       what all its work items have done
     * @param failures        items its work items could not do, and work items that threw
     * @param shardsWithWork  shards the last dispatch found work in
     * @param shardsInFlight  shards a work item holds now (working, or waiting in the queue)
     */
    public record JobStatus(JobSpec spec, Health health, Optional<Instant> lastDispatchAt, Optional<Instant> lastRunAt,
                            long lastRunItems, long itemsDone, long failures, long workItems, int shards,
                            int shardsWithWork, int shardsInFlight, Backlog backlog, Duration oldestDueAge,
                            Optional<String> lastError, Optional<Instant> lastErrorAt) {
    }

    private final ShardLeases leases;
    private final Clock clock;

    public JobReports(ShardLeases leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** Every job, in the catalog's order, or the one named; an unknown name is refused. */
    public List<JobStatus> status(Caller caller, Optional<String> job) {
        caller.requireRole(Role.OPERATOR);
        if (job.isPresent() && JobCatalog.find(job.get()).isEmpty()) {
            throw new InvalidInputException("UNKNOWN_JOB", "no job " + job.get() + "; the jobs are "
                    + JobCatalog.ALL.stream().map(JobSpec::name).toList(), "job");
        }
        return JobCatalog.ALL.stream().filter(spec -> job.isEmpty() || spec.name().equals(job.get()))
                .map(this::status).toList();
    }

    private JobStatus status(JobSpec spec) {
        ShardLeases.JobState state = leases.read(spec.name());
        Optional<Map<String, AttributeValue>> dispatch = state.dispatch();
        Optional<Instant> dispatchedAt = dispatch.map(item -> Instant.parse(item.get("dispatchedAt").s()));
        Backlog backlog = dispatch.map(item -> new Backlog(Items.longOf(item, "due", 0), item.containsKey("dueAtLeast")
                && item.get("dueAtLeast").bool(), Optional.ofNullable(Items.stringOf(item, "oldestDueAt")).map(Instant::parse)))
                .orElse(Backlog.NONE);
        Optional<Instant> lastRunAt = state.shards().stream().flatMap(s -> s.lastRunAt().stream()).max(Comparator.naturalOrder());
        long lastRunItems = lastRunAt.map(last -> state.shards().stream()
                .filter(s -> s.lastRunAt().filter(at -> !at.isBefore(last.minus(spec.period()))).isPresent())
                .mapToLong(ShardLeases.ShardState::lastDone).sum()).orElse(0L);
        Optional<ShardLeases.ShardState> lastFailed = state.shards().stream().filter(s -> s.lastErrorAt().isPresent())
                .max(Comparator.comparing(s -> s.lastErrorAt().get()));
        Instant now = dispatchedAt.orElse(clock.instant());
        Duration age = backlog.oldestAge(now);
        Health health;
        if (dispatchedAt.isEmpty()) {
            health = Health.NEVER_RUN;
        } else if (lastFailed.isPresent() && lastRunAt.isPresent()
                && !lastFailed.get().lastErrorAt().get().isBefore(lastRunAt.get())) {
            health = Health.FAILING;
        } else if (age.compareTo(spec.alarmAge()) > 0) {
            health = Health.BEHIND;
        } else {
            health = backlog.hasWork() ? Health.WORKING : Health.IDLE;
        }
        return new JobStatus(spec, health, dispatchedAt, lastRunAt, lastRunItems,
                state.shards().stream().mapToLong(ShardLeases.ShardState::doneTotal).sum(),
                state.shards().stream().mapToLong(ShardLeases.ShardState::failedTotal).sum(),
                state.shards().stream().mapToLong(ShardLeases.ShardState::workItems).sum(),
                dispatch.map(item -> (int) Items.longOf(item, "shards", 0)).orElse(0),
                dispatch.map(item -> (int) Items.longOf(item, "shardsWithWork", 0)).orElse(0),
                (int) state.shards().stream().filter(ShardLeases.ShardState::leased).count(), backlog, age,
                lastFailed.flatMap(ShardLeases.ShardState::lastError), lastFailed.flatMap(ShardLeases.ShardState::lastErrorAt));
    }
}
