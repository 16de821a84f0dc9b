package com.alliance.jbp;

import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.money.Bps;
import com.alliance.persistence.Items;
import com.alliance.persistence.Page;
import com.alliance.persistence.PageToken;
import com.alliance.persistence.Pages;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * JBP agreements in the catalog table under their brand ({@code BRAND#id / JBP#jbpId}). An open
 * agreement sits in gsi1 under {@code JBP#OPEN} sorted by the end of its period, which is how the
 * close job finds the ones due; closing removes it from there in the rebate's own transaction.
 */
public final class JbpRepository {

    static final String OPEN = "JBP#OPEN";
    private static final List<String> TABLE_KEYS = List.of("pk", "sk");

    private final DynamoDbClient dynamoDb;
    private final LedgerRepository ledger;
    private final String table;

    public JbpRepository(DynamoDbClient dynamoDb, LedgerRepository ledger) {
        this.dynamoDb = dynamoDb;
        this.ledger = ledger;
        this.table = Tables.CATALOG.tableName();
    }

    public void insert(JbpAgreement agreement, Instant createdAt) {
        List<Map<String, AttributeValue>> tiers = new ArrayList<>();
        agreement.tiers().forEach(t -> tiers.add(Map.of("reachedBps", Items.n(t.reached().value()),
                "rebateBps", Items.n(t.rebate().value()))));
        Map<String, AttributeValue> item = Items.builder()
                .s("pk", "BRAND#" + agreement.brandId()).s("sk", "JBP#" + agreement.jbpId())
                .s("gsi1pk", OPEN).s("gsi1sk", SortableTime.of(agreement.endsAt()) + "#" + agreement.jbpId())
                .s("jbpId", agreement.jbpId()).s("brandId", agreement.brandId())
                .s("periodStart", agreement.periodStart().toString()).s("periodEnd", agreement.periodEnd().toString())
                .n("selfBroadcastTargetFen", agreement.selfBroadcastTargetFen())
                .n("distributionTargetFen", agreement.distributionTargetFen())
                .list("tiers", tiers)
                .attr("selfBroadcastHostIds", Items.list(agreement.selfBroadcastHostIds().stream().map(Items::s).toList()))
                .s("status", "OPEN").s("createdAt", createdAt.toString())
                .build();
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build());
    }

    public Optional<StoredAgreement> find(String brandId, String jbpId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("BRAND#" + brandId, "JBP#" + jbpId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** A page of the brand's agreements, open and closed, continuing after {@code next}. */
    public Page<StoredAgreement> pageByBrand(String brandId, int limit, Optional<String> next) {
        String partition = "BRAND#" + brandId;
        return Pages.query(dynamoDb, QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :brand AND begins_with(sk, :jbp)")
                        .expressionAttributeValues(Map.of(":brand", Items.s(partition), ":jbp", Items.s("JBP#"))),
                limit, PageToken.startKey(next, TABLE_KEYS, key -> key.get("pk").equals(partition)
                        && key.get("sk").startsWith("JBP#")), TABLE_KEYS, JbpRepository::fromItem);
    }

    /** Open agreements whose period ended before {@code now}, at most {@code limit}. */
    public List<StoredAgreement> due(Instant now, int limit) {
        List<StoredAgreement> due = new ArrayList<>();
        dynamoDb.query(QueryRequest.builder().tableName(table).indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :open AND gsi1sk < :now")
                        .expressionAttributeValues(Map.of(":open", Items.s(OPEN), ":now", Items.s(SortableTime.of(now))))
                        .limit(limit).build())
                .items().forEach(item -> due.add(fromItem(item)));
        return due;
    }

    /**
     * Closes the agreement and appends the rebate postings in one transaction, only if it is still
     * open: a second run (or a concurrent one) changes nothing.
     */
    public boolean close(StoredAgreement agreement, List<LegResult> results, List<Posting> postings, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        long rebate = results.stream().mapToLong(LegResult::rebateFen).sum();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key("BRAND#" + agreement.agreement().brandId(), "JBP#" + agreement.agreement().jbpId()))
                .updateExpression("SET #status = :closed, closedAt = :now, rebateFen = :rebate REMOVE gsi1pk, gsi1sk")
                .conditionExpression("#status = :open")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":closed", Items.s("CLOSED"), ":open", Items.s("OPEN"),
                        ":now", Items.s(now.toString()), ":rebate", Items.n(rebate)))
                .build()).build());
        writes.addAll(ledger.writes(postings, now));
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    private static StoredAgreement fromItem(Map<String, AttributeValue> item) {
        List<RebateTier> tiers = new ArrayList<>();
        item.get("tiers").l().forEach(t -> tiers.add(new RebateTier(
                Bps.of(Integer.parseInt(t.m().get("reachedBps").n())), Bps.of(Integer.parseInt(t.m().get("rebateBps").n())))));
        JbpAgreement agreement = new JbpAgreement(item.get("jbpId").s(), item.get("brandId").s(),
                LocalDate.parse(item.get("periodStart").s()), LocalDate.parse(item.get("periodEnd").s()),
                Items.longOf(item, "selfBroadcastTargetFen"), Items.longOf(item, "distributionTargetFen"), tiers,
                item.get("selfBroadcastHostIds").l().stream().map(AttributeValue::s).toList());
        Optional<Long> rebate = Optional.ofNullable(item.get("rebateFen")).map(v -> Long.parseLong(v.n()));
        return new StoredAgreement(agreement, item.get("status").s(), rebate);
    }

    /** An agreement with its status (OPEN or CLOSED) and, once closed, the rebate posted. */
    public record StoredAgreement(JbpAgreement agreement, String status, Optional<Long> rebateFen) {
    }
}
