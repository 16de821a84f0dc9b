package com.alliance.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.PayeeSlices;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reconciliation names drift when the stored figures disagree. It runs on stores of its own: the
 * drift it plants must not reach the other tests, which expect none.
 */
class ReconciliationDriftTest {

    private final LocalStores stores = LocalStores.isolated();
    private final FinanceDesk desk = new FinanceDesk(stores);

    @Test
    void aStrayPostingAndATamperedLineAreReportedWithTheirIds() {
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        String hostId = desk.marketplace.independentHost();
        desk.marketplace.pick(hostId, productId);
        String order = desk.maturedOrder(productId, hostId, 10_000);
        String runId = desk.draftRun().path("runId").asText();
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();

        stores.dynamoDb().putItem(PutItemRequest.builder().tableName(Tables.LEDGER.tableName()).item(Items.builder()
                .s("pk", "PARTY#" + hostId).s("sk", "POST#2099-01-01T00:00:00.000000000Z#stray#0")
                .s("gsi1pk", "ORDER#" + order).s("gsi1sk", "stray#0").s("postingId", "stray#0").s("orderId", order)
                .s("eventId", "stray").s("accountType", "HOST").s("party", hostId).n("amountFen", 5)
                .s("state", "PENDING").s("reason", "planted").s("postedAt", "2099-01-01T00:00:00Z").build()).build());
        stores.dynamoDb().updateItem(UpdateItemRequest.builder().tableName(Tables.SETTLEMENT.tableName())
                .key(Items.key("RUN#" + runId + "#" + PayeeSlices.of(hostId), "PARTY#" + hostId)).updateExpression("SET amountFen = :fen, accounts.HOST = :fen")
                .expressionAttributeValues(Map.of(":fen", Items.n(1_900))).build());

        JsonNode report = desk.reconciliation();

        assertThat(report.path("balanced").asBoolean()).isFalse();
        assertThat(report.path("summary").asText()).startsWith("Drift found");
        assertThat(report.path("debitsFen").asLong()).isNotEqualTo(report.path("creditsFen").asLong());
        assertThat(report.path("unbalancedOrders").get(0).path("orderId").asText()).isEqualTo(order);
        assertThat(report.path("unbalancedOrders").get(0).path("imbalanceFen").asLong()).isEqualTo(5);
        assertThat(report.path("runMismatches")).anySatisfy(m -> {
            assertThat(m.path("runId").asText()).isEqualTo(runId);
            assertThat(m.path("lineId").asText()).isEqualTo("ln_" + hostId);
            assertThat(m.path("expectedFen").asLong()).isEqualTo(1_900);
            assertThat(m.path("foundFen").asLong()).isEqualTo(1_800);
        });
        assertThat(report.path("cursorMismatches")).anySatisfy(m -> {
            assertThat(m.path("party").asText()).isEqualTo(hostId);
            assertThat(m.path("claimableFen").asLong()).isEqualTo(1_800);
            assertThat(m.path("claimedFen").asLong()).isEqualTo(1_900);
        });
    }
}
