package com.alliance.settlement;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import com.alliance.json.Period;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.PayeeSlices;
import com.alliance.persistence.ShardReads;
import com.alliance.persistence.WriteShards;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Closes the ledger's days: once a day has ended (China Standard Time) and {@code lateness} has passed, so the day log
 * holds every posting of it, each of its {@link LedgerDayLog#SLICES} slices is checked on its own, one slice per shard
 * of the job, many at once: the slice's claim ranges ({@link ClaimRangeCheck}), its postings ({@link DayCheck#slice})
 * and each settlement run among its causes whole, against all the run's postings whichever day they were posted on (a
 * payee slice of the run at a time); it keeps which party shards its postings are on, for the slice that owns each
 * shard's balance checkpoint. Once every slice of the day is checked, each takes the balance checkpoints it owns
 * ({@link LedgerRepository#checkpoint}): each party shard by one slice, so no checkpoint is written by two workers. A
 * work item that reaches its deadline saves where it stands and the next goes on from there. The dispatcher closes
 * the oldest day whose slices are all checked and checkpointed ({@link #finish}) and writes its checkpoint. A day is
 * read once, whatever the ledger's history, and each slice's work writes only that slice's items.
 *
 * <p>Checkpointing the balances lets a party's first balance read, however long its history, fold only the postings
 * since the last closed day. Checkpoints are pure functions of the postings, so doing one again after a work item
 * stopped half-way changes nothing.
 */
public final class ReconciliationJob implements ShardedJob {

    /** How long after a day's end its log is taken as complete: the stream's delivery lag, with room to spare. */
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(60);
    /** Claim ranges checked between two looks at the deadline (each about four reads). */
    static final int RANGES_PER_PAGE = 500;
    /** Party shards checkpointed between two looks at the deadline (at once, on the shard-read pool). */
    static final int CHECKPOINTS_PER_PAGE = 256;
    /** Days ahead of the last checkpoint a dispatch looks at. */
    static final int DAYS_AHEAD = 10;
    private static final Logger LOG = LogManager.getLogger(ReconciliationJob.class);

    private final DayLogRepository log;
    private final SettlementRepository runs;
    private final LedgerRepository ledger;
    private final Duration lateness;
    private final int rangesPerPage;

    public ReconciliationJob(DayLogRepository log, SettlementRepository runs, LedgerRepository ledger, Duration lateness) {
        this(log, runs, ledger, lateness, RANGES_PER_PAGE);
    }

    /** With another page of claim ranges: tests page a day's few ranges one at a time. */
    ReconciliationJob(DayLogRepository log, SettlementRepository runs, LedgerRepository ledger, Duration lateness,
                      int rangesPerPage) {
        this.log = log;
        this.runs = runs;
        this.ledger = ledger;
        this.lateness = lateness;
        this.rangesPerPage = rangesPerPage;
    }

    /** {@code RECONCILIATION_LATENESS_MINUTES}, default 60. */
    public static Duration latenessFrom(Function<String, String> env) {
        String minutes = env.apply("RECONCILIATION_LATENESS_MINUTES");
        return minutes == null || minutes.isBlank() ? DEFAULT_LATENESS : Duration.ofMinutes(Long.parseLong(minutes.strip()));
    }

    @Override
    public String name() {
        return JobCatalog.LEDGER_DAYS;
    }

    @Override
    public int shards() {
        return LedgerDayLog.SLICES;
    }

    /** When a day's log is complete. */
    public Instant closesAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(Period.DAY_ZONE).toInstant().plus(lateness);
    }

    /** The days after the last checkpoint whose log is complete at {@code now}, oldest first. */
    private List<LocalDate> closable(Optional<DayCheck.Checkpoint> last, Instant now) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day : log.loggedDaysAfter(last.map(DayCheck.Checkpoint::day), DAYS_AHEAD)) {
            if (closesAt(day).isAfter(now)) {
                break;
            }
            days.add(day);
        }
        return days;
    }

    @Override
    public Backlog backlog(int slice, Instant now) {
        return backlogs(now).get(slice);
    }

    /**
     * A slice has work for every closable day that has not checked it, or has checked every slice and not taken this
     * slice's checkpoints: two reads of each such day.
     */
    @Override
    public List<Backlog> backlogs(Instant now) {
        long[] due = new long[LedgerDayLog.SLICES];
        Instant[] oldest = new Instant[LedgerDayLog.SLICES];
        for (LocalDate day : closable(log.latestCheckpoint(), now)) {
            Set<Integer> saved = log.slices(day).keySet();
            Set<Integer> checkpointed = saved.size() == LedgerDayLog.SLICES ? log.checkpointedSlices(day) : Set.of();
            for (int slice = 0; slice < LedgerDayLog.SLICES; slice++) {
                if (!saved.contains(slice) || saved.size() == LedgerDayLog.SLICES && !checkpointed.contains(slice)) {
                    due[slice]++;
                    oldest[slice] = oldest[slice] == null ? closesAt(day) : oldest[slice];
                }
            }
        }
        List<Backlog> backlogs = new ArrayList<>();
        for (int slice = 0; slice < LedgerDayLog.SLICES; slice++) {
            backlogs.add(Backlog.of(due[slice], Optional.ofNullable(oldest[slice])));
        }
        return backlogs;
    }

    /**
     * Checks this slice of every closable day that has not, oldest first, and takes its checkpoints of every day whose
     * slices are all checked, until the deadline.
     */
    @Override
    public Progress work(int slice, Optional<String> cursor, Instant now, Deadline deadline) {
        long done = 0;
        for (LocalDate day : closable(log.latestCheckpoint(), now)) {
            Map<Integer, DayCheck.Slice> saved = log.slices(day);
            if (!saved.containsKey(slice)) {
                if (!checkSlice(day, slice, deadline)) {
                    return Progress.stoppedAt(done, 0, Optional.empty(), Optional.empty());
                }
                done++;
                saved = log.slices(day);
            }
            if (saved.size() == LedgerDayLog.SLICES && !log.checkpointedSlices(day).contains(slice)) {
                if (!checkpointOwned(day, slice, now, deadline)) {
                    return Progress.stoppedAt(done, 0, Optional.empty(), Optional.empty());
                }
                done++;
            }
        }
        return Progress.finished(done, 0, Optional.empty());
    }

    /**
     * Closes the closable days whose slices are all checked, oldest first: sums their slices (checking any run a slice
     * saved before slices checked runs did not), and writes the day's checkpoint. Stops at the first day not ready.
     */
    @Override
    public int finish(Instant now) {
        Optional<DayCheck.Checkpoint> last = log.latestCheckpoint();
        int closed = 0;
        for (LocalDate day : closable(last, now)) {
            Map<Integer, DayCheck.Slice> slices = log.slices(day);
            if (slices.size() < LedgerDayLog.SLICES || log.checkpointedSlices(day).size() < LedgerDayLog.SLICES) {
                break;
            }
            DayCheck.RunChecks checkedRuns = DayCheck.runsChecked(slices.values());
            for (String runId : DayCheck.runsUnchecked(slices.values())) {
                checkedRuns = checkedRuns.plus(checkRun(runId));
            }
            DayCheck.Checkpoint checkpoint = DayCheck.close(day, slices.values(), checkedRuns, last, now);
            if (!log.saveCheckpoint(checkpoint)) {
                return closed; // another dispatch closed it: start again from the latest checkpoint next time
            }
            if (!checkpoint.balanced()) {
                LOG.error("ledger day {} does not balance: debits {} fen, credits {} fen, {} causes and {} events off, "
                                + "{} run mismatches, {} claim mismatches", day, checkpoint.debitsFen(), checkpoint.creditsFen(),
                        checkpoint.unbalancedCauseCount(), checkpoint.unbalancedEvents(), checkpoint.runs().mismatchCount(),
                        checkpoint.claims().mismatchCount());
            }
            last = Optional.of(checkpoint);
            closed++;
        }
        return closed;
    }

    /**
     * Checks one slice of a day and saves it: its claim ranges, its postings, its runs, and which party shards its
     * postings are on (by the slice that owns each one's checkpoint); false when the deadline came first (where it
     * stands is saved).
     */
    boolean checkSlice(LocalDate day, int slice, Deadline deadline) {
        Optional<DayCheck.ClaimChecks> claims = checkClaimRanges(day, slice, deadline);
        if (claims.isEmpty()) {
            return false;
        }
        List<LoggedPosting> postings = log.slicePostings(day, slice);
        DayLogRepository.SliceProgress progress = log.sliceProgress(day, slice);
        DayCheck.Slice checked = DayCheck.slice(slice, postings).withClaimRanges(claims.get());
        Optional<DayCheck.RunChecks> runChecks = checkRuns(day, slice, checked.runs(), progress, deadline);
        if (runChecks.isEmpty()) {
            return false;
        }
        Map<Integer, List<Map.Entry<String, Integer>>> byOwner = new java.util.TreeMap<>();
        partyShards(postings).forEach(shard -> byOwner.computeIfAbsent(ownerOf(shard), o -> new ArrayList<>()).add(shard));
        log.saveTouched(day, slice, byOwner);
        log.saveSlice(day, checked.withRunChecks(runChecks.get()));
        return true;
    }

    /** The slice that takes a party shard's balance checkpoint. */
    static int ownerOf(Map.Entry<String, Integer> partyShard) {
        return WriteShards.of(partyShard.getKey() + "#" + partyShard.getValue(), LedgerDayLog.SLICES);
    }

    /**
     * Takes the balance checkpoint of every party shard a slice owns that the day's postings are on, a page at a time
     * (at once on the shard-read pool), saving how many it has taken when the deadline comes; marks the slice
     * checkpointed once all are. False when the deadline came first.
     */
    private boolean checkpointOwned(LocalDate day, int slice, Instant now, Deadline deadline) {
        List<Map.Entry<String, Integer>> owned = log.touched(day, slice);
        DayLogRepository.SliceProgress progress = log.sliceProgress(day, slice);
        for (long from = progress.checkpointed(); from < owned.size(); from += CHECKPOINTS_PER_PAGE) {
            if (deadline.hasPassed()) {
                log.saveSliceProgress(day, slice, progress);
                return false;
            }
            List<Map.Entry<String, Integer>> page = owned.subList((int) from,
                    (int) Math.min(owned.size(), from + CHECKPOINTS_PER_PAGE));
            ShardReads.each(page.size(), i -> {
                ledger.checkpoint(page.get(i).getKey(), page.get(i).getValue(), now);
                return i;
            });
            progress = new DayLogRepository.SliceProgress(from + page.size(), progress.runsDone(), progress.runSlice(),
                    progress.checked(), progress.sums());
        }
        log.markCheckpointed(day, slice);
        return true;
    }

    /** The party shards the postings are on, each once, sorted (a clearing account is no party's balance). */
    private static List<Map.Entry<String, Integer>> partyShards(List<LoggedPosting> postings) {
        return postings.stream()
                .filter(posting -> posting.accountType() != AccountType.ORDER_CLEARING)
                .map(posting -> Map.entry(posting.party(),
                        WriteShards.of(posting.cause(), LedgerShards.countOf(posting.accountType()))))
                .distinct().sorted(Map.Entry.<String, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .toList();
    }

    /**
     * The claim ranges of the day's claims of the slice's payees, checked ({@link ClaimRangeCheck}) a page at a time,
     * each claim whole in one page; where it stands is saved after each page that has more after it, so a work item that
     * reaches its deadline leaves the rest to the next. Empty when the deadline passed first.
     */
    private Optional<DayCheck.ClaimChecks> checkClaimRanges(LocalDate day, int slice, Deadline deadline) {
        DayLogRepository.ClaimProgress progress = log.claimProgress(day, slice);
        while (true) {
            ClaimRangeRepository.Page page = runs.claimRanges().ofDay(day, slice, progress.after(), rangesPerPage);
            List<ClaimRange> ranges = page.more() ? ClaimRangeCheck.wholeClaims(page.ranges()) : page.ranges();
            DayCheck.ClaimChecks checked = progress.checked().plus(checkClaimRanges(ranges));
            if (!page.more()) {
                return Optional.of(checked);
            }
            progress = new DayLogRepository.ClaimProgress(
                    Optional.of(ClaimRangeRepository.dayKey(ranges.get(ranges.size() - 1))), checked);
            log.saveClaimProgress(day, slice, progress);
            if (deadline.hasPassed()) {
                return Optional.empty();
            }
        }
    }

    /** A payee's ledger shard. */
    private record PayeeShard(String party, int shard) {
    }

    /**
     * Claim ranges checked: each against the postings it covers (read once, by the one range that covers them), its
     * start against the range before it, each cursor claimed on against the last of them, each advance against zero.
     */
    private DayCheck.ClaimChecks checkClaimRanges(List<ClaimRange> ranges) {
        Map<PayeeShard, Set<String>> ends = new HashMap<>();
        Map<PayeeShard, String> lastOfShard = new HashMap<>();
        for (ClaimRange range : ranges) {
            PayeeShard shard = new PayeeShard(range.party(), range.shard());
            ends.computeIfAbsent(shard, s -> new HashSet<>()).add(range.through());
            lastOfShard.merge(shard, range.through(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<ClaimRangeCheck.Mismatch> found = new ArrayList<>(ClaimRangeCheck.advances(ranges));
        ShardReads.each(ranges.size(), i -> {
            ClaimRange range = ranges.get(i);
            PayeeShard shard = new PayeeShard(range.party(), range.shard());
            List<ClaimRangeCheck.Mismatch> off = new ArrayList<>(ClaimRangeCheck.range(range,
                    ledger.entriesBetween(range.party(), range.shard(), range.from(), range.through())));
            boolean fromEnds = range.from().isPresent() && !range.afterUnranged()
                    && aRangeEndsAt(shard, range.from().get(), ends);
            boolean before = range.from().isEmpty()
                    && runs.claimRanges().anyBefore(range.party(), range.shard(), range.through());
            ClaimRangeCheck.chain(range, fromEnds, before).ifPresent(off::add);
            return off;
        }).forEach(found::addAll);
        List<Map.Entry<PayeeShard, String>> shards = List.copyOf(lastOfShard.entrySet());
        ShardReads.each(shards.size(), i -> {
            PayeeShard shard = shards.get(i).getKey();
            Optional<String> at = runs.cursors().read(shard.party(), shard.shard()).claimedThrough();
            boolean atAnEnd = at.isPresent() && aRangeEndsAt(shard, at.get(), ends);
            return ClaimRangeCheck.cursor(shard.party(), shard.shard(), at, shards.get(i).getValue(), atAnEnd);
        }).forEach(off -> off.ifPresent(found::add));
        found.sort(ClaimRangeCheck.Mismatch.ORDER);
        return new DayCheck.ClaimChecks(ranges.size(), found.size(), found, ClaimRangeCheck.Tally.NONE,
                ClaimRangeCheck.Tally.ofRanges(ranges));
    }

    /** Whether a claim range of the payee shard ends at {@code sortKey}: one of those in hand, else one stored. */
    private boolean aRangeEndsAt(PayeeShard shard, String sortKey, Map<PayeeShard, Set<String>> inHand) {
        return inHand.getOrDefault(shard, Set.of()).contains(sortKey)
                || runs.claimRanges().endsAt(shard.party(), shard.shard(), sortKey);
    }

    /**
     * The slice's runs, each checked whole a payee slice of the run at a time (its lines of that slice against its
     * postings of that slice), from where {@code progress} stands; where it stands is saved when the deadline comes
     * between two payee slices, and the answer is then empty.
     */
    private Optional<DayCheck.RunChecks> checkRuns(LocalDate day, int slice, List<String> runIds,
                                                   DayLogRepository.SliceProgress progress, Deadline deadline) {
        DayCheck.RunChecks checked = progress.checked();
        for (int index = progress.runsDone(); index < runIds.size(); index++) {
            String runId = runIds.get(index);
            Optional<SettlementRun> run = runs.find(runId);
            if (run.isEmpty() || run.get().lineSlices() == 1) {
                checked = checked.plus(checkRun(runId));
                continue;
            }
            boolean resuming = index == progress.runsDone();
            Reconciliation.LineSums sums = resuming ? progress.sums() : Reconciliation.LineSums.NONE;
            List<Reconciliation.RunMismatch> found = new ArrayList<>();
            for (int runSlice = resuming ? progress.runSlice() : 0; runSlice < PayeeSlices.COUNT; runSlice++) {
                if (deadline.hasPassed()) {
                    log.saveSliceProgress(day, slice, new DayLogRepository.SliceProgress(0, index,
                            runSlice, checked.plus(new DayCheck.RunChecks(0, found.size(), found)), sums));
                    return Optional.empty();
                }
                Reconciliation.LinesChecked lines = checkRunSlice(run.get(), runSlice);
                if (!lines.mismatches().isEmpty()) {
                    // a payout committed between reading the lines and the postings is no drift: read the slice again once
                    lines = checkRunSlice(run.get(), runSlice);
                }
                found.addAll(lines.mismatches());
                sums = sums.plus(lines.sums());
            }
            List<Reconciliation.RunMismatch> totals = Reconciliation.checkTotals(run.get(), sums);
            if (!totals.isEmpty()) {
                // likewise between reading the run and its lines: read its totals against its lines again once
                totals = Reconciliation.checkTotals(runs.find(runId).orElseThrow(), lineSums(run.get()));
            }
            found.addAll(totals);
            checked = checked.plus(new DayCheck.RunChecks(1, found.size(), found));
        }
        return Optional.of(checked);
    }

    /** What all a run's lines add up to, a payee slice at a time. */
    private Reconciliation.LineSums lineSums(SettlementRun run) {
        Reconciliation.LineSums sums = Reconciliation.LineSums.NONE;
        for (int runSlice = 0; runSlice < PayeeSlices.COUNT; runSlice++) {
            sums = sums.plus(Reconciliation.checkLines(run, linesOfSlice(run, runSlice), Map.of()).sums());
        }
        return sums;
    }

    private List<RunEntry> linesOfSlice(SettlementRun run, int runSlice) {
        List<RunEntry> lines = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            RunLines.EntryPage page = runs.lines().sliceEntries(run, runSlice, after, 1_000);
            lines.addAll(page.entries());
            after = page.next();
        } while (after.isPresent());
        return lines;
    }

    /** One payee slice of a run: its lines of the slice against its postings of the slice. */
    private Reconciliation.LinesChecked checkRunSlice(SettlementRun run, int runSlice) {
        return Reconciliation.checkLines(run, linesOfSlice(run, runSlice),
                Reconciliation.byEvent(ledger.entriesOfRunSlice(run.runId(), runSlice)));
    }

    /**
     * A run checked whole: its lines against all its postings, whichever day they were posted on. A run found off is
     * read again once, so a payout committed between reading its lines and its postings is not recorded as drift.
     */
    private DayCheck.RunChecks checkRun(String runId) {
        DayCheck.RunChecks found = checkRunOnce(runId);
        return found.mismatchCount() > 0 ? checkRunOnce(runId) : found;
    }

    private DayCheck.RunChecks checkRunOnce(String runId) {
        Optional<SettlementRun> run = runs.find(runId);
        List<LedgerEntry> postings = ledger.entriesOfRun(runId);
        if (run.isEmpty()) {
            return new DayCheck.RunChecks(1, 1, List.of(new Reconciliation.RunMismatch(runId, Optional.empty(),
                    "postings of a run that does not exist", 0,
                    postings.stream().mapToLong(e -> Math.abs(e.posting().amountFen())).sum())));
        }
        Reconciliation.LinesChecked lines = Reconciliation.checkLines(run.get(), runs.lines().allEntries(run.get(), 1_000),
                Reconciliation.byEvent(postings));
        List<Reconciliation.RunMismatch> found = new ArrayList<>(lines.mismatches());
        found.addAll(Reconciliation.checkTotals(run.get(), lines.sums()));
        return new DayCheck.RunChecks(1, found.size(), found);
    }
}
