package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SettlementCursors;
import com.alliance.ledger.SystemEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The day check of claims against cursors ({@link ClaimRangeCheck}) on the claim ranges that a payee's runs really
 * make ({@link Claim}, {@link ClaimRange}): it finds nothing off when nothing is, agrees with the whole-ledger check
 * (claimable up to the cursor = claimed), and names a range whose postings changed or a claim without its range.
 */
class ClaimRangeCheckTest {

    static final String PAYEE = "b_1";
    static final int SHARDS = 3;
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final long THRESHOLD = 100;

    /** One posting of the payee: on a shard, at a minute, claimable or not. */
    record Made(int shard, AccountType type, boolean settleable, long fen) {
    }

    @Provide
    Arbitrary<List<Made>> postings() {
        Arbitrary<Made> one = Combinators.combine(Arbitraries.integers().between(0, SHARDS - 1),
                        Arbitraries.of(AccountType.BRAND, AccountType.JBP_REBATE), Arbitraries.of(true, true, true, false),
                        Arbitraries.longs().between(-600, 2_000).filter(fen -> fen != 0))
                .as(Made::new);
        return one.list().ofMinSize(1).ofMaxSize(40);
    }

    /** What the runs did: the postings per shard, the ranges, the claim postings, the cursors where they stand. */
    record Runs(SortedMap<Integer, List<LedgerEntry>> entries, List<ClaimRange> ranges, List<LoggedPosting> claimPostings,
                SortedMap<Integer, Optional<String>> cursors) {
    }

    static Runs run(List<Made> made, int runs) {
        SortedMap<Integer, List<LedgerEntry>> entries = new TreeMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            entries.put(shard, new ArrayList<>());
        }
        for (int i = 0; i < made.size(); i++) {
            Made m = made.get(i);
            Posting posting = new Posting("p" + i + "#0", "order-" + i, "p" + i, new Account(m.type(), PAYEE), m.fen(),
                    m.settleable() ? PostingState.SETTLEABLE : PostingState.PENDING, "test");
            Instant at = T0.plus(Duration.ofMinutes(i + 1));
            entries.get(m.shard()).add(new LedgerEntry(posting, at, LedgerRepository.sortKey(posting, at)));
        }
        SortedMap<Integer, Optional<String>> cursors = new TreeMap<>();
        SortedMap<Integer, Boolean> ranged = new TreeMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            cursors.put(shard, Optional.empty());
            ranged.put(shard, false);
        }
        List<ClaimRange> ranges = new ArrayList<>();
        List<LoggedPosting> claimPostings = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            Instant cutoff = T0.plus(Duration.ofMinutes((long) made.size() * r / runs));
            String runId = "run_" + r;
            SortedMap<Integer, SettlementCursors.Cursor> read = new TreeMap<>();
            cursors.forEach((shard, at) -> read.put(shard, new SettlementCursors.Cursor(PAYEE, shard, 1, at, true,
                    ranged.get(shard))));
            Claim claim = Claim.of(PAYEE, new TreeMap<>(cursors), entries, cutoff, THRESHOLD);
            if (claim.decision() != Claim.Decision.SETTLE && claim.decision() != Claim.Decision.ADVANCE) {
                continue;
            }
            ranges.addAll(ClaimRange.of(claim, read, runId, cutoff.plusSeconds(1)));
            if (claim.decision() == Claim.Decision.SETTLE) {
                claim.byAccount().forEach((type, fen) -> claimPostings.add(new LoggedPosting(runId + "-" + type,
                        runId, SystemEvents.claim(runId, PAYEE), type, PAYEE, PostingState.SETTLED, fen)));
            }
            claim.shards().forEach((shard, moved) -> moved.claimedThrough().ifPresent(through -> {
                cursors.put(shard, Optional.of(through));
                ranged.put(shard, true);
            }));
        }
        return new Runs(entries, ranges, claimPostings, cursors);
    }

    /** Every rule of the check, on the ranges given, as the day's close applies them. */
    static List<ClaimRangeCheck.Mismatch> check(Runs runs, List<ClaimRange> ranges) {
        Set<String> ends = new HashSet<>();
        ranges.forEach(range -> ends.add(range.shard() + "#" + range.through()));
        List<ClaimRangeCheck.Mismatch> found = new ArrayList<>(ClaimRangeCheck.advances(ranges));
        for (ClaimRange range : ranges) {
            found.addAll(ClaimRangeCheck.range(range, runs.entries().get(range.shard())));
            boolean before = ranges.stream().anyMatch(other -> other.shard() == range.shard()
                    && other.through().compareTo(range.through()) < 0);
            ClaimRangeCheck.chain(range, range.from().filter(from -> ends.contains(range.shard() + "#" + from)).isPresent(),
                    before).ifPresent(found::add);
        }
        Map<Integer, String> last = new TreeMap<>();
        ranges.forEach(range -> last.merge(range.shard(), range.through(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        last.forEach((shard, through) -> {
            Optional<String> at = runs.cursors().get(shard);
            ClaimRangeCheck.cursor(PAYEE, shard, at, through, at.filter(a -> ends.contains(shard + "#" + a)).isPresent())
                    .ifPresent(found::add);
        });
        Optional<ClaimRangeCheck.Mismatch> claims = ClaimRangeCheck.claims(
                ClaimRangeCheck.Tally.ofPostings(runs.claimPostings()), ClaimRangeCheck.Tally.ofRanges(ranges));
        claims.ifPresent(found::add);
        return found;
    }

    @Property(tries = 300)
    void theRangesOfRealRunsCheckCleanAndSumToWhatTheWholeLedgerCheckSums(@ForAll("postings") List<Made> made,
                                                                          @ForAll @IntRange(min = 1, max = 5) int runs) {
        Runs done = run(made, runs);

        assertThat(check(done, done.ranges())).isEmpty();
        // the whole-ledger check's rule: claimable postings up to each cursor, per account, equal what was claimed
        SortedMap<AccountType, Long> claimable = new TreeMap<>();
        done.entries().forEach((shard, entries) -> entries.forEach(entry -> {
            if (SettlementCursors.isClaimable(entry.posting())
                    && done.cursors().get(shard).filter(c -> entry.sortKey().compareTo(c) <= 0).isPresent()) {
                claimable.merge(entry.posting().account().type(), entry.posting().amountFen(), Math::addExact);
            }
        }));
        SortedMap<AccountType, Long> claimed = new TreeMap<>();
        done.claimPostings().forEach(p -> claimed.merge(p.accountType(), p.amountFen(), Math::addExact));
        claimable.values().removeIf(fen -> fen == 0);
        claimed.values().removeIf(fen -> fen == 0);
        assertThat(claimed).isEqualTo(claimable);
    }

    @Property(tries = 300)
    void aChangedPostingInsideARangeIsNamedWithItsRange(@ForAll("postings") List<Made> made,
                                                        @ForAll @IntRange(min = 1, max = 5) int runs,
                                                        @ForAll @IntRange(min = 1, max = 900) int delta) {
        Runs done = run(made, runs);
        for (ClaimRange range : done.ranges()) {
            List<LedgerEntry> shard = done.entries().get(range.shard());
            for (int i = 0; i < shard.size(); i++) {
                LedgerEntry entry = shard.get(i);
                boolean inside = entry.sortKey().compareTo(range.through()) <= 0
                        && range.from().map(from -> entry.sortKey().compareTo(from) > 0).orElse(true);
                if (inside && SettlementCursors.isClaimable(entry.posting()) && entry.posting().amountFen() + delta != 0) {
                    Posting p = entry.posting();
                    shard.set(i, new LedgerEntry(new Posting(p.postingId(), p.orderId(), p.eventId(), p.account(),
                            p.amountFen() + delta, p.state(), "tampered"), entry.postedAt(), entry.sortKey()));
                    assertThat(check(done, done.ranges())).anySatisfy(m -> {
                        assertThat(m.runId()).contains(range.runId());
                        assertThat(m.shard()).contains(range.shard());
                        assertThat(m.foundFen() - m.expectedFen()).isEqualTo(delta);
                    });
                    return;
                }
            }
        }
    }

    @Property(tries = 300)
    void aClaimRangeMissingIsFound(@ForAll("postings") List<Made> made, @ForAll @IntRange(min = 1, max = 5) int runs,
                                   @ForAll @IntRange(min = 0, max = 100) int pick) {
        Runs done = run(made, runs);
        if (done.ranges().isEmpty()) {
            return;
        }
        List<ClaimRange> ranges = new ArrayList<>(done.ranges());
        ClaimRange dropped = ranges.remove(pick % ranges.size());
        boolean lastOfItsShard = ranges.stream().noneMatch(other -> other.shard() == dropped.shard()
                && other.through().compareTo(dropped.through()) > 0);
        // a last range whose postings net to zero on every account is as invisible to the whole-ledger check, which
        // compares sums: nothing was claimed from it, nothing is owed for it
        Assume.that(!(lastOfItsShard && dropped.byAccount().isEmpty()));

        List<ClaimRangeCheck.Mismatch> found = check(done, ranges);

        assertThat(found).as("without the range of %s on shard %d", dropped.runId(), dropped.shard()).isNotEmpty();
    }
}
