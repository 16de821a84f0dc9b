package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SettlementCursors;
import com.alliance.ledger.SystemEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The check of each payee's claims against its settlement cursors, a day at a time, from the claim ranges of the
 * day ({@link ClaimRange}). Together, its four rules prove what the whole-ledger {@link Reconciliation} proves by
 * reading every claimable posting up to every cursor: that each claimable posting up to a cursor was claimed
 * exactly once, by a line of its amount or by an advance that netted to zero.
 * <ol>
 *   <li><b>A range holds what it says</b> ({@link #range}): the payee's claimable postings on the shard after
 *       {@code from} up to {@code through} net, per account, to the range's figures.</li>
 *   <li><b>Ranges chain</b> ({@link #chain}): a range starts where another range of its (payee, shard) ends, or
 *       at the shard's start with no range before it; and the cursor stands where a range ends, never before the
 *       day's. So the ranges of a shard cover every posting up to its cursor, each once.</li>
 *   <li><b>An advance nets to zero</b> ({@link #advances}): the ranges of a claim that moved cursors without a
 *       line sum to zero on every account.</li>
 *   <li><b>Claims posted are claims ranged</b> ({@link Tally}): the day's claim postings (SETTLEABLE → SETTLED on
 *       payee accounts) and the day's line ranges come to the same claims, per account, to the fen. The run check
 *       ({@link Reconciliation}) already ties each line to its claim postings.</li>
 * </ol>
 */
public final class ClaimRangeCheck {

    private ClaimRangeCheck() {
    }

    /** Something a claim range, its chain or the day's claims do not agree on; the fields it is about, when known. */
    public record Mismatch(Optional<String> party, Optional<Integer> shard, Optional<String> runId, String problem,
                           long expectedFen, long foundFen) {

        /** By payee, shard, run, then problem: the order a day lists them in. */
        public static final Comparator<Mismatch> ORDER = Comparator
                .comparing((Mismatch m) -> m.party().orElse(""))
                .thenComparing(m -> m.shard().orElse(-1))
                .thenComparing(m -> m.runId().orElse(""))
                .thenComparing(Mismatch::problem);

        static Mismatch of(ClaimRange range, String problem, long expectedFen, long foundFen) {
            return new Mismatch(Optional.of(range.party()), Optional.of(range.shard()), Optional.of(range.runId()),
                    problem, expectedFen, foundFen);
        }
    }

    /**
     * Rule 1: the range's figures against the postings read from its (payee, shard) partition between its ends
     * (postings outside the range, of other parties or not claimable are ignored).
     */
    public static List<Mismatch> range(ClaimRange range, List<LedgerEntry> entries) {
        SortedMap<AccountType, Long> found = new TreeMap<>();
        for (LedgerEntry entry : entries) {
            Posting posting = entry.posting();
            boolean inside = entry.sortKey().compareTo(range.through()) <= 0
                    && range.from().map(from -> entry.sortKey().compareTo(from) > 0).orElse(true);
            if (inside && posting.account().party().equals(range.party()) && SettlementCursors.isClaimable(posting)) {
                found.merge(posting.account().type(), posting.amountFen(), Math::addExact);
            }
        }
        found.values().removeIf(fen -> fen == 0);
        List<Mismatch> problems = new ArrayList<>();
        TreeSet<AccountType> accounts = new TreeSet<>(found.keySet());
        accounts.addAll(range.byAccount().keySet());
        for (AccountType account : accounts) {
            long expected = range.byAccount().getOrDefault(account, 0L);
            long actual = found.getOrDefault(account, 0L);
            if (expected != actual) {
                problems.add(Mismatch.of(range, "claimable " + account + " postings in the range", expected, actual));
            }
        }
        return problems;
    }

    /**
     * Rule 2, for one range, from what the store answered: whether a range of its (payee, shard) ends at its
     * {@code from}, and whether one ends before its {@code through} (asked when it has no {@code from}).
     */
    public static Optional<Mismatch> chain(ClaimRange range, boolean fromEndsARange, boolean rangeBefore) {
        if (range.from().isPresent() && !range.afterUnranged() && !fromEndsARange) {
            return Optional.of(Mismatch.of(range, "claimed from " + range.from().get() + ", where no claim range ends", 0, 0));
        }
        if (range.from().isEmpty() && rangeBefore) {
            return Optional.of(Mismatch.of(range, "claimed from the start of the shard, after an earlier claim range", 0, 0));
        }
        return Optional.empty();
    }

    /**
     * Rule 2, for the cursor of a (payee, shard) the day claimed on: it stands at or after the day's last range,
     * where a range ends.
     */
    public static Optional<Mismatch> cursor(String party, int shard, Optional<String> cursorAt, String lastThrough,
                                            boolean cursorEndsARange) {
        if (cursorAt.filter(at -> at.compareTo(lastThrough) >= 0).isEmpty()) {
            return Optional.of(new Mismatch(Optional.of(party), Optional.of(shard), Optional.empty(),
                    "the cursor stands before the claim range ending at " + lastThrough, 0, 0));
        }
        if (!cursorEndsARange) {
            return Optional.of(new Mismatch(Optional.of(party), Optional.of(shard), Optional.empty(),
                    "the cursor stands at " + cursorAt.get() + ", where no claim range ends", 0, 0));
        }
        return Optional.empty();
    }

    /** One claim: a run's ranges of one payee written by one transaction (at one instant). */
    private record ClaimOf(String runId, String party, Instant movedAt) {

        static final Comparator<ClaimOf> ORDER = Comparator.comparing(ClaimOf::runId).thenComparing(ClaimOf::party)
                .thenComparing(ClaimOf::movedAt);

        static ClaimOf of(ClaimRange range) {
            return new ClaimOf(range.runId(), range.party(), range.movedAt());
        }
    }

    /** Rule 3: each advance (a run's ranges of one payee made at one instant without a line) nets to zero. */
    public static List<Mismatch> advances(Collection<ClaimRange> ranges) {
        Map<ClaimOf, SortedMap<AccountType, Long>> claims = new TreeMap<>(ClaimOf.ORDER);
        for (ClaimRange range : ranges) {
            if (range.decision() == Claim.Decision.ADVANCE) {
                SortedMap<AccountType, Long> net = claims.computeIfAbsent(ClaimOf.of(range), k -> new TreeMap<>());
                range.byAccount().forEach((account, fen) -> net.merge(account, fen, Math::addExact));
            }
        }
        List<Mismatch> problems = new ArrayList<>();
        claims.forEach((claim, net) -> net.forEach((account, fen) -> {
            if (fen != 0) {
                problems.add(new Mismatch(Optional.of(claim.party()), Optional.empty(), Optional.of(claim.runId()),
                        "an advance without a line nets " + account + " to a non-zero amount", 0, fen));
            }
        }));
        return problems;
    }

    /**
     * A page of a day's ranges (in day-key order) without its last claim, whose ranges may go on in the next page:
     * each claim is then checked whole, in one page. A page holding one claim only is kept whole.
     */
    public static List<ClaimRange> wholeClaims(List<ClaimRange> page) {
        if (page.isEmpty()) {
            return page;
        }
        ClaimRange last = page.get(page.size() - 1);
        int end = page.size();
        while (end > 0 && page.get(end - 1).runId().equals(last.runId()) && page.get(end - 1).party().equals(last.party())) {
            end--;
        }
        return end == 0 ? page : List.copyOf(page.subList(0, end));
    }

    /**
     * Rule 4's two sides, folded over slices and compared when the day closes: how many claims (a payee's
     * line in a run, per account), their fen, and a fingerprint: the sum of a 64-bit hash of each (claim, account,
     * fen), so two tallies are equal when they hold the same claims, whatever the order they were added in.
     */
    public record Tally(long claims, long fen, long fingerprint) {

        public static final Tally NONE = new Tally(0, 0, 0);

        public Tally plus(Tally other) {
            return new Tally(claims + other.claims, Math.addExact(fen, other.fen), fingerprint + other.fingerprint);
        }

        /** The claims among a slice's postings: each claim event's SETTLED amount per payee account. */
        public static Tally ofPostings(Collection<LoggedPosting> postings) {
            Map<String, SortedMap<AccountType, Long>> claims = new TreeMap<>();
            for (LoggedPosting posting : postings) {
                if (posting.state() == PostingState.SETTLED && posting.accountType().isPayee()
                        && SystemEvents.isClaim(posting.eventId())) {
                    claims.computeIfAbsent(posting.eventId(), e -> new TreeMap<>())
                            .merge(posting.accountType(), posting.amountFen(), Math::addExact);
                }
            }
            return of(claims);
        }

        /** The claims the line ranges of a slice make: each run's ranges of a payee, summed per account. */
        public static Tally ofRanges(Collection<ClaimRange> ranges) {
            Map<String, SortedMap<AccountType, Long>> claims = new TreeMap<>();
            for (ClaimRange range : ranges) {
                if (range.decision() == Claim.Decision.SETTLE) {
                    SortedMap<AccountType, Long> net = claims.computeIfAbsent(
                            SystemEvents.claim(range.runId(), range.party()), e -> new TreeMap<>());
                    range.byAccount().forEach((account, fen) -> net.merge(account, fen, Math::addExact));
                }
            }
            return of(claims);
        }

        private static Tally of(Map<String, SortedMap<AccountType, Long>> claims) {
            long fen = 0;
            long fingerprint = 0;
            for (Map.Entry<String, SortedMap<AccountType, Long>> claim : claims.entrySet()) {
                for (Map.Entry<AccountType, Long> account : claim.getValue().entrySet()) {
                    if (account.getValue() != 0) {
                        fen = Math.addExact(fen, account.getValue());
                        fingerprint += hash(claim.getKey() + "|" + account.getKey() + "|" + account.getValue());
                    }
                }
            }
            return new Tally(claims.size(), fen, fingerprint);
        }

        private static long hash(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return ByteBuffer.wrap(digest).getLong();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }

    /** Rule 4: the day's claims posted against the day's claims ranged. */
    public static Optional<Mismatch> claims(Tally posted, Tally ranged) {
        return posted.equals(ranged) ? Optional.empty() : Optional.of(new Mismatch(Optional.empty(), Optional.empty(),
                Optional.empty(), posted.claims() + " claims posted on the day, " + ranged.claims()
                        + " in its claim ranges: they differ", posted.fen(), ranged.fen()));
    }
}
