package com.alliance.settlement;

import com.alliance.ledger.PayeeSlices;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A settlement run's slices ({@link PayeeSlices}) in the settlement table, {@code RUN#{runId}#{slice}} / {@code SLICE},
 * beside the slice's lines ({@link RunLines}):
 * what the slice's lines add up to while the run builds ({@code totalFen}, {@code lineCount}), how far its build got
 * ({@code after}: the last payee settled), whether it is {@code built}, and, once the run is cancelled, how many of its
 * lines are released and whether all are. A slice is written by whoever holds its lease (the job's worker of that
 * slice, or a request finishing a small run), one at a time: the slices of one run are claimed side by side, no claim
 * writes an item another slice writes, and each slice's writes go to a partition of its own. The run's totals are the
 * slices' sum, taken when it is read (one BatchGetItem of the 64) and written onto the run when it is finished
 * ({@link SettlementRepository#finishBuild}).
 */
public final class RunSlices {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public RunSlices(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    /** One slice of a run as stored (one never written: nothing claimed, not built). */
    public record Slice(int slice, long totalFen, long lineCount, long releasedLines, Optional<String> after,
                        boolean built, boolean released) {
    }

    /** What slices add to a run's totals. */
    public record Totals(long totalFen, long lineCount, long releasedLines) {

        public static final Totals NONE = new Totals(0, 0, 0);
    }

    static Map<String, AttributeValue> key(String runId, int slice) {
        return Items.key("RUN#" + runId + "#" + slice, "SLICE");
    }

    /** Every slice of a run, in slice order: one BatchGetItem of the 64, read consistently. */
    public List<Slice> read(String runId) {
        List<Slice> slices = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int slice = 0; slice < PayeeSlices.COUNT; slice++) {
            slices.add(new Slice(slice, 0, 0, 0, Optional.empty(), false, false));
            keys.add(key(runId, slice));
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            response.responses().getOrDefault(table, List.of()).forEach(item -> {
                Slice slice = sliceOf(item);
                slices.set(slice.slice(), slice);
            });
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return slices;
    }

    /** One slice of a run, read consistently. */
    public Slice read(String runId, int slice) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(key(runId, slice)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? new Slice(slice, 0, 0, 0, Optional.empty(), false, false) : sliceOf(item);
    }

    static boolean isSlice(Map<String, AttributeValue> item) {
        return item.get("pk").s().startsWith("RUN#") && item.get("sk").s().equals("SLICE");
    }

    static Slice sliceOf(Map<String, AttributeValue> item) {
        String pk = item.get("pk").s();
        return new Slice(Integer.parseInt(pk.substring(pk.lastIndexOf('#') + 1)),
                Items.longOf(item, "totalFen", 0), Items.longOf(item, "lineCount", 0),
                Items.longOf(item, "releasedLines", 0), Optional.ofNullable(Items.stringOf(item, "after")),
                item.containsKey("built"), item.containsKey("released"));
    }

    /** What a run's slices add up to. */
    public static Totals sum(List<Slice> slices) {
        return new Totals(slices.stream().mapToLong(Slice::totalFen).sum(), slices.stream().mapToLong(Slice::lineCount).sum(),
                slices.stream().mapToLong(Slice::releasedLines).sum());
    }

    /**
     * The first item of a claim transaction: adds the claims to the slice's totals, only while the slice is not built
     * (a slice found built means another holder finished it: the claims are refused whole).
     */
    Update addClaims(String runId, int slice, long totalFen, long lines) {
        return Update.builder().tableName(table).key(key(runId, slice))
                .updateExpression("SET runId = :run ADD totalFen :fen, lineCount :lines")
                .conditionExpression("attribute_not_exists(built)")
                .expressionAttributeValues(Map.of(":run", Items.s(runId), ":fen", Items.n(totalFen), ":lines", Items.n(lines)))
                .build();
    }

    /** The first item of a release transaction: counts the line released in its slice. */
    Update addRelease(String runId, int slice) {
        return Update.builder().tableName(table).key(key(runId, slice))
                .updateExpression("SET runId = :run ADD releasedLines :one")
                .conditionExpression("attribute_not_exists(released)")
                .expressionAttributeValues(Map.of(":run", Items.s(runId), ":one", Items.n(1))).build();
    }

    /** Records how far a slice's build got (the last payee settled), while it is not built. */
    public boolean saveProgress(String runId, int slice, String afterParty) {
        return update(runId, slice, "SET runId = :run, #after = :after", "attribute_not_exists(built)",
                Map.of(":after", Items.s(afterParty)));
    }

    /** Marks a slice built: every payee of it with something due at the run's cutoff is settled or carried. */
    public boolean markBuilt(String runId, int slice) {
        return update(runId, slice, "SET runId = :run, built = :true", "attribute_not_exists(built)",
                Map.of(":true", Items.bool(true)));
    }

    /** Marks a slice released: every unpaid line of it is released. */
    public boolean markReleased(String runId, int slice) {
        return update(runId, slice, "SET runId = :run, released = :true", "attribute_not_exists(released)",
                Map.of(":true", Items.bool(true)));
    }

    private boolean update(String runId, int slice, String update, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":run", Items.s(runId));
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key(runId, slice))
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(all);
        if (update.contains("#after")) {
            request.expressionAttributeNames(Map.of("#after", "after"));
        }
        try {
            dynamoDb.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException alreadyDone) {
            return false;
        }
    }
}
