package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SettlementCursors;
import com.alliance.ledger.SystemEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Proves the ledger and the settlement runs agree, from what is stored and nothing else:
 * <ol>
 *   <li>debits equal credits over the whole ledger, and the postings of each order (or other cause:
 *       a run, a JBP agreement) net to zero;</li>
 *   <li>each run's lines match its postings: every line claimed its amount (SETTLEABLE → SETTLED),
 *       a paid line paid it out, a released line gave it back, nothing else moved; and the run's totals
 *       and status match its lines;</li>
 *   <li>each payee's claimable postings up to its settlement cursors (each posting against the cursor
 *       of its ledger shard) add up, per account, to the lines runs claimed for it: no posting was
 *       claimed twice and none was skipped.</li>
 * </ol>
 * Feed it the settlement items first ({@link #Reconciliation}), then every ledger entry ({@link #add}).
 */
public final class Reconciliation {

    /** How many ids of each kind of drift a report lists; the counts are always complete. */
    static final int MAX_LISTED = 100;

    private final Map<String, SettlementRun> runs = new HashMap<>();
    private final Map<String, Map<String, RunEntry>> linesByRun = new HashMap<>();
    /** party → ledger shard → the sort key its cursor has been claimed through. */
    private final Map<String, Map<Integer, Optional<String>>> cursors = new HashMap<>();

    private long postings;
    private long debits;
    private long credits;
    private final SortedMap<PostingState, Long> byState = new TreeMap<>();
    private final SortedMap<PostingState, Long> owedToPayees = new TreeMap<>();
    private final Map<String, Long> byCause = new HashMap<>();
    /** runId → eventId → state → fen, for the postings runs caused. */
    private final Map<String, Map<String, Map<PostingState, Long>>> runPostings = new HashMap<>();
    /** party → account → claimable fen up to the party's cursor. */
    private final Map<String, Map<AccountType, Long>> claimable = new HashMap<>();

    public Reconciliation(Collection<SettlementRun> runs, Collection<RunEntry> entries,
                          Collection<SettlementRepository.StoredCursor> cursors) {
        runs.forEach(run -> this.runs.put(run.runId(), run));
        for (RunEntry entry : entries) {
            if (entry.isLine()) {
                linesByRun.computeIfAbsent(entry.runId(), id -> new TreeMap<>()).put(entry.party(), entry);
            }
        }
        cursors.forEach(cursor -> this.cursors.computeIfAbsent(cursor.party(), p -> new HashMap<>())
                .put(cursor.shard(), cursor.claimedThrough()));
    }

    public void add(LedgerEntry entry) {
        Posting posting = entry.posting();
        long fen = posting.amountFen();
        postings++;
        if (fen < 0) {
            debits = Math.addExact(debits, -fen);
        } else {
            credits = Math.addExact(credits, fen);
        }
        byState.merge(posting.state(), fen, Math::addExact);
        if (posting.account().type().isPayee()) {
            owedToPayees.merge(posting.state(), fen, Math::addExact);
        }
        byCause.merge(posting.orderId(), fen, Math::addExact);
        if (runs.containsKey(posting.orderId())) {
            runPostings.computeIfAbsent(posting.orderId(), id -> new HashMap<>())
                    .computeIfAbsent(posting.eventId(), id -> new TreeMap<>())
                    .merge(posting.state(), fen, Math::addExact);
        }
        if (SettlementCursors.isClaimable(posting)) {
            Optional<String> cursor = cursors.getOrDefault(posting.account().party(), Map.of())
                    .getOrDefault(LedgerShards.of(posting), Optional.empty());
            if (cursor.filter(c -> entry.sortKey().compareTo(c) <= 0).isPresent()) {
                claimable.computeIfAbsent(posting.account().party(), p -> new TreeMap<>())
                        .merge(posting.account().type(), fen, Math::addExact);
            }
        }
    }

    /** One order or cause whose postings do not net to zero. */
    public record Imbalance(String orderId, long imbalanceFen) {
    }

    /** A run (and line, when it is about one) that does not match its postings. */
    public record RunMismatch(String runId, Optional<String> lineId, String problem, long expectedFen, long foundFen) {
    }

    /** A payee whose claimed lines do not add up to its claimable postings up to its cursor. */
    public record CursorMismatch(String party, AccountType account, long claimableFen, long claimedFen) {
    }

    public record Report(boolean balanced, String summary, long postings, long debitsFen, long creditsFen,
                         SortedMap<PostingState, Long> totalsByState, SortedMap<PostingState, Long> owedToPayeesByState,
                         long ordersChecked, long unbalancedOrderCount, List<Imbalance> unbalancedOrders,
                         long runsChecked, long runMismatchCount, List<RunMismatch> runMismatches,
                         long payeesChecked, long cursorMismatchCount, List<CursorMismatch> cursorMismatches) {
    }

    public Report report() {
        List<Imbalance> orders = new ArrayList<>();
        long unbalanced = 0;
        for (Map.Entry<String, Long> cause : new TreeMap<>(byCause).entrySet()) {
            if (cause.getValue() != 0) {
                unbalanced++;
                if (orders.size() < MAX_LISTED) {
                    orders.add(new Imbalance(cause.getKey(), cause.getValue()));
                }
            }
        }
        List<RunMismatch> runProblems = new ArrayList<>();
        new TreeMap<>(runs).values().forEach(run -> checkRun(run, runProblems));
        List<CursorMismatch> cursorProblems = checkCursors();

        boolean balanced = debits == credits && unbalanced == 0 && runProblems.isEmpty() && cursorProblems.isEmpty();
        String summary = balanced
                ? "No drift: " + postings + " postings balance (debits = credits = " + credits + " fen), each of "
                        + byCause.size() + " orders and causes nets to zero, " + runs.size()
                        + " settlement runs match their postings, and the claims of " + cursors.size()
                        + " payees match their settlement cursors."
                : "Drift found: " + (debits == credits ? "" : "debits " + debits + " fen != credits " + credits + " fen; ")
                        + unbalanced + " orders or causes do not net to zero; " + runProblems.size()
                        + " run mismatches; " + cursorProblems.size() + " payee cursor mismatches.";
        return new Report(balanced, summary, postings, debits, credits, byState, owedToPayees, byCause.size(), unbalanced,
                orders, runs.size(), runProblems.size(), cap(runProblems), cursors.size(), cursorProblems.size(),
                cap(cursorProblems));
    }

    private void checkRun(SettlementRun run, List<RunMismatch> problems) {
        LinesChecked lines = checkLines(run, linesByRun.getOrDefault(run.runId(), Map.of()).values(),
                runPostings.getOrDefault(run.runId(), Map.of()));
        problems.addAll(lines.mismatches());
        problems.addAll(checkTotals(run, lines.sums()));
    }

    /** What a run's lines add up to: their count and amounts, by status. */
    public record LineSums(long lines, long totalFen, long paidLines, long paidFen, long releasedLines) {

        public static final LineSums NONE = new LineSums(0, 0, 0, 0, 0);

        public LineSums plus(LineSums other) {
            return new LineSums(lines + other.lines, totalFen + other.totalFen, paidLines + other.paidLines,
                    paidFen + other.paidFen, releasedLines + other.releasedLines);
        }
    }

    /** Lines checked against their postings: what was found off, and what the lines add up to. */
    public record LinesChecked(List<RunMismatch> mismatches, LineSums sums) {
    }

    /** Postings of a run by event id and state, as {@link #checkLines} reads them. */
    public static Map<String, Map<PostingState, Long>> byEvent(Collection<LedgerEntry> postings) {
        Map<String, Map<PostingState, Long>> byEvent = new HashMap<>();
        for (LedgerEntry entry : postings) {
            byEvent.computeIfAbsent(entry.posting().eventId(), id -> new TreeMap<>())
                    .merge(entry.posting().state(), entry.posting().amountFen(), Math::addExact);
        }
        return byEvent;
    }

    /**
     * Some lines of a run against the run's postings of the same payees ({@code byEvent}, by event id and state): every
     * line claimed its amount, a paid line paid it out, a released line gave it back, and no posting belongs to no
     * line. A run is checked whole, or a payee slice at a time with the sums added up for {@link #checkTotals}.
     */
    public static LinesChecked checkLines(SettlementRun run, Collection<RunEntry> lines,
                                          Map<String, Map<PostingState, Long>> byEvent) {
        List<RunMismatch> problems = new ArrayList<>();
        long count = 0, total = 0, paidFen = 0, paid = 0, released = 0;
        java.util.Set<String> explained = new java.util.HashSet<>();
        for (RunEntry line : lines) {
            if (!line.isLine()) {
                continue;
            }
            count++;
            total += line.amountFen();
            String claim = SystemEvents.claim(run.runId(), line.party());
            String payout = SystemEvents.payout(run.runId(), line.party());
            String release = SystemEvents.release(run.runId(), line.party());
            explained.addAll(List.of(claim, payout, release));
            long claimed = fen(byEvent, claim, PostingState.SETTLED);
            long paidOut = fen(byEvent, payout, PostingState.PAID_OUT);
            long givenBack = -fen(byEvent, release, PostingState.SETTLED);
            expect(problems, run, line, "claimed (SETTLEABLE → SETTLED)", line.amountFen(), claimed);
            expect(problems, run, line, "paid out (SETTLED → PAID_OUT)",
                    line.hasStatus(LineStatus.PAID) ? line.amountFen() : 0, paidOut);
            expect(problems, run, line, "released (SETTLED → SETTLEABLE)",
                    line.hasStatus(LineStatus.RELEASED) ? line.amountFen() : 0, givenBack);
            if (line.hasStatus(LineStatus.PAID)) {
                paid++;
                paidFen += line.amountFen();
            } else if (line.hasStatus(LineStatus.RELEASED)) {
                released++;
            }
        }
        for (String eventId : new TreeMap<>(byEvent).keySet()) {
            if (!explained.contains(eventId)) {
                problems.add(new RunMismatch(run.runId(), Optional.empty(), "postings of " + eventId + " belong to no line",
                        0, byEvent.get(eventId).values().stream().mapToLong(Math::abs).sum()));
            }
        }
        return new LinesChecked(problems, new LineSums(count, total, paid, paidFen, released));
    }

    /** A run's totals and status against what all its lines add up to. */
    public static List<RunMismatch> checkTotals(SettlementRun run, LineSums lines) {
        List<RunMismatch> problems = new ArrayList<>();
        expectRun(problems, run, "totalFen", lines.totalFen(), run.totalFen());
        expectRun(problems, run, "lineCount", lines.lines(), run.lineCount());
        expectRun(problems, run, "paidLines", lines.paidLines(), run.paidLines());
        expectRun(problems, run, "paidFen", lines.paidFen(), run.paidFen());
        expectRun(problems, run, "releasedLines", lines.releasedLines(), run.releasedLines());
        if (run.status() == RunStatus.PAID && lines.paidLines() != lines.lines()) {
            problems.add(new RunMismatch(run.runId(), Optional.empty(), "PAID with unpaid lines", lines.lines(),
                    lines.paidLines()));
        }
        if (run.status() == RunStatus.CANCELLED && lines.releasedLines() != lines.lines()) {
            problems.add(new RunMismatch(run.runId(), Optional.empty(), "CANCELLED with lines not released", lines.lines(),
                    lines.releasedLines()));
        }
        return problems;
    }

    private List<CursorMismatch> checkCursors() {
        Map<String, Map<AccountType, Long>> claimedByLines = new HashMap<>();
        linesByRun.values().forEach(lines -> lines.values().forEach(line -> line.byAccount().forEach((type, fen) ->
                claimedByLines.computeIfAbsent(line.party(), p -> new TreeMap<>()).merge(type, fen, Math::addExact))));
        List<CursorMismatch> problems = new ArrayList<>();
        java.util.Set<String> parties = new java.util.TreeSet<>(claimable.keySet());
        parties.addAll(claimedByLines.keySet());
        for (String party : parties) {
            Map<AccountType, Long> have = claimable.getOrDefault(party, Map.of());
            Map<AccountType, Long> claimed = claimedByLines.getOrDefault(party, Map.of());
            java.util.Set<AccountType> types = new java.util.TreeSet<>(have.keySet());
            types.addAll(claimed.keySet());
            for (AccountType type : types) {
                long a = have.getOrDefault(type, 0L);
                long b = claimed.getOrDefault(type, 0L);
                if (a != b) {
                    problems.add(new CursorMismatch(party, type, a, b));
                }
            }
        }
        return problems;
    }

    private static long fen(Map<String, Map<PostingState, Long>> byEvent, String eventId, PostingState state) {
        return byEvent.getOrDefault(eventId, Map.of()).getOrDefault(state, 0L);
    }

    private static void expect(List<RunMismatch> problems, SettlementRun run, RunEntry line, String what, long expected,
                               long found) {
        if (expected != found) {
            problems.add(new RunMismatch(run.runId(), Optional.of(line.lineId()), what, expected, found));
        }
    }

    private static void expectRun(List<RunMismatch> problems, SettlementRun run, String what, long expected, long found) {
        if (expected != found) {
            problems.add(new RunMismatch(run.runId(), Optional.empty(), what + " of the run differs from its lines",
                    expected, found));
        }
    }

    private static <T> List<T> cap(List<T> items) {
        return List.copyOf(items.size() > MAX_LISTED ? items.subList(0, MAX_LISTED) : items);
    }
}
