package com.alliance.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CatalogFunction;
import com.alliance.json.Json;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Sets up brands, products and hosts through the real handlers, for tests that need a catalog. */
public final class Marketplace {

    private final CatalogFunction catalog;
    private final LocalStores stores;

    public Marketplace(LocalStores stores, CatalogFunction catalog) {
        this.stores = stores;
        this.catalog = catalog;
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

    /** A host of the given kind ({@code INDEPENDENT} or {@code BRAND_SELF}). */
    public String host(String kind) {
        String hostId = "h_" + Long.toString(System.nanoTime(), 36);
        stores.dynamoDb().putItem(PutItemRequest.builder().tableName(Tables.CATALOG.tableName())
                .item(Items.builder().s("pk", "HOST#" + hostId).s("sk", "HOST").s("hostId", hostId).s("kind", kind).build())
                .build());
        return hostId;
    }
}
