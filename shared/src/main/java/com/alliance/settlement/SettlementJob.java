package com.alliance.settlement;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import com.alliance.ledger.PayeeSlices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds and releases settlement runs a payee slice at a time ({@link PayeeSlices}): its shards are the
 * {@value PayeeSlices#COUNT} slices, and slice {@code s}'s work item builds slice {@code s} of every run still
 * BUILDING, oldest first ({@link SettlementService#buildSlice}), then releases slice {@code s} of every run
 * CANCELLING. A slice's claims write only that slice's items (its totals, its payees' cursors, lines and postings), so
 * a run's slices are claimed side by side, as many at once as the queue's concurrency allows. The dispatcher finishes
 * what all slices have done ({@link #finish}): a run whose slices are all built becomes DRAFT with their summed
 * totals, one whose slices are all released CANCELLED, and an APPROVED run whose lines are all paid PAID. Every step
 * is conditional, so a request working on the same run (under the same slice leases) is harmless.
 */
public final class SettlementJob implements ShardedJob {

    private final SettlementService service;
    private final SettlementRepository runs;

    public SettlementJob(SettlementService service, SettlementRepository runs) {
        this.service = service;
        this.runs = runs;
    }

    @Override
    public String name() {
        return JobCatalog.SETTLEMENT_RUNS;
    }

    @Override
    public int shards() {
        return PayeeSlices.COUNT;
    }

    /** The runs building or releasing, oldest first. */
    private List<SettlementRun> open() {
        List<SettlementRun> open = new ArrayList<>(service.runsWithStatus(RunStatus.BUILDING));
        open.addAll(service.runsWithStatus(RunStatus.CANCELLING));
        open.sort(Comparator.comparing(SettlementRun::createdAt));
        return open;
    }

    /** A slice has work while a run building has not built it, or a run cancelling has not released it. */
    @Override
    public Backlog backlog(int slice, Instant now) {
        return backlogs(now).get(slice);
    }

    /** Every slice's backlog from one read of each open run's slices. */
    @Override
    public List<Backlog> backlogs(Instant now) {
        long[] due = new long[PayeeSlices.COUNT];
        List<Optional<Instant>> oldest = new ArrayList<>(java.util.Collections.nCopies(PayeeSlices.COUNT, Optional.empty()));
        for (SettlementRun run : open()) {
            for (RunSlices.Slice state : runs.slices().read(run.runId())) {
                if (run.status() == RunStatus.BUILDING ? !state.built() : !state.released()) {
                    due[state.slice()]++;
                    if (oldest.get(state.slice()).isEmpty()) {
                        oldest.set(state.slice(), Optional.of(run.createdAt()));
                    }
                }
            }
        }
        List<Backlog> backlogs = new ArrayList<>();
        for (int slice = 0; slice < PayeeSlices.COUNT; slice++) {
            backlogs.add(Backlog.of(due[slice], oldest.get(slice)));
        }
        return backlogs;
    }

    @Override
    public Progress work(int slice, Optional<String> cursor, Instant now, Deadline deadline) {
        if (!runs.cursors().moveLegacyDue(Deadline.after(java.time.Duration.ZERO))) {
            return Progress.NOTHING;    // the dispatcher moves the due index's old entries first
        }
        long done = 0;
        for (SettlementRun run : open()) {
            boolean finished = run.status() == RunStatus.BUILDING
                    ? service.buildSlice(run, slice, deadline) : service.releaseSlice(run, slice, deadline);
            if (!finished) {
                return Progress.stoppedAt(done, 0, Optional.empty(), Optional.empty());
            }
            done++;
        }
        return Progress.finished(done, 0, Optional.empty());
    }

    /**
     * Moves the due index's entries from before it was cut by payee slice (once, see
     * {@link com.alliance.ledger.SettlementCursors#moveLegacyDue}), finishes the runs whose slices are all done, and
     * closes the APPROVED runs whose lines are all paid.
     */
    @Override
    public int finish(Instant now) {
        runs.cursors().moveLegacyDue(Deadline.after(java.time.Duration.ofSeconds(30)));
        int finished = 0;
        for (SettlementRun run : open()) {
            finished += service.finish(run.runId(), now) ? 1 : 0;
        }
        for (SettlementRun run : service.runsWithStatus(RunStatus.APPROVED)) {
            finished += service.closeIfPaid(run) ? 1 : 0;
        }
        return finished;
    }
}
