package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.PayeeSlices;
import com.alliance.persistence.Items;
import com.alliance.persistence.ShardReads;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A settlement run's entries, one per payee (a line it claimed, or the payee carried), in the settlement table under
 * {@code RUN#{runId}#{slice}} / {@code PARTY#{party}}: by payee slice ({@link PayeeSlices}), so a run's slices write
 * their lines to partitions of their own, as fast as their workers claim. A run made before runs were sliced keeps
 * its lines under {@code RUN#{runId}} ({@link SettlementRun#lineSlices} 1). Readers in payee order merge the slices.
 */
public final class RunLines {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public RunLines(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.SETTLEMENT.tableName();
    }

    /** The partition of a payee's entry in a run. */
    static String partition(SettlementRun run, String party) {
        return run.lineSlices() == 1 ? "RUN#" + run.runId() : slicePartition(run.runId(), PayeeSlices.of(party));
    }

    private static String slicePartition(String runId, int slice) {
        return "RUN#" + runId + "#" + slice;
    }

    static Map<String, AttributeValue> key(SettlementRun run, String party) {
        return Items.key(partition(run, party), "PARTY#" + party);
    }

    /** Entries of a run in payee order, and the payee to continue after when more follow. */
    public record EntryPage(List<RunEntry> entries, Optional<String> next) {
    }

    public Optional<RunEntry> entry(SettlementRun run, String party) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(key(run, party)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entryOf(item));
    }

    /**
     * At most {@code limit} entries of a run in payee order, after the entry of {@code afterParty}: each slice read
     * after that payee (the slices at once), merged.
     */
    public EntryPage entries(SettlementRun run, Optional<String> afterParty, int limit) {
        List<String> partitions = run.lineSlices() == 1 ? List.of("RUN#" + run.runId())
                : java.util.stream.IntStream.range(0, PayeeSlices.COUNT).mapToObj(s -> slicePartition(run.runId(), s)).toList();
        List<List<RunEntry>> perSlice = ShardReads.each(partitions.size(),
                i -> page(partitions.get(i), afterParty, limit + 1));
        List<RunEntry> merged = perSlice.stream().flatMap(List::stream).sorted(Comparator.comparing(RunEntry::party))
                .limit(limit + 1L).toList();
        if (merged.size() > limit) {
            List<RunEntry> page = List.copyOf(merged.subList(0, limit));
            return new EntryPage(page, Optional.of(page.get(limit - 1).party()));
        }
        return new EntryPage(merged, Optional.empty());
    }

    /**
     * At most {@code limit} entries of one slice of a run in payee order, after {@code afterParty}: the lines a slice's
     * worker releases or checks. A run with its lines in one partition has them all in slice 0.
     */
    public EntryPage sliceEntries(SettlementRun run, int slice, Optional<String> afterParty, int limit) {
        if (run.lineSlices() == 1 && slice != 0) {
            return new EntryPage(List.of(), Optional.empty());
        }
        String partition = run.lineSlices() == 1 ? "RUN#" + run.runId() : slicePartition(run.runId(), slice);
        List<RunEntry> entries = page(partition, afterParty, limit + 1);
        if (entries.size() > limit) {
            List<RunEntry> page = List.copyOf(entries.subList(0, limit));
            return new EntryPage(page, Optional.of(page.get(limit - 1).party()));
        }
        return new EntryPage(entries, Optional.empty());
    }

    /** Every entry of a run, in payee order, read {@code pageSize} at a time. */
    public List<RunEntry> allEntries(SettlementRun run, int pageSize) {
        List<RunEntry> entries = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            EntryPage page = entries(run, after, pageSize);
            entries.addAll(page.entries());
            after = page.next();
        } while (after.isPresent());
        return entries;
    }

    /** Up to {@code limit} entries of one partition after {@code afterParty}, in payee order. */
    private List<RunEntry> page(String partition, Optional<String> afterParty, int limit) {
        Map<String, AttributeValue> start = afterParty.map(p -> Items.key(partition, "PARTY#" + p)).orElse(null);
        List<RunEntry> entries = new ArrayList<>();
        do {
            QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :run AND begins_with(sk, :party)")
                    .expressionAttributeValues(Map.of(":run", Items.s(partition), ":party", Items.s("PARTY#")))
                    .exclusiveStartKey(start).limit(limit - entries.size()).build());
            response.items().forEach(item -> entries.add(entryOf(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && entries.size() < limit);
        return entries;
    }

    /** The item of a run's entry. */
    static Map<String, AttributeValue> toItem(SettlementRun run, RunEntry entry) {
        Map<String, AttributeValue> accounts = new HashMap<>();
        entry.byAccount().forEach((type, fen) -> accounts.put(type.name(), Items.n(fen)));
        Items.Builder item = Items.builder()
                .attrs(key(run, entry.party()))
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

    static boolean isEntry(Map<String, AttributeValue> item) {
        return item.get("pk").s().startsWith("RUN#") && item.get("sk").s().startsWith("PARTY#");
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
