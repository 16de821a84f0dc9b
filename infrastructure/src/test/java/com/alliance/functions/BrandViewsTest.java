package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiResponse;
import com.alliance.json.Json;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a brand's console reads: its products page by page, its JBP agreements, its trust, and the
 * hosts carrying each product, each only for the brand itself (404 for another).
 */
class BrandViewsTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final CatalogFunction catalog = new CatalogFunction(stores.clients(clock));
    private final HostsFunction hosts = new HostsFunction(stores.clients(clock));
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private String brandId;
    private Map<String, String> brand;

    @BeforeEach
    void aBrand() {
        brandId = marketplace.brand();
        brand = claims("brand", brandId);
    }

    private static Answer get(com.alliance.functions.api.ApiFunction function, String routeKey, Map<String, String> path,
                              Map<String, String> query, Map<String, String> as) {
        ApiResponse response = function.handle(ApiCalls.event(routeKey, path, query, null, as));
        return Answer.of(response.status(), response.body());
    }

    private Answer productsPage(Map<String, String> query, Map<String, String> as) {
        return get(catalog, "GET /brands/{brandId}/products", Map.of("brandId", brandId), query, as);
    }

    @Test
    void aBrandPagesThroughItsProductsNewestFirstAndTheLastPageHasNoNext() {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listed.add(0, marketplace.product(brandId, 1_000 + i));
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
        int pages = 0;
        while (true) {
            Answer page = productsPage(query, brand);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(item -> seen.add(item.path("productId").asText()));
            pages++;
            JsonNode next = page.body().path("next");
            if (next.isNull()) {
                break;
            }
            query.put("next", next.asText());
        }
        assertThat(seen).isEqualTo(listed);
        assertThat(pages).as("2 + 2 + 1, and no empty page after the last").isEqualTo(3);
        JsonNode first = productsPage(Map.of("limit", "1"), brand).body().path("items").get(0);
        assertThat(first.path("rateSchedule").path("openRateBps").asInt()).isEqualTo(1_004);
    }

    @Test
    void anotherBrandsProductsAre404AndAHostMayNotListThem() {
        marketplace.product(brandId, 1_000);
        assertThat(productsPage(Map.of(), claims("brand", "b_rival")).status()).isEqualTo(404);
        assertThat(productsPage(Map.of(), claims("host", "h_someone")).status()).isEqualTo(403);
        assertThat(productsPage(Map.of(), claims("finance", "platform")).status()).isEqualTo(200);
    }

    @Test
    void aTokenFromAnotherListIsRefusedNotFollowed() {
        String rival = marketplace.brand();
        marketplace.product(rival, 1_000);
        marketplace.product(rival, 1_000);
        String rivalToken = get(catalog, "GET /brands/{brandId}/products", Map.of("brandId", rival), Map.of("limit", "1"),
                claims("brand", rival)).body().path("next").asText();
        Answer replayed = productsPage(Map.of("next", rivalToken), brand);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.body().path("error").path("field").asText()).isEqualTo("next");
        String forged = Base64.getUrlEncoder().encodeToString("{\"pk\":1}".getBytes(StandardCharsets.UTF_8));
        for (String token : List.of("%%%", "bm90IGpzb24", forged)) {
            assertThat(productsPage(Map.of("next", token), brand).status()).as(token).isEqualTo(400);
        }
    }

    @Test
    void aBrandListsItsJbpAgreementsAndReadsItsTrust() {
        String body = """
                {"periodStart":"2026-11-01","periodEnd":"2026-11-30",
                 "targets":{"selfBroadcastGmvFen":400000,"distributionGmvFen":1000000},
                 "rebateTiers":[{"reachedBps":10000,"rebateBps":1000}]}
                """;
        String jbpId = call(catalog, "POST /brands/{brandId}/jbp", Map.of("brandId", brandId), body, brand)
                .body().path("jbpId").asText();
        Answer agreements = get(catalog, "GET /brands/{brandId}/jbp", Map.of("brandId", brandId), Map.of(), brand);
        assertThat(agreements.status()).isEqualTo(200);
        assertThat(agreements.body().path("items")).hasSize(1);
        assertThat(agreements.body().path("items").get(0).path("jbpId").asText()).isEqualTo(jbpId);
        assertThat(agreements.body().path("items").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(agreements.body().path("next").isNull()).isTrue();
        assertThat(get(catalog, "GET /brands/{brandId}/jbp", Map.of("brandId", brandId), Map.of(), claims("brand", "b_rival"))
                .status()).isEqualTo(404);

        Answer read = call(catalog, "GET /brands/{brandId}", Map.of("brandId", brandId), null, brand);
        assertThat(read.body().path("trust").asDouble()).as("neutral until the risk rules score it").isEqualTo(0.5);
    }

    @Test
    void aBrandSeesWhichHostsCarryItsProductWithTheRateEachEarns() {
        String productId = marketplace.product(brandId, 2_000);
        String first = marketplace.independentHost();
        String second = marketplace.independentHost();
        pick(first, productId);
        clock.advance(Duration.ofMinutes(1));
        pick(second, productId);

        Answer carriers = carriers(productId, Map.of(), brand);
        assertThat(carriers.status()).isEqualTo(200);
        assertThat(carriers.body().path("items")).extracting(i -> i.path("hostId").asText()).containsExactly(second, first);
        assertThat(carriers.body().path("items").get(0).path("rateBps").asInt()).isEqualTo(2_000);
        assertThat(carriers.body().path("items").get(0).path("personaName").asText()).isEqualTo("Fixture host");

        Answer page = carriers(productId, Map.of("limit", "1"), brand);
        assertThat(page.body().path("items")).hasSize(1);
        Answer rest = carriers(productId, Map.of("limit", "1", "next", page.body().path("next").asText()), brand);
        assertThat(rest.body().path("items").get(0).path("hostId").asText()).isEqualTo(first);
        assertThat(rest.body().path("next").isNull()).isTrue();

        assertThat(call(hosts, "DELETE /hosts/{hostId}/showcase/{productId}", Map.of("hostId", second, "productId", productId),
                null, claims("host", second)).status()).isEqualTo(204);
        assertThat(carriers(productId, Map.of(), brand).body().path("items")).extracting(i -> i.path("hostId").asText())
                .containsExactly(first);

        assertThat(carriers(productId, Map.of(), claims("brand", "b_rival")).status()).isEqualTo(404);
        assertThat(carriers(productId, Map.of(), claims("host", first)).status()).isEqualTo(403);
        assertThat(carriers("p_missing", Map.of(), brand).status()).isEqualTo(404);
    }

    private void pick(String hostId, String productId) {
        Answer picked = call(hosts, "POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                Json.write(Json.object().put("productId", productId)), claims("host", hostId));
        assertThat(picked.status()).as(picked.body().toString()).isEqualTo(201);
    }

    private Answer carriers(String productId, Map<String, String> query, Map<String, String> as) {
        return get(hosts, "GET /products/{productId}/hosts", Map.of("productId", productId), query, as);
    }
}
