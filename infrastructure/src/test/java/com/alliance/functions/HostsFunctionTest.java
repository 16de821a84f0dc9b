package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.ProductStatus;
import com.alliance.hosts.PickRecord;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.json.Json;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hosts handler against DynamoDB Local: registration, showcase picks and every refusal. */
class HostsFunctionTest {

    private static final Map<String, String> OPERATOR = claims("operator", "platform");
    private static final Map<String, String> SIGNUP = claims("host", "signup");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private final CatalogFunction catalog = new CatalogFunction(stores.clients(clock));
    private final HostsFunction function = new HostsFunction(stores.clients(clock));
    private final ShowcaseRepository showcases = new ShowcaseRepository(stores.dynamoDb());
    private String brandId;
    private Map<String, String> brand;
    private String aliceId;
    private Map<String, String> alice;
    private String teaId;

    @BeforeEach
    void aBrandWithTeaAndAHost() {
        brandId = registerBrand();
        brand = claims("brand", brandId);
        aliceId = register(hostBody("Alice Tea Talk", "FOOD", "HOME"), SIGNUP).body().path("hostId").asText();
        alice = claims("host", aliceId);
        teaId = list(product("TEA").put("openRateBps", 2_000));
    }

    private String registerBrand() {
        Answer registered = call(catalog, "POST /brands", Map.of(), Json.write(Json.object().put("name", "Tea Brand")
                .put("creditCode", CatalogFunctionTest.freshCreditCode())), OPERATOR);
        assertThat(registered.status()).isEqualTo(201);
        return registered.body().path("brandId").asText();
    }

    static ObjectNode hostBody(String persona, String... categories) {
        ObjectNode body = Json.object().put("personaName", persona).put("privateFans", 50_000).put("publicFans", 400_000);
        var array = body.putArray("categories");
        for (String category : categories) {
            array.add(category);
        }
        return body;
    }

    private ObjectNode product(String skuPrefix) {
        return Json.object().put("sku", skuPrefix + "-" + System.nanoTime()).put("title", "Longjing tea")
                .put("category", "FOOD").put("priceFen", 12_800).put("stock", 100).put("shipWithinHours", 48)
                .put("openRateBps", 2_000);
    }

    private String list(ObjectNode body) {
        Answer listed = call(catalog, "POST /brands/{brandId}/products", Map.of("brandId", brandId), Json.write(body), brand);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(201);
        return listed.body().path("productId").asText();
    }

    private Answer register(ObjectNode body, Map<String, String> as) {
        return call(function, "POST /hosts", Map.of(), Json.write(body), as);
    }

    private Answer pick(String hostId, String productId, Map<String, String> as) {
        return call(function, "POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                Json.write(Json.object().put("productId", productId)), as);
    }

    private Answer drop(String hostId, String productId, Map<String, String> as) {
        return call(function, "DELETE /hosts/{hostId}/showcase/{productId}",
                Map.of("hostId", hostId, "productId", productId), null, as);
    }

    private Answer showcase(String hostId, Map<String, String> as) {
        return call(function, "GET /hosts/{hostId}/showcase", Map.of("hostId", hostId), null, as);
    }

    private int catalogItems() {
        return stores.itemCount(Tables.CATALOG.tableName());
    }

    /** Runs a refused request and shows it answered the code and wrote nothing. */
    private Answer refusedWritingNothing(Supplier<Answer> request, int status, String code) {
        int before = catalogItems();
        Answer answer = request.get();
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.body().path("error").path("message").asText()).isNotBlank();
        assertThat(catalogItems()).as("items in the catalog table").isEqualTo(before);
        return answer;
    }

    // ---------- registration ----------

    @Test
    void aHostSignsUpAsAnIndependentHostAndReadsItselfBack() {
        assertThat(aliceId).startsWith("h_");
        Answer read = call(function, "GET /hosts/{hostId}", Map.of("hostId", aliceId), null, alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("kind").asText()).isEqualTo("INDEPENDENT");
        assertThat(read.body().path("categories").get(0).asText()).isEqualTo("FOOD");
        assertThat(read.body().path("privateFans").asLong()).isEqualTo(50_000);
        assertThat(read.body().path("trust").asDouble()).isEqualTo(0.5);
        assertThat(read.body().has("brandId")).isFalse();
    }

    @Test
    void aBrandRegistersItsOwnSelfBroadcastHostAndMayReadIt() {
        Answer created = register(hostBody("Tea Master Chen", "FOOD").put("kind", "BRAND_SELF").put("brandId", brandId), brand);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("brandId").asText()).isEqualTo(brandId);
        String selfId = created.body().path("hostId").asText();
        assertThat(call(function, "GET /hosts/{hostId}", Map.of("hostId", selfId), null, brand).status()).isEqualTo(200);
        assertThat(call(function, "GET /hosts/{hostId}", Map.of("hostId", selfId), null, claims("brand", "b_rival"))
                .status()).isEqualTo(404);
    }

    @Test
    void anOperatorRegistersEitherKind() {
        assertThat(register(hostBody("Ops Host", "BEAUTY"), OPERATOR).status()).isEqualTo(201);
        assertThat(register(hostBody("Ops Self", "FOOD").put("kind", "BRAND_SELF").put("brandId", brandId), OPERATOR)
                .status()).isEqualTo(201);
    }

    @Test
    void aBrandRegistersOnlySelfBroadcastHosts() {
        refusedWritingNothing(() -> register(hostBody("Not Mine", "FOOD"), brand), 403, "FORBIDDEN");
    }

    @Test
    void aBrandCannotRegisterASelfBroadcastHostForAnotherBrand() {
        String rival = registerBrand();
        refusedWritingNothing(() -> register(hostBody("Spy", "FOOD").put("kind", "BRAND_SELF").put("brandId", rival), brand),
                404, "BRAND_NOT_FOUND");
    }

    @Test
    void aHostCannotRegisterASelfBroadcastAccount() {
        refusedWritingNothing(() -> register(hostBody("Pretender", "FOOD").put("kind", "BRAND_SELF").put("brandId", brandId),
                SIGNUP), 403, "FORBIDDEN");
    }

    @Test
    void aSelfBroadcastHostNeedsABrandThatExists() {
        refusedWritingNothing(() -> register(hostBody("Ghost", "FOOD").put("kind", "BRAND_SELF")
                .put("brandId", "b_doesnotexist00000"), OPERATOR), 404, "BRAND_NOT_FOUND");
    }

    @Test
    void financeDoesNotRegisterHosts() {
        refusedWritingNothing(() -> register(hostBody("Auditor", "FOOD"), claims("finance", "platform")), 403, "FORBIDDEN");
    }

    @Test
    void aBadRegistrationNamesTheFieldAndWritesNothing() {
        Answer answer = refusedWritingNothing(() -> register(hostBody("Bad", "FOOD", "SPACESHIPS"), SIGNUP),
                400, "UNKNOWN_CATEGORY");
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("categories[1]");
    }

    @Test
    void oneHostCannotReadAnothersProfile() {
        String bobId = register(hostBody("Bob", "FOOD"), SIGNUP).body().path("hostId").asText();
        Answer answer = call(function, "GET /hosts/{hostId}", Map.of("hostId", bobId), null, alice);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("HOST_NOT_FOUND");
    }

    // ---------- picking ----------

    @Test
    void aHostPicksAProductAndLearnsTheRateItEarnsNow() {
        Answer picked = pick(aliceId, teaId, alice);
        assertThat(picked.status()).isEqualTo(201);
        assertThat(picked.body().path("productId").asText()).isEqualTo(teaId);
        assertThat(picked.body().path("hostId").asText()).isEqualTo(aliceId);
        assertThat(picked.body().path("rateBps").asInt()).isEqualTo(2_000);
        assertThat(picked.body().path("upcoming")).isEmpty();
        assertThat(showcases.hasPicked(aliceId, teaId)).isTrue();
    }

    @Test
    void aTargetedHostEarnsItsTargetedRateAndSeesAnAnnouncedDecreaseAhead() {
        ObjectNode body = product("TGT");
        body.putArray("targeted").addObject().put("hostId", aliceId).put("rateBps", 3_000);
        String productId = list(body);
        call(catalog, "PATCH /products/{productId}/commission", Map.of("productId", productId),
                Json.write(Json.object().set("targeted", Json.MAPPER.createArrayNode()
                        .add(Json.object().put("hostId", aliceId).put("rateBps", 2_500)))), brand);

        Answer picked = pick(aliceId, productId, alice);
        assertThat(picked.body().path("rateBps").asInt()).isEqualTo(3_000);
        JsonNode upcoming = picked.body().path("upcoming");
        assertThat(upcoming).hasSize(1);
        assertThat(upcoming.get(0).path("rateBps").asInt()).isEqualTo(2_500);
        assertThat(upcoming.get(0).path("effectiveFrom").asText()).isEqualTo("2026-11-21T08:00:00Z");
    }

    @Test
    void anUnknownProductIsRefused() {
        refusedWritingNothing(() -> pick(aliceId, "p_nosuchproduct0000", alice), 404, "PRODUCT_NOT_FOUND");
    }

    @Test
    void aProductIdThatIsNotOneIsA400() {
        Answer answer = refusedWritingNothing(() -> pick(aliceId, "b_notaproduct", alice), 400, "INVALID_FIELD");
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("productId");
        refusedWritingNothing(() -> call(function, "POST /hosts/{hostId}/showcase", Map.of("hostId", aliceId), "{}", alice),
                400, "FIELD_REQUIRED");
    }

    @Test
    void aProductExclusiveToOtherHostsIsRefused() {
        String bob = register(hostBody("Bob Tea Talk", "FOOD"), SIGNUP).body().path("hostId").asText();
        ObjectNode body = product("EXCL").put("exclusive", true);
        body.putArray("targeted").addObject().put("hostId", bob).put("rateBps", 3_000);
        String exclusive = list(body);
        refusedWritingNothing(() -> pick(aliceId, exclusive, alice), 403, "EXCLUSIVE_TO_OTHER_HOSTS");
    }

    @Test
    void anExclusiveProductMayBePickedByAHostItTargets() {
        ObjectNode body = product("EXCL-OK").put("exclusive", true);
        body.putArray("targeted").addObject().put("hostId", aliceId).put("rateBps", 3_000);
        Answer picked = pick(aliceId, list(body), alice);
        assertThat(picked.status()).isEqualTo(201);
        assertThat(picked.body().path("rateBps").asInt()).isEqualTo(3_000);
    }

    @Test
    void aSoldOutProductIsRefused() {
        String soldOut = list(product("OUT").put("stock", 0));
        refusedWritingNothing(() -> pick(aliceId, soldOut, alice), 409, "OUT_OF_STOCK");
    }

    @Test
    void aSuspendedProductIsRefused() {
        ProductRepository products = new ProductRepository(stores.dynamoDb());
        Product tea = products.find(teaId).orElseThrow();
        assertThat(products.replace(new Product(tea.productId(), tea.brandId(), tea.listing(), tea.rates(),
                ProductStatus.SUSPENDED, tea.listedAt(), tea.version() + 1), tea.version())).isTrue();
        refusedWritingNothing(() -> pick(aliceId, teaId, alice), 409, "PRODUCT_SUSPENDED");
    }

    @Test
    void aProductAlreadyInTheShowcaseIsRefused() {
        assertThat(pick(aliceId, teaId, alice).status()).isEqualTo(201);
        refusedWritingNothing(() -> pick(aliceId, teaId, alice), 409, "ALREADY_IN_SHOWCASE");
    }

    @Test
    void aSelfBroadcastHostCannotPickAnotherBrandsGoods() {
        String rival = registerBrand();
        String rivalSelf = register(hostBody("Rival Self", "FOOD").put("kind", "BRAND_SELF").put("brandId", rival),
                claims("brand", rival)).body().path("hostId").asText();
        refusedWritingNothing(() -> pick(rivalSelf, teaId, claims("host", rivalSelf)), 403, "SELF_BROADCAST_OTHER_BRAND");
    }

    @Test
    void aSelfBroadcastHostPicksItsOwnBrandsGoodsWithoutDistributionCommission() {
        String self = register(hostBody("Own Self", "FOOD").put("kind", "BRAND_SELF").put("brandId", brandId), brand)
                .body().path("hostId").asText();
        Answer picked = pick(self, teaId, claims("host", self));
        assertThat(picked.status()).isEqualTo(201);
        assertThat(picked.body().path("rateBps").asInt()).isZero();
    }

    @Test
    void onlyHostsPick() {
        refusedWritingNothing(() -> pick(aliceId, teaId, brand), 403, "FORBIDDEN");
        refusedWritingNothing(() -> pick(aliceId, teaId, OPERATOR), 403, "FORBIDDEN");
    }

    @Test
    void aHostTokenForAHostNeverRegisteredFindsNoHost() {
        refusedWritingNothing(() -> pick("h_neverregistered00", teaId, claims("host", "h_neverregistered00")),
                404, "HOST_NOT_FOUND");
    }

    // ---------- one host cannot touch another's showcase ----------

    @Test
    void oneHostCannotPickIntoAnothersShowcase() {
        String bobId = register(hostBody("Bob", "FOOD"), SIGNUP).body().path("hostId").asText();
        refusedWritingNothing(() -> pick(aliceId, teaId, claims("host", bobId)), 404, "HOST_NOT_FOUND");
    }

    @Test
    void oneHostCannotDropFromOrReadAnothersShowcase() {
        assertThat(pick(aliceId, teaId, alice).status()).isEqualTo(201);
        Map<String, String> bob = claims("host", register(hostBody("Bob", "FOOD"), SIGNUP).body().path("hostId").asText());
        refusedWritingNothing(() -> drop(aliceId, teaId, bob), 404, "HOST_NOT_FOUND");
        refusedWritingNothing(() -> showcase(aliceId, bob), 404, "HOST_NOT_FOUND");
        assertThat(showcase(aliceId, alice).body().path("items")).hasSize(1);
    }

    // ---------- listing and dropping ----------

    @Test
    void theShowcaseListsPicksNewestFirstWithTheirCurrentRate() {
        String scarf = list(product("SCARF").put("openRateBps", 1_500));
        pick(aliceId, teaId, alice);
        clock.advance(Duration.ofMinutes(5));
        pick(aliceId, scarf, alice);

        Answer listed = showcase(aliceId, alice);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode items = listed.body().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("productId").asText()).isEqualTo(scarf);
        assertThat(items.get(0).path("rateBps").asInt()).isEqualTo(1_500);
        assertThat(items.get(1).path("productId").asText()).isEqualTo(teaId);
        assertThat(items.get(1).path("title").asText()).isEqualTo("Longjing tea");
        assertThat(showcase(aliceId, OPERATOR).body().path("items")).hasSize(2);
    }

    @Test
    void aDroppedProductLeavesTheShowcaseButTheEverPickedRecordStays() {
        pick(aliceId, teaId, alice);
        Instant pickedAt = clock.instant();
        clock.advance(Duration.ofHours(2));
        Answer dropped = drop(aliceId, teaId, alice);
        assertThat(dropped.status()).isEqualTo(204);
        assertThat(showcase(aliceId, alice).body().path("items")).isEmpty();

        PickRecord record = showcases.pickRecord(aliceId, teaId).orElseThrow();
        assertThat(record.firstPickedAt()).isEqualTo(pickedAt);
        assertThat(record.lastDroppedAt()).contains(clock.instant());
        assertThat(showcases.hasPicked(aliceId, teaId)).isTrue();
        assertThat(showcases.hasPicked(aliceId, list(product("NEVER")))).isFalse();

        clock.advance(Duration.ofHours(1));
        assertThat(pick(aliceId, teaId, alice).status()).as("picked again").isEqualTo(201);
        PickRecord again = showcases.pickRecord(aliceId, teaId).orElseThrow();
        assertThat(again.firstPickedAt()).isEqualTo(pickedAt);
        assertThat(again.lastPickedAt()).isEqualTo(clock.instant());
        assertThat(again.picks()).isEqualTo(2);
    }

    @Test
    void droppingWhatIsNotInTheShowcaseIsRefused() {
        refusedWritingNothing(() -> drop(aliceId, teaId, alice), 404, "NOT_IN_SHOWCASE");
    }
}
