package com.alliance.payouts;

import com.alliance.ids.Ids;
import com.alliance.persistence.Backoff;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Payout accounts in the catalog table, on the payee's own partition: {@code HOST#id / PAYOUT} or
 * {@code BRAND#id / PAYOUT}. An item of its own, not an attribute of the profile, so the host profile's
 * versioned rewrites (and its matching-index copies) never carry or drop it.
 */
public final class PayoutAccountRepository {

    /** Keys one BatchGetItem may read. */
    static final int BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PayoutAccountRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.CATALOG.tableName();
    }

    /** The profile partition of a payee; empty for a party with no profile to keep an account on. */
    static Optional<String> partitionOf(String party) {
        if (Ids.isKind(party, Ids.HOST)) {
            return Optional.of("HOST#" + party);
        }
        if (Ids.isKind(party, Ids.BRAND)) {
            return Optional.of("BRAND#" + party);
        }
        return Optional.empty();
    }

    public void save(PayoutAccount account) {
        String pk = partitionOf(account.party()).orElseThrow(() ->
                new IllegalArgumentException(account.party() + " has no profile to keep a payout account on"));
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(Items.builder()
                .s("pk", pk).s("sk", "PAYOUT").s("party", account.party())
                .s("bankName", account.bankName()).s("accountName", account.accountName())
                .s("accountNumber", account.accountNumber())
                .s("updatedAt", account.updatedAt().toString()).s("updatedBy", account.updatedBy()).build()).build());
    }

    public Optional<PayoutAccount> find(String party) {
        Optional<String> pk = partitionOf(party);
        if (pk.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(pk.get(), "PAYOUT")).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(accountOf(item));
    }

    /** The accounts of those payees that have one, read 100 keys a request (consistent: the file pays them). */
    public Map<String, PayoutAccount> findAll(Collection<String> parties) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        parties.stream().distinct().forEach(party -> partitionOf(party).ifPresent(pk -> keys.add(Items.key(pk, "PAYOUT"))));
        Map<String, PayoutAccount> accounts = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH))).consistentRead(true).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > 1) {
                    Backoff.pause(attempt - 1);   // unprocessed keys: the table was throttled
                }
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    PayoutAccount account = accountOf(item);
                    accounts.put(account.party(), account);
                });
                request = response.unprocessedKeys();
            }
        }
        return accounts;
    }

    private static PayoutAccount accountOf(Map<String, AttributeValue> item) {
        return new PayoutAccount(item.get("party").s(), item.get("bankName").s(), item.get("accountName").s(),
                item.get("accountNumber").s(), Instant.parse(item.get("updatedAt").s()), item.get("updatedBy").s());
    }
}
