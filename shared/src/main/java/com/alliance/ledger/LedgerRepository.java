package com.alliance.ledger;

import com.alliance.persistence.Items;
import com.alliance.persistence.SortableTime;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The append-only ledger table: one item per posting, never updated. By party:
 * {@code PARTY#{party} / POST#{postedAt}#{postingId}} (an order's clearing account under
 * {@code CLEARING#{orderId}}, so an order id can never mix with a party's); by order through gsi1:
 * {@code ORDER#{orderId} / {postingId}}. Postings are written by the transactions of their cause
 * (an order event, a job), never on their own, so the ledger and its cause cannot disagree.
 */
public final class LedgerRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public LedgerRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.LEDGER.tableName();
    }

    /** The conditional Put that appends one posting inside a caller's transaction. */
    public Put append(Posting posting, Instant postedAt) {
        return Put.builder().tableName(table).item(toItem(posting, postedAt))
                .conditionExpression("attribute_not_exists(pk)").build();
    }

    /** Every posting on a party's accounts, oldest first. */
    public List<Posting> postingsOf(String party) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :party")
                .expressionAttributeValues(Map.of(":party", Items.s("PARTY#" + party))).build());
    }

    /** Every posting of an order, in posting-id order. */
    public List<Posting> postingsOfOrder(String orderId) {
        return query(QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :order")
                .expressionAttributeValues(Map.of(":order", Items.s("ORDER#" + orderId))).build());
    }

    private List<Posting> query(QueryRequest request) {
        List<Posting> postings = new ArrayList<>();
        dynamoDb.queryPaginator(request).items().forEach(item -> postings.add(fromItem(item)));
        return postings;
    }

    static String partitionOf(Account account) {
        return (account.type() == AccountType.ORDER_CLEARING ? "CLEARING#" : "PARTY#") + account.party();
    }

    static Map<String, AttributeValue> toItem(Posting posting, Instant postedAt) {
        return Items.builder()
                .s("pk", partitionOf(posting.account()))
                .s("sk", "POST#" + SortableTime.of(postedAt) + "#" + posting.postingId())
                .s("gsi1pk", "ORDER#" + posting.orderId())
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
}
