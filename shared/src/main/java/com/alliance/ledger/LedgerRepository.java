package com.alliance.ledger;

import com.alliance.persistence.ShardReads;
import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The append-only ledger table: one item per posting, never updated. By party, write-sharded:
 * {@code PARTY#{party}#{shard} / POST#{postedAt}#{postingId}}, the shard being that of the posting's order id
 * ({@link LedgerShards}), so no partition is written by every order and a read of a party fans out over
 * its shards and merges by sort key (an order's clearing account under {@code CLEARING#{orderId}}, so
 * an order id can never mix with a party's); by order through gsi1:
 * {@code ORDER#{orderId} / {postingId}}. Postings are written by the transactions of their cause
 * (an order event, a job, a settlement run), never on their own, so the ledger and its cause cannot
 * disagree; {@link #writes} also keeps the settlement cursors of payees whose postings become
 * claimable (see {@link SettlementCursors}).
 */
public final class LedgerRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SettlementCursors cursors;
    private final BalanceCheckpoints checkpoints;
    private final int postingsBetweenCheckpoints;

    public LedgerRepository(DynamoDbClient dynamoDb) {
        this(dynamoDb, BalanceCheckpoints.POSTINGS_BETWEEN);
    }

    /** With checkpoints every {@code postingsBetweenCheckpoints} postings: tests checkpoint small histories densely. */
    LedgerRepository(DynamoDbClient dynamoDb, int postingsBetweenCheckpoints) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.LEDGER.tableName();
        this.cursors = new SettlementCursors(dynamoDb);
        this.checkpoints = new BalanceCheckpoints(dynamoDb);
        this.postingsBetweenCheckpoints = postingsBetweenCheckpoints;
    }

    /**
     * The writes that append {@code postings} inside a caller's transaction: one conditional Put each,
     * plus one touch of the settlement cursor of each payee and shard they make something claimable on.
     */
    public List<TransactWriteItem> writes(List<Posting> postings, Instant postedAt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<Map.Entry<String, Integer>, String> firstClaimable = new TreeMap<>(Map.Entry.<String, Integer>comparingByKey()
                .thenComparing(Map.Entry.comparingByValue()));
        for (Posting posting : postings) {
            writes.add(TransactWriteItem.builder().put(put(posting, postedAt)).build());
            if (SettlementCursors.isClaimable(posting)) {
                firstClaimable.merge(Map.entry(posting.account().party(), LedgerShards.of(posting)),
                        sortKey(posting, postedAt), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        firstClaimable.forEach((cursor, sortKey) -> writes.add(TransactWriteItem.builder()
                .update(cursors.touch(cursor.getKey(), cursor.getValue(), sortKey)).build()));
        return writes;
    }

    /**
     * The conditional Put that appends one posting inside a caller's transaction. A claimable posting
     * must go through {@link #writes}, which also moves its payee's settlement cursor.
     */
    public Put append(Posting posting, Instant postedAt) {
        if (SettlementCursors.isClaimable(posting)) {
            throw new IllegalArgumentException("posting " + posting.postingId()
                    + " is settleable for a payee: append it with writes(), which keeps the settlement cursor");
        }
        return put(posting, postedAt);
    }

    private Put put(Posting posting, Instant postedAt) {
        return Put.builder().tableName(table).item(toItem(posting, postedAt))
                .conditionExpression("attribute_not_exists(pk)").build();
    }

    /** The sort key of a posting under its account's partition: time order, then posting id. */
    public static String sortKey(Posting posting, Instant postedAt) {
        return "POST#" + SortableTime.of(postedAt) + "#" + posting.postingId();
    }

    /** The first sort key after every posting made at or before {@code instant}. */
    public static String sortKeyAfter(Instant instant) {
        // '$' sorts right after the '#' that ends the time part
        return "POST#" + SortableTime.of(instant) + "$";
    }

    /** Every posting on a party's accounts, oldest first. */
    public List<Posting> postingsOf(String party) {
        return entriesOf(party).stream().map(LedgerEntry::posting).toList();
    }

    /** Every posting on a party's accounts with when it was posted, oldest first: every shard, merged. */
    public List<LedgerEntry> entriesOf(String party) {
        return merged(ShardReads.each(LedgerShards.readShardsOf(party), shard -> {
            List<LedgerEntry> entries = new ArrayList<>();
            dynamoDb.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :party")
                            .expressionAttributeValues(Map.of(":party", Items.s(LedgerShards.partyKey(party, shard)))).build())
                    .items().forEach(item -> entries.add(entryOf(item)));
            return entries;
        }));
    }

    /**
     * A party's postings on each of {@code afterByShard}'s shards after the sort key given for it (all of
     * them when empty), oldest first, read consistently and all shards at once: what a settlement run may
     * claim from, shard by shard.
     */
    public SortedMap<Integer, List<LedgerEntry>> entriesAfter(String party, SortedMap<Integer, Optional<String>> afterByShard) {
        List<Integer> shards = List.copyOf(afterByShard.keySet());
        List<List<LedgerEntry>> read = ShardReads.each(shards.size(), i -> {
            int shard = shards.get(i);
            Map<String, AttributeValue> values = Map.of(":party", Items.s(LedgerShards.partyKey(party, shard)),
                    ":after", Items.s(afterByShard.get(shard).orElse("POST#")));
            List<LedgerEntry> entries = new ArrayList<>();
            dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :party AND sk > :after")
                            .expressionAttributeValues(values).build())
                    .items().forEach(item -> entries.add(entryOf(item)));
            return entries;
        });
        SortedMap<Integer, List<LedgerEntry>> byShard = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            byShard.put(shards.get(i), read.get(i));
        }
        return byShard;
    }

    /**
     * A party's postings on one shard after the sort key {@code after} (from the shard's start when empty) up to
     * and including {@code through}, oldest first, read consistently: what one claim range covers.
     */
    public List<LedgerEntry> entriesBetween(String party, int shard, Optional<String> after, String through) {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :party AND sk BETWEEN :after AND :through")
                        .expressionAttributeValues(Map.of(":party", Items.s(LedgerShards.partyKey(party, shard)),
                                ":after", Items.s(after.orElse("POST#")), ":through", Items.s(through))).build())
                .items().stream().filter(LedgerRepository::isPosting).forEach(item -> {
                    LedgerEntry entry = entryOf(item);
                    if (after.filter(entry.sortKey()::equals).isEmpty()) {
                        entries.add(entry);
                    }
                });
        return entries;
    }

    /**
     * At most {@code limit} of a party's postings made in [{@code from}, {@code to}), oldest first,
     * continuing after the posting whose sort key is {@code after}; {@code next} names the last one
     * returned when more follow. Sort keys are unique and totally ordered, so the page is a merge of at
     * most {@code limit + 1} postings read from each shard, and {@code next} works on every shard.
     */
    public EntryPage page(String party, Instant from, Instant to, Optional<String> after, int limit) {
        List<List<LedgerEntry>> shards = ShardReads.each(LedgerShards.readShardsOf(party), shard -> {
            String pk = LedgerShards.partyKey(party, shard);
            Map<String, AttributeValue> start = after.map(sk -> Map.of("pk", Items.s(pk), "sk", Items.s(sk))).orElse(null);
            List<LedgerEntry> entries = new ArrayList<>();
            do {
                // the bounds end in the time part, so no posting's key equals one: BETWEEN is [from, to)
                QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :party AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":party", Items.s(pk),
                                ":from", Items.s("POST#" + SortableTime.of(from)), ":to", Items.s("POST#" + SortableTime.of(to))))
                        .exclusiveStartKey(start).limit(limit + 1 - entries.size()).build());
                response.items().forEach(item -> entries.add(entryOf(item)));
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null && entries.size() <= limit);
            return entries;
        });
        List<LedgerEntry> entries = merged(shards);
        if (entries.size() > limit) {
            List<LedgerEntry> page = List.copyOf(entries.subList(0, limit));
            return new EntryPage(page, Optional.of(page.get(limit - 1).sortKey()));
        }
        return new EntryPage(List.copyOf(entries), Optional.empty());
    }

    /** Postings of a party in sort-key order, and the sort key to continue after when more follow. */
    public record EntryPage(List<LedgerEntry> entries, Optional<String> next) {
    }

    /**
     * What all of a party's postings add up to, per state: its balance. Each shard reads its latest
     * {@link BalanceCheckpoints checkpoint} and the postings after it, so the read does not grow with history.
     */
    public Map<PostingState, Long> totals(String party, Instant now) {
        return summed(ShardReads.each(LedgerShards.readShardsOf(party),
                shard -> fold(party, shard, checkpoints.latest(party, shard), Optional.empty(), now).totals()));
    }

    /**
     * What a party's postings with sort keys up to {@code throughSortKey} add up to, per state: the
     * opening balance of a statement. Each shard reads its last checkpoint at or before that key and the
     * postings from it up to the key: at most a {@link BalanceCheckpoints#BUCKET} of them once checkpointed.
     */
    public Map<PostingState, Long> totalsThrough(String party, String throughSortKey, Instant now) {
        return summed(ShardReads.each(LedgerShards.readShardsOf(party),
                shard -> fold(party, shard, checkpoints.atOrBefore(party, shard, throughSortKey), Optional.of(throughSortKey), now)
                        .totals()));
    }

    /**
     * Checkpoints a party's shard at its latest settled bucket start ({@link BalanceCheckpoints#SETTLED_AFTER} before
     * {@code now}): the sums of every posting before it, from the latest checkpoint and the postings after it, as a
     * balance read would fold them. The ledger-days job does it for every shard a closed day's postings touched, so no
     * balance read, even the first of a party never read, folds more than the postings since the last closed day.
     */
    public void checkpoint(String party, int shard, Instant now) {
        Instant boundary = BalanceCheckpoints.bucketOf(now.minus(BalanceCheckpoints.SETTLED_AFTER));
        BalanceCheckpoints.Checkpoint from = checkpoints.latest(party, shard);
        if (!from.boundary().isBefore(boundary)) {
            return;
        }
        BalanceCheckpoints.Checkpoint at = new BalanceCheckpoints.Checkpoint(boundary, Map.of(), 0);
        Folded folded = fold(party, shard, from, Optional.of(at.sortKey()), now);
        if (folded.postings() > from.postings()) {
            checkpoints.put(party, shard, List.of(new BalanceCheckpoints.Checkpoint(boundary, folded.totals(), folded.postings())));
        }
    }

    private static Map<PostingState, Long> summed(List<Map<PostingState, Long>> shards) {
        Map<PostingState, Long> totals = new TreeMap<>();
        shards.forEach(shardTotals -> shardTotals.forEach((state, fen) -> totals.merge(state, fen, Math::addExact)));
        totals.values().removeIf(fen -> fen == 0);
        return totals;
    }

    /**
     * {@code from}'s totals plus the shard's postings after it (up to {@code through}), read consistently in
     * sort-key order. On the way, the start of a bucket is checkpointed when it is settled and at least
     * {@link BalanceCheckpoints#POSTINGS_BETWEEN} postings were read since the last checkpoint: the sums before
     * a bucket's start are known when its first posting is read, the read having started at a checkpoint.
     */
    private Folded fold(String party, int shard, BalanceCheckpoints.Checkpoint from, Optional<String> through, Instant now) {
        Map<PostingState, Long> totals = new TreeMap<>(from.totals());
        Instant settled = now.minus(BalanceCheckpoints.SETTLED_AFTER);
        Instant readUpTo = through.map(LedgerRepository::timeOf).orElse(now);
        List<BalanceCheckpoints.Checkpoint> passed = new ArrayList<>();
        long[] count = {from.postings(), 0};
        Instant[] lastBucket = {from.boundary()};
        // the latest settled bucket start passed with postings since the last checkpoint: saved too, so the next
        // read starts from the last settled bucket, not up to POSTINGS_BETWEEN postings before it
        BalanceCheckpoints.Checkpoint[] latest = {null};
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":party", Items.s(LedgerShards.partyKey(party, shard)), ":after", Items.s(from.sortKey())));
        through.ifPresent(sk -> values.put(":through", Items.s(sk)));
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :party AND " + (through.isPresent() ? "sk BETWEEN :after AND :through" : "sk > :after"))
                        .projectionExpression("amountFen, #state, postedAt")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(values).build())
                .items().forEach(item -> {
                    Instant bucket = BalanceCheckpoints.bucketOf(Instant.parse(item.get("postedAt").s()));
                    if (bucket.isAfter(lastBucket[0])) {
                        boolean eligible = count[1] > 0 && !bucket.isAfter(settled) && !bucket.isAfter(readUpTo);
                        if (eligible && count[1] >= postingsBetweenCheckpoints) {
                            passed.add(new BalanceCheckpoints.Checkpoint(bucket, totals, count[0]));
                            count[1] = 0;
                            latest[0] = null;
                        } else if (eligible) {
                            latest[0] = new BalanceCheckpoints.Checkpoint(bucket, totals, count[0]);
                        }
                        lastBucket[0] = bucket;
                    }
                    totals.merge(PostingState.valueOf(item.get("state").s()), Items.longOf(item, "amountFen"), Math::addExact);
                    count[0]++;
                    count[1]++;
                });
        if (latest[0] != null) {
            passed.add(latest[0]);
        }
        if (!passed.isEmpty()) {
            checkpoints.put(party, shard, passed);
        }
        return new Folded(totals, count[0]);
    }

    /** What a shard's fold sums: its totals by state, and how many postings they hold, the checkpoint's included. */
    private record Folded(Map<PostingState, Long> totals, long postings) {
    }

    /** The time of a posting sort key, or of a boundary key {@code POST#{time}}. */
    private static Instant timeOf(String sortKey) {
        String rest = sortKey.substring("POST#".length());
        int end = rest.indexOf('#');
        String time = end < 0 ? rest : rest.substring(0, end);
        return time.isEmpty() ? Instant.EPOCH : Instant.parse(time.endsWith("$") ? time.substring(0, time.length() - 1) : time);
    }

    /** The shards' postings, each in sort-key order, as one list in sort-key order. */
    private static List<LedgerEntry> merged(List<List<LedgerEntry>> shards) {
        List<LedgerEntry> all = new ArrayList<>();
        shards.forEach(all::addAll);
        all.sort(Comparator.comparing(LedgerEntry::sortKey));
        return all;
    }

    /** Every posting of an order, in posting-id order. */
    public List<Posting> postingsOfOrder(String orderId) {
        return entriesOfOrder(orderId).stream().map(LedgerEntry::posting).toList();
    }

    /** Every posting of an order (or agreement) with when it was posted, in posting-id order. */
    public List<LedgerEntry> entriesOfOrder(String orderId) {
        return entriesUnder("ORDER#" + orderId);
    }

    /** The postings of a settlement run's payees of one slice (claims, payouts, releases), in posting-id order. */
    public List<LedgerEntry> entriesOfRunSlice(String runId, int slice) {
        return entriesUnder(runSliceKey(runId, slice));
    }

    /**
     * Every posting of a settlement run, in posting-id order: its slices' and those its postings were indexed under
     * before runs were sliced ({@code ORDER#{runId}}), all at once.
     */
    public List<LedgerEntry> entriesOfRun(String runId) {
        List<List<LedgerEntry>> slices = ShardReads.each(PayeeSlices.COUNT + 1,
                slice -> slice == PayeeSlices.COUNT ? entriesOfOrder(runId) : entriesOfRunSlice(runId, slice));
        return slices.stream().flatMap(List::stream).sorted(Comparator.comparing(e -> e.posting().postingId())).toList();
    }

    private List<LedgerEntry> entriesUnder(String causeKey) {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :cause")
                        .expressionAttributeValues(Map.of(":cause", Items.s(causeKey))).build())
                .items().forEach(item -> entries.add(entryOf(item)));
        return entries;
    }

    /** Hands every posting of the ledger to {@code each}, page by page: for drills that check the ledger whole. */
    public void forEachEntry(Consumer<LedgerEntry> each) {
        forEachEntry(each, Long.MAX_VALUE);
    }

    /**
     * Hands the postings of the ledger to {@code each}, page by page, reading at most {@code maxItems} items (postings
     * and checkpoints): for the whole-ledger reconciliation. Answers the items read; {@code maxItems} when it stopped
     * there, so a caller knows whether it saw the whole ledger only if it asked for one more than it needs.
     */
    public long forEachEntry(Consumer<LedgerEntry> each, long maxItems) {
        long read = 0;
        var items = dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).build()).items().iterator();
        while (read < maxItems && items.hasNext()) {
            Map<String, AttributeValue> item = items.next();
            read++;
            if (isPosting(item)) {
                each.accept(entryOf(item));
            }
        }
        return read;
    }

    /** Whether a ledger table item (as read, or as its stream carries it) is a posting, not a {@link BalanceCheckpoints checkpoint}. */
    public static boolean isPosting(Map<String, AttributeValue> item) {
        return item.containsKey("postingId");
    }

    static String partitionOf(Posting posting) {
        Account account = posting.account();
        return account.type() == AccountType.ORDER_CLEARING ? "CLEARING#" + account.party()
                : LedgerShards.partyKey(account.party(), LedgerShards.of(posting));
    }

    /**
     * A posting's entry by cause (gsi1): {@code ORDER#{cause}}, and for a settlement run's claims, payouts and releases
     * {@code ORDER#{runId}#{payee slice}}: a run of a million payees writes its postings' entries over the
     * {@value PayeeSlices#COUNT} slices, and a slice of the run is read with its own.
     */
    static String causeKey(Posting posting) {
        return SystemEvents.isRunEvent(posting.eventId())
                ? runSliceKey(posting.orderId(), PayeeSlices.of(posting.account().party()))
                : "ORDER#" + posting.orderId();
    }

    private static String runSliceKey(String runId, int slice) {
        return "ORDER#" + runId + "#" + slice;
    }

    static Map<String, AttributeValue> toItem(Posting posting, Instant postedAt) {
        return Items.builder()
                .s("pk", partitionOf(posting))
                .s("sk", sortKey(posting, postedAt))
                .s("gsi1pk", causeKey(posting))
                .s("gsi1sk", posting.postingId())
                .s("postingId", posting.postingId()).s("orderId", posting.orderId()).s("eventId", posting.eventId())
                .s("accountType", posting.account().type().name()).s("party", posting.account().party())
                .n("amountFen", posting.amountFen()).s("state", posting.state().name())
                .s("reason", posting.reason()).s("postedAt", postedAt.toString())
                .build();
    }

    static Posting fromItem(Map<String, AttributeValue> item) {
        return new Posting(item.get("postingId").s(), item.get("orderId").s(), item.get("eventId").s(),
                new Account(AccountType.valueOf(item.get("accountType").s()), item.get("party").s()),
                Items.longOf(item, "amountFen"), PostingState.valueOf(item.get("state").s()), item.get("reason").s());
    }

    /** A posting item as read, or as the table's stream carries it. */
    public static LedgerEntry entryOf(Map<String, AttributeValue> item) {
        return new LedgerEntry(fromItem(item), Instant.parse(item.get("postedAt").s()), item.get("sk").s());
    }
}
