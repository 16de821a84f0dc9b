package com.alliance.functions;

import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiResponse;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hosts' and brands' order lists against DynamoDB Local, through the real functions: each order with the party's own
 * money and where it stands as the order matures and a settlement run takes and pays it; flagged orders by status;
 * paging, filters, CSV; who may read which list; bad input.
 */
class OrderListsTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
    private final OrderListsFunction lists = new OrderListsFunction(stores.clients(clock));
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final String otherProduct = desk.marketplace.product(brandId, 1_000);
    private final String hostId = desk.marketplace.independentHost();
    private final Map<String, String> host = claims("host", hostId);
    private final Map<String, String> brand = claims("brand", brandId);

    {
        desk.marketplace.pick(hostId, productId);       // hosts pick before they sell, or the fake-order rules hold
        desk.marketplace.pick(hostId, otherProduct);
    }

    private Answer get(String route, String idName, String id, Map<String, String> query, Map<String, String> as) {
        return ApiCalls.call(lists, route, Map.of(idName, id), query, null, as);
    }

    private Answer hostOrders(Map<String, String> query, Map<String, String> as) {
        return get("GET /hosts/{hostId}/orders", "hostId", hostId, query, as);
    }

    private static Map<String, JsonNode> byOrder(Answer page) {
        Map<String, JsonNode> rows = new HashMap<>();
        page.body().path("orders").forEach(row -> rows.put(row.path("orderId").asText(), row));
        return rows;
    }

    @Test
    void aHostSeesEachOrderWithItsCommissionAsItMaturesIsSettledAndPaidOut() {
        String matured = desk.maturedOrder(productId, hostId, 100_000);
        String open = FinanceDesk.orderId();
        String refunded = FinanceDesk.orderId();
        String cancelled = FinanceDesk.orderId();
        Instant now = clock.instant();
        desk.deliver(OrderEvents.paid(open, now.minus(Duration.ofHours(3)), otherProduct, hostId, 20_000),
                OrderEvents.paid(refunded, now.minus(Duration.ofHours(2)), productId, hostId, 30_000),
                OrderEvents.refunded(refunded, now.minus(Duration.ofHours(1)), 30_000),
                OrderEvents.paid(cancelled, now.minus(Duration.ofMinutes(30)), productId, hostId, 40_000),
                OrderEvents.milestone("ORDER_CANCELLED", cancelled, now.minus(Duration.ofMinutes(20))));
        stores.foldRunningCounts();

        Answer page = hostOrders(Map.of(), host);
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        assertThat(page.body().path("orders")).extracting(r -> r.path("orderId").asText())
                .as("newest first").containsExactly(cancelled, refunded, open, matured);
        Map<String, JsonNode> rows = byOrder(page);
        JsonNode first = rows.get(matured);
        assertThat(first.path("status").asText()).isEqualTo("MATURED");
        assertThat(first.path("commission").path("state").asText()).isEqualTo("SETTLEABLE");
        assertThat(first.path("commission").path("amountFen").asLong()).isEqualTo(18_000);
        assertThat(first.path("commission").path("rateBps").asInt()).isEqualTo(2_000);
        assertThat(first.path("commission").path("rateBasis").asText()).isEqualTo("OPEN");
        assertThat(first.path("steps")).extracting(s -> s.path("step").asText())
                .containsExactly("PAID", "SHIPPED", "RECEIVED", "MATURED");
        assertThat(first.path("productTitle").asText()).isNotBlank();
        assertThat(first.path("brandName").asText()).isNotBlank();
        assertThat(first.path("buyerRef").asText()).startsWith("u_");
        assertThat(first.has("buyerId")).as("a host never sees the buyer's id").isFalse();
        assertThat(rows.get(open).path("commission").path("state").asText()).isEqualTo("ESTIMATED");
        assertThat(rows.get(refunded).path("status").asText()).isEqualTo("REFUNDED");
        assertThat(rows.get(refunded).path("commission").path("state").asText()).isEqualTo("NONE");
        assertThat(rows.get(cancelled).path("status").asText()).isEqualTo("CANCELLED");

        // a run takes the matured commission, then pays it
        String runId = desk.draftRun().path("runId").asText();
        assertThat(commissionOf(matured).path("state").asText()).isEqualTo("SETTLED");
        assertThat(commissionOf(matured).path("runId").asText()).isEqualTo(runId);
        assertThat(desk.approve(runId).status()).isEqualTo(200);
        String lineId = desk.line(runId, hostId).orElseThrow().path("lineId").asText();
        assertThat(desk.pay(runId, Map.of(lineId, "BANK-1")).status()).isEqualTo(200);
        JsonNode paid = commissionOf(matured);
        assertThat(paid.path("state").asText()).isEqualTo("PAID_OUT");
        assertThat(paid.path("paidOutAt").asText()).isNotBlank();

        // operators and finance see the buyer; the brand sees the same orders from its side
        JsonNode asFinance = byOrder(hostOrders(Map.of(), FinanceDesk.FINANCE)).get(matured);
        assertThat(asFinance.path("buyerId").asText()).isNotBlank();
        Answer brandPage = get("GET /brands/{brandId}/orders", "brandId", brandId, Map.of(), brand);
        JsonNode brandRow = byOrder(brandPage).get(matured);
        assertThat(brandRow.path("commission").path("role").asText()).isEqualTo("BRAND");
        assertThat(brandRow.path("hostName").asText()).isNotBlank();
        assertThat(brandRow.path("buyerRef").asText()).isNotEqualTo(first.path("buyerRef").asText());
    }

    private JsonNode commissionOf(String orderId) {
        return byOrder(hostOrders(Map.of(), host)).get(orderId).path("commission");
    }

    @Test
    void flaggedStatusesAndFiltersReadOnlyTheirOrdersAndPagesVisitEachOrderOnce() {
        Instant now = clock.instant();
        List<String> orders = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String order = FinanceDesk.orderId();
            orders.add(0, order);
            bodies.add(OrderEvents.paid(order, now.minus(Duration.ofMinutes(70 - i)), i % 2 == 0 ? productId : otherProduct,
                    hostId, 10_000 + i));
        }
        bodies.add(OrderEvents.refunded(orders.get(0), now.minus(Duration.ofMinutes(5)), 10_006));
        desk.deliver(bodies.toArray(String[]::new));
        stores.foldRunningCounts();

        Answer refunded = hostOrders(Map.of("status", "REFUNDED"), host);
        assertThat(refunded.body().path("orders")).extracting(r -> r.path("orderId").asText()).containsExactly(orders.get(0));
        Answer product = get("GET /brands/{brandId}/orders", "brandId", brandId, Map.of("productId", otherProduct,
                "hostId", hostId), brand);
        assertThat(product.body().path("orders")).hasSize(3)
                .allSatisfy(r -> assertThat(r.path("productId").asText()).isEqualTo(otherProduct));

        List<String> seen = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
        for (int pages = 0; pages < 20; pages++) {
            Answer page = hostOrders(query, host);
            page.body().path("orders").forEach(r -> seen.add(r.path("orderId").asText()));
            if (page.body().path("next").isNull()) {
                break;
            }
            query.put("next", page.body().path("next").asText());
        }
        assertThat(seen).containsExactlyElementsOf(orders);

        ApiResponse export = ApiCalls.raw(lists, "GET /hosts/{hostId}/orders", Map.of("hostId", hostId),
                Map.of("productId", productId), Map.of("Accept", "text/csv"), host);
        assertThat(export.contentType()).startsWith("text/csv");
        String[] lines = export.body().split("\r\n");
        assertThat(lines[0]).startsWith("order_id,paid_at,product_id").doesNotContain("buyer_id");
        assertThat(lines).hasSize(1 + 4);
        assertThat(lines[1]).contains(orders.get(0)).contains(",100.06,100.06,REFUNDED,");

        JsonNode summary = get("GET /hosts/{hostId}/orders/summary", "hostId", hostId, Map.of(), host).body();
        assertThat(summary.path("orders").asLong()).as("the refunded order no longer counts").isEqualTo(6);
        assertThat(summary.path("money").path("estimatedFen").asLong()).isPositive();
    }

    /**
     * Orders paid before the lists (no gsi7 keys: here removed, which the stream takes as such an order never was
     * listed) are brought in once by the backfill job: the host's list, its flagged orders and the summary's money
     * show them again, and a second run finds nothing.
     */
    @Test
    void theBackfillListsOrdersPaidBeforeTheListsOnce() {
        LocalStores own = LocalStores.isolated();
        FinanceDesk ownDesk = new FinanceDesk(own, clock, Settings.defaults());
        OrderListsFunction ownLists = new OrderListsFunction(own.clients(clock));
        String ownBrand = ownDesk.marketplace.brand();
        String ownProduct = ownDesk.marketplace.product(ownBrand, 2_000);
        String ownHost = ownDesk.marketplace.independentHost();
        ownDesk.marketplace.pick(ownHost, ownProduct);
        Map<String, String> as = claims("host", ownHost);
        Instant now = clock.instant();
        ownDesk.deliver(OrderEvents.paid("old-1", now.minus(Duration.ofHours(3)), ownProduct, ownHost, 10_000),
                OrderEvents.paid("old-2", now.minus(Duration.ofHours(2)), ownProduct, ownHost, 10_000),
                OrderEvents.refunded("old-2", now.minus(Duration.ofHours(1)), 10_000));
        own.foldRunningCounts();
        JsonNode before = ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders/summary", Map.of("hostId", ownHost), Map.of(),
                null, as).body();
        assertThat(before.path("money").path("estimatedFen").asLong()).isEqualTo(1_800);

        for (String order : List.of("old-1", "old-2")) {
            own.dynamoDb().updateItem(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                    .tableName(com.alliance.persistence.Tables.ORDERS.tableName())
                    .key(com.alliance.persistence.Items.key("ORDER#" + order, "STATE"))
                    .updateExpression("REMOVE gsi7pk, gsi7sk").build());
        }
        own.foldRunningCounts();
        assertThat(ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders", Map.of("hostId", ownHost), Map.of(), null, as)
                .body().path("orders")).as("as if paid before the lists").isEmpty();
        assertThat(ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders/summary", Map.of("hostId", ownHost), Map.of(), null,
                as).body().path("money").path("estimatedFen").asLong()).isZero();

        com.alliance.orderlists.OrderListsBackfillJob backfill = new com.alliance.orderlists.OrderListsBackfillJob(own.dynamoDb());
        com.alliance.jobs.ShardLeases leases = new com.alliance.jobs.ShardLeases(own.dynamoDb());
        assertThat(com.alliance.jobs.JobDrain.run(backfill, leases, clock.instant())).isEqualTo(2);
        own.foldRunningCounts();
        assertThat(ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders", Map.of("hostId", ownHost), Map.of(), null, as)
                .body().path("orders")).extracting(r -> r.path("orderId").asText()).containsExactly("old-2", "old-1");
        assertThat(ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders", Map.of("hostId", ownHost),
                Map.of("status", "REFUNDED"), null, as).body().path("orders")).hasSize(1);
        assertThat(ApiCalls.call(ownLists, "GET /hosts/{hostId}/orders/summary", Map.of("hostId", ownHost), Map.of(), null,
                as).body()).isEqualTo(before);
        assertThat(com.alliance.jobs.JobDrain.run(backfill, leases, clock.instant())).as("done: one read a segment").isZero();
    }

    @Test
    void onlyThePartyItsOwnBrandOperatorsAndFinanceReadAListAndAnUnknownPartyIs404() {
        String rival = desk.marketplace.independentHost();
        String selfHost = desk.marketplace.selfBroadcastHost(brandId);
        assertThat(hostOrders(Map.of(), claims("host", rival)).status()).isEqualTo(404);
        assertThat(hostOrders(Map.of(), brand).status()).as("a brand never reads an independent host's list").isEqualTo(404);
        assertThat(get("GET /hosts/{hostId}/orders", "hostId", selfHost, Map.of(), brand).status())
                .as("a brand reads its own self-broadcast host's list").isEqualTo(200);
        assertThat(get("GET /brands/{brandId}/orders", "brandId", brandId, Map.of(), claims("brand", "b_rival")).status())
                .isEqualTo(404);
        assertThat(hostOrders(Map.of(), claims("operator", "ops")).status()).isEqualTo(200);
        Answer unknown = get("GET /hosts/{hostId}/orders", "hostId", "h_doesnotexist", Map.of(), FinanceDesk.FINANCE);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").path("code").asText()).isEqualTo("HOST_NOT_FOUND");
        assertThat(get("GET /brands/{brandId}/orders/summary", "brandId", "b_doesnotexist", Map.of(),
                FinanceDesk.FINANCE).status()).isEqualTo(404);
    }

    @Test
    void badQueriesAre400NamingTheField() {
        Map<Map<String, String>, String> refused = Map.of(
                Map.of("status", "SHIPED"), "status",
                Map.of("from", "2026-12-01", "to", "2026-11-01"), "to",
                Map.of("from", "2025-01-01", "to", "2026-06-01"), "to",
                Map.of("next", "bm90LWEtdG9rZW4"), "next",
                Map.of("limit", "0"), "limit",
                Map.of("productId", "nope"), "productId");
        refused.forEach((query, field) -> {
            Answer answer = hostOrders(query, host);
            assertThat(answer.status()).as(query.toString()).isEqualTo(400);
            assertThat(answer.body().path("error").path("field").asText()).as(query.toString()).isEqualTo(field);
        });
        assertThat(hostOrders(Map.of("hostId", hostId), host).status()).as("hostId filters a brand's list only")
                .isEqualTo(400);
    }
}
