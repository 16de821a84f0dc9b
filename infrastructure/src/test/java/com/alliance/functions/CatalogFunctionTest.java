package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.api.ApiRequest;
import com.alliance.json.Json;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog handler against DynamoDB Local, through the real SDK. */
class CatalogFunctionTest {

    private static final AtomicInteger CODES = new AtomicInteger();
    private static final Map<String, String> OPERATOR = claims("operator", "platform");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final CatalogFunction function = new CatalogFunction(stores.clients(clock));
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private String brandId;
    private Map<String, String> brand;

    @BeforeEach
    void registerABrand() {
        Answer registered = call(function, "POST /brands", Map.of(), brandBody(), OPERATOR);
        assertThat(registered.status()).isEqualTo(201);
        brandId = registered.body().path("brandId").asText();
        brand = claims("brand", brandId);
    }

    /** A fresh valid credit code per call, so tests never collide on the uniqueness claim. */
    static String freshCreditCode() {
        String body = String.format("9133010%010d", CODES.incrementAndGet() + System.nanoTime() % 1_000_000_000L);
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(body.charAt(i)) * weights[i];
        }
        return body + alphabet.charAt((31 - sum % 31) % 31);
    }

    private static String brandBody() {
        return Json.write(Json.object().put("name", "Test Brand").put("creditCode", freshCreditCode()));
    }

    private static ObjectNode product(String sku) {
        return Json.object().put("sku", sku).put("title", "Longjing tea").put("category", "FOOD")
                .put("priceFen", 12_800).put("stock", 100).put("shipWithinHours", 48).put("openRateBps", 2_000);
    }

    private Answer list(ObjectNode body, Map<String, String> as) {
        return call(function, "POST /brands/{brandId}/products", Map.of("brandId", brandId), Json.write(body), as);
    }

    private int catalogItems() {
        return stores.itemCount(Tables.CATALOG.tableName());
    }

    @Test
    void anOperatorRegistersABrandWithAValidCreditCode() {
        assertThat(brandId).startsWith("b_");
        Answer read = call(function, "GET /brands/{brandId}", Map.of("brandId", brandId), null, brand);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("verified").asBoolean()).isTrue();
    }

    @Test
    void aBadCreditCodeIsA400NamingTheFieldAndWritesNothing() {
        int before = catalogItems();
        Answer answer = call(function, "POST /brands", Map.of(),
                "{\"name\":\"X\",\"creditCode\":\"91350100M000100Y44\"}", OPERATOR);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("INVALID_CREDIT_CODE");
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("creditCode");
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void oneCreditCodeRegistersOneBrand() {
        String code = freshCreditCode();
        String body = Json.write(Json.object().put("name", "First").put("creditCode", code));
        assertThat(call(function, "POST /brands", Map.of(), body, OPERATOR).status()).isEqualTo(201);
        int before = catalogItems();
        Answer again = call(function, "POST /brands", Map.of(), body, OPERATOR);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("CREDIT_CODE_TAKEN");
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void onlyOperatorsRegisterBrands() {
        Answer answer = call(function, "POST /brands", Map.of(), brandBody(), brand);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aBrandListsAProductAndReadsItBack() {
        Answer created = list(product("TEA-1"), brand);
        assertThat(created.status()).isEqualTo(201);
        String productId = created.body().path("productId").asText();
        assertThat(productId).startsWith("p_");

        Answer read = call(function, "GET /products/{productId}", Map.of("productId", productId), null, brand);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("priceFen").asLong()).isEqualTo(12_800);
        assertThat(read.body().path("rateSchedule").path("openRateBps").asInt()).isEqualTo(2_000);
    }

    @Test
    void aBrandCannotListUnderAnotherBrandAndNothingIsWritten() {
        int before = catalogItems();
        Answer answer = list(product("TEA-2"), claims("brand", "b_someoneelse"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void goldWithoutItsCertificateIsRefusedAndNothingIsWritten() {
        int before = catalogItems();
        Answer answer = list(product("AU-1").put("category", "GOLD_SILVER"), brand);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("CERTIFICATE_REQUIRED");
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("certificates.QUALITY_INSPECTION");
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void aBrandsSkusAreUnique() {
        assertThat(list(product("TEA-3"), brand).status()).isEqualTo(201);
        Answer again = list(product("TEA-3"), brand);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("SKU_TAKEN");
    }

    @Test
    void malformedJsonIsA400NotA500() {
        Answer answer = call(function, "POST /brands/{brandId}/products", Map.of("brandId", brandId), "{\"sku\":", brand);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void aRateDecreaseWaitsTheNoticePeriodAndAnIncreaseActsAtOnce() {
        String productId = list(product("TEA-4"), brand).body().path("productId").asText();
        Map<String, String> path = Map.of("productId", productId);

        Answer lowered = call(function, "PATCH /products/{productId}/commission", path, "{\"openRateBps\":1000}", brand);
        assertThat(lowered.status()).isEqualTo(200);
        assertThat(lowered.body().path("rateSchedule").path("openRateBps").asInt()).isEqualTo(2_000);
        assertThat(lowered.body().path("rateSchedule").path("upcoming").get(0).path("effectiveFrom").asText())
                .isEqualTo("2026-11-21T08:00:00Z");

        clock.advance(Duration.ofHours(24));
        Answer later = call(function, "GET /products/{productId}", path, null, brand);
        assertThat(later.body().path("rateSchedule").path("openRateBps").asInt()).isEqualTo(1_000);

        Answer raised = call(function, "PATCH /products/{productId}/commission", path, "{\"openRateBps\":3000}", brand);
        assertThat(raised.body().path("rateSchedule").path("openRateBps").asInt()).isEqualTo(3_000);
    }

    @Test
    void aHostSeesItsOwnTargetedRateAndNoOneElses() {
        String alice = marketplace.independentHost();
        ObjectNode body = product("TEA-5");
        body.putArray("targeted").addObject().put("hostId", alice).put("rateBps", 3_500);
        body.withArray("targeted").addObject().put("hostId", marketplace.independentHost()).put("rateBps", 3_000);
        String productId = list(body, brand).body().path("productId").asText();

        Answer asAlice = call(function, "GET /products/{productId}", Map.of("productId", productId), null,
                claims("host", alice));
        assertThat(asAlice.body().path("rateSchedule").path("yourRateBps").asInt()).isEqualTo(3_500);
        assertThat(asAlice.body().path("rateSchedule").path("targeted")).hasSize(1);
        Answer asBrand = call(function, "GET /products/{productId}", Map.of("productId", productId), null, brand);
        assertThat(asBrand.body().path("rateSchedule").path("targeted")).hasSize(2);
    }

    @Test
    void anotherBrandCannotChangeCommission() {
        String productId = list(product("TEA-6"), brand).body().path("productId").asText();
        Answer answer = call(function, "PATCH /products/{productId}/commission", Map.of("productId", productId),
                "{\"openRateBps\":100}", claims("brand", "b_rival"));
        assertThat(answer.status()).isEqualTo(404);
        Answer unchanged = call(function, "GET /products/{productId}", Map.of("productId", productId), null, brand);
        assertThat(unchanged.body().path("rateSchedule").path("upcoming")).isEmpty();
    }

    @Test
    void aTokenWithoutARoleIsUnauthenticated() {
        Answer answer = call(function, "POST /brands", Map.of(), brandBody(), Map.of("sub", "x", "party", "p"));
        assertThat(answer.status()).isEqualTo(401);
    }

    // ---------- every id a request names is checked before anything is written ----------

    private Answer refusedWritingNothing(Supplier<Answer> request, String code, String field) {
        int before = catalogItems();
        Answer answer = request.get();
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo(field);
        assertThat(catalogItems()).as("items in the catalog table").isEqualTo(before);
        return answer;
    }

    private static ObjectNode targeting(ObjectNode body, String... hostIds) {
        var targeted = body.putArray("targeted");
        for (String hostId : hostIds) {
            targeted.addObject().put("hostId", hostId).put("rateBps", 3_000);
        }
        return body;
    }

    @Test
    void aTargetedRateForAHostThatDoesNotExistIsRefusedNamingItsEntry() {
        String real = marketplace.independentHost();
        refusedWritingNothing(() -> list(targeting(product("TGT-1"), real, "h_nosuchhost0000"), brand),
                "UNKNOWN_HOST", "targeted[1].hostId");
    }

    @Test
    void anExclusiveProductWhoseOnlyTargetedHostDoesNotExistIsRefused() {
        refusedWritingNothing(() -> list(targeting(product("EXCL-1").put("exclusive", true), "h_nosuchhost0000"), brand),
                "UNKNOWN_HOST", "targeted[0].hostId");
    }

    @Test
    void anotherBrandsSelfBroadcastAccountCannotBeTargetedAndIsRefusedAsIfItDidNotExist() {
        String otherBrand = marketplace.brand();
        String theirAnchor = marketplace.selfBroadcastHost(otherBrand);
        Answer answer = refusedWritingNothing(() -> list(targeting(product("TGT-2"), theirAnchor), brand),
                "UNKNOWN_HOST", "targeted[0].hostId");
        assertThat(answer.body().path("error").path("message").asText()).doesNotContain(otherBrand);
    }

    @Test
    void aBrandMayTargetIndependentHostsAndItsOwnSelfBroadcastAccount() {
        String ownAnchor = marketplace.selfBroadcastHost(brandId);
        Answer created = list(targeting(product("TGT-3").put("exclusive", true), marketplace.independentHost(), ownAnchor),
                brand);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("rateSchedule").path("targeted")).hasSize(2);
    }

    @Test
    void aCommissionChangeForAHostThatDoesNotExistIsRefusedAndTheScheduleIsUnchanged() {
        String productId = list(product("TGT-4"), brand).body().path("productId").asText();
        Map<String, String> path = Map.of("productId", productId);
        refusedWritingNothing(() -> call(function, "PATCH /products/{productId}/commission", path,
                Json.write(targeting(Json.object().put("openRateBps", 3_000), "h_nosuchhost0000")), brand),
                "UNKNOWN_HOST", "targeted[0].hostId");
        Answer unchanged = call(function, "GET /products/{productId}", path, null, brand);
        assertThat(unchanged.body().path("rateSchedule").path("openRateBps").asInt()).isEqualTo(2_000);
        assertThat(unchanged.body().path("rateSchedule").path("targeted")).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsA413WithTheErrorBodyAndWritesNothing() {
        int before = catalogItems();
        ObjectNode body = product("BIG-1").put("title", "x".repeat(ApiRequest.MAX_BODY_BYTES));
        Answer answer = list(body, brand);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(answer.body().path("error").has("field")).isTrue();
        assertThat(answer.body().path("error").path("field").isNull()).isTrue();
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void theLimitCountsTheBytesABodyDecodesToWhenAPIGatewaySendsItBase64() {
        String json = Json.write(product("B64-1"));
        String exactly = json + " ".repeat(ApiRequest.MAX_BODY_BYTES - json.length());   // whitespace: still valid JSON
        assertThat(listBase64(exactly).status()).isEqualTo(201);
        Answer over = listBase64(exactly.replace("B64-1", "B64-2") + " ");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private Answer listBase64(String body) {
        var event = ApiCalls.event("POST /brands/{brandId}/products", Map.of("brandId", brandId), Map.of(),
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)), brand);
        event.setIsBase64Encoded(true);
        var response = function.handle(event);
        return Answer.of(response.status(), response.body());
    }
}
