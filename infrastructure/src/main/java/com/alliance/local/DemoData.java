package com.alliance.local;

import com.alliance.auth.Role;
import com.alliance.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds a demo marketplace through the public API, exactly as users would: a verified brand and
 * products in several categories, one of them needing a certificate; independent hosts who signed
 * themselves up and the brand's own self-broadcast account, each with a few products picked.
 */
final class DemoData {

    /** A valid unified social credit code for the demo brand. */
    static final String DEMO_CREDIT_CODE = "91330106MA2B3C4D5D";

    private final URI api;
    private final Hs256Tokens tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoData(URI api, Hs256Tokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /** What was seeded, for the start-up banner: labelled ids and tokens. */
    record Seeded(Map<String, String> ids, Map<String, String> tokens) {
    }

    Seeded seed() {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> demoTokens = new LinkedHashMap<>();
        String operator = tokens.mint(Role.OPERATOR, "platform", "ops@alliance.local");
        demoTokens.put("operator", operator);
        demoTokens.put("finance", tokens.mint(Role.FINANCE, "platform", "finance@alliance.local"));

        String brandId = post("/brands", operator, Json.object().put("name", "West Lake Tea & Living")
                .put("creditCode", DEMO_CREDIT_CODE)).path("brandId").asText();
        ids.put("brand", brandId);
        String brand = tokens.mint(Role.BRAND, brandId, "owner@westlake.example");
        demoTokens.put("brand", brand);

        // hosts sign themselves up with a host token, then act with a token for their new id
        String signup = tokens.mint(Role.HOST, "signup", "signup@alliance.local");
        Map<String, String> hosts = new LinkedHashMap<>();
        hosts.put("Xiao Mei Tea Talk", post("/hosts", signup, host("Xiao Mei Tea Talk", 120_000, 800_000, "FOOD", "HOME"))
                .path("hostId").asText());
        hosts.put("Lin Beauty Lab", post("/hosts", signup, host("Lin Beauty Lab", 60_000, 2_500_000, "BEAUTY", "APPAREL"))
                .path("hostId").asText());
        hosts.put("Home and Hearth", post("/hosts", signup, host("Home and Hearth", 15_000, 300_000, "HOME", "FOOD"))
                .path("hostId").asText());
        // the brand's own self-broadcast persona, played by its tea master
        hosts.put("Tea Master Chen", post("/hosts", brand, host("Tea Master Chen", 8_000, 40_000, "FOOD")
                .put("kind", "BRAND_SELF").put("brandId", brandId)).path("hostId").asText());
        hosts.forEach((persona, hostId) -> {
            ids.put("host " + persona, hostId);
            demoTokens.put("host " + persona, tokens.mint(Role.HOST, hostId, hostId + "@hosts.example"));
        });
        String lin = hosts.get("Lin Beauty Lab");

        List<ObjectNode> products = new ArrayList<>();
        products.add(product("LJ-2025-250G", "Longjing green tea, 250 g", "FOOD", 12_800, 5_000, 48, 2_000));
        ObjectNode scarf = product("SILK-SCARF-01", "Mulberry silk scarf", "APPAREL", 39_900, 800, 72, 1_500);
        scarf.putArray("targeted").addObject().put("hostId", lin).put("rateBps", 2_500);
        products.add(scarf);
        products.add(product("LIP-ROSE-09", "Rose lip balm", "BEAUTY", 8_900, 20_000, 24, 2_500));
        products.add(product("HONEY-OSM-500G", "Osmanthus honey, 500 g", "FOOD", 6_800, 3_000, 48, 1_800));
        products.add(product("TEA-SET-CELADON", "Celadon tea set", "HOME", 59_900, 300, 72, 1_200));
        ObjectNode bracelet = product("AU999-BANGLE-10G", "Gold bangle, 10 g Au999", "GOLD_SILVER", 598_000, 50, 48, 300);
        bracelet.putObject("certificates").put("QUALITY_INSPECTION", "NGTC-2025-008812");
        products.add(bracelet);
        for (ObjectNode product : products) {
            JsonNode created = post("/brands/" + brandId + "/products", brand, product);
            ids.put("product " + product.path("sku").asText(), created.path("productId").asText());
        }

        // a few picks, leaving each host something still worth picking in its recommendations
        pick(hosts.get("Xiao Mei Tea Talk"), ids.get("product LJ-2025-250G"), demoTokens.get("host Xiao Mei Tea Talk"));
        pick(hosts.get("Home and Hearth"), ids.get("product TEA-SET-CELADON"), demoTokens.get("host Home and Hearth"));
        pick(lin, ids.get("product LIP-ROSE-09"), demoTokens.get("host Lin Beauty Lab"));
        pick(lin, ids.get("product SILK-SCARF-01"), demoTokens.get("host Lin Beauty Lab"));
        pick(hosts.get("Tea Master Chen"), ids.get("product LJ-2025-250G"), demoTokens.get("host Tea Master Chen"));
        return new Seeded(ids, demoTokens);
    }

    private void pick(String hostId, String productId, String token) {
        post("/hosts/" + hostId + "/showcase", token, Json.object().put("productId", productId));
    }

    private static ObjectNode host(String persona, long privateFans, long publicFans, String... categories) {
        ObjectNode body = Json.object().put("personaName", persona).put("privateFans", privateFans)
                .put("publicFans", publicFans);
        var array = body.putArray("categories");
        for (String category : categories) {
            array.add(category);
        }
        return body;
    }

    private static ObjectNode product(String sku, String title, String category, long priceFen, long stock,
                                      int shipWithinHours, int openRateBps) {
        return Json.object().put("sku", sku).put("title", title).put("category", category)
                .put("priceFen", priceFen).put("stock", stock).put("shipWithinHours", shipWithinHours)
                .put("openRateBps", openRateBps);
    }

    private JsonNode post(String path, String token, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo seeding: POST " + path + " answered "
                        + response.statusCode() + " " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo seeding: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo seeding interrupted", e);
        }
    }
}
