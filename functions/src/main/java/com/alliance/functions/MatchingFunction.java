package com.alliance.functions;

import com.alliance.brands.BrandRepository;
import com.alliance.catalog.ProductRepository;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.ApiRequest;
import com.alliance.functions.api.ApiResponse;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.json.Json;
import com.alliance.matching.BrandTrustCache;
import com.alliance.matching.HostMatch;
import com.alliance.matching.MatchScore;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingService;
import com.alliance.matching.MatchingSettings;
import com.alliance.matching.ProductMatch;
import com.alliance.matching.Recommendations;
import com.alliance.matching.ScoreComponent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Matching, read-only: products ranked for a host, hosts ranked for a brand's product, each with its reasons. */
public class MatchingFunction extends ApiFunction {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final MatchingService matching;

    /** Lambda's entry: clients from the environment, once per container. */
    public MatchingFunction() {
        this(Clients.fromEnvironment());
    }

    public MatchingFunction(Clients clients) {
        MatchingSettings settings = MatchingSettings.fromEnvironment();
        MatchScoring scoring = new MatchScoring(settings);
        this.matching = new MatchingService(new HostRepository(clients.dynamoDb(), scoring::hostStrength),
                new ProductRepository(clients.dynamoDb()), new ShowcaseRepository(clients.dynamoDb()),
                new BrandTrustCache(new BrandRepository(clients.dynamoDb()), settings.trustCacheTtl(), clients.clock()),
                scoring, clients.clock());
        route("GET /hosts/{hostId}/recommendations", this::productsForHost);
        route("GET /products/{productId}/host-recommendations", this::hostsForProduct);
    }

    private ApiResponse productsForHost(ApiRequest request) {
        int limit = request.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String hostId = request.path("hostId");
        Recommendations<ProductMatch> found = matching.productsFor(request.caller(), hostId, limit);
        ObjectNode json = Json.object();
        json.put("hostId", hostId);
        ArrayNode items = envelope(json, limit);
        for (ProductMatch match : found.items()) {
            ObjectNode item = items.addObject();
            item.put("productId", match.product().productId());
            item.put("brandId", match.product().brandId());
            item.put("category", match.product().category().name());
            HostsFunction.productSummary(item, match.product());
            item.put("rateBps", match.rateBps());
            score(item, match.score());
        }
        return ApiResponse.ok(json);
    }

    private ApiResponse hostsForProduct(ApiRequest request) {
        int limit = request.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String productId = request.path("productId");
        Recommendations<HostMatch> found = matching.hostsFor(request.caller(), productId, limit);
        ObjectNode json = Json.object();
        json.put("productId", productId);
        ArrayNode items = envelope(json, limit);
        for (HostMatch match : found.items()) {
            Host host = match.host().host();
            ObjectNode item = items.addObject();
            item.put("hostId", host.hostId());
            item.put("personaName", host.personaName());
            item.put("kind", host.kind().name());
            ArrayNode categories = item.putArray("categories");
            host.categories().forEach(c -> categories.add(c.name()));
            item.put("privateFans", host.privateFans());
            item.put("publicFans", host.publicFans());
            item.put("rateBps", match.rateBps());
            score(item, match.score());
        }
        return ApiResponse.ok(json);
    }

    private ArrayNode envelope(ObjectNode json, int limit) {
        json.put("limit", limit);
        ObjectNode weights = json.putObject("weights");
        matching.weights().byName().forEach((name, weight) -> weights.put(name, round(weight)));
        return json.putArray("items");
    }

    /** The score and every component with its weight and contribution: the "why" of a ranking. */
    private static void score(ObjectNode item, MatchScore score) {
        item.put("score", round(score.total()));
        ArrayNode components = item.putArray("components");
        for (ScoreComponent component : score.components()) {
            components.addObject()
                    .put("name", component.name())
                    .put("value", round(component.value()))
                    .put("weight", round(component.weight()))
                    .put("contribution", round(component.contribution()))
                    .put("detail", component.detail());
        }
    }

    /** Scores are shown to four decimals; ranking uses the exact values. */
    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
