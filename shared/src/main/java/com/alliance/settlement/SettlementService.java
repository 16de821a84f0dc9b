package com.alliance.settlement;

import com.alliance.persistence.Backoff;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.NotFoundException;
import com.alliance.ids.Ids;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.ShardLeases;
import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SettlementCursors;
import com.alliance.ledger.SystemEvents;
import com.alliance.persistence.ShardReads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Settlement runs: finance creates one for a cutoff, reviews it, approves or cancels it, and records
 * payments line by line. A run claims each payee's claimable postings through the payee's settlement
 * cursors, one per ledger shard ({@link SettlementCursors}), in one line per payee, so no posting is
 * ever claimed by two runs; a cancelled run gives
 * its amounts back by posting, for the next run to claim.
 */
public final class SettlementService {

    /** Payments one request may record. */
    public static final int MAX_PAYMENTS_PER_REQUEST = 100;
    static final int MAX_ATTEMPTS = 8;
    static final int DUE_PAGE = 100;
    /** Payees whose postings a build reads at the same time. */
    static final int READERS = 8;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SettlementRepository runs;
    private final LedgerRepository ledger;
    private final ShardLeases leases;
    private final SettlementSettings settings;
    private final Clock clock;

    /** @param leases the settlement-runs job's slice leases, which a request holds too while it builds or releases */
    public SettlementService(SettlementRepository runs, LedgerRepository ledger, ShardLeases leases,
                             SettlementSettings settings, Clock clock) {
        this.runs = runs;
        this.ledger = ledger;
        this.leases = leases;
        this.settings = settings;
        this.clock = clock;
    }

    /** A run and whether this request created it (false: an earlier request with the same key did). */
    public record Created(SettlementRun run, boolean created) {
    }

    /** One payment to record: the line paid and the bank's or payment provider's reference. */
    public record Payment(String lineId, String paymentRef) {
    }

    /**
     * Creates a run of every settleable balance as of {@code cutoff}, or answers the run an earlier
     * request with the same key created. The run is built within the request's budget; a very large
     * one answers BUILDING and the settlement job finishes it.
     */
    public Created create(Caller caller, Instant cutoff, String idempotencyKey) {
        caller.requireRole(Role.FINANCE);
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw InvalidInputException.field("idempotencyKey",
                    "idempotencyKey must be 1 to 128 letters, digits or . _ : -");
        }
        Instant now = clock.instant();
        if (cutoff.isAfter(now)) {
            throw new InvalidInputException("CUTOFF_IN_FUTURE", "cutoff " + cutoff + " is later than now (" + now
                    + "): a run settles what was settleable at a moment that has passed", "cutoff");
        }
        Optional<String> earlier = runs.runIdForKey(idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), cutoff, idempotencyKey);
        }
        SettlementRun run = SettlementRun.building(Ids.next(Ids.RUN), cutoff, idempotencyKey, now, caller.subject());
        if (!runs.insert(run)) {
            return replay(runs.runIdForKey(idempotencyKey).orElseThrow(), cutoff, idempotencyKey);
        }
        return new Created(build(run.runId(), requestDeadline()), true);
    }

    private Created replay(String runId, Instant cutoff, String idempotencyKey) {
        SettlementRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("key without run " + runId));
        if (!run.cutoff().equals(cutoff)) {
            throw new ConflictException("IDEMPOTENCY_KEY_REUSED", "idempotency key " + idempotencyKey
                    + " already created run " + runId + " with cutoff " + run.cutoff(), "idempotencyKey");
        }
        return new Created(run.status() == RunStatus.BUILDING ? build(runId, requestDeadline()) : run, false);
    }

    public SettlementRun get(Caller caller, String runId) {
        caller.requireRole(Role.FINANCE);
        return find(runId);
    }

    public RunLines.EntryPage entries(Caller caller, String runId, Optional<String> afterParty, int limit) {
        caller.requireRole(Role.FINANCE);
        return runs.lines().entries(find(runId), afterParty, limit);
    }

    public SettlementRun approve(Caller caller, String runId) {
        caller.requireRole(Role.FINANCE);
        SettlementRun run = find(runId);
        if (!runs.transition(runId, RunStatus.DRAFT, RunStatus.APPROVED, clock.instant(), caller.subject())) {
            throw notInStatus(find(runId), RunStatus.DRAFT, "RUN_NOT_DRAFT");
        }
        return find(run.runId());
    }

    /**
     * Cancels a DRAFT run: every line is released, its amount posted back to SETTLEABLE, and the next
     * run claims it again. Asking again while it is CANCELLING continues the release.
     */
    public SettlementRun cancel(Caller caller, String runId) {
        caller.requireRole(Role.FINANCE);
        SettlementRun run = find(runId);
        if (run.status() != RunStatus.CANCELLING
                && !runs.transition(runId, RunStatus.DRAFT, RunStatus.CANCELLING, clock.instant(), caller.subject())) {
            throw notInStatus(find(runId), RunStatus.DRAFT, "RUN_NOT_DRAFT");
        }
        return release(runId, requestDeadline());
    }

    /**
     * Records payments of lines of an APPROVED run; the run is PAID once every line is. Every payment
     * is checked before any is recorded, so a refused request records none.
     *
     * @return the lines paid by this request
     */
    public List<RunEntry> pay(Caller caller, String runId, List<Payment> payments) {
        caller.requireRole(Role.FINANCE);
        SettlementRun run = find(runId);
        if (payments.isEmpty() || payments.size() > MAX_PAYMENTS_PER_REQUEST) {
            throw InvalidInputException.field("payments", "give 1 to " + MAX_PAYMENTS_PER_REQUEST + " payments");
        }
        List<RunEntry> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < payments.size(); i++) {
            Payment payment = payments.get(i);
            String at = "payments[" + i + "]";
            if (payment.paymentRef() == null || payment.paymentRef().isBlank() || payment.paymentRef().length() > 128) {
                throw InvalidInputException.field(at + ".paymentRef", "paymentRef must be 1 to 128 characters");
            }
            if (!seen.add(payment.lineId())) {
                throw new InvalidInputException("DUPLICATE_LINE", "line " + payment.lineId() + " is paid twice in one request",
                        at + ".lineId");
            }
            RunEntry line = RunEntry.partyOf(payment.lineId()).flatMap(party -> runs.lines().entry(run, party))
                    .filter(RunEntry::isLine)
                    .orElseThrow(() -> new NotFoundException("LINE_NOT_FOUND", "run " + runId + " has no line " + payment.lineId()));
            if (line.hasStatus(LineStatus.PAID)) {
                throw new ConflictException("LINE_ALREADY_PAID", "line " + payment.lineId() + " was already paid with reference "
                        + line.paymentRef().orElse("?"), at + ".lineId");
            }
            if (line.hasStatus(LineStatus.RELEASED)) {
                throw new ConflictException("LINE_RELEASED", "line " + payment.lineId() + " was released when its run was cancelled",
                        at + ".lineId");
            }
            lines.add(line);
        }
        if (run.status() != RunStatus.APPROVED) {
            throw notInStatus(run, RunStatus.APPROVED, "RUN_NOT_APPROVED");
        }
        List<RunEntry> paid = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            RunEntry line = lines.get(i);
            String ref = payments.get(i).paymentRef();
            List<Posting> postings = moves(runId, line, SystemEvents.payout(runId, line.party()), PostingState.SETTLED,
                    PostingState.PAID_OUT, "paid out by run " + runId + ", reference " + ref);
            SettlementRepository.Outcome outcome = retrying(() -> runs.pay(run, line, ref, caller.subject(), postings,
                    clock.instant()));
            switch (outcome) {
                case APPLIED -> paid.add(runs.lines().entry(run, line.party()).orElseThrow());
                case LINE_CHANGED -> throw new ConflictException("LINE_ALREADY_PAID", "line " + line.lineId()
                        + " was paid by another request meanwhile", "payments[" + i + "].lineId");
                case RUN_CHANGED -> throw notInStatus(find(runId), RunStatus.APPROVED, "RUN_NOT_APPROVED");
                default -> throw new ConflictException("RUN_BUSY", "run " + runId + " kept changing; "
                        + paid.size() + " of the payments were recorded, send the rest again", null);
            }
        }
        runs.transition(runId, RunStatus.APPROVED, RunStatus.PAID, clock.instant(), caller.subject());
        return paid;
    }

    /** Runs newest first (of one status, created within from..to when given), a page at a time. */
    public SettlementRepository.RunPage list(Caller caller, Optional<RunStatus> status, Optional<Instant> from,
                                             Optional<Instant> to, Optional<String> after, int limit) {
        caller.requireRole(Role.FINANCE);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw InvalidInputException.field("from", "from must not be later than to");
        }
        return runs.list(status, from, to, after, limit);
    }

    /** A line to record paid with the bank's or payment provider's reference. */
    record Paying(RunEntry line, String paymentRef) {
    }

    /** What recording payments came to: lines recorded now, and lines another request had paid meanwhile. */
    record Recorded(List<RunEntry> paid, List<RunEntry> paidElsewhere, boolean complete) {
    }

    /**
     * Records lines of an APPROVED run paid, exactly as {@link #pay} does each (same postings, same event
     * ids, the line's UNPAID condition as the exactly-once guard), but many lines per transaction; stops
     * short when the deadline passes (complete false: nothing half-done, the rest is simply not recorded).
     * A line that another request paid meanwhile with the same reference counts as recorded elsewhere;
     * with another reference it is refused.
     */
    Recorded recordPaid(String runId, List<Paying> lines, String by, Deadline deadline) {
        SettlementRun run = find(runId);
        List<RunEntry> paid = new ArrayList<>();
        List<RunEntry> elsewhere = new ArrayList<>();
        List<SettlementRepository.Payment> batch = new ArrayList<>();
        int items = 1;
        for (Paying paying : lines) {
            SettlementRepository.Payment payment = payment(runId, paying.line(), paying.paymentRef());
            if (items + payment.items() > SettlementRepository.MAX_TRANSACTION_ITEMS) {
                if (deadline.hasPassed()) {
                    return new Recorded(paid, elsewhere, false);
                }
                payBatch(run, batch, by, paid, elsewhere);
                batch.clear();
                items = 1;
            }
            batch.add(payment);
            items += payment.items();
        }
        if (!batch.isEmpty()) {
            if (deadline.hasPassed()) {
                return new Recorded(paid, elsewhere, false);
            }
            payBatch(run, batch, by, paid, elsewhere);
        }
        runs.transition(runId, RunStatus.APPROVED, RunStatus.PAID, clock.instant(), by);
        return new Recorded(paid, elsewhere, true);
    }

    private SettlementRepository.Payment payment(String runId, RunEntry line, String ref) {
        return new SettlementRepository.Payment(line, ref, moves(runId, line, SystemEvents.payout(runId, line.party()),
                PostingState.SETTLED, PostingState.PAID_OUT, "paid out by run " + runId + ", reference " + ref));
    }

    private void payBatch(SettlementRun run, List<SettlementRepository.Payment> batch, String by, List<RunEntry> paid,
                          List<RunEntry> elsewhere) {
        String runId = run.runId();
        SettlementRepository.BatchOutcome outcome = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            outcome = runs.payAll(run, batch, by, clock.instant());
            if (outcome.outcome() != SettlementRepository.Outcome.CONFLICT) {
                break;
            }
            Backoff.pause(attempt);
        }
        switch (outcome.outcome()) {
            case APPLIED -> batch.forEach(p -> paid.add(paidCopy(p, by)));
            case RUN_CHANGED -> throw notInStatus(find(runId), RunStatus.APPROVED, "RUN_NOT_APPROVED");
            case LINE_CHANGED -> {
                // someone paid one of them meanwhile: record the others one by one
                for (SettlementRepository.Payment payment : batch) {
                    SettlementRepository.Outcome one = retrying(() -> runs.payAll(run, List.of(payment), by,
                            clock.instant()).outcome());
                    switch (one) {
                        case APPLIED -> paid.add(paidCopy(payment, by));
                        case LINE_CHANGED -> {
                            RunEntry now = runs.lines().entry(run, payment.line().party()).orElseThrow();
                            if (!now.hasStatus(LineStatus.PAID) || !now.paymentRef().equals(Optional.of(payment.paymentRef()))) {
                                throw new ConflictException("LINE_ALREADY_PAID", "line " + now.lineId()
                                        + " was paid meanwhile with reference " + now.paymentRef().orElse("?"), null);
                            }
                            elsewhere.add(now);
                        }
                        case RUN_CHANGED -> throw notInStatus(find(runId), RunStatus.APPROVED, "RUN_NOT_APPROVED");
                        default -> throw busy(runId, paid.size());
                    }
                }
            }
            default -> throw busy(runId, paid.size());
        }
    }

    private RunEntry paidCopy(SettlementRepository.Payment payment, String by) {
        RunEntry line = payment.line();
        return new RunEntry(line.runId(), line.party(), line.kind(), line.amountFen(), line.byAccount(),
                Optional.of(LineStatus.PAID), line.carriedReason(), line.claimedThrough(), Optional.of(payment.paymentRef()),
                Optional.of(clock.instant()), Optional.empty());
    }

    private static ConflictException busy(String runId, int recorded) {
        return new ConflictException("RUN_BUSY", "run " + runId + " kept changing; " + recorded
                + " of the payments were recorded, send the rest again", null);
    }

    /**
     * Builds what it can of a run until the deadline, slice by slice ({@link #buildSlice}), each slice under its lease
     * as the job's worker would hold it (a slice a worker holds is left to that worker), and finishes it DRAFT once
     * every slice is built. A run too large for the deadline stays BUILDING: the settlement-runs job builds the rest,
     * many slices at once.
     */
    public SettlementRun build(String runId, Deadline deadline) {
        SettlementRun run = find(runId);
        if (run.status() != RunStatus.BUILDING || !runs.cursors().moveLegacyDue(deadline)) {
            return run;
        }
        inHand(deadline, RunSlices.Slice::built, slice -> buildSlice(run, slice, deadline), runId);
        finish(runId, clock.instant());
        return find(runId);
    }

    /**
     * Does {@code work} on each slice of a run not {@code done} yet, holding the slice's lease of the settlement-runs
     * job; a slice another holds (a worker, a request on another run) is tried again after the others, until the
     * deadline.
     */
    private void inHand(Deadline deadline, java.util.function.Predicate<RunSlices.Slice> done,
                        java.util.function.IntPredicate work, String runId) {
        for (int attempt = 1; !deadline.hasPassed(); attempt++) {
            List<RunSlices.Slice> left = runs.slices().read(runId).stream().filter(done.negate()).toList();
            if (left.isEmpty()) {
                return;
            }
            boolean worked = false;
            for (RunSlices.Slice slice : left) {
                if (deadline.hasPassed()) {
                    return;
                }
                String token = "request-" + UUID.randomUUID();
                if (leases.borrow(JobCatalog.SETTLEMENT_RUNS, slice.slice(), token,
                        deadline.remaining().plus(ShardLeases.MARGIN))) {
                    try {
                        worked |= work.test(slice.slice());
                    } finally {
                        leases.giveBack(JobCatalog.SETTLEMENT_RUNS, slice.slice(), token);
                    }
                }
            }
            if (!worked) {
                Backoff.pause(Math.min(attempt, 4));
            }
        }
    }

    /**
     * Builds one slice of a building run until the deadline: page by page of the slice's due cursors (its 16
     * partitions of the due index, merged by payee), each payee met is settled once over all its due shards (read in
     * parallel, {@link #READERS} payees at a time) into one claim; payees to settle are claimed many per transaction,
     * and any batch that meets a moved cursor falls back to claiming its payees one by one from fresh reads. Where it
     * got is saved after each page; the slice is marked built once none is left. Answers whether it is built.
     */
    public boolean buildSlice(SettlementRun run, int slice, Deadline deadline) {
        RunSlices.Slice state = runs.slices().read(run.runId(), slice);
        if (state.built()) {
            return true;
        }
        ExecutorService readers = Executors.newFixedThreadPool(READERS, r -> {
            Thread thread = new Thread(r, "settlement-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Optional<String> after = state.after();
            while (!deadline.hasPassed()) {
                DueParties due = dueParties(slice, after);
                if (due.parties().isEmpty()) {
                    return runs.slices().markBuilt(run.runId(), slice) || runs.slices().read(run.runId(), slice).built();
                }
                if (!settlePage(run, due.parties(), slice, readers)) {
                    return false;
                }
                after = Optional.of(due.parties().get(due.parties().size() - 1));
                if (!runs.slices().saveProgress(run.runId(), slice, after.get())) {
                    return true;    // another holder finished the slice meanwhile
                }
            }
            return false;
        } finally {
            readers.shutdownNow();
        }
    }

    /** The next payees of a slice with due cursors, in payee order, each once whatever the shards it is due on. */
    private record DueParties(List<String> parties) {
    }

    /**
     * A slice's payees after {@code after} with a due cursor: a page of each of its partitions (one per ledger shard,
     * read at once), merged. A payee is taken only up to where every partition that has more has been read, so its
     * cursors on every shard are met in the same page: each payee is settled once.
     */
    private DueParties dueParties(int slice, Optional<String> after) {
        List<SettlementCursors.DuePage> pages = ShardReads.each(LedgerShards.PAYEE_SHARDS,
                shard -> runs.cursors().due(slice, shard, after, DUE_PAGE));
        Optional<String> horizon = pages.stream().filter(SettlementCursors.DuePage::more)
                .map(page -> page.parties().get(page.parties().size() - 1)).min(String::compareTo);
        List<String> parties = pages.stream().flatMap(page -> page.parties().stream())
                .filter(party -> horizon.isEmpty() || party.compareTo(horizon.get()) <= 0)
                .distinct().sorted().toList();
        return new DueParties(parties);
    }

    /** Settles the payees met on one page of a slice; false when the slice was finished by another holder meanwhile. */
    private boolean settlePage(SettlementRun run, List<String> parties, int slice, ExecutorService readers) {
        List<Future<SettlementRepository.PreparedClaim>> reads = new ArrayList<>();
        for (String party : parties) {
            reads.add(readers.submit(() -> prepare(run, party)));
        }
        List<SettlementRepository.PreparedClaim> batch = new ArrayList<>();
        int items = 1;
        for (Future<SettlementRepository.PreparedClaim> read : reads) {
            SettlementRepository.PreparedClaim prepared = await(read);
            if (prepared.claim().decision() != Claim.Decision.SETTLE) {
                Step step = apply(run, prepared, slice);
                if (step == Step.RUN_CHANGED || step == Step.AGAIN && !settle(run, prepared.party(), slice)) {
                    return false;
                }
                continue;
            }
            int size = prepared.items();
            if (items + size > SettlementRepository.MAX_TRANSACTION_ITEMS) {
                if (!claimBatch(run, batch, slice)) {
                    return false;
                }
                batch.clear();
                items = 1;
            }
            batch.add(prepared);
            items += size;
        }
        return batch.isEmpty() || claimBatch(run, batch, slice);
    }

    /**
     * A payee's claim from a consistent read of its due cursors, then of its postings after each (all
     * shards at once).
     */
    private SettlementRepository.PreparedClaim prepare(SettlementRun run, String party) {
        SortedMap<Integer, SettlementCursors.Cursor> cursors = runs.cursors().readDue(party);
        SortedMap<Integer, Optional<String>> claimedThrough = new TreeMap<>();
        cursors.forEach((shard, cursor) -> claimedThrough.put(shard, cursor.claimedThrough()));
        SortedMap<Integer, List<LedgerEntry>> entries = ledger.entriesAfter(party, claimedThrough);
        Claim claim = Claim.of(party, claimedThrough, entries, run.cutoff(), settings.payoutThresholdFen());
        return new SettlementRepository.PreparedClaim(cursors, claim,
                claim.decision() == Claim.Decision.SETTLE ? claimPostings(run, claim) : List.of());
    }

    private boolean claimBatch(SettlementRun run, List<SettlementRepository.PreparedClaim> batch, int slice) {
        SettlementRepository.BatchOutcome outcome = runs.claimAll(run, batch, slice, clock.instant());
        if (outcome.outcome() == SettlementRepository.Outcome.APPLIED) {
            return true;
        }
        if (outcome.outcome() == SettlementRepository.Outcome.RUN_CHANGED) {
            return false;
        }
        for (SettlementRepository.PreparedClaim prepared : batch) {
            if (!settle(run, prepared.party(), slice)) {
                return false;
            }
        }
        return true;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading payees", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Releases what it can of a CANCELLING run until the deadline, slice by slice ({@link #releaseSlice}) under each
     * slice's lease, and finishes it CANCELLED once every slice is released.
     */
    public SettlementRun release(String runId, Deadline deadline) {
        SettlementRun run = find(runId);
        if (run.status() != RunStatus.CANCELLING) {
            return run;
        }
        inHand(deadline, RunSlices.Slice::released, slice -> releaseSlice(run, slice, deadline), runId);
        finish(runId, clock.instant());
        return find(runId);
    }

    /**
     * Releases the unpaid lines of one slice of a CANCELLING run until the deadline: each line's amount posted back to
     * SETTLEABLE, for the next run to claim; the slice is marked released once none is left. Answers whether it is.
     */
    public boolean releaseSlice(SettlementRun run, int slice, Deadline deadline) {
        if (runs.slices().read(run.runId(), slice).released()) {
            return true;
        }
        Optional<String> after = Optional.empty();
        do {
            RunLines.EntryPage page = runs.lines().sliceEntries(run, slice, after, DUE_PAGE);
            for (RunEntry line : page.entries()) {
                if (!line.hasStatus(LineStatus.UNPAID)) {
                    continue;
                }
                if (deadline.hasPassed()) {
                    return false;
                }
                List<Posting> postings = moves(run.runId(), line, SystemEvents.release(run.runId(), line.party()),
                        PostingState.SETTLED, PostingState.SETTLEABLE, "released: settlement run " + run.runId() + " cancelled");
                retrying(() -> runs.release(run, line, postings, clock.instant()));
            }
            after = page.next();
        } while (after.isPresent());
        return runs.slices().markReleased(run.runId(), slice) || runs.slices().read(run.runId(), slice).released();
    }

    /**
     * Finishes a run whose slices are all done: a BUILDING run becomes DRAFT with its lines' totals, a CANCELLING run
     * CANCELLED; answers whether it did. The job's dispatcher calls it, and a request that did the last slice itself.
     */
    public boolean finish(String runId, Instant now) {
        Optional<SettlementRun> stored = runs.stored(runId);
        if (stored.isEmpty() || !SettlementRepository.inProgress(stored.get().status())) {
            return false;
        }
        List<RunSlices.Slice> slices = runs.slices().read(runId);
        SettlementRun run = stored.get();
        if (run.status() == RunStatus.BUILDING && slices.stream().allMatch(RunSlices.Slice::built)) {
            return runs.finishBuild(run, RunSlices.sum(slices), now);
        }
        if (run.status() == RunStatus.CANCELLING && slices.stream().allMatch(RunSlices.Slice::released)) {
            return runs.finishRelease(run, RunSlices.sum(slices), now);
        }
        return false;
    }

    /** Marks an APPROVED run whose lines are all paid as PAID (should a request have stopped short of it). */
    public boolean closeIfPaid(SettlementRun run) {
        return run.status() == RunStatus.APPROVED && run.paidLines() == run.lineCount()
                && runs.transition(run.runId(), RunStatus.APPROVED, RunStatus.PAID, clock.instant(), "settlement");
    }

    public List<SettlementRun> runsWithStatus(RunStatus status) {
        return runs.withStatus(status);
    }

    /** Claims, carries or passes over one payee; false when the run stopped BUILDING meanwhile. */
    private boolean settle(SettlementRun run, String party, int slice) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            switch (apply(run, prepare(run, party), slice)) {
                case DONE -> {
                    return true;
                }
                case RUN_CHANGED -> {
                    return false;
                }
                case AGAIN -> Backoff.pause(attempt);
            }
        }
        // the payee kept changing under us: it stays on the due index for the next run
        return true;
    }

    /** What applying one payee's claim came to. */
    private enum Step { DONE, RUN_CHANGED, AGAIN }

    /** Writes one payee's claim as decided: claims, advances, carries, or takes shards off the due index. */
    private Step apply(SettlementRun run, SettlementRepository.PreparedClaim prepared, int slice) {
        Claim claim = prepared.claim();
        return switch (claim.decision()) {
            case NOTHING, ADVANCE -> runs.advance(prepared.cursors(), claim, run.runId(), clock.instant()) ? Step.DONE : Step.AGAIN;
            case CARRY_NEGATIVE, CARRY_BELOW_THRESHOLD -> {
                runs.carry(run, claim);
                yield Step.DONE;
            }
            case SETTLE -> switch (runs.claim(run, prepared.cursors(), claim, prepared.postings(), slice, clock.instant())) {
                case APPLIED, LINE_CHANGED -> Step.DONE;
                case RUN_CHANGED -> Step.RUN_CHANGED;
                default -> Step.AGAIN;
            };
        };
    }

    private static List<Posting> claimPostings(SettlementRun run, Claim claim) {
        String eventId = SystemEvents.claim(run.runId(), claim.party());
        String reason = "settled by run " + run.runId() + " (cutoff " + run.cutoff() + ")";
        List<Posting> postings = new ArrayList<>();
        for (Map.Entry<AccountType, Long> account : claim.byAccount().entrySet()) {
            Account held = new Account(account.getKey(), claim.party());
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), run.runId(), eventId, held,
                    -account.getValue(), PostingState.SETTLEABLE, reason));
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), run.runId(), eventId, held,
                    account.getValue(), PostingState.SETTLED, reason));
        }
        return new PostingSet(eventId, run.runId(), postings).postings();
    }

    /** A line's amount moved, per account, from one state to another. */
    private static List<Posting> moves(String runId, RunEntry line, String eventId, PostingState from, PostingState to,
                                       String reason) {
        List<Posting> postings = new ArrayList<>();
        for (Map.Entry<AccountType, Long> account : line.byAccount().entrySet()) {
            Account held = new Account(account.getKey(), line.party());
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), runId, eventId, held, -account.getValue(),
                    from, reason));
            postings.add(new Posting(Posting.idOf(eventId, postings.size()), runId, eventId, held, account.getValue(),
                    to, reason));
        }
        return new PostingSet(eventId, runId, postings).postings();
    }

    private SettlementRepository.Outcome retrying(java.util.function.Supplier<SettlementRepository.Outcome> change) {
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            SettlementRepository.Outcome outcome = change.get();
            if (outcome != SettlementRepository.Outcome.CONFLICT) {
                return outcome;
            }
            Backoff.pause(attempt);
        }
        return change.get();
    }

    SettlementRun find(String runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("RUN_NOT_FOUND", "settlement run " + runId + " not found"));
    }

    Deadline requestDeadline() {
        return Deadline.after(settings.requestBudget());
    }

    static ConflictException notInStatus(SettlementRun run, RunStatus needed, String code) {
        return new ConflictException(code, "run " + run.runId() + " is " + run.status() + ", not " + needed, null);
    }

}
