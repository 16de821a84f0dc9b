package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Claim ranges ({@link ClaimRange}) in the settlement table: {@code CLAIMRANGE#{party}#{shard}} / {@code {through}},
 * so "does a range of this (payee, shard) end here?" is one GetItem, and on {@code gsi1}
 * {@code CLAIMRANGES#{day}#{slice}} / {@code {runId}#{party}#{shard}#{through}}, so the day's close reads each
 * slice's ranges a page at a time. A range is written once, in its claim's transaction.
 */
public final class ClaimRangeRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ClaimRangeRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    static String partition(String party, int shard) {
        return "CLAIMRANGE#" + party + "#" + shard;
    }

    static String dayPartition(LocalDate day, int slice) {
        return "CLAIMRANGES#" + day + "#" + String.format("%02d", slice);
    }

    /** The Put of a range in its claim's transaction; it fails if a range of the (payee, shard) already ends there. */
    public Put put(ClaimRange range) {
        Map<String, AttributeValue> accounts = new HashMap<>();
        range.byAccount().forEach((type, fen) -> accounts.put(type.name(), Items.n(fen)));
        Items.Builder item = Items.builder().s("pk", partition(range.party(), range.shard())).s("sk", range.through())
                .s("party", range.party()).n("shard", range.shard()).s("through", range.through())
                .s("runId", range.runId()).s("decision", range.decision().name()).attr("accounts", Items.map(accounts))
                .s("movedAt", range.movedAt().toString())
                .s("gsi1pk", dayPartition(range.day(), range.slice()))
                .s("gsi1sk", dayKey(range));
        range.from().ifPresent(from -> item.s("from", from));
        if (range.afterUnranged()) {
            item.bool("afterUnranged", true);
        }
        return Put.builder().tableName(table).item(item.build()).conditionExpression("attribute_not_exists(pk)").build();
    }

    /** A range's sort key on the day index: unique, and a claim's ranges (one run, one payee) are next to each other. */
    public static String dayKey(ClaimRange range) {
        return range.runId() + "#" + range.party() + "#" + range.shard() + "#" + range.through();
    }

    /** A page of the ranges of claims made on a day, in one slice (by payee), in day-key order. */
    public record Page(List<ClaimRange> ranges, boolean more) {
    }

    /** Up to {@code limit} ranges of a day's slice after the day key {@code after} (from the first when empty). */
    public Page ofDay(LocalDate day, int slice, Optional<String> after, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":day", Items.s(dayPartition(day, slice))));
        after.ifPresent(key -> values.put(":after", Items.s(key)));
        var response = dynamoDb.query(QueryRequest.builder().tableName(table).indexName("gsi1").limit(limit)
                .keyConditionExpression("gsi1pk = :day" + (after.isPresent() ? " AND gsi1sk > :after" : ""))
                .expressionAttributeValues(values).build());
        List<ClaimRange> ranges = new ArrayList<>();
        response.items().forEach(item -> ranges.add(rangeOf(item)));
        return new Page(ranges, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty());
    }

    /** Whether a range of the (payee, shard) ends at {@code sortKey}: one consistent GetItem. */
    public boolean endsAt(String party, int shard, String sortKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(partition(party, shard), sortKey)).consistentRead(true).projectionExpression("pk").build()).item();
        return item != null && !item.isEmpty();
    }

    /** Whether a range of the (payee, shard) ends before {@code sortKey}: one Query of at most one key. */
    public boolean anyBefore(String party, int shard, String sortKey) {
        return !dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true).limit(1)
                .keyConditionExpression("pk = :pk AND sk < :sk").projectionExpression("pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(partition(party, shard)), ":sk", Items.s(sortKey)))
                .build()).items().isEmpty();
    }

    /**
     * The range that took the posting with this sort key on the (payee, shard): the first range ending at or after it
     * (ranges chain without gaps), one Query of at most one item; empty when no range ends there (the claim that took
     * it predates claim ranges, or none has).
     */
    public Optional<ClaimRange> covering(String party, int shard, String sortKey) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(QueryRequest.builder().tableName(table).limit(1)
                .keyConditionExpression("pk = :pk AND sk >= :sk")
                .expressionAttributeValues(Map.of(":pk", Items.s(partition(party, shard)), ":sk", Items.s(sortKey)))
                .build()).items();
        return items.stream().findFirst().map(ClaimRangeRepository::rangeOf);
    }

    private static ClaimRange rangeOf(Map<String, AttributeValue> item) {
        SortedMap<AccountType, Long> accounts = new TreeMap<>();
        item.get("accounts").m().forEach((type, fen) -> accounts.put(AccountType.valueOf(type), Long.parseLong(fen.n())));
        return new ClaimRange(item.get("party").s(), (int) Items.longOf(item, "shard"),
                Optional.ofNullable(item.get("from")).map(AttributeValue::s), item.get("through").s(),
                item.get("runId").s(), Claim.Decision.valueOf(item.get("decision").s()), accounts,
                Instant.parse(item.get("movedAt").s()), item.containsKey("afterUnranged"));
    }
}
