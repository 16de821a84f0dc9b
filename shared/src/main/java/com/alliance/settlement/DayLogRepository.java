package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.PostingState;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The ledger's day log and the day checkpoints, in the settlement table (which has no stream, so writing
 * them feeds nothing back):
 * <ul>
 *   <li>{@code LEDGERLOG#{day}#{slice}} / {@code {first postingId}}: a part of the log ({@link LedgerDayLog});</li>
 *   <li>{@code LEDGERLOG#DAYS} / {@code DAY#{day}}: a day that has postings, written once per day and process;</li>
 *   <li>{@code RECONDAY#{day}} / {@code SLICE#{slice}}: a checked slice of a day, until the day closes;</li>
 *   <li>{@code RECONDAY#{day}} / {@code CLAIMS#{slice}}: how far the check of a slice's claim ranges got, when a
 *       work item stopped in the middle of it;</li>
 *   <li>{@code RECONDAY#{day}} / {@code PROGRESS#{slice}}: how far the rest of a slice's check got (its runs, then
 *       the balance checkpoints it owns), likewise;</li>
 *   <li>{@code RECONDAY#{day}#TOUCH#{owner}} / {@code {fromSlice}#{part}}: the party shards a slice's postings are on,
 *       for the slice that owns their balance checkpoints; {@code RECONDAY#{day}} / {@code CHECKPOINTED#{slice}}: that
 *       slice took them;</li>
 *   <li>{@code RECONCILED} / {@code DAY#{day}}: a day's checkpoint, written once.</li>
 * </ul>
 */
public final class DayLogRepository {

    private static final String DAYS = "LEDGERLOG#DAYS";
    private static final String CHECKPOINTS = "RECONCILED";

    private final DynamoDbClient dynamoDb;
    private final String table;
    /** Days this process has already marked: a day's marker is written about once per container, not per batch. */
    private final Set<LocalDate> markedDays = ConcurrentHashMap.newKeySet();

    public DayLogRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    static String logKey(LocalDate day, int slice) {
        return "LEDGERLOG#" + day + "#" + String.format("%02d", slice);
    }

    /** Writes a part of the log (again, for a retried batch: the same key holds the same postings). */
    public void append(LedgerDayLog.Part part) {
        if (!markedDays.contains(part.day())) {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(Items.builder().s("pk", DAYS).s("sk", "DAY#" + part.day()).s("day", part.day().toString()).build())
                    .build());
            markedDays.add(part.day());
        }
        List<AttributeValue> postings = new ArrayList<>();
        for (LoggedPosting p : part.postings()) {
            postings.add(Items.list(List.of(Items.s(p.postingId()), Items.s(p.cause()), Items.s(p.eventId()),
                    Items.s(p.accountType().name()), Items.s(p.party()), Items.s(p.state().name()), Items.n(p.amountFen()))));
        }
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder()
                .s("pk", logKey(part.day(), part.slice())).s("sk", part.key())
                .s("firstSequence", part.firstSequence()).attr("postings", Items.list(postings)).build()).build());
    }

    /** The postings logged for a day's slice, one per posting id. */
    public List<LoggedPosting> slicePostings(LocalDate day, int slice) {
        Map<String, LoggedPosting> unique = new LinkedHashMap<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(logKey(day, slice)))).build())
                .items().forEach(item -> item.get("postings").l().forEach(value -> {
                    List<AttributeValue> f = value.l();
                    unique.putIfAbsent(f.get(0).s(), new LoggedPosting(f.get(0).s(), f.get(1).s(), f.get(2).s(),
                            AccountType.valueOf(f.get(3).s()), f.get(4).s(), PostingState.valueOf(f.get(5).s()),
                            Long.parseLong(f.get(6).n())));
                }));
        return List.copyOf(unique.values());
    }

    /** Days with postings after {@code after}, oldest first, at most {@code limit}. */
    public List<LocalDate> loggedDaysAfter(Optional<LocalDate> after, int limit) {
        List<LocalDate> days = new ArrayList<>();
        dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND sk > :after").limit(limit)
                        .expressionAttributeValues(Map.of(":pk", Items.s(DAYS),
                                ":after", Items.s("DAY#" + after.map(LocalDate::toString).orElse("")))).build())
                .items().forEach(item -> days.add(LocalDate.parse(item.get("day").s())));
        return days;
    }

    public Map<Integer, DayCheck.Slice> slices(LocalDate day) {
        Map<Integer, DayCheck.Slice> slices = new TreeMap<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :slice)")
                        .expressionAttributeValues(Map.of(":pk", Items.s("RECONDAY#" + day), ":slice", Items.s("SLICE#"))).build())
                .items().forEach(item -> {
                    DayCheck.Slice slice = new DayCheck.Slice((int) Items.longOf(item, "slice"),
                            Items.longOf(item, "postings"), Items.longOf(item, "debitsFen"), Items.longOf(item, "creditsFen"),
                            states(item.get("byState")), states(item.get("owedToPayees")), Items.longOf(item, "causes"),
                            Items.longOf(item, "unbalancedCauseCount"), imbalances(item.get("unbalancedCauses")),
                            Items.longOf(item, "unbalancedEvents"),
                            item.get("runs").l().stream().map(AttributeValue::s).toList(), claimChecksOf(item),
                            item.containsKey("runsChecked") ? Optional.of(runChecksOf(item)) : Optional.empty());
                    slices.put(slice.slice(), slice);
                });
        return slices;
    }

    public void saveSlice(LocalDate day, DayCheck.Slice slice) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder()
                .s("pk", "RECONDAY#" + day).s("sk", String.format("SLICE#%02d", slice.slice())).n("slice", slice.slice())
                .n("postings", slice.postings()).n("debitsFen", slice.debitsFen()).n("creditsFen", slice.creditsFen())
                .attr("byState", states(slice.byState())).attr("owedToPayees", states(slice.owedToPayees()))
                .n("causes", slice.causes()).n("unbalancedCauseCount", slice.unbalancedCauseCount())
                .attr("unbalancedCauses", imbalances(slice.unbalancedCauses())).n("unbalancedEvents", slice.unbalancedEvents())
                .attr("runs", Items.list(slice.runs().stream().map(Items::s).toList()))
                .attrs(claimChecks(slice.claims()))
                .attrs(slice.runChecks().map(DayLogRepository::runChecks).orElse(Map.of()))
                .build()).build());
    }

    /** Party shards a touch item lists at most: about 300 KB of ids and numbers. */
    static final int TOUCHED_PER_ITEM = 10_000;

    /**
     * Keeps which party shards a slice's postings are on, for the slices that checkpoint them ({@code owner}, by party
     * shard): {@code RECONDAY#{day}#TOUCH#{owner}} / {@code {fromSlice}#{part}}, written once by the slice's worker,
     * so no item is written by two slices.
     */
    public void saveTouched(LocalDate day, int fromSlice, Map<Integer, List<Map.Entry<String, Integer>>> byOwner) {
        byOwner.forEach((owner, partyShards) -> {
            for (int part = 0; part * TOUCHED_PER_ITEM < partyShards.size(); part++) {
                List<Map.Entry<String, Integer>> items = partyShards.subList(part * TOUCHED_PER_ITEM,
                        Math.min(partyShards.size(), (part + 1) * TOUCHED_PER_ITEM));
                dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder()
                        .s("pk", touchPartition(day, owner)).s("sk", String.format("%02d#%d", fromSlice, part))
                        .attr("parties", Items.list(items.stream().map(e -> Items.s(e.getKey())).toList()))
                        .attr("shards", Items.list(items.stream().map(e -> Items.n(e.getValue())).toList())).build()).build());
            }
        });
    }

    /** The party shards a slice checkpoints for a day: those every slice's postings are on that it owns, each once, sorted. */
    public List<Map.Entry<String, Integer>> touched(LocalDate day, int owner) {
        java.util.SortedSet<Map.Entry<String, Integer>> touched = new java.util.TreeSet<>(
                Map.Entry.<String, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(touchPartition(day, owner)))).build())
                .items().forEach(item -> {
                    List<AttributeValue> parties = item.get("parties").l();
                    List<AttributeValue> shards = item.get("shards").l();
                    for (int i = 0; i < parties.size(); i++) {
                        touched.add(Map.entry(parties.get(i).s(), Integer.parseInt(shards.get(i).n())));
                    }
                });
        return List.copyOf(touched);
    }

    private static String touchPartition(LocalDate day, int owner) {
        return "RECONDAY#" + day + "#TOUCH#" + String.format("%02d", owner);
    }

    /** Marks that a slice has checkpointed the party shards it owns for a day. */
    public void markCheckpointed(LocalDate day, int slice) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder()
                .s("pk", "RECONDAY#" + day).s("sk", String.format("CHECKPOINTED#%02d", slice)).n("slice", slice).build())
                .build());
    }

    /** The slices that have checkpointed the party shards they own for a day. */
    public java.util.Set<Integer> checkpointedSlices(LocalDate day) {
        java.util.Set<Integer> slices = new java.util.TreeSet<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :done)")
                        .expressionAttributeValues(Map.of(":pk", Items.s("RECONDAY#" + day), ":done", Items.s("CHECKPOINTED#")))
                        .build())
                .items().forEach(item -> slices.add((int) Items.longOf(item, "slice")));
        return slices;
    }

    /**
     * How far a slice's check has got past its claim ranges, while a work item stopped at its deadline in the middle:
     * the balance checkpoints of the first {@code checkpointed} party shards of its postings (in their sorted order) are
     * taken; of its runs, the first {@code runsDone} are checked whole and the next one through its payee slice
     * {@code runSlice} (exclusive), with what those came to ({@code checked}) and what that run's lines add up to so
     * far ({@code sums}).
     */
    public record SliceProgress(long checkpointed, int runsDone, int runSlice, DayCheck.RunChecks checked,
                                Reconciliation.LineSums sums) {

        public static final SliceProgress START = new SliceProgress(0, 0, 0, DayCheck.RunChecks.NONE,
                Reconciliation.LineSums.NONE);
    }

    /** Where a slice's check stands past its claim ranges ({@link SliceProgress#START} when no work item saved any). */
    public SliceProgress sliceProgress(LocalDate day, int slice) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(sliceProgressKey(day, slice)).build()).item();
        if (item == null || item.isEmpty()) {
            return SliceProgress.START;
        }
        Map<String, AttributeValue> sums = item.get("sums").m();
        return new SliceProgress(Items.longOf(item, "checkpointed"), (int) Items.longOf(item, "runsDone"),
                (int) Items.longOf(item, "runSlice"), runChecksOf(item), new Reconciliation.LineSums(
                        Items.longOf(sums, "lines"), Items.longOf(sums, "totalFen"), Items.longOf(sums, "paidLines"),
                        Items.longOf(sums, "paidFen"), Items.longOf(sums, "releasedLines")));
    }

    public void saveSliceProgress(LocalDate day, int slice, SliceProgress progress) {
        Reconciliation.LineSums sums = progress.sums();
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder().attrs(sliceProgressKey(day, slice))
                .n("checkpointed", progress.checkpointed()).n("runsDone", progress.runsDone())
                .n("runSlice", progress.runSlice()).attrs(runChecks(progress.checked()))
                .attr("sums", Items.map(Map.of("lines", Items.n(sums.lines()), "totalFen", Items.n(sums.totalFen()),
                        "paidLines", Items.n(sums.paidLines()), "paidFen", Items.n(sums.paidFen()),
                        "releasedLines", Items.n(sums.releasedLines())))).build()).build());
    }

    private static Map<String, AttributeValue> sliceProgressKey(LocalDate day, int slice) {
        return Items.key("RECONDAY#" + day, String.format("PROGRESS#%02d", slice));
    }

    private static Map<String, AttributeValue> runChecks(DayCheck.RunChecks runs) {
        return Map.of("runsChecked", Items.n(runs.runsChecked()), "runMismatchCount", Items.n(runs.mismatchCount()),
                "runMismatches", mismatches(runs.mismatches()));
    }

    private static DayCheck.RunChecks runChecksOf(Map<String, AttributeValue> item) {
        return new DayCheck.RunChecks(Items.longOf(item, "runsChecked"), Items.longOf(item, "runMismatchCount"),
                mismatches(item.get("runMismatches")));
    }

    /**
     * How far the check of a slice's claim ranges has got, while a job run stopped at its deadline in the middle of
     * it: the day key of the last range checked, and what the ranges checked came to.
     */
    public record ClaimProgress(Optional<String> after, DayCheck.ClaimChecks checked) {

        public static final ClaimProgress START = new ClaimProgress(Optional.empty(), DayCheck.ClaimChecks.NONE);
    }

    /** Where the check of a slice's claim ranges stands ({@link ClaimProgress#START} when no run saved any). */
    public ClaimProgress claimProgress(LocalDate day, int slice) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(claimProgressKey(day, slice)).build()).item();
        return item == null || item.isEmpty() ? ClaimProgress.START
                : new ClaimProgress(Optional.of(item.get("after").s()), claimChecksOf(item));
    }

    public void saveClaimProgress(LocalDate day, int slice, ClaimProgress progress) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder().attrs(claimProgressKey(day, slice))
                .s("after", progress.after().orElseThrow()).attrs(claimChecks(progress.checked())).build()).build());
    }

    private static Map<String, AttributeValue> claimProgressKey(LocalDate day, int slice) {
        return Items.key("RECONDAY#" + day, String.format("CLAIMS#%02d", slice));
    }

    /** The latest checkpoint, if any. */
    public Optional<DayCheck.Checkpoint> latestCheckpoint() {
        return dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").scanIndexForward(false).limit(1)
                        .expressionAttributeValues(Map.of(":pk", Items.s(CHECKPOINTS))).build())
                .items().stream().findFirst().map(DayLogRepository::checkpointOf);
    }

    /** Writes a day's checkpoint once; answers false when the day already has one (another run closed it). */
    public boolean saveCheckpoint(DayCheck.Checkpoint c) {
        Items.Builder item = Items.builder().s("pk", CHECKPOINTS).s("sk", "DAY#" + c.day()).s("day", c.day().toString())
                .bool("balanced", c.balanced()).n("postings", c.postings()).n("debitsFen", c.debitsFen())
                .n("creditsFen", c.creditsFen()).attr("byState", states(c.byState()))
                .attr("owedToPayees", states(c.owedToPayees())).n("causes", c.causes())
                .n("unbalancedCauseCount", c.unbalancedCauseCount()).attr("unbalancedCauses", imbalances(c.unbalancedCauses()))
                .n("unbalancedEvents", c.unbalancedEvents()).attrs(runChecks(c.runs()))
                .attrs(claimChecks(c.claims()))
                .attr("closingByState", states(c.closingByState()))
                .attr("closingOwedToPayees", states(c.closingOwedToPayees())).s("checkedAt", c.checkedAt().toString());
        c.previousDay().ifPresent(d -> item.s("previousDay", d.toString()));
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item.build())
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The checkpoints of the days from {@code from} to {@code to}, both included, oldest first: one Query. */
    public List<DayCheck.Checkpoint> checkpoints(LocalDate from, LocalDate to) {
        List<DayCheck.Checkpoint> days = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", Items.s(CHECKPOINTS), ":from", Items.s("DAY#" + from),
                                ":to", Items.s("DAY#" + to))).build())
                .items().forEach(item -> days.add(checkpointOf(item)));
        return days;
    }

    private static DayCheck.Checkpoint checkpointOf(Map<String, AttributeValue> item) {
        return new DayCheck.Checkpoint(LocalDate.parse(item.get("day").s()), item.get("balanced").bool(),
                Items.longOf(item, "postings"), Items.longOf(item, "debitsFen"), Items.longOf(item, "creditsFen"),
                states(item.get("byState")), states(item.get("owedToPayees")), Items.longOf(item, "causes"),
                Items.longOf(item, "unbalancedCauseCount"), imbalances(item.get("unbalancedCauses")),
                Items.longOf(item, "unbalancedEvents"), runChecksOf(item), claimChecksOf(item), states(item.get("closingByState")),
                states(item.get("closingOwedToPayees")),
                Optional.ofNullable(item.get("previousDay")).map(v -> LocalDate.parse(v.s())),
                Instant.parse(item.get("checkedAt").s()));
    }

    /** A slice's or a day's claim checks as attributes (items written before claim ranges have none: read as none). */
    private static Map<String, AttributeValue> claimChecks(DayCheck.ClaimChecks claims) {
        List<AttributeValue> mismatches = new ArrayList<>();
        claims.mismatches().forEach(m -> {
            Map<String, AttributeValue> map = new HashMap<>(Map.of("problem", Items.s(m.problem()),
                    "expectedFen", Items.n(m.expectedFen()), "foundFen", Items.n(m.foundFen())));
            m.party().ifPresent(party -> map.put("party", Items.s(party)));
            m.shard().ifPresent(shard -> map.put("shard", Items.n(shard)));
            m.runId().ifPresent(run -> map.put("runId", Items.s(run)));
            mismatches.add(Items.map(map));
        });
        return Map.of("claimRangesChecked", Items.n(claims.rangesChecked()),
                "claimMismatchCount", Items.n(claims.mismatchCount()), "claimMismatches", Items.list(mismatches),
                "claimsPosted", tally(claims.posted()), "claimsRanged", tally(claims.ranged()));
    }

    private static DayCheck.ClaimChecks claimChecksOf(Map<String, AttributeValue> item) {
        if (!item.containsKey("claimRangesChecked")) {
            return DayCheck.ClaimChecks.NONE;
        }
        List<ClaimRangeCheck.Mismatch> mismatches = item.get("claimMismatches").l().stream().map(AttributeValue::m)
                .map(m -> new ClaimRangeCheck.Mismatch(Optional.ofNullable(m.get("party")).map(AttributeValue::s),
                        Optional.ofNullable(m.get("shard")).map(v -> Integer.parseInt(v.n())),
                        Optional.ofNullable(m.get("runId")).map(AttributeValue::s), m.get("problem").s(),
                        Long.parseLong(m.get("expectedFen").n()), Long.parseLong(m.get("foundFen").n()))).toList();
        return new DayCheck.ClaimChecks(Items.longOf(item, "claimRangesChecked"), Items.longOf(item, "claimMismatchCount"),
                mismatches, tallyOf(item.get("claimsPosted")), tallyOf(item.get("claimsRanged")));
    }

    private static AttributeValue tally(ClaimRangeCheck.Tally tally) {
        return Items.map(Map.of("claims", Items.n(tally.claims()), "fen", Items.n(tally.fen()),
                "fingerprint", Items.n(tally.fingerprint())));
    }

    private static ClaimRangeCheck.Tally tallyOf(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new ClaimRangeCheck.Tally(Long.parseLong(m.get("claims").n()), Long.parseLong(m.get("fen").n()),
                Long.parseLong(m.get("fingerprint").n()));
    }

    private static AttributeValue states(SortedMap<PostingState, Long> totals) {
        Map<String, AttributeValue> map = new HashMap<>();
        totals.forEach((state, fen) -> map.put(state.name(), Items.n(fen)));
        return Items.map(map);
    }

    private static SortedMap<PostingState, Long> states(AttributeValue value) {
        SortedMap<PostingState, Long> totals = new TreeMap<>();
        value.m().forEach((state, fen) -> totals.put(PostingState.valueOf(state), Long.parseLong(fen.n())));
        return totals;
    }

    private static AttributeValue imbalances(List<Reconciliation.Imbalance> imbalances) {
        List<AttributeValue> values = new ArrayList<>();
        imbalances.forEach(i -> values.add(Items.map(Map.of("cause", Items.s(i.orderId()), "fen", Items.n(i.imbalanceFen())))));
        return Items.list(values);
    }

    private static AttributeValue mismatches(List<Reconciliation.RunMismatch> mismatches) {
        List<AttributeValue> values = new ArrayList<>();
        mismatches.forEach(m -> {
            Map<String, AttributeValue> map = new HashMap<>(Map.of("runId", Items.s(m.runId()), "problem", Items.s(m.problem()),
                    "expectedFen", Items.n(m.expectedFen()), "foundFen", Items.n(m.foundFen())));
            m.lineId().ifPresent(line -> map.put("lineId", Items.s(line)));
            values.add(Items.map(map));
        });
        return Items.list(values);
    }

    private static List<Reconciliation.RunMismatch> mismatches(AttributeValue value) {
        return value.l().stream().map(AttributeValue::m).map(m -> new Reconciliation.RunMismatch(m.get("runId").s(),
                Optional.ofNullable(m.get("lineId")).map(AttributeValue::s), m.get("problem").s(),
                Long.parseLong(m.get("expectedFen").n()), Long.parseLong(m.get("foundFen").n()))).toList();
    }

    private static List<Reconciliation.Imbalance> imbalances(AttributeValue value) {
        return value.l().stream().map(v -> new Reconciliation.Imbalance(v.m().get("cause").s(),
                Long.parseLong(v.m().get("fen").n()))).toList();
    }
}
