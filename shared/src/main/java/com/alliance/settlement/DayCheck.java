package com.alliance.settlement;

import com.alliance.ids.Ids;
import com.alliance.ledger.PostingState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reconciliation of one day of the ledger, slice by slice ({@link LedgerDayLog}), from that day's postings
 * alone: debits equal credits, and every cause (order, run, JBP agreement) and every event of the day nets to
 * zero. All postings of a cause on one day are in one slice, so each slice is checked on its own and the day is
 * the sum of its slices. A settlement run that posted on the day is checked whole, its lines against all its
 * postings, as the full reconciliation checks it; the day's claims are checked against the payees' cursors through
 * their claim ranges ({@link ClaimRangeCheck}). The day's closing totals are the previous checkpoint's plus the day's: a balance read
 * anywhere in the ledger must agree with them (see docs/settlement.md).
 */
public final class DayCheck {

    /** How many unbalanced causes a slice or a day lists; the counts are always complete. */
    public static final int MAX_LISTED = 100;

    /**
     * What one slice of a day holds; {@code runs}: the settlement runs among its causes, and {@code runChecks}: each
     * of them checked whole (empty until they are; a slice saved before slices checked their runs has none, and the
     * close checks its runs); {@code claims}: the claims among its postings, and the claim ranges of the day's claims
     * of the payees in the slice, checked.
     */
    public record Slice(int slice, long postings, long debitsFen, long creditsFen, SortedMap<PostingState, Long> byState,
                        SortedMap<PostingState, Long> owedToPayees, long causes, long unbalancedCauseCount,
                        List<Reconciliation.Imbalance> unbalancedCauses, long unbalancedEvents, List<String> runs,
                        ClaimChecks claims, Optional<RunChecks> runChecks) {

        public Slice {
            byState = new TreeMap<>(byState);
            owedToPayees = new TreeMap<>(owedToPayees);
            unbalancedCauses = List.copyOf(unbalancedCauses);
            runs = List.copyOf(runs);
            java.util.Objects.requireNonNull(runChecks, "runChecks");
        }

        /** The slice with its claim ranges checked ({@code ranged}: what the ranges came to; its posted tally is not used). */
        public Slice withClaimRanges(ClaimChecks ranged) {
            return new Slice(slice, postings, debitsFen, creditsFen, byState, owedToPayees, causes, unbalancedCauseCount,
                    unbalancedCauses, unbalancedEvents, runs, new ClaimChecks(ranged.rangesChecked(),
                            ranged.mismatchCount(), ranged.mismatches(), claims.posted(), ranged.ranged()), runChecks);
        }

        /** The slice with its runs checked. */
        public Slice withRunChecks(RunChecks checked) {
            return new Slice(slice, postings, debitsFen, creditsFen, byState, owedToPayees, causes, unbalancedCauseCount,
                    unbalancedCauses, unbalancedEvents, runs, claims, Optional.of(checked));
        }
    }

    /**
     * The payees' claims against their settlement cursors ({@link ClaimRangeCheck}): the claim ranges checked, what
     * was found off (the first 100), and the claims the postings make and those the ranges make (equal when no
     * claim is off).
     */
    public record ClaimChecks(long rangesChecked, long mismatchCount, List<ClaimRangeCheck.Mismatch> mismatches,
                              ClaimRangeCheck.Tally posted, ClaimRangeCheck.Tally ranged) {

        public static final ClaimChecks NONE = new ClaimChecks(0, 0, List.of(), ClaimRangeCheck.Tally.NONE,
                ClaimRangeCheck.Tally.NONE);

        public ClaimChecks {
            mismatches = capped(mismatches);
        }

        /** Both checks together: the counts and tallies added, the mismatches listed in order, the first 100. */
        public ClaimChecks plus(ClaimChecks other) {
            List<ClaimRangeCheck.Mismatch> all = new ArrayList<>(mismatches);
            all.addAll(other.mismatches);
            all.sort(ClaimRangeCheck.Mismatch.ORDER);
            return new ClaimChecks(rangesChecked + other.rangesChecked, mismatchCount + other.mismatchCount, all,
                    posted.plus(other.posted), ranged.plus(other.ranged));
        }
    }

    /** The settlement runs that posted on a day, each checked whole against its lines ({@link Reconciliation}). */
    public record RunChecks(long runsChecked, long mismatchCount, List<Reconciliation.RunMismatch> mismatches) {

        public static final RunChecks NONE = new RunChecks(0, 0, List.of());

        public RunChecks {
            mismatches = capped(mismatches);
        }

        /** Both checks together: counts added, the mismatches listed in order of run, the first 100. */
        public RunChecks plus(RunChecks other) {
            List<Reconciliation.RunMismatch> all = new ArrayList<>(mismatches);
            all.addAll(other.mismatches);
            all.sort(Comparator.comparing(Reconciliation.RunMismatch::runId));
            return new RunChecks(runsChecked + other.runsChecked, mismatchCount + other.mismatchCount, all);
        }
    }

    /**
     * A day's checkpoint: the day's own figures, the runs that posted that day checked whole, the claims of the
     * day checked against the payees' cursors, and the totals by state of the whole ledger at the day's end.
     *
     * @param previousDay the checkpoint the closing totals continue from (none for the first day logged)
     */
    public record Checkpoint(LocalDate day, boolean balanced, long postings, long debitsFen, long creditsFen,
                             SortedMap<PostingState, Long> byState, SortedMap<PostingState, Long> owedToPayees,
                             long causes, long unbalancedCauseCount, List<Reconciliation.Imbalance> unbalancedCauses,
                             long unbalancedEvents, RunChecks runs, ClaimChecks claims,
                             SortedMap<PostingState, Long> closingByState,
                             SortedMap<PostingState, Long> closingOwedToPayees, Optional<LocalDate> previousDay,
                             Instant checkedAt) {

        public Checkpoint {
            byState = new TreeMap<>(byState);
            owedToPayees = new TreeMap<>(owedToPayees);
            unbalancedCauses = List.copyOf(unbalancedCauses);
            closingByState = new TreeMap<>(closingByState);
            closingOwedToPayees = new TreeMap<>(closingOwedToPayees);
        }
    }

    private DayCheck() {
    }

    /** Whether {@code next} continues {@code previous}: its closing totals are those of {@code previous} plus its day's. */
    public static boolean continues(Checkpoint previous, Checkpoint next) {
        return next.previousDay().equals(Optional.of(previous.day()))
                && next.closingByState().equals(plus(previous.closingByState(), next.byState()))
                && next.closingOwedToPayees().equals(plus(previous.closingOwedToPayees(), next.owedToPayees()));
    }

    private static SortedMap<PostingState, Long> plus(SortedMap<PostingState, Long> a, SortedMap<PostingState, Long> b) {
        SortedMap<PostingState, Long> sum = new TreeMap<>(a);
        b.forEach((state, fen) -> sum.merge(state, fen, Math::addExact));
        return sum;
    }

    /** Checks one slice of a day: its postings, one per posting id (the log may hold a posting twice). */
    public static Slice slice(int slice, Collection<LoggedPosting> postings) {
        long debits = 0;
        long credits = 0;
        SortedMap<PostingState, Long> byState = new TreeMap<>();
        SortedMap<PostingState, Long> owed = new TreeMap<>();
        Map<String, Long> byCause = new HashMap<>();
        Map<String, Long> byEvent = new HashMap<>();
        for (LoggedPosting posting : postings) {
            long fen = posting.amountFen();
            if (fen < 0) {
                debits = Math.addExact(debits, -fen);
            } else {
                credits = Math.addExact(credits, fen);
            }
            byState.merge(posting.state(), fen, Math::addExact);
            if (posting.accountType().isPayee()) {
                owed.merge(posting.state(), fen, Math::addExact);
            }
            byCause.merge(posting.cause(), fen, Math::addExact);
            byEvent.merge(posting.eventId(), fen, Math::addExact);
        }
        List<String> runs = byCause.keySet().stream().filter(cause -> cause.startsWith(Ids.RUN)).sorted().toList();
        List<Reconciliation.Imbalance> unbalanced = byCause.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> new Reconciliation.Imbalance(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Reconciliation.Imbalance::orderId)).toList();
        long unbalancedEvents = byEvent.values().stream().filter(fen -> fen != 0).count();
        ClaimChecks claims = new ClaimChecks(0, 0, List.of(), ClaimRangeCheck.Tally.ofPostings(postings),
                ClaimRangeCheck.Tally.NONE);
        return new Slice(slice, postings.size(), debits, credits, byState, owed, byCause.size(), unbalanced.size(),
                capped(unbalanced), unbalancedEvents, runs, claims, Optional.empty());
    }

    /** The runs among the causes of a day's slices that the slices did not check themselves. */
    public static List<String> runsUnchecked(Collection<Slice> slices) {
        return slices.stream().filter(slice -> slice.runChecks().isEmpty()).flatMap(slice -> slice.runs().stream())
                .distinct().sorted().toList();
    }

    /** What the slices' own checks of their runs came to. */
    public static RunChecks runsChecked(Collection<Slice> slices) {
        return slices.stream().map(slice -> slice.runChecks().orElse(RunChecks.NONE)).reduce(RunChecks.NONE, RunChecks::plus);
    }

    /** The day's checkpoint from all of its slices and its runs' checks, continuing the closing totals of {@code previous}. */
    public static Checkpoint close(LocalDate day, Collection<Slice> slices, RunChecks runs, Optional<Checkpoint> previous,
                                   Instant checkedAt) {
        if (slices.size() != LedgerDayLog.SLICES) {
            throw new IllegalArgumentException("a day closes with all " + LedgerDayLog.SLICES + " slices, not " + slices.size());
        }
        previous.ifPresent(p -> {
            if (!p.day().isBefore(day)) {
                throw new IllegalArgumentException("the previous checkpoint (" + p.day() + ") is not before " + day);
            }
        });
        long postings = 0, debits = 0, credits = 0, causes = 0, unbalancedCauses = 0, unbalancedEvents = 0;
        SortedMap<PostingState, Long> byState = new TreeMap<>();
        SortedMap<PostingState, Long> owed = new TreeMap<>();
        List<Reconciliation.Imbalance> listed = new ArrayList<>();
        ClaimChecks claims = ClaimChecks.NONE;
        for (Slice slice : slices.stream().sorted(Comparator.comparingInt(Slice::slice)).toList()) {
            claims = claims.plus(slice.claims());
            postings += slice.postings();
            debits = Math.addExact(debits, slice.debitsFen());
            credits = Math.addExact(credits, slice.creditsFen());
            causes += slice.causes();
            unbalancedCauses += slice.unbalancedCauseCount();
            unbalancedEvents += slice.unbalancedEvents();
            slice.byState().forEach((state, fen) -> byState.merge(state, fen, Math::addExact));
            slice.owedToPayees().forEach((state, fen) -> owed.merge(state, fen, Math::addExact));
            listed.addAll(slice.unbalancedCauses());
        }
        SortedMap<PostingState, Long> closing = plus(previous.map(Checkpoint::closingByState).orElse(new TreeMap<>()), byState);
        SortedMap<PostingState, Long> closingOwed = plus(previous.map(Checkpoint::closingOwedToPayees).orElse(new TreeMap<>()), owed);
        listed.sort(Comparator.comparing(Reconciliation.Imbalance::orderId));
        Optional<ClaimRangeCheck.Mismatch> claimsOff = ClaimRangeCheck.claims(claims.posted(), claims.ranged());
        if (claimsOff.isPresent()) {
            claims = claims.plus(new ClaimChecks(0, 1, List.of(claimsOff.get()), ClaimRangeCheck.Tally.NONE,
                    ClaimRangeCheck.Tally.NONE));
        }
        boolean balanced = debits == credits && unbalancedCauses == 0 && unbalancedEvents == 0 && runs.mismatchCount() == 0
                && claims.mismatchCount() == 0;
        return new Checkpoint(day, balanced, postings, debits, credits, byState, owed, causes, unbalancedCauses,
                capped(listed), unbalancedEvents, runs, claims, closing, closingOwed, previous.map(Checkpoint::day),
                checkedAt);
    }

    private static <T> List<T> capped(List<T> items) {
        return List.copyOf(items.size() > MAX_LISTED ? items.subList(0, MAX_LISTED) : items);
    }
}
