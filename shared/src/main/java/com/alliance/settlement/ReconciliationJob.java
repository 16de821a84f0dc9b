package com.alliance.settlement;

import com.alliance.jobs.Backlog;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.Progress;
import com.alliance.jobs.ShardedJob;
import com.alliance.json.Period;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
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
 * Closes the ledger's days, oldest first: once a day has ended (China Standard Time) and {@code lateness} has
 * passed, so the day log holds every posting of it, checks its {@link LedgerDayLog#SLICES} slices one by one
 * ({@link DayCheck#slice}) with the claim ranges of the day's claims of the slice's payees ({@link ClaimRangeCheck}),
 * each slice saved as it is done, checks the settlement runs that posted that day whole, and
 * writes the day's checkpoint. A run stops
 * at its deadline between slices; the next run goes on from the slices saved. A day is read once, whatever
 * the ledger's history.
 *
 * <p>Before it checks a slice, it also checkpoints the balance of every party shard the slice's postings are on
 * ({@link LedgerRepository#checkpoint}), so a party's first balance read, however long its history, folds only the
 * postings since the last closed day. Checkpoints are pure functions of the postings, so doing it again after a
 * run stopped half-way changes nothing.
 */
public final class ReconciliationJob implements ShardedJob {

    /** How long after a day's end its log is taken as complete: the stream's delivery lag, with room to spare. */
    public static final Duration DEFAULT_LATENESS = Duration.ofMinutes(60);
    /** Claim ranges checked between two looks at the deadline (each about four reads). */
    static final int RANGES_PER_PAGE = 500;
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
        return 1;
    }

    @Override
    public Backlog backlog(int shard, Instant now) {
        Optional<DayCheck.Checkpoint> last = log.latestCheckpoint();
        List<LocalDate> due = log.loggedDaysAfter(last.map(DayCheck.Checkpoint::day), 10).stream()
                .filter(day -> !closesAt(day).isAfter(now)).toList();
        return Backlog.of(due.size(), due.stream().findFirst().map(this::closesAt));
    }

    @Override
    public Progress work(int shard, Optional<String> cursor, Instant now, Deadline deadline) {
        return Progress.finished(runOnce(now, deadline), 0, Optional.empty());
    }

    /** When a day's log is complete. */
    public Instant closesAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(Period.DAY_ZONE).toInstant().plus(lateness);
    }

    public int runOnce(Instant now, Deadline deadline) {
        Optional<DayCheck.Checkpoint> last = log.latestCheckpoint();
        int done = 0;
        for (LocalDate day : log.loggedDaysAfter(last.map(DayCheck.Checkpoint::day), 10)) {
            if (closesAt(day).isAfter(now)) {
                break;
            }
            Map<Integer, DayCheck.Slice> slices = log.slices(day);
            for (int slice = 0; slice < LedgerDayLog.SLICES; slice++) {
                if (slices.containsKey(slice)) {
                    continue;
                }
                if (deadline.hasPassed()) {
                    return done;
                }
                Optional<DayCheck.ClaimChecks> claims = checkClaimRanges(day, slice, deadline);
                if (claims.isEmpty()) {
                    return done;
                }
                List<LoggedPosting> postings = log.slicePostings(day, slice);
                checkpointBalances(postings, now);
                DayCheck.Slice checked = DayCheck.slice(slice, postings).withClaimRanges(claims.get());
                log.saveSlice(day, checked);
                slices.put(slice, checked);
                done++;
            }
            DayCheck.Checkpoint checkpoint = DayCheck.close(day, slices.values(), checkRuns(DayCheck.runs(slices.values())),
                    last, now);
            if (!log.saveCheckpoint(checkpoint)) {
                return done; // another run closed it: start again from the latest checkpoint next time
            }
            if (!checkpoint.balanced()) {
                LOG.error("ledger day {} does not balance: debits {} fen, credits {} fen, {} causes and {} events off, "
                                + "{} run mismatches, {} claim mismatches", day, checkpoint.debitsFen(), checkpoint.creditsFen(),
                        checkpoint.unbalancedCauseCount(), checkpoint.unbalancedEvents(), checkpoint.runs().mismatchCount(),
                        checkpoint.claims().mismatchCount());
            }
            last = Optional.of(checkpoint);
            done++;
        }
        return done;
    }

    /**
     * The claim ranges of the day's claims of the slice's payees, checked ({@link ClaimRangeCheck}) a page at a time,
     * each claim whole in one page; where it stands is saved after each page that has more after it, so a run that
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

    /** Checkpoints each party shard the postings are on (a clearing account is no party's balance). */
    private void checkpointBalances(List<LoggedPosting> postings, Instant now) {
        List<Map.Entry<String, Integer>> shards = postings.stream()
                .filter(posting -> posting.accountType() != AccountType.ORDER_CLEARING)
                .map(posting -> Map.entry(posting.party(),
                        WriteShards.of(posting.cause(), LedgerShards.countOf(posting.accountType()))))
                .distinct().toList();
        ShardReads.each(shards.size(), i -> {
            ledger.checkpoint(shards.get(i).getKey(), shards.get(i).getValue(), now);
            return i;
        });
    }

    /**
     * Each run checked whole: its lines against all its postings, whichever day they were posted on. A run found
     * off is read again once, so a payout committed between reading its lines and its postings is not recorded
     * as drift.
     */
    private DayCheck.RunChecks checkRuns(List<String> runIds) {
        List<Reconciliation.RunMismatch> mismatches = new ArrayList<>();
        long count = 0;
        for (String runId : runIds) {
            DayCheck.RunChecks found = checkRun(runId);
            if (found.mismatchCount() > 0) {
                found = checkRun(runId);
            }
            count += found.mismatchCount();
            mismatches.addAll(found.mismatches());
        }
        return new DayCheck.RunChecks(runIds.size(), count, mismatches);
    }

    private DayCheck.RunChecks checkRun(String runId) {
        Optional<SettlementRun> run = runs.find(runId);
        if (run.isEmpty()) {
            return new DayCheck.RunChecks(1, 1, List.of(new Reconciliation.RunMismatch(runId, Optional.empty(),
                    "postings of a run that does not exist", 0,
                    ledger.entriesOfRun(runId).stream().mapToLong(e -> Math.abs(e.posting().amountFen())).sum())));
        }
        Reconciliation check = new Reconciliation(List.of(run.get()), runs.lines().allEntries(run.get(), 1_000), List.of());
        ledger.entriesOfRun(runId).forEach(check::add);
        Reconciliation.Report report = check.report();
        return new DayCheck.RunChecks(1, report.runMismatchCount(), report.runMismatches());
    }
}
