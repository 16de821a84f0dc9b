package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static com.alliance.testing.FinanceDesk.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiResponse;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading money: balances, statements (JSON and CSV) and reconciliation, each party seeing only its own. */
class FinanceReadsTest {

    private final LocalStores stores = LocalStores.get();
    private final FinanceDesk desk = new FinanceDesk(stores);
    private String brandId;
    private String productId;
    private String hostId;

    @BeforeEach
    void catalog() {
        brandId = desk.marketplace.brand();
        productId = desk.marketplace.product(brandId, 2_000);
        hostId = desk.marketplace.independentHost();
        desk.marketplace.pick(hostId, productId);
    }

    private Answer balances(Map<String, String> query, Map<String, String> as) {
        return call(desk.finance, "GET /finance/balances", Map.of(), query, null, as);
    }

    private Answer statement(String party, Map<String, String> query, Map<String, String> as) {
        return call(desk.finance, "GET /finance/statements/{party}", Map.of("party", party), query, null, as);
    }

    @Test
    void aHostOrBrandSeesOnlyItsOwnBalancesAndFinanceSeesAnyones() {
        desk.maturedOrder(productId, hostId, 10_000);

        Answer own = balances(Map.of(), claims("host", hostId));
        Answer ownByName = balances(Map.of("party", hostId), claims("host", hostId));
        Answer brand = balances(Map.of("party", brandId), claims("brand", brandId));

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("party").asText()).isEqualTo(hostId);
        assertThat(own.body().path("settleableFen").asLong()).isEqualTo(1_800);
        assertThat(ownByName.body()).isEqualTo(own.body());
        assertThat(brand.body().path("settleableFen").asLong()).isEqualTo(7_500);
        assertThat(balances(Map.of("party", brandId), claims("host", hostId)).status()).isEqualTo(404);
        assertThat(balances(Map.of("party", hostId), FINANCE).body().path("settleableFen").asLong()).isEqualTo(1_800);
        assertThat(balances(Map.of(), FINANCE).errorCode()).isEqualTo("FIELD_REQUIRED");
        assertThat(balances(Map.of("party", hostId), claims("operator", "platform")).status()).isEqualTo(403);
    }

    @Test
    void aStatementListsEveryPostingWithItsRunningBalancePageByPage() {
        String order = desk.maturedOrder(productId, hostId, 10_000);
        desk.deliver(OrderEvents.refunded(order, desk.clock.instant(), 2_500));

        Answer all = statement(hostId, Map.of(), FINANCE);
        Answer first = statement(hostId, Map.of("limit", "2"), claims("host", hostId));
        Answer second = statement(hostId, Map.of("limit", "2", "next", first.body().path("next").asText()), claims("host", hostId));

        JsonNode postings = all.body().path("postings");
        assertThat(postings).hasSize(4);    // paid, matured (−pending, +settleable), clawback
        assertThat(postings.get(0).path("orderId").asText()).isEqualTo(order);
        assertThat(postings.get(0).path("reason").asText()).isEqualTo("host commission: order paid");
        assertThat(postings.get(3).path("reason").asText()).isEqualTo("clawback of host commission: order refunded");
        assertThat(postings).extracting(p -> p.path("balanceFen").asLong()).containsExactly(1_800L, 0L, 1_800L, 1_350L);
        assertThat(all.body().path("closingBalanceFen").asLong()).isEqualTo(1_350);
        assertThat(first.body().path("postings")).hasSize(2);
        assertThat(second.body().path("openingBalanceFen").asLong())
                .isEqualTo(first.body().path("closingBalanceFen").asLong());
        assertThat(second.body().path("postings").get(1).path("balanceFen").asLong()).isEqualTo(1_350);
        assertThat(second.body().path("next").isNull()).isTrue();
        assertThat(statement(hostId, Map.of(), claims("host", "h_someoneelse")).status()).isEqualTo(404);
    }

    @Test
    void aStatementCoversOnlyItsPeriodWithTheBalanceBroughtForward() {
        desk.maturedOrder(productId, hostId, 10_000);
        Instant between = desk.clock.instant();
        desk.clock.advance(Duration.ofDays(1));
        desk.maturedOrder(productId, hostId, 10_000);

        Answer later = statement(hostId, Map.of("from", between.toString()), FINANCE);
        Answer earlier = statement(hostId, Map.of("to", between.toString()), FINANCE);

        assertThat(later.body().path("openingBalanceFen").asLong()).isEqualTo(1_800);
        assertThat(later.body().path("closingBalanceFen").asLong()).isEqualTo(3_600);
        assertThat(earlier.body().path("postings")).hasSize(3);
        assertThat(statement(hostId, Map.of("from", "last week"), FINANCE).body().path("error").path("field").asText())
                .isEqualTo("from");
        assertThat(statement(hostId, Map.of("from", "2027-02-01", "to", "2027-01-01"), FINANCE).status()).isEqualTo(400);
    }

    @Test
    void withAcceptTextCsvTheStatementIsRfc4180CsvSafeForSpreadsheets() {
        String awkward = "=o,\"" + System.nanoTime() + "\"";
        desk.deliver(OrderEvents.paid(awkward, desk.clock.instant().minus(Duration.ofDays(1)), productId, hostId, 10_000));

        ApiResponse csv = ApiCalls.raw(desk.finance, "GET /finance/statements/{party}", Map.of("party", hostId), Map.of(),
                Map.of("accept", "text/csv"), claims("host", hostId));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> records = List.of(csv.body().split("\r\n"));
        assertThat(records.get(0)).isEqualTo("postedAt,postingId,orderId,eventId,accountType,state,amountFen,reason,balanceFen");
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).contains(",\"'" + awkward.replace("\"", "\"\"") + "\",")
                .contains(",HOST,PENDING,1800,host commission: order paid,1800");
        assertThat(csv.body()).endsWith("\r\n");
    }

    @Test
    void reconciliationSaysPlainlyThatThereIsNoDrift() {
        desk.maturedOrder(productId, hostId, 10_000);
        desk.draftRun();

        JsonNode report = desk.reconciliation();

        assertThat(report.path("balanced").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("summary").asText()).startsWith("No drift");
        assertThat(report.path("debitsFen").asLong()).isEqualTo(report.path("creditsFen").asLong());
        assertThat(report.path("totalsByState").has("SETTLED")).isTrue();
        assertThat(report.path("unbalancedOrders")).isEmpty();
        assertThat(call(desk.finance, "GET /finance/reconciliation", Map.of(), null, claims("brand", brandId)).status())
                .isEqualTo(403);
    }
}
