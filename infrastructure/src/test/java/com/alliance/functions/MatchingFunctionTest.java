package com.alliance.functions;

import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.alliance.brands.BrandRepository;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Json;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.risk.Trust;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations against DynamoDB Local on a small seeded catalog in SPORTS and BOOKS. Other tests share
 * the store, so rankings are read among the ids seeded here, in the order the API gives them.
 */
class MatchingFunctionTest {

    private static final Map<String, String> OPERATOR = claims("operator", "platform");
    private static final LocalStores STORES = LocalStores.get();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private static final CatalogFunction CATALOG = new CatalogFunction(STORES.clients(CLOCK));
    private static final HostsFunction HOSTS = new HostsFunction(STORES.clients(CLOCK));

    private static String brandA;
    private static String brandB;
    private static String sportsHigh;
    private static String sportsMid;
    private static String sportsLow;
    private static String books;
    private static String sportsExclusive;
    private static String sportsSoldOut;
    private static String star;
    private static String side;
    private static String small;
    private static String selfA;
    private static String selfB;

    private final MatchingFunction function = new MatchingFunction(STORES.clients(CLOCK));

    @BeforeAll
    static void seedASmallCatalog() {
        brandA = brand();
        brandB = brand();
        star = host(Json.object().put("personaName", "Star").put("privateFans", 200_000).put("publicFans", 1_000_000),
                OPERATOR, "SPORTS", "BOOKS");
        side = host(Json.object().put("personaName", "Side").put("privateFans", 200_000).put("publicFans", 1_000_000),
                OPERATOR, "BOOKS", "SPORTS");
        small = host(Json.object().put("personaName", "Small").put("privateFans", 0).put("publicFans", 5_000),
                OPERATOR, "SPORTS");
        selfA = host(Json.object().put("personaName", "Self A").put("privateFans", 3_000).put("publicFans", 10_000)
                .put("kind", "BRAND_SELF").put("brandId", brandA), claims("brand", brandA), "SPORTS");
        selfB = host(Json.object().put("personaName", "Self B").put("privateFans", 3_000).put("publicFans", 10_000)
                .put("kind", "BRAND_SELF").put("brandId", brandB), claims("brand", brandB), "SPORTS");

        sportsHigh = product(brandA, "SPORTS", 2_800, 50, null);
        sportsMid = product(brandB, "SPORTS", 1_500, 50, null);
        sportsLow = product(brandA, "SPORTS", 400, 50, null);
        books = product(brandA, "BOOKS", 2_500, 50, null);
        sportsExclusive = product(brandA, "SPORTS", 2_000, 50, star);
        sportsSoldOut = product(brandA, "SPORTS", 3_000, 0, null);
    }

    private static String brand() {
        Answer created = ApiCalls.call(CATALOG, "POST /brands", Map.of(), Json.write(Json.object().put("name", "Sports Co")
                .put("creditCode", CatalogFunctionTest.freshCreditCode())), OPERATOR);
        return created.body().path("brandId").asText();
    }

    private static String host(ObjectNode body, Map<String, String> as, String... categories) {
        var array = body.putArray("categories");
        for (String category : categories) {
            array.add(category);
        }
        Answer created = ApiCalls.call(HOSTS, "POST /hosts", Map.of(), Json.write(body), as);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("hostId").asText();
    }

    /** A product; with {@code exclusiveTo} it is exclusive to that host at 3 500 bps. */
    private static String product(String brandId, String category, int openRateBps, long stock, String exclusiveTo) {
        ObjectNode body = Json.object().put("sku", "M-" + System.nanoTime()).put("title", category + " at " + openRateBps)
                .put("category", category).put("priceFen", 19_900).put("stock", stock).put("shipWithinHours", 48)
                .put("openRateBps", openRateBps);
        if (exclusiveTo != null) {
            body.put("exclusive", true).putArray("targeted").addObject().put("hostId", exclusiveTo).put("rateBps", 3_500);
        }
        Answer listed = ApiCalls.call(CATALOG, "POST /brands/{brandId}/products", Map.of("brandId", brandId),
                Json.write(body), claims("brand", brandId));
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(201);
        return listed.body().path("productId").asText();
    }

    private Answer productsFor(String hostId, Map<String, String> as, String limit) {
        return send("GET /hosts/{hostId}/recommendations", Map.of("hostId", hostId), limit, as);
    }

    private Answer hostsFor(String productId, Map<String, String> as, String limit) {
        return send("GET /products/{productId}/host-recommendations", Map.of("productId", productId), limit, as);
    }

    private Answer send(String route, Map<String, String> path, String limit, Map<String, String> as) {
        var response = function.handle(ApiCalls.event(route, path, limit == null ? Map.of() : Map.of("limit", limit), null, as));
        return Answer.of(response.status(), response.body());
    }

    /** The ids the answer ranks, in its order, among those in {@code among}. */
    private static List<String> ranked(Answer answer, String idField, Set<String> among) {
        List<String> ids = new ArrayList<>();
        answer.body().path("items").forEach(item -> {
            String id = item.path(idField).asText();
            if (among.contains(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static JsonNode item(Answer answer, String idField, String id) {
        for (JsonNode item : answer.body().path("items")) {
            if (item.path(idField).asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " not in " + answer.body());
    }

    private Set<String> seededProducts() {
        return Set.of(sportsHigh, sportsMid, sportsLow, books, sportsExclusive, sportsSoldOut);
    }

    private Set<String> seededHosts() {
        return Set.of(star, side, small, selfA, selfB);
    }

    // ---------- products for a host ----------

    @Test
    void aHostSeesItsMainCategoryAndBestPayingGoodsFirstIncludingItsExclusiveOffer() {
        Answer answer = productsFor(star, claims("host", star), "100");
        assertThat(answer.status()).isEqualTo(200);
        // exclusive: main category at 35% targeted; high: main at 28%; books: other category at 25%;
        // mid: main at 15%; low: main at 4%. The sold-out product is not in the index.
        assertThat(ranked(answer, "productId", seededProducts()))
                .containsExactly(sportsExclusive, sportsHigh, books, sportsMid, sportsLow);
        assertThat(item(answer, "productId", sportsExclusive).path("rateBps").asInt()).isEqualTo(3_500);
    }

    @Test
    void aHostNeverSeesWhatItMayNotPickOrWhatIsNotItsCategory() {
        Answer answer = productsFor(small, claims("host", small), "100");
        assertThat(ranked(answer, "productId", seededProducts())).containsExactly(sportsHigh, sportsMid, sportsLow);
    }

    @Test
    void aSelfBroadcastHostIsRecommendedItsOwnBrandsGoodsOnly() {
        Answer answer = productsFor(selfA, claims("host", selfA), "100");
        List<String> ranked = ranked(answer, "productId", seededProducts());
        // no commission for a brand's own account, so category decides: the two SPORTS goods tie, then books
        assertThat(ranked.subList(0, 2)).containsExactlyInAnyOrder(sportsHigh, sportsLow);
        assertThat(ranked).hasSize(3).endsWith(books);
        answer.body().path("items").forEach(item -> {
            assertThat(item.path("brandId").asText()).isEqualTo(brandA);
            assertThat(item.path("rateBps").asInt()).isZero();
        });
    }

    @Test
    void everyResultCarriesItsComponentsWeightsAndContributions() {
        Answer answer = productsFor(star, claims("host", star), "5");
        assertThat(answer.body().path("limit").asInt()).isEqualTo(5);
        assertThat(answer.body().path("weights").path("categoryFit").asDouble()).isEqualTo(0.25);
        assertThat(answer.body().path("items").size()).isBetween(1, 5);
        JsonNode high = item(productsFor(star, claims("host", star), "100"), "productId", sportsHigh);
        JsonNode components = high.path("components");
        assertThat(components).hasSize(5);
        List<String> names = new ArrayList<>();
        double sum = 0;
        for (JsonNode component : components) {
            names.add(component.path("name").asText());
            assertThat(component.path("contribution").asDouble())
                    .isCloseTo(component.path("value").asDouble() * component.path("weight").asDouble(), within(1e-3));
            assertThat(component.path("detail").asText()).isNotBlank();
            sum += component.path("contribution").asDouble();
        }
        assertThat(names).containsExactly("categoryFit", "audience", "conversion", "trust", "commission");
        assertThat(high.path("score").asDouble()).isCloseTo(sum, within(1e-3));
        assertThat(components.get(0).path("value").asDouble()).isEqualTo(1.0);
        assertThat(components.get(4).path("value").asDouble()).isCloseTo(2_800 / 3_000.0, within(1e-4));
    }

    @Test
    void whatIsAlreadyInTheShowcaseIsNotRecommendedAgain() {
        String fresh = host(Json.object().put("personaName", "Fresh").put("privateFans", 10).put("publicFans", 10),
                OPERATOR, "SPORTS");
        Answer picked = ApiCalls.call(HOSTS, "POST /hosts/{hostId}/showcase", Map.of("hostId", fresh),
                Json.write(Json.object().put("productId", sportsHigh)), claims("host", fresh));
        assertThat(picked.status()).isEqualTo(201);
        assertThat(ranked(productsFor(fresh, claims("host", fresh), "100"), "productId", seededProducts()))
                .containsExactly(sportsMid, sportsLow);
    }

    // ---------- hosts for a product ----------

    @Test
    void aBrandSeesHostsRankedByCategoryAudienceAndItsOwnSelfBroadcastAccounts() {
        Answer answer = hostsFor(sportsHigh, claims("brand", brandA), "100");
        assertThat(answer.status()).isEqualTo(200);
        // star: main category; side: SPORTS is its second; small: main but a small audience;
        // selfA: the brand's own account earns no commission. Brand B's account is not offered.
        assertThat(ranked(answer, "hostId", seededHosts())).containsExactly(star, side, small, selfA);
        JsonNode first = item(answer, "hostId", star);
        assertThat(first.path("personaName").asText()).isEqualTo("Star");
        assertThat(first.path("rateBps").asInt()).isEqualTo(2_800);
        // a brand also sees the host's sample fulfilment, weighed 0 (it counts through the host's trust)
        assertThat(first.path("components")).hasSize(6);
        JsonNode fulfilment = first.path("components").get(5);
        assertThat(fulfilment.path("name").asText()).isEqualTo("sampleFulfilment");
        assertThat(fulfilment.path("weight").asDouble()).isZero();
        assertThat(fulfilment.path("contribution").asDouble()).isZero();
        assertThat(fulfilment.path("detail").asText()).isEqualTo("no sample promise closed yet");
    }

    @Test
    void anExclusiveProductIsOfferedOnlyToTheHostsItTargets() {
        Answer answer = hostsFor(sportsExclusive, claims("brand", brandA), null);
        assertThat(answer.body().path("items")).hasSize(1);
        assertThat(answer.body().path("items").get(0).path("hostId").asText()).isEqualTo(star);
        assertThat(answer.body().path("items").get(0).path("rateBps").asInt()).isEqualTo(3_500);
    }

    @Test
    void scoresAreTheSameWhicheverSideAsks() {
        double hostSide = item(productsFor(star, claims("host", star), "100"), "productId", sportsHigh).path("score").asDouble();
        double brandSide = item(hostsFor(sportsHigh, claims("brand", brandA), "100"), "hostId", star).path("score").asDouble();
        assertThat(brandSide).isEqualTo(hostSide);
    }

    @Test
    void trustAndConversionOnceFedChangeTheRanking() {
        ObjectNode twin = Json.object().put("privateFans", 40_000).put("publicFans", 100_000);
        String plain = host(twin.deepCopy().put("personaName", "Plain"), OPERATOR, "SPORTS");
        String trusted = host(twin.deepCopy().put("personaName", "Trusted"), OPERATOR, "SPORTS");
        String seller = host(twin.deepCopy().put("personaName", "Seller"), OPERATOR, "SPORTS");
        HostRepository hosts = new HostRepository(STORES.dynamoDb(),
                new MatchScoring(MatchingSettings.defaults())::hostStrength);
        assertThat(hosts.updateTrust(trusted, new Trust(0.9))).isTrue();
        hosts.addStats(seller, 300, 60 * 100);
        assertThat(hosts.refreshStatsSnapshot(seller)).isTrue();

        Answer answer = hostsFor(sportsHigh, claims("brand", brandA), "100");
        assertThat(ranked(answer, "hostId", Set.of(plain, trusted, seller))).containsExactly(seller, trusted, plain);
        assertThat(item(answer, "hostId", seller).path("components").get(2).path("detail").asText()).contains("300 orders");
        assertThat(item(answer, "hostId", trusted).path("components").get(3).path("value").asDouble()).isEqualTo(0.7);
    }

    @Test
    void aMoreTrustedBrandsProductRanksAboveAnEqualOne() {
        String trustedBrand = brand();
        String neutralBrand = brand();
        String trustedGoods = product(trustedBrand, "BOOKS", 1_000, 10, null);
        String neutralGoods = product(neutralBrand, "BOOKS", 1_000, 10, null);
        assertThat(new BrandRepository(STORES.dynamoDb()).updateTrust(trustedBrand, new Trust(1.0))).isTrue();
        MatchingFunction fresh = new MatchingFunction(STORES.clients(CLOCK));
        var response = fresh.handle(ApiCalls.event("GET /hosts/{hostId}/recommendations", Map.of("hostId", side),
                Map.of("limit", "100"), null, claims("host", side)));
        assertThat(ranked(Answer.of(response.status(), response.body()), "productId", Set.of(trustedGoods, neutralGoods)))
                .containsExactly(trustedGoods, neutralGoods);
    }

    // ---------- refusals ----------

    @Test
    void oneHostCannotReadAnothersRecommendations() {
        Answer answer = productsFor(star, claims("host", small), null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("HOST_NOT_FOUND");
    }

    @Test
    void aBrandCannotRankHostsForAnotherBrandsProduct() {
        Answer answer = hostsFor(sportsHigh, claims("brand", brandB), null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void eachSideAsksOnlyItsOwnQuestion() {
        assertThat(productsFor(star, claims("brand", brandA), null).status()).isEqualTo(403);
        assertThat(hostsFor(sportsHigh, claims("host", star), null).status()).isEqualTo(403);
        assertThat(productsFor(star, OPERATOR, null).status()).isEqualTo(200);
        assertThat(hostsFor(sportsHigh, OPERATOR, null).status()).isEqualTo(200);
    }

    @Test
    void unknownHostsAndProductsAre404() {
        assertThat(productsFor("h_nobody000000000", OPERATOR, null).errorCode()).isEqualTo("HOST_NOT_FOUND");
        assertThat(hostsFor("p_nothing00000000", OPERATOR, null).errorCode()).isEqualTo("PRODUCT_NOT_FOUND");
    }

    @Test
    void aLimitOutsideOneToAHundredIsA400NamingIt() {
        for (String limit : List.of("0", "101", "ten")) {
            Answer answer = productsFor(star, claims("host", star), limit);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("error").path("field").asText()).isEqualTo("limit");
        }
    }
}
