package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.Posting;
import com.alliance.ledger.SettlementCursors;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a settlement run takes of one payee: the claimable postings after the payee's cursors (one per
 * ledger shard) made at or before the cutoff, netted per account over every shard (new earnings minus
 * clawbacks), and what to do with the net.
 *
 * <ul>
 *   <li>{@link Decision#SETTLE}: the net reaches the payout threshold; the run claims it (one line).</li>
 *   <li>{@link Decision#CARRY_NEGATIVE} / {@link Decision#CARRY_BELOW_THRESHOLD}: nothing is claimed; the
 *       postings stay settleable for the next run, and the run lists the payee as carried.</li>
 *   <li>{@link Decision#ADVANCE}: the postings cancel out on every account; the cursor moves past them
 *       without a line, since there is nothing to pay or carry.</li>
 *   <li>{@link Decision#NOTHING}: nothing claimable up to the cutoff.</li>
 * </ul>
 *
 * @param amountFen        the net over every account of the payee
 * @param byAccount        the net per account type, zero nets left out
 * @param claimedThrough   the sort key of the last posting taken, on any shard, when there is one
 * @param remainsClaimable whether claimable postings remain after it (made after the cutoff, or carried)
 * @param shards           per ledger shard read: where its cursor moves to and whether anything claimable remains there
 */
public record Claim(String party, Decision decision, long amountFen, SortedMap<AccountType, Long> byAccount,
                    Optional<String> claimedThrough, boolean remainsClaimable, int postings,
                    SortedMap<Integer, Shard> shards) {

    public enum Decision { NOTHING, SETTLE, ADVANCE, CARRY_NEGATIVE, CARRY_BELOW_THRESHOLD }

    /**
     * What a claim does on one shard of the payee.
     *
     * @param claimedThrough   the sort key of the last posting taken there, when the cursor moves
     * @param remainsClaimable whether claimable postings remain there after it
     * @param byAccount        the net per account of the postings taken there when the cursor moves (zero nets
     *                         left out): what the shard's claim range holds
     */
    public record Shard(Optional<String> claimedThrough, boolean remainsClaimable, SortedMap<AccountType, Long> byAccount) {

        public Shard {
            byAccount = Collections.unmodifiableSortedMap(new TreeMap<>(byAccount));
        }
    }

    public Claim {
        Objects.requireNonNull(decision, "decision");
        byAccount = Collections.unmodifiableSortedMap(new TreeMap<>(byAccount));
        shards = Collections.unmodifiableSortedMap(new TreeMap<>(shards));
        long sum = byAccount.values().stream().reduce(0L, Math::addExact);
        if (sum != amountFen) {
            throw new IllegalArgumentException("accounts sum to " + sum + ", not " + amountFen);
        }
    }

    /**
     * The claim of a payee whose postings are on one shard.
     *
     * @param cursor       the sort key the payee's postings have been claimed through, if any
     * @param entries      the payee's postings after the cursor (any others are ignored)
     * @param cutoff       postings made after it wait for a later run
     * @param thresholdFen the smallest net worth a payout
     */
    public static Claim of(String party, Optional<String> cursor, List<LedgerEntry> entries, Instant cutoff,
                           long thresholdFen) {
        return of(party, new TreeMap<>(Map.of(0, cursor)), new TreeMap<>(Map.of(0, entries)), cutoff, thresholdFen);
    }

    /**
     * The claim of a payee over several shards: one net, one decision, one line, each shard's cursor
     * moving past what was taken there.
     *
     * @param cursors      per shard, the sort key its postings have been claimed through, if any
     * @param entries      per shard, the payee's postings after its cursor (any others are ignored)
     * @param cutoff       postings made after it wait for a later run
     * @param thresholdFen the smallest net worth a payout
     */
    public static Claim of(String party, SortedMap<Integer, Optional<String>> cursors,
                           Map<Integer, List<LedgerEntry>> entries, Instant cutoff, long thresholdFen) {
        SortedMap<AccountType, Long> byAccount = new TreeMap<>();
        SortedMap<Integer, String> lastByShard = new TreeMap<>();
        SortedMap<Integer, Boolean> laterByShard = new TreeMap<>();
        SortedMap<Integer, SortedMap<AccountType, Long>> takenByShard = new TreeMap<>();
        String last = null;
        int taken = 0;
        boolean later = false;
        for (Map.Entry<Integer, Optional<String>> shard : cursors.entrySet()) {
            Optional<String> cursor = shard.getValue();
            laterByShard.put(shard.getKey(), false);
            for (LedgerEntry entry : entries.getOrDefault(shard.getKey(), List.of())) {
                Posting posting = entry.posting();
                boolean afterCursor = cursor.map(c -> entry.sortKey().compareTo(c) > 0).orElse(true);
                if (!afterCursor || !posting.account().party().equals(party) || !SettlementCursors.isClaimable(posting)) {
                    continue;
                }
                if (entry.postedAt().isAfter(cutoff)) {
                    later = true;
                    laterByShard.put(shard.getKey(), true);
                    continue;
                }
                byAccount.merge(posting.account().type(), posting.amountFen(), Math::addExact);
                takenByShard.computeIfAbsent(shard.getKey(), s -> new TreeMap<>())
                        .merge(posting.account().type(), posting.amountFen(), Math::addExact);
                lastByShard.merge(shard.getKey(), entry.sortKey(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                if (last == null || entry.sortKey().compareTo(last) > 0) {
                    last = entry.sortKey();
                }
                taken++;
            }
        }
        byAccount.values().removeIf(fen -> fen == 0);
        takenByShard.values().forEach(net -> net.values().removeIf(fen -> fen == 0));
        long net = byAccount.values().stream().reduce(0L, Math::addExact);
        if (taken == 0) {
            return new Claim(party, Decision.NOTHING, 0, byAccount, Optional.empty(), later, 0,
                    shards(laterByShard, Map.of(), takenByShard, false));
        }
        if (byAccount.isEmpty()) {
            return new Claim(party, Decision.ADVANCE, 0, byAccount, Optional.of(last), later, taken,
                    shards(laterByShard, lastByShard, takenByShard, true));
        }
        if (net < 0) {
            return new Claim(party, Decision.CARRY_NEGATIVE, net, byAccount, Optional.empty(), true, taken,
                    shards(laterByShard, lastByShard, takenByShard, false));
        }
        if (net < thresholdFen) {
            return new Claim(party, Decision.CARRY_BELOW_THRESHOLD, net, byAccount, Optional.empty(), true, taken,
                    shards(laterByShard, lastByShard, takenByShard, false));
        }
        return new Claim(party, Decision.SETTLE, net, byAccount, Optional.of(last), later, taken,
                shards(laterByShard, lastByShard, takenByShard, true));
    }

    /** Per shard: moved past what was taken there when the claim moves, else everything taken stays claimable. */
    private static SortedMap<Integer, Shard> shards(SortedMap<Integer, Boolean> later, Map<Integer, String> taken,
                                                    Map<Integer, SortedMap<AccountType, Long>> takenByAccount,
                                                    boolean moves) {
        SortedMap<Integer, Shard> shards = new TreeMap<>();
        later.forEach((shard, remains) -> shards.put(shard, moves
                ? new Shard(Optional.ofNullable(taken.get(shard)), remains, takenByAccount.getOrDefault(shard, new TreeMap<>()))
                : new Shard(Optional.empty(), remains || taken.containsKey(shard), new TreeMap<>())));
        return shards;
    }

    public boolean isCarried() {
        return decision == Decision.CARRY_NEGATIVE || decision == Decision.CARRY_BELOW_THRESHOLD;
    }
}
