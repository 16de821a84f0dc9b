package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PayeeSlices;
import com.alliance.ledger.Posting;
import com.alliance.ledger.SettlementCursors;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Settlement runs in the settlement table: the run ({@code RUN#{runId} / RUN}, listed in gsi1 under
 * {@code RUNSTATUS#{status}} by creation time), its slices' totals and progress ({@link RunSlices}), one entry per
 * payee ({@link RunLines}: a line or a carried payee), the idempotency key of the request that created it
 * ({@code RUNKEY#{key} / RUNKEY}), and a marker per bank results file recorded ({@code RUN#{runId} /
 * RESULTS#{sha256}}). A claim is one transaction with its slice's totals, the payee's settlement cursors (one per
 * ledger shard) where they move, the line, and the postings that move the money; a payment, one with the run's paid
 * totals (finance records payments a request at a time); a release, one with its slice's count.
 */
public final class SettlementRepository {

    /** What a line transaction did. */
    public enum Outcome {
        APPLIED,
        /** The run is no longer in the status the change needs. */
        RUN_CHANGED,
        /** The payee's cursor moved since it was read: read again. */
        CURSOR_MOVED,
        /** The line already exists, or is no longer in the status the change needs. */
        LINE_CHANGED,
        /** Another transaction held one of the items: try again. */
        CONFLICT
    }

    private final DynamoDbClient dynamoDb;
    private final LedgerRepository ledger;
    private final SettlementCursors cursors;
    private final ClaimRangeRepository ranges;
    private final RunLines lines;
    private final RunSlices slices;
    private final CapacityMeter capacity;
    private final String table;

    public SettlementRepository(DynamoDbClient dynamoDb, LedgerRepository ledger, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.ledger = ledger;
        this.cursors = new SettlementCursors(dynamoDb);
        this.ranges = new ClaimRangeRepository(dynamoDb);
        this.lines = new RunLines(dynamoDb);
        this.slices = new RunSlices(dynamoDb);
        this.capacity = capacity;
        this.table = Tables.SETTLEMENT.tableName();
    }

    /** The runs' entries, a line or a carried payee each. */
    public RunLines lines() {
        return lines;
    }

    /** The runs' slices: totals while they build, progress, built and released. */
    public RunSlices slices() {
        return slices;
    }

    /** The claim ranges each claim that moves a cursor writes (checked when its day closes). */
    public ClaimRangeRepository claimRanges() {
        return ranges;
    }

    public SettlementCursors cursors() {
        return cursors;
    }

    static Map<String, AttributeValue> runKey(String runId) {
        return Items.key("RUN#" + runId, "RUN");
    }


    /** Stores a new run with its idempotency key; false when the key already names another run. */
    public boolean insert(SettlementRun run) {
        Put key = Put.builder().tableName(table).item(Items.builder()
                        .s("pk", "RUNKEY#" + run.idempotencyKey()).s("sk", "RUNKEY")
                        .s("runId", run.runId()).s("cutoff", run.cutoff().toString()).build())
                .conditionExpression("attribute_not_exists(pk)").build();
        Put item = Put.builder().tableName(table).item(toItem(run)).conditionExpression("attribute_not_exists(pk)").build();
        try {
            write(List.of(TransactWriteItem.builder().put(key).build(), TransactWriteItem.builder().put(item).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (reason(e, 0).equals("ConditionalCheckFailed")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The run, read consistently; while it builds or releases, with what its slices add to its totals (one Query
     * more), so a run's totals are always those of its lines.
     */
    public Optional<SettlementRun> find(String runId) {
        return stored(runId).map(run -> inProgress(run.status()) ? run.plus(RunSlices.sum(slices.read(runId))) : run);
    }

    /** The run item as stored: while the run builds or releases, without what its slices add. */
    public Optional<SettlementRun> stored(String runId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(runKey(runId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(runOf(item));
    }

    /** Whether a run in this status keeps totals in its slices: it builds, or releases its lines. */
    static boolean inProgress(RunStatus status) {
        return status == RunStatus.BUILDING || status == RunStatus.CANCELLING;
    }

    /** The run an idempotency key created, if any. */
    public Optional<String> runIdForKey(String idempotencyKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("RUNKEY#" + idempotencyKey, "RUNKEY")).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("runId").s());
    }

    /**
     * Claims a payee's postings for a building run, in one transaction: its slice's totals (if the slice is still
     * building), the payee's cursors of the shards claimed (if no one touched them since {@code read}), the line
     * (unless the run already has one for the payee), and the postings that move the amount from SETTLEABLE to SETTLED.
     */
    public Outcome claim(SettlementRun run, SortedMap<Integer, SettlementCursors.Cursor> read, Claim claim,
                         List<Posting> postings, int slice, Instant now) {
        return claimAll(run, List.of(new PreparedClaim(read, claim, postings)), slice, now).outcome();
    }

    /**
     * A payee's claim, ready to write: the cursors (of the shards on the due index) it was computed from
     * and the postings that move it.
     */
    public record PreparedClaim(SortedMap<Integer, SettlementCursors.Cursor> cursors, Claim claim, List<Posting> postings) {

        public String party() {
            return claim.party();
        }

        /**
         * Transaction items it takes: its cursor writes (see {@link #cursorWrites}) with a claim range per cursor
         * moved, line, and its postings.
         */
        public int items() {
            long cursorWrites = claim.shards().values().stream()
                    .filter(shard -> shard.claimedThrough().isPresent() || !shard.remainsClaimable()).count();
            long moves = claim.shards().values().stream().filter(shard -> shard.claimedThrough().isPresent()).count();
            return (int) (cursorWrites + moves) + 1 + postings.size();
        }
    }

    /** What a transaction of several claims did, and which claim failed when one did. */
    public record BatchOutcome(Outcome outcome, int failedClaim) {
    }

    /** Transaction items a batch of claims may take, the slice's totals included (DynamoDB allows 100). */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * Claims several payees of one slice for a building run in ONE transaction: the slice's totals once, then each
     * payee's cursor writes, line and postings as in {@link #claim}. Any failed condition fails them all;
     * the outcome names which claim failed, so the caller can retry the others. No other slice's claims write an
     * item of these: slices claim side by side.
     */
    public BatchOutcome claimAll(SettlementRun run, List<PreparedClaim> claims, int slice, Instant now) {
        long total = claims.stream().mapToLong(c -> c.claim().amountFen()).sum();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(slices.addClaims(run.runId(), slice, total, claims.size())).build());
        List<Integer> firstItemOfClaim = new ArrayList<>();
        List<Integer> cursorItemsOfClaim = new ArrayList<>();
        for (PreparedClaim prepared : claims) {
            firstItemOfClaim.add(writes.size());
            Claim claim = prepared.claim();
            List<TransactWriteItem> cursorWrites = cursorWrites(prepared.cursors(), claim, run.runId(), now);
            cursorItemsOfClaim.add(cursorWrites.size());
            writes.addAll(cursorWrites);
            writes.add(TransactWriteItem.builder().put(linePut(run, claim, now)).build());
            writes.addAll(ledger.writes(prepared.postings(), now));
        }
        if (writes.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException(writes.size() + " items do not fit one transaction");
        }
        try {
            write(writes);
            return new BatchOutcome(Outcome.APPLIED, -1);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                String code = String.valueOf(reasons.get(i).code());
                if (code.equals("ConditionalCheckFailed") || code.equals("TransactionConflict")) {
                    if (i == 0) {
                        return new BatchOutcome(code.equals("TransactionConflict") ? Outcome.CONFLICT : Outcome.RUN_CHANGED, -1);
                    }
                    int claim = 0;
                    while (claim + 1 < firstItemOfClaim.size() && firstItemOfClaim.get(claim + 1) <= i) {
                        claim++;
                    }
                    boolean cursor = i < firstItemOfClaim.get(claim) + cursorItemsOfClaim.get(claim);
                    Outcome outcome = code.equals("TransactionConflict") ? Outcome.CONFLICT
                            : cursor ? Outcome.CURSOR_MOVED : Outcome.LINE_CHANGED;
                    return new BatchOutcome(outcome, claim);
                }
            }
            throw e;
        }
    }

    /**
     * A claim's writes of the payee's cursors, each conditional on the version read: a shard where
     * postings were taken moves past them, and its claim range is put; a shard left with nothing claimable
     * leaves the due index; a shard whose claimable postings all wait for a later cutoff is left as it is
     * (a posting appended there now is after the cutoff too, and stays after its cursor).
     */
    private List<TransactWriteItem> cursorWrites(SortedMap<Integer, SettlementCursors.Cursor> read, Claim claim,
                                                 String runId, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        claim.shards().forEach((shard, moved) -> {
            SettlementCursors.Cursor cursor = read.get(shard);
            if (cursor == null) {
                throw new IllegalArgumentException("claim of " + claim.party() + " names shard " + shard + " it did not read");
            }
            if (moved.claimedThrough().isPresent()) {
                writes.add(TransactWriteItem.builder().update(cursors.claim(cursor, moved.claimedThrough().get(), runId,
                        moved.remainsClaimable())).build());
            } else if (!moved.remainsClaimable()) {
                writes.add(TransactWriteItem.builder().update(cursors.leaveDueIndex(cursor)).build());
            }
        });
        ClaimRange.of(claim, read, runId, now).forEach(range -> writes.add(TransactWriteItem.builder()
                .put(ranges.put(range)).build()));
        return writes;
    }

    private Put linePut(SettlementRun run, Claim claim, Instant now) {
        RunEntry line = new RunEntry(run.runId(), claim.party(), RunEntry.Kind.LINE, claim.amountFen(), claim.byAccount(),
                Optional.of(LineStatus.UNPAID), Optional.empty(), claim.claimedThrough(), Optional.empty(), Optional.empty());
        Map<String, AttributeValue> item = new HashMap<>(RunLines.toItem(run, line));
        item.put("claimedAt", Items.s(now.toString()));
        return Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR kind = :carried")
                .expressionAttributeValues(Map.of(":carried", Items.s(RunEntry.Kind.CARRIED.name()))).build();
    }

    /**
     * Moves a payee's cursors past postings that net to zero on every account, without a line (with their
     * claim ranges), and takes shards with nothing claimable left off the due index; false if a cursor moved
     * since {@code read}.
     */
    public boolean advance(SortedMap<Integer, SettlementCursors.Cursor> read, Claim claim, String runId, Instant now) {
        List<TransactWriteItem> writes = cursorWrites(read, claim, runId, now);
        if (writes.isEmpty()) {
            return true;
        }
        try {
            write(writes);
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** Lists a payee as carried in a building run (never over a line the run claimed). */
    public void carry(SettlementRun run, Claim claim) {
        String reason = claim.decision() == Claim.Decision.CARRY_NEGATIVE ? "NEGATIVE_BALANCE" : "BELOW_THRESHOLD";
        RunEntry carried = new RunEntry(run.runId(), claim.party(), RunEntry.Kind.CARRIED, claim.amountFen(),
                claim.byAccount(), Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty());
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(RunLines.toItem(run, carried))
                    .conditionExpression("attribute_not_exists(pk) OR kind = :carried")
                    .expressionAttributeValues(Map.of(":carried", Items.s(RunEntry.Kind.CARRIED.name())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        } catch (ConditionalCheckFailedException alreadyALine) {
            // an earlier pass of this build claimed the payee: the line stands
        }
    }

    /**
     * Finishes building a run once every slice is built: DRAFT, with the totals of its lines (what it had before its
     * slices, and their sum), only if it is still BUILDING; false if it was not.
     */
    public boolean finishBuild(SettlementRun stored, RunSlices.Totals slices, Instant now) {
        return update(Update.builder().tableName(table).key(runKey(stored.runId()))
                .updateExpression("SET #status = :draft, gsi1pk = :index, builtAt = :now, totalFen = :fen, lineCount = :lines"
                        + " REMOVE progressShard, progressParty")
                .conditionExpression("#status = :building").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":draft", Items.s(RunStatus.DRAFT.name()),
                        ":index", Items.s(statusIndex(RunStatus.DRAFT)), ":now", Items.s(now.toString()),
                        ":fen", Items.n(stored.totalFen() + slices.totalFen()),
                        ":lines", Items.n(stored.lineCount() + slices.lineCount()),
                        ":building", Items.s(RunStatus.BUILDING.name()))).build());
    }

    /**
     * Finishes cancelling a run once every slice has released its lines: CANCELLED, with the lines released, only if
     * it is still CANCELLING and they are all its lines; false otherwise.
     */
    public boolean finishRelease(SettlementRun stored, RunSlices.Totals slices, Instant now) {
        return update(Update.builder().tableName(table).key(runKey(stored.runId()))
                .updateExpression("SET #status = :cancelled, gsi1pk = :index, releasedAt = :now, releasedLines = :released")
                .conditionExpression("#status = :cancelling AND lineCount = :released")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":cancelled", Items.s(RunStatus.CANCELLED.name()),
                        ":index", Items.s(statusIndex(RunStatus.CANCELLED)), ":now", Items.s(now.toString()),
                        ":released", Items.n(stored.releasedLines() + slices.releasedLines()),
                        ":cancelling", Items.s(RunStatus.CANCELLING.name()))).build());
    }

    /**
     * Moves a run from one status to another, only if it is in {@code from} (and, for {@code PAID}, only once every
     * line is paid); false if it was not. A run becomes DRAFT and CANCELLED through {@link #finishBuild} and
     * {@link #finishRelease}, which sum its slices.
     */
    public boolean transition(String runId, RunStatus from, RunStatus to, Instant now, String by) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", Items.s(from.name()), ":to", Items.s(to.name()),
                ":index", Items.s(statusIndex(to)), ":now", Items.s(now.toString())));
        String condition = "#status = :from";
        if (to == RunStatus.PAID) {
            condition += " AND paidLines = lineCount";
        }
        String stamp = switch (to) {
            case APPROVED -> "approvedAt = :now, approvedBy = :by";
            case PAID -> "paidAt = :now";
            case CANCELLING -> "cancelledAt = :now, cancelledBy = :by";
            case BUILDING, DRAFT, CANCELLED -> throw new IllegalArgumentException("a run becomes " + to
                    + " from its slices: finishBuild or finishRelease");
        };
        if (stamp.contains(":by")) {
            values.put(":by", Items.s(by));
        }
        return update(Update.builder().tableName(table).key(runKey(runId))
                .updateExpression("SET #status = :to, gsi1pk = :index, " + stamp)
                .conditionExpression(condition).expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build());
    }

    /**
     * Releases a line of a cancelling run: the line becomes RELEASED and its amount goes back from
     * SETTLED to SETTLEABLE by a new posting (claimable by the next run, which the payee's cursor
     * touch records), counted in its slice, all in one transaction. Only a DRAFT run is cancelled and a cancelled run
     * is never paid, so the line's UNPAID condition is all a release needs of the run.
     */
    public Outcome release(SettlementRun run, RunEntry line, List<Posting> postings, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(slices.addRelease(run.runId(),
                PayeeSlices.of(line.party()))).build());
        writes.add(TransactWriteItem.builder().update(lineStatus(run, line.party(), LineStatus.UNPAID,
                LineStatus.RELEASED, "releasedAt = :now", Map.of(":now", Items.s(now.toString())))).build());
        writes.addAll(ledger.writes(postings, now));
        return outcome(writes, Outcome.RUN_CHANGED, Outcome.LINE_CHANGED, Outcome.CONFLICT);
    }

    /**
     * Records the payment of a line of an approved run: the line becomes PAID with its reference and
     * its amount moves from SETTLED to PAID_OUT, with the run's paid totals, in one transaction.
     */
    public Outcome pay(SettlementRun run, RunEntry line, String paymentRef, String paidBy, List<Posting> postings, Instant now) {
        return payAll(run, List.of(new Payment(line, paymentRef, postings)), paidBy, now).outcome();
    }

    /** A line to record paid: its reference and the postings that move it from SETTLED to PAID_OUT. */
    public record Payment(RunEntry line, String paymentRef, List<Posting> postings) {

        /** Transaction items it takes: the line and its postings. */
        public int items() {
            return 1 + postings.size();
        }
    }

    /**
     * Records several payments in ONE transaction, each exactly as {@link #pay} does: the run's paid
     * totals once (for all of them), then each line's status and its postings. A failed condition fails
     * them all; the outcome names the payment whose line had changed.
     */
    public BatchOutcome payAll(SettlementRun run, List<Payment> payments, String paidBy, Instant now) {
        long fen = payments.stream().mapToLong(p -> p.line().amountFen()).sum();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(runKey(run.runId()))
                .updateExpression("ADD paidLines :n, paidFen :fen").conditionExpression("#status = :approved")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":n", Items.n(payments.size()), ":fen", Items.n(fen),
                        ":approved", Items.s(RunStatus.APPROVED.name())))
                .build()).build());
        List<Integer> lineItems = new ArrayList<>();
        for (Payment payment : payments) {
            lineItems.add(writes.size());
            // a paid line's earlier bank refusal is history: the failure view lists unpaid lines only
            writes.add(TransactWriteItem.builder().update(lineStatus(run, payment.line().party(), LineStatus.UNPAID,
                    LineStatus.PAID, "paymentRef = :ref, paidAt = :now, paidBy = :by REMOVE failureReason, failureBankRef, failedAt",
                    Map.of(":ref", Items.s(payment.paymentRef()), ":now", Items.s(now.toString()), ":by", Items.s(paidBy))))
                    .build());
            writes.addAll(ledger.writes(payment.postings(), now));
        }
        if (writes.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException(writes.size() + " items do not fit one transaction");
        }
        try {
            write(writes);
            return new BatchOutcome(Outcome.APPLIED, -1);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    if (i == 0) {
                        return new BatchOutcome(Outcome.RUN_CHANGED, -1);
                    }
                    int payment = 0;
                    while (payment + 1 < lineItems.size() && lineItems.get(payment + 1) <= i) {
                        payment++;
                    }
                    return new BatchOutcome(Outcome.LINE_CHANGED, payment);
                }
            }
            if (reasons.stream().map(CancellationReason::code).anyMatch("TransactionConflict"::equals)) {
                return new BatchOutcome(Outcome.CONFLICT, -1);
            }
            throw e;
        }
    }

    /** A bank's refusal of an unpaid line, to record on it. */
    public record Refusal(String party, String reason, Optional<String> bankRef) {
    }

    /**
     * Records the bank's refusals on lines still UNPAID, in ONE transaction (no money moves: the line stays
     * owed and the next payment file carries it); LINE_CHANGED names none, so the caller records them one by one.
     */
    public Outcome refuseAll(SettlementRun run, List<Refusal> refusals, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Refusal refusal : refusals) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":reason", Items.s(refusal.reason()),
                    ":now", Items.s(now.toString()), ":unpaid", Items.s(LineStatus.UNPAID.name()),
                    ":line", Items.s(RunEntry.Kind.LINE.name())));
            String set = "SET failureReason = :reason, failedAt = :now";
            if (refusal.bankRef().isPresent()) {
                values.put(":bankRef", Items.s(refusal.bankRef().get()));
                set += ", failureBankRef = :bankRef";
            } else {
                set += " REMOVE failureBankRef";
            }
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(RunLines.key(run, refusal.party())).updateExpression(set)
                    .conditionExpression("kind = :line AND #status = :unpaid")
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values).build())
                    .build());
        }
        try {
            write(writes);
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.cancellationReasons().stream().map(r -> String.valueOf(r.code())).toList();
            if (codes.contains("ConditionalCheckFailed")) {
                return Outcome.LINE_CHANGED;
            }
            if (codes.contains("TransactionConflict")) {
                return Outcome.CONFLICT;
            }
            throw e;
        }
    }

    /** When a bank results file (by its SHA-256) was recorded for a run, if it was. */
    public Optional<Instant> resultsImportedAt(String runId, String fileSha256) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("RUN#" + runId, "RESULTS#" + fileSha256)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(item.get("importedAt").s()));
    }

    /**
     * Marks a bank results file as wholly recorded, and counts it on the run (the next payment file's batch
     * number), in one transaction; false when it was marked already.
     */
    public boolean markResultsImported(String runId, String fileSha256, long paid, long failed, String by, Instant now) {
        Put marker = Put.builder().tableName(table).item(Items.builder()
                        .s("pk", "RUN#" + runId).s("sk", "RESULTS#" + fileSha256).s("runId", runId)
                        .n("paidLines", paid).n("failedLines", failed).s("importedAt", now.toString()).s("importedBy", by)
                        .build())
                .conditionExpression("attribute_not_exists(pk)").build();
        Update count = Update.builder().tableName(table).key(runKey(runId)).updateExpression("ADD resultImports :one")
                .expressionAttributeValues(Map.of(":one", Items.n(1))).build();
        try {
            write(List.of(TransactWriteItem.builder().put(marker).build(), TransactWriteItem.builder().update(count).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (reason(e, 0).equals("ConditionalCheckFailed")) {
                return false;
            }
            throw e;
        }
    }

    /** A page of runs, newest first, and the position to continue after when more follow. */
    public record RunPage(List<SettlementRun> runs, Optional<String> next) {
    }

    /**
     * Runs newest first, created within [{@code from}, {@code to}], of one status or of all: from gsi1, where
     * runs are listed by status and creation time. With no status it merges the newest of each status
     * partition (one query each, six in all), so it never scans. {@code after} is a position a previous page
     * answered ({@code {createdAt}#{runId}}). A run changing status between pages may show twice or not at all.
     */
    public RunPage list(Optional<RunStatus> status, Optional<Instant> from, Optional<Instant> to, Optional<String> after,
                        int limit) {
        String low = from.map(SortableTime::of).orElse("0");
        String high = to.map(t -> SortableTime.of(t) + "#~").orElse("9999");
        if (after.isPresent() && after.get().compareTo(high) < 0) {
            high = after.get();
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        if (low.compareTo(high) <= 0) {
            for (RunStatus each : status.map(List::of).orElse(List.of(RunStatus.values()))) {
                // one more than a page, and one more again for the run at "after" itself
                found.addAll(dynamoDb.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :status AND gsi1sk BETWEEN :low AND :high")
                        .expressionAttributeValues(Map.of(":status", Items.s(statusIndex(each)), ":low", Items.s(low),
                                ":high", Items.s(high)))
                        .scanIndexForward(false).limit(limit + 2).build()).items());
            }
        }
        List<Map<String, AttributeValue>> newest = found.stream()
                .filter(item -> after.isEmpty() || item.get("gsi1sk").s().compareTo(after.get()) < 0)
                .sorted((a, b) -> b.get("gsi1sk").s().compareTo(a.get("gsi1sk").s()))
                .toList();
        List<SettlementRun> page = newest.stream().limit(limit).map(SettlementRepository::runOf).toList();
        Optional<String> next = newest.size() > limit
                ? Optional.of(newest.get(limit - 1).get("gsi1sk").s()) : Optional.empty();
        return new RunPage(page, next);
    }

    /** Runs in a status, oldest first. */
    public List<SettlementRun> withStatus(RunStatus status) {
        List<SettlementRun> runs = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :status")
                        .expressionAttributeValues(Map.of(":status", Items.s(statusIndex(status)))).build())
                .items().forEach(item -> runs.add(runOf(item)));
        return runs;
    }

    /**
     * Hands the runs, run entries and payee cursors of the table to the consumers, reading at most {@code maxItems}
     * items of any kind: for the whole-ledger reconciliation. Answers the items read ({@code maxItems} when it stopped
     * there).
     */
    public long forEachItem(Consumer<SettlementRun> runs, Consumer<RunEntry> entries,
                            Consumer<StoredCursor> storedCursors, long maxItems) {
        long read = 0;
        // a run that builds or releases is handed on with its slices' totals, once the scan has met them all
        Map<String, SettlementRun> inProgress = new java.util.LinkedHashMap<>();
        Map<String, List<RunSlices.Slice>> slicesOf = new HashMap<>();
        var items = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().iterator();
        while (read < maxItems && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            read++;
            String pk = item.get("pk").s();
            String sk = item.get("sk").s();
            if (pk.startsWith("RUN#") && sk.equals("RUN")) {
                SettlementRun run = runOf(item);
                if (inProgress(run.status())) {
                    inProgress.put(run.runId(), run);
                } else {
                    runs.accept(run);
                }
            } else if (RunSlices.isSlice(item)) {
                slicesOf.computeIfAbsent(item.get("runId").s(), id -> new ArrayList<>()).add(RunSlices.sliceOf(item));
            } else if (RunLines.isEntry(item)) {
                entries.accept(RunLines.entryOf(item));
            } else if (pk.startsWith("SETTLECURSOR#")) {
                storedCursors.accept(new StoredCursor(item.get("party").s(), (int) Items.longOf(item, "shard"),
                        Optional.ofNullable(item.get("claimedThrough")).map(AttributeValue::s)));
            }
        }
        inProgress.values().forEach(run -> runs.accept(run.plus(RunSlices.sum(slicesOf.getOrDefault(run.runId(), List.of())))));
        return read;
    }

    /** A payee's cursor of one ledger shard as reconciliation sees it. */
    public record StoredCursor(String party, int shard, Optional<String> claimedThrough) {
    }

    private Update lineStatus(SettlementRun run, String party, LineStatus from, LineStatus to, String set,
                              Map<String, AttributeValue> setValues) {
        Map<String, AttributeValue> values = new HashMap<>(setValues);
        values.put(":from", Items.s(from.name()));
        values.put(":to", Items.s(to.name()));
        values.put(":line", Items.s(RunEntry.Kind.LINE.name()));
        return Update.builder().tableName(table).key(RunLines.key(run, party))
                .updateExpression("SET #status = :to, " + set)
                .conditionExpression("kind = :line AND #status = :from")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build();
    }

    private static String statusIndex(RunStatus status) {
        return "RUNSTATUS#" + status.name();
    }

    private boolean update(Update update) {
        try {
            var response = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.hasExpressionAttributeNames() ? update.expressionAttributeNames() : null)
                    .expressionAttributeValues(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
            capacity.write(List.of(response.consumedCapacity()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Runs the transaction; a failed condition on item 0, 1 or 2 answers the matching outcome. */
    private Outcome outcome(List<TransactWriteItem> writes, Outcome first, Outcome second, Outcome third) {
        try {
            write(writes);
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            List<Outcome> byItem = List.of(first, second, third);
            for (int i = 0; i < e.cancellationReasons().size(); i++) {
                if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(i).code())) {
                    return i < byItem.size() ? byItem.get(i) : Outcome.CONFLICT;
                }
            }
            if (e.cancellationReasons().stream().map(CancellationReason::code).anyMatch("TransactionConflict"::equals)) {
                return Outcome.CONFLICT;
            }
            throw e;
        }
    }

    private void write(List<TransactWriteItem> writes) {
        var response = dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        capacity.write(response.consumedCapacity());
        capacity.transaction(writes.size());
    }

    private static String reason(TransactionCanceledException e, int index) {
        return e.cancellationReasons().size() > index ? String.valueOf(e.cancellationReasons().get(index).code()) : "";
    }

    static Map<String, AttributeValue> toItem(SettlementRun run) {
        Items.Builder item = Items.builder()
                .s("pk", "RUN#" + run.runId()).s("sk", "RUN")
                .s("gsi1pk", statusIndex(run.status())).s("gsi1sk", SortableTime.of(run.createdAt()) + "#" + run.runId())
                .s("runId", run.runId()).s("status", run.status().name()).s("cutoff", run.cutoff().toString())
                .s("idempotencyKey", run.idempotencyKey()).s("createdAt", run.createdAt().toString())
                .s("createdBy", run.createdBy())
                .n("totalFen", run.totalFen()).n("lineCount", run.lineCount()).n("paidLines", run.paidLines())
                .n("paidFen", run.paidFen()).n("releasedLines", run.releasedLines()).n("lineSlices", run.lineSlices())
                .n("resultImports", run.resultImports());
        return item.build();
    }

    static SettlementRun runOf(Map<String, AttributeValue> item) {
        return new SettlementRun(item.get("runId").s(), RunStatus.valueOf(item.get("status").s()),
                Instant.parse(item.get("cutoff").s()), item.get("idempotencyKey").s(), Instant.parse(item.get("createdAt").s()),
                item.get("createdBy").s(), Items.longOf(item, "totalFen"), Items.longOf(item, "lineCount"),
                Items.longOf(item, "paidLines"), Items.longOf(item, "paidFen"), Items.longOf(item, "releasedLines"),
                Optional.ofNullable(item.get("approvedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("approvedBy")).map(AttributeValue::s),
                (int) Items.longOf(item, "lineSlices", 1), Items.longOf(item, "resultImports", 0));
    }
}
