package com.alliance.settlement;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A settlement run as stored: its status, cutoff and running totals. Lines are stored apart
 * ({@link RunEntry}) and read page by page.
 *
 * @param totalFen      the sum of its lines
 * @param paidFen       the sum of its paid lines
 * @param progressShard the due-index partition the build has reached
 * @param progressParty where on that partition the build has got: the last due key ({@code {party}#{shard}})
 *                      or payee it handled
 * @param resultImports how many bank results files have been recorded: the next payment file's batch number
 */
public record SettlementRun(String runId, RunStatus status, Instant cutoff, String idempotencyKey,
                            Instant createdAt, String createdBy, long totalFen, long lineCount, long paidLines,
                            long paidFen, long releasedLines, Optional<Instant> approvedAt,
                            Optional<String> approvedBy, int progressShard, Optional<String> progressParty,
                            long resultImports) {

    public SettlementRun(String runId, RunStatus status, Instant cutoff, String idempotencyKey, Instant createdAt,
                         String createdBy, long totalFen, long lineCount, long paidLines, long paidFen, long releasedLines,
                         Optional<Instant> approvedAt, Optional<String> approvedBy, int progressShard,
                         Optional<String> progressParty) {
        this(runId, status, cutoff, idempotencyKey, createdAt, createdBy, totalFen, lineCount, paidLines, paidFen,
                releasedLines, approvedAt, approvedBy, progressShard, progressParty, 0);
    }

    public SettlementRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(progressParty, "progressParty");
    }

    /** A run that has claimed nothing yet. */
    public static SettlementRun building(String runId, Instant cutoff, String idempotencyKey, Instant createdAt,
                                         String createdBy) {
        return new SettlementRun(runId, RunStatus.BUILDING, cutoff, idempotencyKey, createdAt, createdBy, 0, 0, 0, 0,
                0, Optional.empty(), Optional.empty(), 0, Optional.empty(), 0);
    }
}
