package com.alliance.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Sets up brands, products and hosts through the real handlers, for tests that need a catalog. */
public final class Marketplace {

    private final CatalogFunction catalog;
    private final HostsFunction hosts;
    private final java.util.Set<String> picked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Marketplace(Clients clients) {
        this.catalog = new CatalogFunction(clients);
        this.hosts = new HostsFunction(clients);
    }

    public String brand() {
        String body = Json.write(Json.object().put("name", "Fixture brand").put("creditCode", CreditCodes.fresh()));
        ApiCalls.Answer answer = ApiCalls.call(catalog, "POST /brands", Map.of(), body, ApiCalls.claims("operator", "platform"));
        assertThat(answer.status()).isEqualTo(201);
        return answer.body().path("brandId").asText();
    }

    /** A FOOD product at the given open rate, priced 100 yuan. */
    public String product(String brandId, int openRateBps) {
        ObjectNode body = Json.object().put("sku", "SKU-" + System.nanoTime()).put("title", "Fixture product")
                .put("category", "FOOD").put("priceFen", 10_000).put("stock", 1_000).put("shipWithinHours", 48)
                .put("openRateBps", openRateBps);
        ApiCalls.Answer answer = ApiCalls.call(catalog, "POST /brands/{brandId}/products", Map.of("brandId", brandId),
                Json.write(body), ApiCalls.claims("brand", brandId));
        assertThat(answer.status()).isEqualTo(201);
        return answer.body().path("productId").asText();
    }

    /** An independent host, registered by an operator through the hosts API. */
    public String independentHost() {
        return registerHost(Json.object().put("personaName", "Fixture host").put("kind", "INDEPENDENT"),
                ApiCalls.claims("operator", "platform"));
    }

    /** One of the brand's own self-broadcast hosts, registered by the brand. */
    public String selfBroadcastHost(String brandId) {
        return registerHost(Json.object().put("personaName", "Brand anchor").put("kind", "BRAND_SELF").put("brandId", brandId),
                ApiCalls.claims("brand", brandId));
    }

    /** The host picks the product into its showcase, as a host does before selling it. */
    public void pick(String hostId, String productId) {
        ApiCalls.Answer answer = ApiCalls.call(hosts, "POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                Json.write(Json.object().put("productId", productId)), ApiCalls.claims("host", hostId));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        picked.add(hostId + "/" + productId);
    }

    /** {@link #pick}, unless this fixture already picked the product for the host. */
    public void pickOnce(String hostId, String productId) {
        if (picked.add(hostId + "/" + productId)) {
            pick(hostId, productId);
        }
    }

    private String registerHost(ObjectNode body, Map<String, String> as) {
        body.putArray("categories").add("FOOD");
        body.put("privateFans", 1_000).put("publicFans", 10_000);
        ApiCalls.Answer answer = ApiCalls.call(hosts, "POST /hosts", Map.of(), Json.write(body), as);
        assertThat(answer.status()).isEqualTo(201);
        return answer.body().path("hostId").asText();
    }
}
