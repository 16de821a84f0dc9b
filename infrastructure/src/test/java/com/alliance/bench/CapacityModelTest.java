package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.ids.Ids;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.LocalStores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The capacity model charges write units as DynamoDB's rules do: 1 per KB of the larger of the item before and
 * after, twice in a transaction, and on each index a put of the projected item where it lands and a delete
 * where it leaves, on DynamoDB Local through a real SDK client.
 */
class CapacityModelTest {

    private final DynamoDbClient clean = LocalStores.get().dynamoDb();
    private final String ledger = Tables.LEDGER.tableName();

    @Test
    void anItemsSizeIsItsAttributeNamesPlusItsValuesAsTheDeveloperGuideCountsThem() {
        assertThat(CapacityModel.itemSize(Map.of("pk", Items.s("PARTY#a")))).isEqualTo(2 + 7);
        assertThat(CapacityModel.itemSize(Map.of("amountFen", Items.n(12_345)))).isEqualTo(9 + 3 + 1);
        assertThat(CapacityModel.itemSize(Map.of("rate", AttributeValue.fromN("0.0500")))).isEqualTo(4 + 1 + 1);
        assertThat(CapacityModel.itemSize(Map.of("held", Items.bool(true)))).isEqualTo(4 + 1);
        assertThat(CapacityModel.itemSize(Map.of("m", Items.map(Map.of("k", Items.s("v")))))).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(CapacityModel.itemSize(Map.of("l", Items.list(List.of(Items.s("ab"), Items.n(7)))))).isEqualTo(1 + 3 + (1 + 2) + (1 + 2));
        assertThat(CapacityModel.units(1)).isEqualTo(1);
        assertThat(CapacityModel.units(1_024)).isEqualTo(1);
        assertThat(CapacityModel.units(1_025)).isEqualTo(2);
    }

    @Test
    void writesAreChargedToTheTablePartitionAndToEachIndexPartitionTheItemEntersOrLeaves() {
        CapacityModel model = new CapacityModel(clean);
        String party = "PARTY#" + Ids.next(Ids.BRAND);
        String order = "ORDER#" + Ids.next(Ids.PRODUCT);
        String movedTo = "ORDER#" + Ids.next(Ids.PRODUCT);
        String small = "PARTY#" + Ids.next(Ids.HOST);
        Map<String, AttributeValue> posting = Items.builder().s("pk", party).s("sk", "POST#1").s("gsi1pk", order).s("gsi1sk", "1")
                .s("pad", "x".repeat(1_500)).build();
        try (DynamoDbClient dynamoDb = FaultInjectionHarness.interceptedClient(
                clean.serviceClientConfiguration().endpointOverride().orElseThrow(), model)) {
            // ~1.5 KB: 2 units on the table partition and 2 on the index partition it enters
            dynamoDb.putItem(PutItemRequest.builder().tableName(ledger).item(posting).build());
            assertThat(model.units("ledger", party)).isEqualTo(2);
            assertThat(model.units("ledger gsi1", order)).isEqualTo(2);

            // a projected attribute changes, the index keys do not: the index entry is rewritten in place
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(ledger).key(Items.key(party, "POST#1"))
                    .updateExpression("SET note = :n").expressionAttributeValues(Map.of(":n", Items.s("checked"))).build());
            assertThat(model.units("ledger", party)).isEqualTo(4);
            assertThat(model.units("ledger gsi1", order)).isEqualTo(4);

            // the index key moves: a delete on the old index partition, a put on the new
            dynamoDb.updateItem(UpdateItemRequest.builder().tableName(ledger).key(Items.key(party, "POST#1"))
                    .updateExpression("SET gsi1pk = :o").expressionAttributeValues(Map.of(":o", Items.s(movedTo))).build());
            assertThat(model.units("ledger", party)).isEqualTo(6);
            assertThat(model.units("ledger gsi1", order)).isEqualTo(6);
            assertThat(model.units("ledger gsi1", movedTo)).isEqualTo(2);

            // in a transaction: a small item without index keys costs 2 (1 KB, doubled); a condition check nothing
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(ledger).item(Items.key(small, "POST#1")).build()).build(),
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(ledger).key(Items.key(party, "POST#1"))
                            .conditionExpression("attribute_exists(pk)").build()).build()).build());
            assertThat(model.units("ledger", small)).isEqualTo(2);
            assertThat(model.units("ledger", party)).isEqualTo(6);

            // a refused write is not charged
            assertThatThrownBy(() -> dynamoDb.putItem(PutItemRequest.builder().tableName(ledger).item(posting)
                    .conditionExpression("attribute_not_exists(pk)").build())).isInstanceOf(ConditionalCheckFailedException.class);
            assertThat(model.units("ledger", party)).isEqualTo(6);
        }

        CapacityModel.Report report = model.report("test", 2);
        assertThat(report.hottest().name()).isIn("ledger " + party, "ledger gsi1 " + order);
        assertThat(report.hottestUnitsPerOrder()).isEqualTo(3.0);
        assertThat(report.ceilingOrdersPerSecond()).isCloseTo(333.3, org.assertj.core.data.Offset.offset(0.1));
        assertThat(report.unitsPerOrder("postings")).isEqualTo(8 / 2.0);
        assertThat(report.unitsPerOrder("ledger gsi1")).isEqualTo(8 / 2.0);
    }
}
