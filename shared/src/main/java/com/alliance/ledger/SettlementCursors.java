package com.alliance.ledger;

import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Each payee's settlement cursor, in the settlement table under {@code SETTLECURSOR#{party} / CURSOR}:
 * the sort key of the last of the payee's postings that a settlement run has claimed, and a version.
 *
 * <p>A posting is <em>claimable</em> when it is SETTLEABLE on a payee account and is not itself a run's
 * claim. Runs claim a payee's claimable postings in sort-key order by moving the cursor forward, so
 * the ranges two runs claim never overlap. Two rules make that exact under concurrency:
 * <ul>
 *   <li>every transaction that appends claimable postings also {@link #touch touches} the payee's
 *       cursor: it bumps the version, puts the payee on the due index, and is conditional on the
 *       cursor being below the new postings' sort key, so a posting can never land behind a cursor;</li>
 *   <li>a run's claim is conditional on the version it read before reading the postings, so a posting
 *       written meanwhile makes the claim fail and be read again, never skipped.</li>
 * </ul>
 * The due index (gsi1 {@code DUE#{shard} / party}, a few shards to spread writes) lists the payees
 * that may have claimable postings; a claim that leaves nothing claimable removes the payee from it.
 */
public final class SettlementCursors {

    /** How many partitions the due index spreads payees over. */
    public static final int DUE_SHARDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SettlementCursors(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    /** A payee's cursor as read: its version, and the sort key of the last posting claimed, if any. */
    public record Cursor(String party, long version, Optional<String> claimedThrough) {

        /** Whether a run has already claimed this posting (or one after it). */
        public boolean covers(String sortKey) {
            return claimedThrough.filter(c -> c.compareTo(sortKey) >= 0).isPresent();
        }
    }

    public static boolean isClaimable(Posting posting) {
        return posting.state() == PostingState.SETTLEABLE && posting.account().type().isPayee()
                && !SystemEvents.isClaim(posting.eventId());
    }

    public static Map<String, AttributeValue> key(String party) {
        return Items.key("SETTLECURSOR#" + party, "CURSOR");
    }

    public static String dueShard(int shard) {
        return "DUE#" + shard;
    }

    static String dueShardOf(String party) {
        return dueShard(Math.floorMod(party.hashCode(), DUE_SHARDS));
    }

    /**
     * What a transaction appending claimable postings of {@code party} adds: fails the transaction if a
     * run has claimed past {@code firstSortKey} (the writer then retries with a later time), else bumps
     * the version and puts the payee on the due index.
     */
    public Update touch(String party, String firstSortKey) {
        return Update.builder().tableName(table).key(key(party))
                .updateExpression("SET party = :party, version = if_not_exists(version, :zero) + :one, "
                        + "gsi1pk = :due, gsi1sk = :party")
                .conditionExpression("attribute_not_exists(claimedThrough) OR claimedThrough < :sk")
                .expressionAttributeValues(Map.of(":party", Items.s(party), ":zero", Items.n(0), ":one", Items.n(1),
                        ":due", Items.s(dueShardOf(party)), ":sk", Items.s(firstSortKey)))
                .build();
    }

    /**
     * The item {@link #touch} leaves for a payee no run has claimed from yet: for loading postings in
     * bulk (benchmarks, migrations), where a batch write stands in for one transaction per posting.
     */
    public static Map<String, AttributeValue> unclaimedItem(String party) {
        Map<String, AttributeValue> item = new HashMap<>(key(party));
        item.put("party", Items.s(party));
        item.put("version", Items.n(1));
        item.put("gsi1pk", Items.s(dueShardOf(party)));
        item.put("gsi1sk", Items.s(party));
        return item;
    }

    /** The payee's cursor, read consistently; a payee never touched has version 0 and nothing claimed. */
    public Cursor read(String party) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(key(party)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? new Cursor(party, 0, Optional.empty()) : cursorOf(item);
    }

    /**
     * The claim of a run: moves the cursor to {@code claimedThrough} only if no writer has touched it
     * since {@code read}; leaves the payee on the due index only when claimable postings remain.
     */
    public Update claim(Cursor read, String claimedThrough, String runId, boolean stillDue) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":through", Items.s(claimedThrough),
                ":one", Items.n(1), ":read", Items.n(read.version()), ":run", Items.s(runId)));
        String update = "SET claimedThrough = :through, version = version + :one, lastRunId = :run";
        return Update.builder().tableName(table).key(key(read.party()))
                .updateExpression(stillDue ? update : update + " REMOVE gsi1pk, gsi1sk")
                .conditionExpression("version = :read")
                .expressionAttributeValues(values)
                .build();
    }

    /** One page of the payees on a due shard, in party order, after {@code afterParty} if given. */
    public DuePage due(int shard, Optional<String> afterParty, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":due", Items.s(dueShard(shard))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName("gsi1").limit(limit);
        if (afterParty.isPresent()) {
            values.put(":after", Items.s(afterParty.get()));
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
     * Payees of one due shard with their cursors as the index last saw them (it lags writes: a claim
     * made from a stale cursor fails its version condition and is read again), and whether more follow.
     */
    public record DuePage(List<Cursor> cursors, boolean more) {

        public List<String> parties() {
            return cursors.stream().map(Cursor::party).toList();
        }
    }

    private static Cursor cursorOf(Map<String, AttributeValue> item) {
        return new Cursor(item.get("party").s(), item.containsKey("version") ? Items.longOf(item, "version") : 0,
                Optional.ofNullable(item.get("claimedThrough")).map(AttributeValue::s));
    }
}
