package com.alliance.brands;

import com.alliance.errors.ConflictException;
import com.alliance.persistence.Items;
import com.alliance.persistence.ReadUnits;
import com.alliance.persistence.Tables;
import com.alliance.risk.Trust;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Brands in the catalog table: {@code BRAND#id / BRAND}, plus a claim item {@code CREDIT#code / CREDIT}
 * written in the same transaction so one credit code registers one brand. The brand item carries the
 * brand's {@code trust} once the trust job has scored it, with {@code trustRevision}, the revision of the
 * service record it was computed from; until then it is {@link Trust#NEUTRAL}.
 */
public final class BrandRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public BrandRepository(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        this.table = Tables.CATALOG.tableName();
    }

    public void insert(Brand brand) {
        Map<String, AttributeValue> item = Items.builder()
                .s("pk", "BRAND#" + brand.brandId()).s("sk", "BRAND")
                .s("brandId", brand.brandId()).s("name", brand.name())
                .s("creditCode", brand.creditCode().value())
                .s("registeredAt", brand.registeredAt().toString()).s("registeredBy", brand.registeredBy())
                .build();
        Map<String, AttributeValue> claim = Items.builder()
                .s("pk", "CREDIT#" + brand.creditCode().value()).s("sk", "CREDIT")
                .s("brandId", brand.brandId()).build();
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(claim)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build()).build());
        } catch (TransactionCanceledException e) {
            CancellationReason claimReason = e.cancellationReasons().get(0);
            if ("ConditionalCheckFailed".equals(claimReason.code())) {
                throw new ConflictException("CREDIT_CODE_TAKEN",
                        "a brand with this credit code is already registered", "creditCode");
            }
            throw e;
        }
    }

    public Optional<Brand> find(String brandId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key("BRAND#" + brandId, "BRAND")).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Brand(item.get("brandId").s(), item.get("name").s(),
                new CreditCode(item.get("creditCode").s()), Instant.parse(item.get("registeredAt").s()),
                item.get("registeredBy").s()));
    }

    /** The name of each brand among {@code brandIds} that exists, read in batches of 100 (eventually consistent). */
    public Map<String, String> namesOf(Collection<String> brandIds, ReadUnits units) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = brandIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Items.key("BRAND#" + id, "BRAND")).toList();
            // "name" is a DynamoDB reserved word
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("brandId, #name").expressionAttributeNames(Map.of("#name", "name")).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(request).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                units.addAll(response.consumedCapacity());
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> names.put(item.get("brandId").s(), item.get("name").s()));
                request = response.unprocessedKeys();
            }
        }
        return names;
    }

    /**
     * The trust of each brand among {@code brandIds}, read in batches of 100 (eventually consistent);
     * a brand not found, or not yet scored, is {@link Trust#NEUTRAL}.
     */
    public Map<String, Trust> trustOf(Collection<String> brandIds, ReadUnits units) {
        Map<String, Trust> trust = new HashMap<>();
        List<String> ids = brandIds.stream().distinct().toList();
        ids.forEach(id -> trust.put(id, Trust.NEUTRAL));
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .map(id -> Items.key("BRAND#" + id, "BRAND")).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("brandId, trust").build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response = dynamoDb.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(request).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
                units.addAll(response.consumedCapacity());
                response.responses().getOrDefault(table, List.of()).forEach(item -> trust.put(item.get("brandId").s(),
                        new Trust(Items.decimalOf(item, "trust", Trust.NEUTRAL.value()))));
                request = response.unprocessedKeys();
            }
        }
        return trust;
    }

    /** Sets a brand's trust, whatever it was computed from. False when there is no such brand. */
    public boolean updateTrust(String brandId, Trust trust) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(Items.key("BRAND#" + brandId, "BRAND"))
                    .updateExpression("SET trust = :trust").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":trust", Items.decimal(trust.value()))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Sets a brand's trust computed from revision {@code revision} of its service record, unless a trust from a
     * later revision is already there: false then, or when there is no such brand.
     */
    public boolean updateTrust(String brandId, Trust trust, long revision) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table).key(Items.key("BRAND#" + brandId, "BRAND"))
                    .updateExpression("SET trust = :trust, trustRevision = :revision")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(trustRevision) OR trustRevision <= :revision)")
                    .expressionAttributeValues(Map.of(":trust", Items.decimal(trust.value()), ":revision", Items.n(revision)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
