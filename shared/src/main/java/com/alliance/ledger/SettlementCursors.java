package com.alliance.ledger;

import com.alliance.jobs.Deadline;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Each payee's settlement cursors, one per ledger shard of the payee ({@link LedgerShards}), in the
 * settlement table under {@code SETTLECURSOR#{party}#{shard} / CURSOR}: the sort key of the last of the
 * payee's postings on that shard that a settlement run has claimed, and a version. One cursor per shard
 * keeps the maturation of a big brand's orders from serializing on one item: a writer touches only the
 * cursor of the shard it appends to.
 *
 * <p>A posting is <em>claimable</em> when it is SETTLEABLE on a payee account and is not itself a run's
 * claim. Runs claim a payee's claimable postings on a shard in sort-key order by moving that shard's
 * cursor forward, so the ranges two runs claim never overlap. Two rules make that exact under concurrency:
 * <ul>
 *   <li>every transaction that appends claimable postings on a shard also {@link #touch touches} the
 *       payee's cursor of that shard: it bumps the version, puts the cursor on the due index, and is
 *       conditional on the cursor being below the new postings' sort key, so a posting can never land
 *       behind a cursor;</li>
 *   <li>a run's claim is conditional on the version it read of every cursor it moves or takes off the
 *       due index, read before the postings, so a posting written meanwhile makes the claim fail and be
 *       read again, never skipped.</li>
 * </ul>
 * The due index (gsi1 {@code PAYEEDUE#{slice}#{shard} / {party}#{shard}}) lists the cursors that may have claimable
 * postings after them, by the payee's slice ({@link PayeeSlices}) and the cursor's ledger shard: a settlement run's
 * slice reads its 16 partitions, merged by payee, and no other slice meets its payees; one busy payee's cursors
 * spread over 16 partitions. A claim that leaves nothing claimable on a shard removes that cursor from it.
 */
public final class SettlementCursors {

    /**
     * Partitions of the due index: a payee slice's ledger shards, {@value PayeeSlices#COUNT} × {@value
     * LedgerShards#PAYEE_SHARDS}. Every claimable append rewrites its cursor's index entry (1 WU), about 2.5 per
     * maturing order: at 50 000 orders/s, 125 000 WU/s over 1 024 partitions is 122 a partition; one payee's
     * appends (a brand's 8 000 orders/s at most) spread over its 16.
     */
    public static final int DUE_PARTITIONS = PayeeSlices.COUNT * LedgerShards.PAYEE_SHARDS;

    /** Partitions of the due index before it was cut by payee slice ({@code DUE#{n}}): moved once ({@link #moveLegacyDue}). */
    static final int LEGACY_DUE_SHARDS = 128;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SettlementCursors(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    /**
     * A payee's cursor of one shard as read: its version, the sort key of the last posting claimed on
     * the shard, if any, whether it is on the due index, and whether the claim that moved it last kept a
     * claim range (every claim does since claim ranges exist; see {@code ClaimRange}).
     */
    public record Cursor(String party, int shard, long version, Optional<String> claimedThrough, boolean due,
                         boolean ranged) {

        /** Whether a run has already claimed this posting of the cursor's shard (or one after it). */
        public boolean covers(String sortKey) {
            return claimedThrough.filter(c -> c.compareTo(sortKey) >= 0).isPresent();
        }

        /** The cursor's key on the due index. */
        public String dueKey() {
            return party + "#" + shard;
        }
    }

    public static boolean isClaimable(Posting posting) {
        return posting.state() == PostingState.SETTLEABLE && posting.account().type().isPayee()
                && !SystemEvents.isClaim(posting.eventId());
    }

    public static Map<String, AttributeValue> key(String party, int shard) {
        return Items.key("SETTLECURSOR#" + party + "#" + shard, "CURSOR");
    }

    /** The due partition of a payee slice's cursors of one ledger shard. */
    public static String duePartition(int slice, int shard) {
        return "PAYEEDUE#" + slice + "#" + shard;
    }

    /** The due partition of a payee's cursor: its slice's, on the cursor's ledger shard. */
    static String dueShardOf(String party, int shard) {
        return duePartition(PayeeSlices.of(party), shard);
    }

    /**
     * What a transaction appending claimable postings of {@code party} on {@code shard} adds: fails the
     * transaction if a run has claimed past {@code firstSortKey} there (the writer then retries with a
     * later time), else bumps the version and puts the cursor on the due index.
     */
    public Update touch(String party, int shard, String firstSortKey) {
        return Update.builder().tableName(table).key(key(party, shard))
                .updateExpression("SET party = :party, #shard = :shard, version = if_not_exists(version, :zero) + :one, "
                        + "gsi1pk = :due, gsi1sk = :dueKey")
                .conditionExpression("attribute_not_exists(claimedThrough) OR claimedThrough < :sk")
                .expressionAttributeNames(Map.of("#shard", "shard"))
                .expressionAttributeValues(Map.of(":party", Items.s(party), ":shard", Items.n(shard), ":zero", Items.n(0),
                        ":one", Items.n(1), ":due", Items.s(dueShardOf(party, shard)),
                        ":dueKey", Items.s(party + "#" + shard), ":sk", Items.s(firstSortKey)))
                .build();
    }

    /**
     * The item {@link #touch} leaves for a payee's shard no run has claimed from yet: for loading postings
     * in bulk (benchmarks, migrations), where a batch write stands in for one transaction per posting.
     */
    public static Map<String, AttributeValue> unclaimedItem(String party, int shard) {
        Map<String, AttributeValue> item = new HashMap<>(key(party, shard));
        item.put("party", Items.s(party));
        item.put("shard", Items.n(shard));
        item.put("version", Items.n(1));
        item.put("gsi1pk", Items.s(dueShardOf(party, shard)));
        item.put("gsi1sk", Items.s(party + "#" + shard));
        return item;
    }

    /** The payee's cursor of one shard, read consistently; one never touched has version 0 and nothing claimed. */
    public Cursor read(String party, int shard) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(key(party, shard)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? new Cursor(party, shard, 0, Optional.empty(), false, false) : cursorOf(item);
    }

    /**
     * The payee's cursors that are on the due index, by shard, read consistently in one request: the
     * shards a run claims from together, for one line.
     */
    public SortedMap<Integer, Cursor> readDue(String party) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < LedgerShards.PAYEE_SHARDS; shard++) {
            keys.add(key(party, shard));
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        SortedMap<Integer, Cursor> due = new TreeMap<>();
        while (!request.isEmpty()) {
            BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            response.responses().getOrDefault(table, List.of()).stream().map(SettlementCursors::cursorOf)
                    .filter(Cursor::due).forEach(cursor -> due.put(cursor.shard(), cursor));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return due;
    }

    /**
     * The claim of a run on one shard: moves the cursor to {@code claimedThrough} only if no writer has
     * touched it since {@code read}; leaves it on the due index only when claimable postings remain there.
     * The same transaction puts the move's claim range; the cursor says so ({@code ranged}).
     */
    public Update claim(Cursor read, String claimedThrough, String runId, boolean stillDue) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":through", Items.s(claimedThrough),
                ":one", Items.n(1), ":read", Items.n(read.version()), ":run", Items.s(runId), ":ranged", Items.bool(true)));
        String update = "SET claimedThrough = :through, version = version + :one, lastRunId = :run, ranged = :ranged";
        if (stillDue) {
            values.put(":due", Items.s(dueShardOf(read.party(), read.shard())));
            update += ", gsi1pk = :due";
        }
        return Update.builder().tableName(table).key(key(read.party(), read.shard()))
                .updateExpression(stillDue ? update : update + " REMOVE gsi1pk, gsi1sk")
                .conditionExpression("version = :read")
                .expressionAttributeValues(values)
                .build();
    }

    /** Takes a cursor with nothing claimable after it off the due index, unless someone touched it since {@code read}. */
    public Update leaveDueIndex(Cursor read) {
        return Update.builder().tableName(table).key(key(read.party(), read.shard()))
                .updateExpression("REMOVE gsi1pk, gsi1sk").conditionExpression("version = :read")
                .expressionAttributeValues(Map.of(":read", Items.n(read.version()))).build();
    }

    /**
     * One page of a payee slice's due cursors of one ledger shard, in payee order, after the payee {@code afterParty}
     * if given.
     */
    public DuePage due(int slice, int shard, Optional<String> afterParty, int limit) {
        return duePage(duePartition(slice, shard), afterParty.map(party -> party + "#~"), limit);
    }

    private DuePage duePage(String partition, Optional<String> afterKey, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":due", Items.s(partition)));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("gsi1").limit(limit);
        if (afterKey.isPresent()) {
            values.put(":after", Items.s(afterKey.get()));
            query.keyConditionExpression("gsi1pk = :due AND gsi1sk > :after");
        } else {
            query.keyConditionExpression("gsi1pk = :due");
        }
        QueryResponse response = dynamoDb.query(query.expressionAttributeValues(values).build());
        List<Cursor> due = new ArrayList<>();
        response.items().forEach(item -> due.add(cursorOf(item)));
        return new DuePage(due, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    /**
     * Moves the cursors the due index listed before it was cut by payee slice ({@code DUE#{n}}) to their slice's
     * partition, page by page until none is left or the deadline has passed; answers whether none is left. Once none
     * is, a marker says so and the check costs one read: nothing writes those partitions any more. A move is
     * conditional on the entry being where it was read, so a claim or a touch meanwhile wins.
     */
    public boolean moveLegacyDue(Deadline deadline) {
        Map<String, AttributeValue> marker = Items.key("PAYEEDUE#LEGACY", "MOVED");
        Map<String, AttributeValue> moved = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(marker)
                .consistentRead(true).build()).item();
        if (moved != null && !moved.isEmpty()) {
            return true;
        }
        for (int n = 0; n < LEGACY_DUE_SHARDS; n++) {
            DuePage page;
            do {
                if (deadline.hasPassed()) {
                    return false;
                }
                page = duePage("DUE#" + n, Optional.empty(), 100);
                for (Cursor cursor : page.cursors()) {
                    try {
                        dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(cursor.party(), cursor.shard()))
                                .updateExpression("SET gsi1pk = :due").conditionExpression("gsi1pk = :legacy")
                                .expressionAttributeValues(Map.of(":due", Items.s(dueShardOf(cursor.party(), cursor.shard())),
                                        ":legacy", Items.s("DUE#" + n))).build());
                    } catch (ConditionalCheckFailedException movedMeanwhile) {
                        // a claim or a touch wrote the entry since the page was read: it is no longer there
                    }
                }
            } while (page.more() || !page.cursors().isEmpty());
        }
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(marker).build());
        return true;
    }

    /**
     * Cursors of one due partition as the index last saw them (it lags writes: a run reads a payee's
     * cursors again, consistently, before it claims), and whether more follow.
     */
    public record DuePage(List<Cursor> cursors, boolean more) {

        /** The payees on the page, each once, in page order. */
        public List<String> parties() {
            return cursors.stream().map(Cursor::party).distinct().toList();
        }

        /** The due key to continue after. */
        public Optional<String> last() {
            return cursors.isEmpty() ? Optional.empty() : Optional.of(cursors.get(cursors.size() - 1).dueKey());
        }
    }

    private static Cursor cursorOf(Map<String, AttributeValue> item) {
        return new Cursor(item.get("party").s(), (int) Items.longOf(item, "shard"),
                item.containsKey("version") ? Items.longOf(item, "version") : 0,
                Optional.ofNullable(item.get("claimedThrough")).map(AttributeValue::s), item.containsKey("gsi1pk"),
                item.containsKey("ranged"));
    }
}
