package com.alliance.settlement;

import com.alliance.ids.Ids;
import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SystemEvents;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * An APPROVED run of many host lines written as a build and an approval would leave it (the run with its totals,
 * one UNPAID line per payee, and each payee's matured and claim postings in the ledger), by batch writes: for tests
 * of paying runs at a scale whose build alone would take minutes on a shared machine (the build is measured by
 * {@code SettlementBenchmark}). Payees' cursors are not written: reconciliation of such a run reports them.
 */
public final class ClaimedRuns {

    private ClaimedRuns() {
    }

    /** The run; payee {@code i} of {@code payees} is owed {@code fenOf(i)}. */
    public static SettlementRun approved(DynamoDbClient dynamoDb, List<String> payees, java.util.function.IntToLongFunction fenOf,
                                         Instant at) {
        String runId = Ids.next(Ids.RUN);
        LedgerRepository ledger = new LedgerRepository(dynamoDb);
        List<Map.Entry<String, Map<String, AttributeValue>>> items = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < payees.size(); i++) {
            total += fenOf.applyAsLong(i);
        }
        SettlementRun run = new SettlementRun(runId, RunStatus.APPROVED, at, "seeded-" + runId, at, "finance@platform", total,
                payees.size(), 0, 0, 0, Optional.of(at), Optional.of("finance@platform"));
        for (int i = 0; i < payees.size(); i++) {
            String party = payees.get(i);
            long fen = fenOf.applyAsLong(i);
            String order = "seeded-" + runId + "-" + i;
            String matured = "seed-matured-" + runId + "-" + i;
            String claim = SystemEvents.claim(runId, party);
            List<Posting> postings = List.of(
                    new Posting(Posting.idOf(matured, 0), order, matured, Account.host(party), fen, PostingState.SETTLEABLE,
                            "host commission settleable: order matured"),
                    new Posting(Posting.idOf(matured, 1), order, matured, Account.orderClearing(order), -fen,
                            PostingState.SETTLEABLE, "buyer payment: order matured"),
                    new Posting(Posting.idOf(claim, 0), runId, claim, Account.host(party), -fen, PostingState.SETTLEABLE,
                            "settled by run " + runId),
                    new Posting(Posting.idOf(claim, 1), runId, claim, Account.host(party), fen, PostingState.SETTLED,
                            "settled by run " + runId));
            for (TransactWriteItem write : ledger.writes(postings, at)) {
                if (write.put() != null) {
                    items.add(Map.entry(Tables.LEDGER.tableName(), write.put().item()));
                }
            }
            RunEntry line = new RunEntry(runId, party, RunEntry.Kind.LINE, fen, new TreeMap<>(Map.of(AccountType.HOST, fen)),
                    Optional.of(LineStatus.UNPAID), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            items.add(Map.entry(Tables.SETTLEMENT.tableName(), RunLines.toItem(run, line)));
        }
        Map<String, AttributeValue> runItem = new HashMap<>(SettlementRepository.toItem(run));
        runItem.put("approvedAt", Items.s(at.toString()));
        runItem.put("approvedBy", Items.s("finance@platform"));
        items.add(Map.entry(Tables.SETTLEMENT.tableName(), runItem));
        write(dynamoDb, items);
        return run;
    }

    /** 25 puts per BatchWriteItem, unprocessed ones sent again. */
    private static void write(DynamoDbClient dynamoDb, List<Map.Entry<String, Map<String, AttributeValue>>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            Map<String, List<WriteRequest>> requests = new HashMap<>();
            for (Map.Entry<String, Map<String, AttributeValue>> item : items.subList(from, Math.min(items.size(), from + 25))) {
                requests.computeIfAbsent(item.getKey(), t -> new ArrayList<>())
                        .add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.getValue()).build()).build());
            }
            while (!requests.isEmpty()) {
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
                requests = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }
}
