package com.alliance.brands;

import com.alliance.errors.ConflictException;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Brands in the catalog table: {@code BRAND#id / BRAND}, plus a claim item {@code CREDIT#code / CREDIT}
 * written in the same transaction so one credit code registers one brand.
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
}
