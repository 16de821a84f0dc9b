package com.alliance.settlement;

import com.alliance.json.Period;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.PayeeSlices;
import com.alliance.ledger.SettlementCursors;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one claim took on one ledger shard of a payee: the payee's claimable postings on that shard after
 * {@code from} (the cursor as the claim read it) up to and including {@code through} (where the claim moved
 * it), and their net per account. Every claim that moves a cursor writes one per shard it moves, in the same
 * transaction, so the ranges of a (payee, shard) chain from the shard's first posting to its cursor without a
 * gap or an overlap, and the day that closes the claim checks it ({@link ClaimRangeCheck}) instead of a
 * whole-ledger check reading every claimable posting up to every cursor.
 *
 * @param decision     {@link Claim.Decision#SETTLE} (a line claimed it) or {@link Claim.Decision#ADVANCE} (it netted
 *                     to zero on every account and the cursor moved past it without a line)
 * @param afterUnranged the cursor had been moved by a claim made before claim ranges were kept: no range ends at
 *                     {@code from}
 */
public record ClaimRange(String party, int shard, Optional<String> from, String through, String runId,
                         Claim.Decision decision, SortedMap<AccountType, Long> byAccount, Instant movedAt,
                         boolean afterUnranged) {

    public ClaimRange {
        Objects.requireNonNull(through, "through");
        Objects.requireNonNull(runId, "runId");
        if (decision != Claim.Decision.SETTLE && decision != Claim.Decision.ADVANCE) {
            throw new IllegalArgumentException("only a claim that moves a cursor has a range, not " + decision);
        }
        if (from.filter(f -> f.compareTo(through) >= 0).isPresent()) {
            throw new IllegalArgumentException("a claim range ends after it starts: " + from.get() + " .. " + through);
        }
        byAccount = Collections.unmodifiableSortedMap(new TreeMap<>(byAccount));
    }

    /** The ranges a claim writes: one per shard whose cursor it moves, starting where the cursor was read. */
    public static List<ClaimRange> of(Claim claim, SortedMap<Integer, SettlementCursors.Cursor> read, String runId,
                                      Instant movedAt) {
        List<ClaimRange> ranges = new ArrayList<>();
        claim.shards().forEach((shard, moved) -> moved.claimedThrough().ifPresent(through -> {
            SettlementCursors.Cursor cursor = read.get(shard);
            ranges.add(new ClaimRange(claim.party(), shard, cursor.claimedThrough(), through, runId, claim.decision(),
                    moved.byAccount(), movedAt, cursor.claimedThrough().isPresent() && !cursor.ranged()));
        }));
        return ranges;
    }

    /** The China Standard Time day whose close checks this range: the day of its claim. */
    public LocalDate day() {
        return movedAt.atZone(Period.DAY_ZONE).toLocalDate();
    }

    /** The slice of its day it is checked in: by payee, so a claim's ranges over several shards are checked together. */
    public int slice() {
        return sliceOf(party);
    }

    static int sliceOf(String party) {
        return PayeeSlices.of(party);
    }
}
