package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
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
 * {@code RUNSTATUS#{status}} by creation time), one entry per payee ({@code RUN#{runId} / PARTY#{party}}:
 * a line or a carried payee), and the idempotency key of the request that created it
 * ({@code RUNKEY#{key} / RUNKEY}), and a marker per bank results file recorded ({@code RUN#{runId} /
 * RESULTS#{sha256}}). Every change of a line is one transaction with the run's totals,
 * the payee's settlement cursors (one per ledger shard) where they move, and the postings that move the money.
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
    private final CapacityMeter capacity;
    private final String table;

    public SettlementRepository(DynamoDbClient dynamoDb, LedgerRepository ledger, CapacityMeter capacity) {
        this.dynamoDb = dynamoDb;
        this.ledger = ledger;
        this.cursors = new SettlementCursors(dynamoDb);
        this.ranges = new ClaimRangeRepository(dynamoDb);
        this.capacity = capacity;
        this.table = Tables.SETTLEMENT.tableName();
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

    static Map<String, AttributeValue> entryKey(String runId, String party) {
        return Items.key("RUN#" + runId, "PARTY#" + party);
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

    public Optional<SettlementRun> find(String runId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(runKey(runId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(runOf(item));
    }

    /** The run an idempotency key created, if any. */
    public Optional<String> runIdForKey(String idempotencyKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("RUNKEY#" + idempotencyKey, "RUNKEY")).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("runId").s());
    }

    public Optional<RunEntry> entry(String runId, String party) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(entryKey(runId, party)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entryOf(item));
    }

    /** At most {@code limit} entries of a run in payee order, after the entry of {@code afterParty}. */
    public EntryPage entries(String runId, Optional<String> afterParty, int limit) {
        Map<String, AttributeValue> start = afterParty.map(p -> entryKey(runId, p)).orElse(null);
        List<RunEntry> entries = new ArrayList<>();
        do {
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :run AND begins_with(sk, :party)")
                    .expressionAttributeValues(Map.of(":run", Items.s("RUN#" + runId), ":party", Items.s("PARTY#")))
                    .exclusiveStartKey(start).limit(limit + 1 - entries.size()).build());
            response.items().forEach(item -> entries.add(entryOf(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && entries.size() <= limit);
        if (entries.size() > limit) {
            List<RunEntry> page = List.copyOf(entries.subList(0, limit));
            return new EntryPage(page, Optional.of(page.get(limit - 1).party()));
        }
        return new EntryPage(List.copyOf(entries), Optional.empty());
    }

    /** Every entry of a run, in payee order, read {@code pageSize} at a time. */
    public List<RunEntry> allEntries(String runId, int pageSize) {
        List<RunEntry> entries = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            EntryPage page = entries(runId, after, pageSize);
            entries.addAll(page.entries());
            after = page.next();
        } while (after.isPresent());
        return entries;
    }

    /** Entries of a run in payee order, and the payee to continue after when more follow. */
    public record EntryPage(List<RunEntry> entries, Optional<String> next) {
    }

    /**
     * Claims a payee's postings for a building run, in one transaction: the run's totals and build
     * progress (if it is still BUILDING), the payee's cursors of the shards claimed (if no one touched
     * them since {@code read}), the line (unless the run already has one for the payee), and the
     * postings that move the amount from SETTLEABLE to SETTLED.
     */
    public Outcome claim(SettlementRun run, SortedMap<Integer, SettlementCursors.Cursor> read, Claim claim,
                         List<Posting> postings, int shard, Instant now) {
        return claimAll(run, List.of(new PreparedClaim(read, claim, postings)), shard, now).outcome();
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

    /** Transaction items a batch of claims may take, the run's totals included (DynamoDB allows 100). */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * Claims several payees for a building run in ONE transaction: the run's totals once, then each
     * payee's cursor writes, line and postings as in {@link #claim}. Any failed condition fails them all;
     * the outcome names which claim failed, so the caller can retry the others.
     */
    public BatchOutcome claimAll(SettlementRun run, List<PreparedClaim> claims, int shard, Instant now) {
        long total = claims.stream().mapToLong(c -> c.claim().amountFen()).sum();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(runKey(run.runId()))
                .updateExpression("ADD totalFen :fen, lineCount :lines SET progressShard = :shard, progressParty = :party")
                .conditionExpression("#status = :building")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":fen", Items.n(total), ":lines", Items.n(claims.size()),
                        ":shard", Items.n(shard), ":party", Items.s(claims.get(claims.size() - 1).claim().party()),
                        ":building", Items.s(RunStatus.BUILDING.name())))
                .build()).build());
        List<Integer> firstItemOfClaim = new ArrayList<>();
        List<Integer> cursorItemsOfClaim = new ArrayList<>();
        for (PreparedClaim prepared : claims) {
            firstItemOfClaim.add(writes.size());
            Claim claim = prepared.claim();
            List<TransactWriteItem> cursorWrites = cursorWrites(prepared.cursors(), claim, run.runId(), now);
            cursorItemsOfClaim.add(cursorWrites.size());
            writes.addAll(cursorWrites);
            writes.add(TransactWriteItem.builder().put(linePut(run.runId(), claim, now)).build());
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

    private Put linePut(String runId, Claim claim, Instant now) {
        RunEntry line = new RunEntry(runId, claim.party(), RunEntry.Kind.LINE, claim.amountFen(), claim.byAccount(),
                Optional.of(LineStatus.UNPAID), Optional.empty(), claim.claimedThrough(), Optional.empty(), Optional.empty());
        Map<String, AttributeValue> item = new HashMap<>(toItem(line));
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
    public void carry(String runId, Claim claim) {
        String reason = claim.decision() == Claim.Decision.CARRY_NEGATIVE ? "NEGATIVE_BALANCE" : "BELOW_THRESHOLD";
        RunEntry carried = new RunEntry(runId, claim.party(), RunEntry.Kind.CARRIED, claim.amountFen(),
                claim.byAccount(), Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty());
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(toItem(carried))
                    .conditionExpression("attribute_not_exists(pk) OR kind = :carried")
                    .expressionAttributeValues(Map.of(":carried", Items.s(RunEntry.Kind.CARRIED.name())))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        } catch (ConditionalCheckFailedException alreadyALine) {
            // an earlier pass of this build claimed the payee: the line stands
        }
    }

    /** Records how far a build has got, while the run is still BUILDING. */
    public void saveProgress(String runId, int shard, Optional<String> party) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":shard", Items.n(shard),
                ":building", Items.s(RunStatus.BUILDING.name())));
        String expression = "SET progressShard = :shard";
        if (party.isPresent()) {
            values.put(":party", Items.s(party.get()));
            expression += ", progressParty = :party";
        } else {
            expression += " REMOVE progressParty";
        }
        update(Update.builder().tableName(table).key(runKey(runId)).updateExpression(expression)
                .conditionExpression("#status = :building").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build());
    }

    /**
     * Moves a run from one status to another, only if it is in {@code from} (and, for {@code PAID} and
     * {@code CANCELLED}, only once every line is paid or released); false if it was not.
     */
    public boolean transition(String runId, RunStatus from, RunStatus to, Instant now, String by) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":from", Items.s(from.name()), ":to", Items.s(to.name()),
                ":index", Items.s(statusIndex(to)), ":now", Items.s(now.toString())));
        String condition = "#status = :from";
        if (to == RunStatus.PAID) {
            condition += " AND paidLines = lineCount";
        } else if (to == RunStatus.CANCELLED) {
            condition += " AND releasedLines = lineCount";
        }
        String stamp = switch (to) {
            case DRAFT -> "builtAt = :now";
            case APPROVED -> "approvedAt = :now, approvedBy = :by";
            case PAID -> "paidAt = :now";
            case CANCELLING -> "cancelledAt = :now, cancelledBy = :by";
            case CANCELLED -> "releasedAt = :now";
            case BUILDING -> throw new IllegalArgumentException("a run never goes back to BUILDING");
        };
        if (stamp.contains(":by")) {
            values.put(":by", Items.s(by));
        }
        return update(Update.builder().tableName(table).key(runKey(runId))
                .updateExpression("SET #status = :to, gsi1pk = :index, " + stamp + " REMOVE progressShard, progressParty")
                .conditionExpression(condition).expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build());
    }

    /**
     * Releases a line of a cancelling run: the line becomes RELEASED and its amount goes back from
     * SETTLED to SETTLEABLE by a new posting (claimable by the next run, which the payee's cursor
     * touch records), all in one transaction.
     */
    public Outcome release(String runId, RunEntry line, List<Posting> postings, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(runKey(runId))
                .updateExpression("ADD releasedLines :one").conditionExpression("#status = :cancelling")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":cancelling", Items.s(RunStatus.CANCELLING.name())))
                .build()).build());
        writes.add(TransactWriteItem.builder().update(lineStatus(runId, line.party(), LineStatus.UNPAID,
                LineStatus.RELEASED, "releasedAt = :now", Map.of(":now", Items.s(now.toString())))).build());
        writes.addAll(ledger.writes(postings, now));
        return outcome(writes, Outcome.RUN_CHANGED, Outcome.LINE_CHANGED, Outcome.CONFLICT);
    }

    /**
     * Records the payment of a line of an approved run: the line becomes PAID with its reference and
     * its amount moves from SETTLED to PAID_OUT, with the run's paid totals, in one transaction.
     */
    public Outcome pay(String runId, RunEntry line, String paymentRef, String paidBy, List<Posting> postings, Instant now) {
        return payAll(runId, List.of(new Payment(line, paymentRef, postings)), paidBy, now).outcome();
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
    public BatchOutcome payAll(String runId, List<Payment> payments, String paidBy, Instant now) {
        long fen = payments.stream().mapToLong(p -> p.line().amountFen()).sum();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(runKey(runId))
                .updateExpression("ADD paidLines :n, paidFen :fen").conditionExpression("#status = :approved")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":n", Items.n(payments.size()), ":fen", Items.n(fen),
                        ":approved", Items.s(RunStatus.APPROVED.name())))
                .build()).build());
        List<Integer> lineItems = new ArrayList<>();
        for (Payment payment : payments) {
            lineItems.add(writes.size());
            // a paid line's earlier bank refusal is history: the failure view lists unpaid lines only
            writes.add(TransactWriteItem.builder().update(lineStatus(runId, payment.line().party(), LineStatus.UNPAID,
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
    public Outcome refuseAll(String runId, List<Refusal> refusals, Instant now) {
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
                    .key(entryKey(runId, refusal.party())).updateExpression(set)
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
        var items = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().iterator();
        while (read < maxItems && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            read++;
            String pk = item.get("pk").s();
            String sk = item.get("sk").s();
            if (pk.startsWith("RUN#") && sk.equals("RUN")) {
                runs.accept(runOf(item));
            } else if (pk.startsWith("RUN#") && sk.startsWith("PARTY#")) {
                entries.accept(entryOf(item));
            } else if (pk.startsWith("SETTLECURSOR#")) {
                storedCursors.accept(new StoredCursor(item.get("party").s(), (int) Items.longOf(item, "shard"),
                        Optional.ofNullable(item.get("claimedThrough")).map(AttributeValue::s)));
            }
        }
        return read;
    }

    /** A payee's cursor of one ledger shard as reconciliation sees it. */
    public record StoredCursor(String party, int shard, Optional<String> claimedThrough) {
    }

    private Update lineStatus(String runId, String party, LineStatus from, LineStatus to, String set,
                              Map<String, AttributeValue> setValues) {
        Map<String, AttributeValue> values = new HashMap<>(setValues);
        values.put(":from", Items.s(from.name()));
        values.put(":to", Items.s(to.name()));
        values.put(":line", Items.s(RunEntry.Kind.LINE.name()));
        return Update.builder().tableName(table).key(entryKey(runId, party))
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
                .n("paidFen", run.paidFen()).n("releasedLines", run.releasedLines()).n("progressShard", run.progressShard())
                .n("resultImports", run.resultImports());
        run.progressParty().ifPresent(p -> item.s("progressParty", p));
        return item.build();
    }

    static SettlementRun runOf(Map<String, AttributeValue> item) {
        return new SettlementRun(item.get("runId").s(), RunStatus.valueOf(item.get("status").s()),
                Instant.parse(item.get("cutoff").s()), item.get("idempotencyKey").s(), Instant.parse(item.get("createdAt").s()),
                item.get("createdBy").s(), Items.longOf(item, "totalFen"), Items.longOf(item, "lineCount"),
                Items.longOf(item, "paidLines"), Items.longOf(item, "paidFen"), Items.longOf(item, "releasedLines"),
                Optional.ofNullable(item.get("approvedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("approvedBy")).map(AttributeValue::s),
                item.containsKey("progressShard") ? (int) Items.longOf(item, "progressShard") : 0,
                Optional.ofNullable(item.get("progressParty")).map(AttributeValue::s),
                item.containsKey("resultImports") ? Items.longOf(item, "resultImports") : 0);
    }

    static Map<String, AttributeValue> toItem(RunEntry entry) {
        Map<String, AttributeValue> accounts = new HashMap<>();
        entry.byAccount().forEach((type, fen) -> accounts.put(type.name(), Items.n(fen)));
        Items.Builder item = Items.builder()
                .s("pk", "RUN#" + entry.runId()).s("sk", "PARTY#" + entry.party())
                .s("runId", entry.runId()).s("party", entry.party()).s("kind", entry.kind().name())
                .n("amountFen", entry.amountFen()).attr("accounts", Items.map(accounts));
        if (entry.isLine()) {
            item.s("lineId", entry.lineId());
        }
        entry.status().ifPresent(s -> item.s("status", s.name()));
        entry.carriedReason().ifPresent(r -> item.s("reason", r));
        entry.claimedThrough().ifPresent(c -> item.s("claimedThrough", c));
        entry.paymentRef().ifPresent(r -> item.s("paymentRef", r));
        entry.paidAt().ifPresent(at -> item.s("paidAt", at.toString()));
        entry.failure().ifPresent(f -> {
            item.s("failureReason", f.reason()).s("failedAt", f.at().toString());
            f.bankRef().ifPresent(ref -> item.s("failureBankRef", ref));
        });
        return item.build();
    }

    static RunEntry entryOf(Map<String, AttributeValue> item) {
        SortedMap<AccountType, Long> accounts = new TreeMap<>();
        item.get("accounts").m().forEach((type, fen) -> accounts.put(AccountType.valueOf(type), Long.parseLong(fen.n())));
        return new RunEntry(item.get("runId").s(), item.get("party").s(), RunEntry.Kind.valueOf(item.get("kind").s()),
                Items.longOf(item, "amountFen"), accounts,
                Optional.ofNullable(item.get("status")).map(v -> LineStatus.valueOf(v.s())),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s),
                Optional.ofNullable(item.get("claimedThrough")).map(AttributeValue::s),
                Optional.ofNullable(item.get("paymentRef")).map(AttributeValue::s),
                Optional.ofNullable(item.get("paidAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("failureReason")).map(reason -> new RunEntry.Failure(reason.s(),
                        Optional.ofNullable(item.get("failureBankRef")).map(AttributeValue::s),
                        Instant.parse(item.get("failedAt").s()))));
    }
}
