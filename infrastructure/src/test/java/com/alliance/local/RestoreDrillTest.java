package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Settings;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * The restore drill on a marketplace with matured orders and a paid settlement run: every table exported and loaded
 * into a fresh DynamoDB Local, and the copy reconciles as the original does, balance for balance, order for order; a
 * copy that lost a posting is caught.
 */
class RestoreDrillTest {

    @TempDir
    Path folder;

    @Test
    void aRestoredMarketplaceReconcilesLikeTheOriginalAndALostPostingIsCaught() throws Exception {
        LocalStores own = LocalStores.isolated();
        MutableClock clock = FinanceDesk.nextClock();
        FinanceDesk desk = new FinanceDesk(own, clock, Settings.defaults());
        String brandId = desk.marketplace.brand();
        String productId = desk.marketplace.product(brandId, 2_000);
        String hostId = desk.marketplace.independentHost();
        desk.maturedOrder(productId, hostId, 100_000);
        desk.maturedOrder(productId, hostId, 50_000);
        desk.receivedOrder(productId, hostId, 30_000);
        JsonNode run = desk.draftRun();
        String runId = run.path("runId").asText();
        assertThat(desk.approve(runId).status()).isEqualTo(200);
        String lineId = desk.line(runId, hostId).orElseThrow().path("lineId").asText();
        assertThat(desk.pay(runId, Map.of(lineId, "BANK-1")).status()).isEqualTo(200);

        try (EmbeddedDynamoDb fresh = EmbeddedDynamoDb.start(0, Optional.empty());
             DynamoDbClient target = AwsClients.dynamoDb(fresh.endpoint())) {
            Provisioning.createTablesWithoutStreams(target);
            RestoreDrill.Report report = RestoreDrill.run(own.dynamoDb(), target, folder, clock);
            assertThat(report.original().balanced()).isTrue();
            assertThat(report.restored().balanced()).isTrue();
            assertThat(report.restored().postings()).isEqualTo(report.original().postings()).isPositive();
            assertThat(report.restored().runsChecked()).isEqualTo(report.original().runsChecked()).isPositive();
            assertThat(report.parties()).isGreaterThanOrEqualTo(3);
            assertThat(report.partiesDiffering()).isZero();
            assertThat(report.orders()).isGreaterThanOrEqualTo(3);
            assertThat(report.ordersDiffering()).isZero();
            assertThat(report.proven()).isTrue();
            assertThat(report.items().get(Tables.LEDGER.tableName()))
                    .isEqualTo(Files.readAllLines(folder.resolve(Tables.LEDGER.tableName() + ".jsonl")).size());

            // a copy missing one posting of an order is not the marketplace
            String line = Files.readAllLines(folder.resolve(Tables.LEDGER.tableName() + ".jsonl")).stream()
                    .filter(l -> l.contains("\"PARTY#" + hostId)).findFirst().orElseThrow();
            var item = TableExport.itemOf(com.alliance.json.Json.MAPPER.readTree(line));
            target.deleteItem(DeleteItemRequest.builder().tableName(Tables.LEDGER.tableName())
                    .key(Items.key(item.get("pk").s(), item.get("sk").s())).build());
            try (EmbeddedDynamoDb second = EmbeddedDynamoDb.start(0, Optional.empty());
                 DynamoDbClient again = AwsClients.dynamoDb(second.endpoint())) {
                Provisioning.createTablesWithoutStreams(again);
                RestoreDrill.Report broken = RestoreDrill.run(target, again, Files.createTempDirectory(folder, "broken"), clock);
                assertThat(broken.proven()).isFalse();
                assertThat(broken.original().balanced()).isFalse();
            }
        }
    }
}
