package com.alliance.settlement;

import com.alliance.ledger.SettlementCursors;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a payee's settleable posting stands with settlement: not yet claimed, claimed by a run (whose line is owed),
 * or paid out. Read for a page of an order list, a few keys per order, never the payee's history: the payee's cursor
 * on the posting's shard says whether a run took it ({@link SettlementCursors.Cursor#covers}); the claim range ending
 * at or after it ({@link ClaimRangeRepository#covering}) says which run; the run's line of the payee says whether it
 * is paid. One instance serves one request: runs, lines and cursors read once are kept for the rest of the page.
 */
public final class PostingSettlements {

    /**
     * @param runId  the run whose claim took the posting; empty when that claim predates claim ranges
     * @param status the payee's line in that run (UNPAID, PAID; RELEASED when the run was cancelled and the money
     *               is claimable again); empty when the claim moved the cursor without a line (it netted to zero)
     */
    public record Claimed(Optional<String> runId, Optional<LineStatus> status, Optional<Instant> paidAt) {
    }

    private final SettlementCursors cursors;
    private final ClaimRangeRepository ranges;
    private final SettlementRepository runs;
    private final RunLines lines;
    private final Map<String, SettlementCursors.Cursor> cursorCache = new ConcurrentHashMap<>();
    private final Map<String, Optional<RunEntry>> lineCache = new ConcurrentHashMap<>();

    public PostingSettlements(SettlementCursors cursors, ClaimRangeRepository ranges, SettlementRepository runs,
                              RunLines lines) {
        this.cursors = cursors;
        this.ranges = ranges;
        this.runs = runs;
        this.lines = lines;
    }

    /** Whether and how a run took the payee's posting with this ledger sort key on that shard. */
    public Optional<Claimed> of(String party, int shard, String sortKey) {
        SettlementCursors.Cursor cursor = cursorCache.computeIfAbsent(party + "#" + shard, k -> cursors.read(party, shard));
        if (!cursor.covers(sortKey)) {
            return Optional.empty();
        }
        Optional<ClaimRange> range = ranges.covering(party, shard, sortKey);
        if (range.isEmpty()) {
            return Optional.of(new Claimed(Optional.empty(), Optional.empty(), Optional.empty()));
        }
        String runId = range.get().runId();
        Optional<RunEntry> line = range.get().decision() == Claim.Decision.SETTLE
                ? lineCache.computeIfAbsent(runId + "#" + party,
                        k -> runs.find(runId).flatMap(run -> lines.entry(run, party)))
                : Optional.empty();
        return Optional.of(new Claimed(Optional.of(runId), line.flatMap(RunEntry::status), line.flatMap(RunEntry::paidAt)));
    }
}
