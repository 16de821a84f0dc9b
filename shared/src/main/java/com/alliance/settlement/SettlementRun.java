package com.alliance.settlement;

import com.alliance.ledger.PayeeSlices;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A settlement run as stored: its status, cutoff and running totals. Lines are stored apart
 * ({@link RunEntry}) and read page by page.
 *
 * @param totalFen      the sum of its lines (while it builds, of the lines of its slices, summed when it is read)
 * @param paidFen       the sum of its paid lines
 * @param lineSlices    how many partitions its lines are kept in: {@link PayeeSlices#COUNT}, by payee slice
 *                      ({@link RunLines}); 1 for a run made before runs were sliced, whose lines share one
 * @param resultImports how many bank results files have been recorded: the next payment file's batch number
 */
public record SettlementRun(String runId, RunStatus status, Instant cutoff, String idempotencyKey,
                            Instant createdAt, String createdBy, long totalFen, long lineCount, long paidLines,
                            long paidFen, long releasedLines, Optional<Instant> approvedAt,
                            Optional<String> approvedBy, int lineSlices, long resultImports) {

    /** A run with its lines by payee slice and no bank results recorded. */
    public SettlementRun(String runId, RunStatus status, Instant cutoff, String idempotencyKey, Instant createdAt,
                         String createdBy, long totalFen, long lineCount, long paidLines, long paidFen, long releasedLines,
                         Optional<Instant> approvedAt, Optional<String> approvedBy) {
        this(runId, status, cutoff, idempotencyKey, createdAt, createdBy, totalFen, lineCount, paidLines, paidFen,
                releasedLines, approvedAt, approvedBy, PayeeSlices.COUNT, 0);
    }

    public SettlementRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (lineSlices != 1 && lineSlices != PayeeSlices.COUNT) {
            throw new IllegalArgumentException("a run's lines are in 1 or " + PayeeSlices.COUNT + " slices, not " + lineSlices);
        }
    }

    /** A run that has claimed nothing yet. */
    public static SettlementRun building(String runId, Instant cutoff, String idempotencyKey, Instant createdAt,
                                         String createdBy) {
        return new SettlementRun(runId, RunStatus.BUILDING, cutoff, idempotencyKey, createdAt, createdBy, 0, 0, 0, 0,
                0, Optional.empty(), Optional.empty(), PayeeSlices.COUNT, 0);
    }

    /** The run with what its slices add to its totals while it builds or releases ({@link RunSlices}). */
    public SettlementRun plus(RunSlices.Totals slices) {
        return new SettlementRun(runId, status, cutoff, idempotencyKey, createdAt, createdBy, totalFen + slices.totalFen(),
                lineCount + slices.lineCount(), paidLines, paidFen, releasedLines + slices.releasedLines(), approvedAt,
                approvedBy, lineSlices, resultImports);
    }
}
