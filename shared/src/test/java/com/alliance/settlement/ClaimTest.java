package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SystemEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** What a run takes of one payee: claimable postings up to the cutoff after the cursor, netted. */
class ClaimTest {

    static final String BRAND = "b_1";
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final long THRESHOLD = 100;

    static LedgerEntry posting(String id, long minute, AccountType type, PostingState state, long fen) {
        Posting posting = new Posting(id + "#0", "order-" + id, id, new Account(type, BRAND), fen, state, "test");
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new LedgerEntry(posting, at, LedgerRepository.sortKey(posting, at));
    }

    static LedgerEntry settleable(String id, long minute, long fen) {
        return posting(id, minute, AccountType.BRAND, PostingState.SETTLEABLE, fen);
    }

    static Instant minute(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void newEarningsAboveTheThresholdAreClaimedThroughTheLastOne() {
        List<LedgerEntry> entries = List.of(settleable("a", 1, 5_000), settleable("b", 2, 300),
                posting("c", 3, AccountType.JBP_REBATE, PostingState.SETTLEABLE, 200));

        Claim claim = Claim.of(BRAND, Optional.empty(), entries, minute(10), THRESHOLD);

        assertThat(claim.decision()).isEqualTo(Claim.Decision.SETTLE);
        assertThat(claim.amountFen()).isEqualTo(5_500);
        assertThat(claim.byAccount()).containsExactly(entry(AccountType.BRAND, 5_300L), entry(AccountType.JBP_REBATE, 200L));
        assertThat(claim.claimedThrough()).contains(entries.get(2).sortKey());
        assertThat(claim.remainsClaimable()).isFalse();
    }

    @Test
    void aClawbackIsNettedAgainstNewEarnings() {
        Claim claim = Claim.of(BRAND, Optional.empty(), List.of(settleable("clawback", 1, -450),
                settleable("earned", 2, 1_000)), minute(10), THRESHOLD);

        assertThat(claim.decision()).isEqualTo(Claim.Decision.SETTLE);
        assertThat(claim.amountFen()).isEqualTo(550);
    }

    @Test
    void aNegativeOrSmallNetIsCarriedAndNothingIsClaimed() {
        Claim negative = Claim.of(BRAND, Optional.empty(), List.of(settleable("clawback", 1, -450),
                settleable("earned", 2, 400)), minute(10), THRESHOLD);
        Claim small = Claim.of(BRAND, Optional.empty(), List.of(settleable("earned", 2, 99)), minute(10), THRESHOLD);

        assertThat(negative.decision()).isEqualTo(Claim.Decision.CARRY_NEGATIVE);
        assertThat(negative.amountFen()).isEqualTo(-50);
        assertThat(small.decision()).isEqualTo(Claim.Decision.CARRY_BELOW_THRESHOLD);
        assertThat(List.of(negative, small)).allMatch(c -> c.claimedThrough().isEmpty() && c.remainsClaimable());
    }

    @Test
    void onlyClaimablePostingsAfterTheCursorAndUpToTheCutoffCount() {
        LedgerEntry claimed = settleable("old", 1, 7_000);
        List<LedgerEntry> entries = List.of(claimed,
                posting("pending", 2, AccountType.BRAND, PostingState.PENDING, 9_000),
                posting("fee", 3, AccountType.BUYER_COMPENSATION, PostingState.SETTLEABLE, 9_000),
                posting(SystemEvents.claim("run_x", BRAND), 4, AccountType.BRAND, PostingState.SETTLEABLE, -7_000),
                settleable("new", 5, 1_000),
                settleable("late", 20, 2_000));

        Claim claim = Claim.of(BRAND, Optional.of(claimed.sortKey()), entries, minute(10), THRESHOLD);

        assertThat(claim.amountFen()).isEqualTo(1_000);
        assertThat(claim.postings()).isEqualTo(1);
        assertThat(claim.remainsClaimable()).isTrue();
        assertThat(claim.claimedThrough()).contains(entries.get(4).sortKey());
    }

    @Test
    void postingsThatCancelOutOnEveryAccountMoveTheCursorWithoutALine() {
        Claim claim = Claim.of(BRAND, Optional.empty(), List.of(settleable("earned", 1, 800),
                settleable("refunded", 2, -800)), minute(10), THRESHOLD);

        assertThat(claim.decision()).isEqualTo(Claim.Decision.ADVANCE);
        assertThat(claim.byAccount()).isEmpty();
        assertThat(Claim.of(BRAND, Optional.empty(), List.of(), minute(10), THRESHOLD).decision())
                .isEqualTo(Claim.Decision.NOTHING);
    }

    /** One claimable or not posting of a random stream. */
    record Move(long minute, AccountType type, PostingState state, long fen) {
    }

    /**
     * Runs at random cutoffs over a random stream, each starting from the cursor the previous one left,
     * claim every claimable posting at most once; what they claimed adds up to the claimable postings
     * up to the last cursor, and what is left is exactly the rest.
     */
    @Property(tries = 500)
    void successiveRunsClaimEachPostingOnceAndLoseNone(@ForAll("streams") List<Move> moves,
                                                       @ForAll("cutoffs") List<Long> cutoffs,
                                                       @ForAll @IntRange(min = 1, max = 5_000) int threshold) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            entries.add(posting("e" + i, move.minute(), move.type(), move.state(), move.fen()));
        }
        entries.sort(Comparator.comparing(LedgerEntry::sortKey));
        Optional<String> cursor = Optional.empty();
        long claimedTotal = 0;
        List<String> claimedKeys = new ArrayList<>();
        for (long cutoff : cutoffs.stream().sorted().toList()) {
            Optional<String> from = cursor;
            Claim claim = Claim.of(BRAND, cursor, entries, minute(cutoff), threshold);
            assertThat(claim.amountFen()).isEqualTo(claim.byAccount().values().stream().mapToLong(Long::longValue).sum());
            if (claim.decision() == Claim.Decision.SETTLE || claim.decision() == Claim.Decision.ADVANCE) {
                assertThat(claim.amountFen()).isGreaterThanOrEqualTo(claim.decision() == Claim.Decision.SETTLE ? threshold : 0);
                claimedTotal += claim.amountFen();
                String through = claim.claimedThrough().orElseThrow();
                assertThat(from.filter(previous -> previous.compareTo(through) >= 0)).as("the cursor only moves on").isEmpty();
                entries.stream().filter(e -> claimable(e) && after(e, from) && e.sortKey().compareTo(through) <= 0)
                        .forEach(e -> claimedKeys.add(e.sortKey()));
                cursor = claim.claimedThrough();
            } else if (claim.isCarried()) {
                assertThat(claim.amountFen()).isLessThan(threshold);
            }
        }
        Optional<String> last = cursor;
        long claimableThroughCursor = entries.stream().filter(ClaimTest::claimable)
                .filter(e -> last.filter(c -> e.sortKey().compareTo(c) <= 0).isPresent())
                .mapToLong(e -> e.posting().amountFen()).sum();
        assertThat(claimedKeys).doesNotHaveDuplicates();
        assertThat(claimedTotal).isEqualTo(claimableThroughCursor);
    }

    private static boolean claimable(LedgerEntry entry) {
        return com.alliance.ledger.SettlementCursors.isClaimable(entry.posting());
    }

    private static boolean after(LedgerEntry entry, Optional<String> cursor) {
        return cursor.map(c -> entry.sortKey().compareTo(c) > 0).orElse(true);
    }

    @Provide
    Arbitrary<List<Move>> streams() {
        Arbitrary<Move> move = Combinators.combine(Arbitraries.longs().between(0, 200),
                Arbitraries.of(AccountType.BRAND, AccountType.JBP_REBATE, AccountType.BUYER_COMPENSATION),
                Arbitraries.of(PostingState.SETTLEABLE, PostingState.SETTLEABLE, PostingState.PENDING, PostingState.SETTLED),
                Arbitraries.longs().between(-3_000, 10_000).filter(fen -> fen != 0)).as(Move::new);
        return move.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Long>> cutoffs() {
        return Arbitraries.longs().between(0, 220).list().ofMinSize(1).ofMaxSize(6);
    }
}
