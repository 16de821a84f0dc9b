package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.functions.api.ApiRequest;
import com.alliance.json.Json;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The local marketplace as a user meets it: HTTP on a port, tokens from /dev/tokens, demo data. */
class LocalRuntimeEndToEndTest {

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Answer send(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    private static String token(String role, String party) {
        Answer minted = send("POST", "/dev/tokens", null, "{\"role\":\"" + role + "\",\"party\":\"" + party + "\"}");
        assertThat(minted.status()).isEqualTo(200);
        return minted.body().path("token").asText();
    }

    /** The catalog's items once the stream has folded earlier orders' counts into it (a refused request writes none). */
    private static long catalogItems() {
        runtime.awaitRunningCounts();
        return runtime.dynamoDbClient().scan(ScanRequest.builder().tableName(Tables.CATALOG.tableName())
                .select("COUNT").build()).count();
    }

    @Test
    void aBrandIsRegisteredListsAProductAndReadsItBackOverHttp() {
        String operator = token("operator", "platform");
        Answer brand = send("POST", "/brands", operator, "{\"name\":\"Tea House\",\"creditCode\":\"91310000MA1FL0Q73F\"}");
        assertThat(brand.status()).isEqualTo(201);
        String brandId = brand.body().path("brandId").asText();

        String brandToken = token("brand", brandId);
        Answer product = send("POST", "/brands/" + brandId + "/products", brandToken, Json.write(Json.object()
                .put("sku", "TEA").put("title", "Tea").put("category", "FOOD").put("priceFen", 5_000)
                .put("stock", 9).put("shipWithinHours", 24).put("openRateBps", 1_500)));
        assertThat(product.status()).isEqualTo(201);
        String productId = product.body().path("productId").asText();

        Answer read = send("GET", "/products/" + productId, token("host", "h_reader"), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("title").asText()).isEqualTo("Tea");
        assertThat(read.body().path("rateSchedule").path("yourRateBps").asInt()).isEqualTo(1_500);
    }

    @Test
    void badInputGetsTheSpecErrorBodyAndWritesNothing() {
        long before = catalogItems();
        Answer answer = send("POST", "/brands", token("operator", "platform"), "{\"name\":\"\",\"creditCode\":\"x\"}");
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = answer.body().path("error");
        assertThat(error.path("code").asText()).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("field").asText()).isEqualTo("name");
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void requestsWithoutAValidTokenAre401() {
        assertThat(send("GET", "/products/p_x", null, null).status()).isEqualTo(401);
        String valid = token("operator", "platform");
        String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";
        assertThat(send("GET", "/products/p_x", badSignature, null).status()).isEqualTo(401);
        String[] parts = valid.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/products/p_x", none + "." + parts[1] + ".", null).status()).isEqualTo(401);
        Hs256Tokens yesterday = new Hs256Tokens(LocalOptions.DEFAULT_SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC), Duration.ofHours(1));
        assertThat(send("GET", "/products/p_x", yesterday.mint(Role.OPERATOR, "platform", "x"), null).status())
                .isEqualTo(401);
    }

    @Test
    void anUnknownRouteIsA404WithTheErrorBody() {
        Answer answer = send("GET", "/nowhere", token("operator", "platform"), null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("ROUTE_NOT_FOUND");
    }

    @Test
    void theDemoSeedsABrandProductsHostsAndPicksThroughTheApi() {
        DemoData.Seeded seeded = runtime.seedDemo();
        String productId = seeded.ids().get("product AU999-BANGLE-10G");
        Answer gold = send("GET", "/products/" + productId, seeded.tokens().get("brand"), null);
        assertThat(gold.status()).isEqualTo(200);
        assertThat(gold.body().path("certificates").path("QUALITY_INSPECTION").asText()).isNotBlank();

        String lin = seeded.ids().get("host Lin Beauty Lab");
        Answer showcase = send("GET", "/hosts/" + lin + "/showcase", seeded.tokens().get("host Lin Beauty Lab"), null);
        assertThat(showcase.status()).isEqualTo(200);
        assertThat(showcase.body().path("items")).hasSize(2);
        Answer self = send("GET", "/hosts/" + seeded.ids().get("host Tea Master Chen"), seeded.tokens().get("brand"), null);
        assertThat(self.body().path("kind").asText()).isEqualTo("BRAND_SELF");

        String xiaoMei = seeded.ids().get("host Xiao Mei Tea Talk");
        Answer recommended = send("GET", "/hosts/" + xiaoMei + "/recommendations", seeded.tokens().get("host Xiao Mei Tea Talk"),
                null);
        assertThat(recommended.body().path("items")).extracting(item -> item.path("productId").asText())
                .containsExactly(seeded.ids().get("product HONEY-OSM-500G"), seeded.ids().get("product TEA-SET-CELADON"));

        String brand = seeded.tokens().get("brand");
        Answer applications = send("GET", "/brands/" + seeded.ids().get("brand") + "/applications", brand, null);
        assertThat(applications.body().path("items")).extracting(item -> item.path("hostId").asText())
                .containsExactly(seeded.ids().get("host Home and Hearth"));
        Answer shipped = send("GET", "/samples/" + seeded.ids().get("sample (honey, shipped)"), brand, null);
        assertThat(shipped.body().path("status").asText()).isEqualTo("SHIPPED");
        theDemosLapsedPromiseLowersHomeAndHearthsTrust(seeded);
    }

    /**
     * Home and Hearth's sample promise lapsed before the demo started: the sample-deadlines job closes it, the stream
     * counts it and the trust job adds a {@code samples} component below the others, which lowers the host's trust.
     */
    private static void theDemosLapsedPromiseLowersHomeAndHearthsTrust(DemoData.Seeded seeded) {
        String hostId = seeded.ids().get("host Home and Hearth");
        String operator = seeded.tokens().get("operator");
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(180)); // jobs every 5 s, behind the demo's forty orders
        JsonNode host = send("GET", "/hosts/" + hostId, operator, null).body();
        while (componentNamed(host, "samples") == null && Instant.now().isBefore(giveUp)) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            host = send("GET", "/hosts/" + hostId, operator, null).body();
        }
        JsonNode samples = componentNamed(host, "samples");
        assertThat(samples).as("a samples component in %s", host).isNotNull();
        assertThat(samples.path("detail").asText()).startsWith("1 of 1 sample promises lapsed unsold");
        double otherWeights = 0;
        double others = 0;
        for (JsonNode component : host.path("trustComponents")) {
            if (component != samples) {
                otherWeights += component.path("weight").asDouble();
                others += component.path("weight").asDouble() * component.path("value").asDouble();
            }
        }
        assertThat(samples.path("value").asDouble()).isLessThan(others / otherWeights);
        assertThat(host.path("trust").asDouble()).as("trust with the lapsed promise, below its trust without it")
                .isLessThan(others / otherWeights);
        assertThat(host.path("serviceRecord").path("samplesUnfulfilled").asLong()).isEqualTo(1);
        Answer list = send("GET", "/hosts/" + hostId + "/samples", operator, null);
        assertThat(list.body().path("items")).extracting(item -> item.path("status").asText()).containsExactly("UNFULFILLED");
    }

    private static JsonNode componentNamed(JsonNode party, String name) {
        for (JsonNode component : party.path("trustComponents")) {
            if (component.path("name").asText().equals(name)) {
                return component;
            }
        }
        return null;
    }

    @Test
    void aHostJoinsPicksListsAndDropsAndBothSidesSeeRankedMatchesWithReasons() {
        String operator = token("operator", "platform");
        String brandId = send("POST", "/brands", operator, "{\"name\":\"Shenzhen Sports\",\"creditCode\":\"91440300MA5G2K7P15\"}")
                .body().path("brandId").asText();
        String brand = token("brand", brandId);
        String shoes = listSports(brandId, brand, "RUN-1", 2_400);
        String socks = listSports(brandId, brand, "SOCK-1", 1_200);

        Answer joined = send("POST", "/hosts", token("host", "signup"), Json.write(Json.object()
                .put("personaName", "Runner Wang").put("privateFans", 30_000).put("publicFans", 200_000)
                .set("categories", Json.MAPPER.createArrayNode().add("SPORTS"))));
        assertThat(joined.status()).isEqualTo(201);
        String hostId = joined.body().path("hostId").asText();
        String host = token("host", hostId);

        Answer picked = send("POST", "/hosts/" + hostId + "/showcase", host, "{\"productId\":\"" + socks + "\"}");
        assertThat(picked.status()).isEqualTo(201);
        assertThat(picked.body().path("rateBps").asInt()).isEqualTo(1_200);
        assertThat(send("GET", "/hosts/" + hostId + "/showcase", host, null).body().path("items")).hasSize(1);

        Answer recommended = send("GET", "/hosts/" + hostId + "/recommendations?limit=5", host, null);
        assertThat(recommended.status()).isEqualTo(200);
        JsonNode first = recommended.body().path("items").get(0);
        assertThat(first.path("productId").asText()).as("socks are already picked").isEqualTo(shoes);
        assertThat(first.path("components")).hasSize(5);
        assertThat(first.path("components").get(0).path("name").asText()).isEqualTo("categoryFit");

        Answer ranked = send("GET", "/products/" + shoes + "/host-recommendations", brand, null);
        assertThat(ranked.status()).isEqualTo(200);
        assertThat(ranked.body().path("items").get(0).path("hostId").asText()).isEqualTo(hostId);
        assertThat(ranked.body().path("items").get(0).path("score").asDouble()).isEqualTo(first.path("score").asDouble());

        String rival = token("host", send("POST", "/hosts", token("host", "signup"), Json.write(Json.object()
                .put("personaName", "Rival").put("privateFans", 1).put("publicFans", 1)
                .set("categories", Json.MAPPER.createArrayNode().add("SPORTS")))).body().path("hostId").asText());
        long before = catalogItems();
        assertThat(send("DELETE", "/hosts/" + hostId + "/showcase/" + socks, rival, null).status()).isEqualTo(404);
        assertThat(send("POST", "/hosts/" + hostId + "/showcase", rival, "{\"productId\":\"" + shoes + "\"}").status())
                .isEqualTo(404);
        assertThat(send("GET", "/hosts/" + hostId + "/recommendations", rival, null).status()).isEqualTo(404);
        assertThat(catalogItems()).isEqualTo(before);

        assertThat(send("DELETE", "/hosts/" + hostId + "/showcase/" + socks, host, null).status()).isEqualTo(204);
        assertThat(send("GET", "/hosts/" + hostId + "/showcase", host, null).body().path("items")).isEmpty();
    }

    private static String listSports(String brandId, String brand, String sku, int openRateBps) {
        Answer listed = send("POST", "/brands/" + brandId + "/products", brand, Json.write(Json.object()
                .put("sku", sku).put("title", sku).put("category", "SPORTS").put("priceFen", 29_900)
                .put("stock", 40).put("shipWithinHours", 48).put("openRateBps", openRateBps)));
        assertThat(listed.status()).isEqualTo(201);
        return listed.body().path("productId").asText();
    }

    @Test
    void theOpenApiDocumentIsServedWithoutATokenAndIsTheOneOnTheClasspath() throws Exception {
        HttpResponse<String> served = RAW.send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve(LocalGateway.OPENAPI_PATH))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.MAPPER.readTree(served.body())).isEqualTo(OpenApiContract.document());
    }

    @Test
    void tokensAreMintedOnlyForKnownRoles() {
        Answer answer = send("POST", "/dev/tokens", null, "{\"role\":\"admin\",\"party\":\"x\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("role");
    }

    static URI api() {
        return runtime.apiEndpoint();
    }

    // ---------- bodies above the limit: 413 with the error body, no reset, the runtime keeps serving ----------

    private static final HttpClient RAW = HttpClient.newHttpClient();
    private static final int SIX_MB = 6 * 1024 * 1024;

    private static HttpRequest.Builder post(String path, String token) {
        return HttpRequest.newBuilder(runtime.apiEndpoint().resolve(path)).header("Authorization", "Bearer " + token);
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = Answer.of(response.statusCode(), response.body()).body().path("error");
        assertThat(error.path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(error.path("message").asText()).contains(Integer.toString(ApiRequest.MAX_BODY_BYTES));
        assertThat(error.has("field")).isTrue();
        assertThat(error.path("field").isNull()).isTrue();
    }

    @Test
    void aBankResultsFileTakesItsRoutesLargerLimitAndNoMore() throws Exception {
        String finance = token("finance", "platform");
        // 600 KB of results rows: over the JSON routes' 256 KB, under the results route's 5 MB
        StringBuilder csv = new StringBuilder("line_ref,amount,status,bank_ref\r\n");
        while (csv.length() < 600 * 1024) {
            csv.append("ln_h_nosuchhost0000,1.00,PAID,BANK-1\r\n");
        }
        HttpResponse<String> taken = RAW.send(post("/finance/settlement-runs/run_nosuchrun0000/payment-results", finance)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> json = RAW.send(post("/brands", token("operator", "platform"))
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tooLarge = RAW.send(post("/finance/settlement-runs/run_nosuchrun0000/payment-results", finance)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiRequest.MAX_FILE_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(404);   // read whole, then: no such run
        assertThat(Answer.of(taken.statusCode(), taken.body()).errorCode()).isEqualTo("RUN_NOT_FOUND");
        assertPayloadTooLarge(json);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Answer.of(413, tooLarge.body()).body().path("error").path("message").asText())
                .contains(Integer.toString(ApiRequest.MAX_FILE_BODY_BYTES));
    }

    @Test
    void aSixMegabyteBodyIsRefusedWith413FromItsLengthAndOtherRequestsAreServedMeanwhile() throws Exception {
        String operator = token("operator", "platform");
        long before = catalogItems();
        byte[] huge = ("{\"name\":\"" + "x".repeat(SIX_MB) + "\"}").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> oversized = RAW.sendAsync(post("/brands", operator)
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        Answer meanwhile = send("GET", "/brands/b_nosuchbrand0000", operator, null);
        assertThat(meanwhile.status()).isEqualTo(404);
        assertPayloadTooLarge(oversized.get(30, TimeUnit.SECONDS));
        assertThat(token("brand", "b_after")).isNotBlank();
        assertThat(catalogItems()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsCountedWhileReadAndRefusedAtTheLimitWhileOtherRequestsAreServed() throws Exception {
        String operator = token("operator", "platform");
        long before = catalogItems();
        CountDownLatch pastTheLimit = new CountDownLatch(1);
        // no length up front (sent chunked), and slow: 6 MB in 64 KB pieces, so it is still arriving below
        Supplier<InputStream> slowBody = () -> new InputStream() {
            private long sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in pieces");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent >= SIX_MB) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(length, 64 * 1024), SIX_MB - sent);
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                sent += n;
                if (sent > ApiRequest.MAX_BODY_BYTES) {
                    pastTheLimit.countDown();
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                return n;
            }
        };
        CompletableFuture<HttpResponse<String>> oversized = RAW.sendAsync(post("/brands", operator)
                .POST(HttpRequest.BodyPublishers.ofInputStream(slowBody)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pastTheLimit.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(oversized).isNotDone();
        Answer meanwhile = send("GET", "/brands/b_nosuchbrand0000", operator, null);
        assertThat(meanwhile.status()).isEqualTo(404);
        assertPayloadTooLarge(oversized.get(60, TimeUnit.SECONDS));
        assertThat(token("brand", "b_after")).isNotBlank();
        assertThat(catalogItems()).isEqualTo(before);
    }
}
