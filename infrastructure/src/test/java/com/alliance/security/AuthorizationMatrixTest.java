package com.alliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.functions.Functions;
import com.alliance.functions.Clients;
import com.alliance.local.Hs256Tokens;
import com.alliance.local.LocalOptions;
import com.alliance.local.LocalRuntime;
import com.alliance.persistence.AwsClients;
import com.alliance.samples.SampleSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OpenApiContract;
import com.alliance.testing.CreditCodes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint × every role × the caller's own side / the other side, plus no token, an expired
 * token, a bad signature and {@code alg: none}, through the local gateway over HTTP. The routes come
 * from the functions: a route without a row in {@link #CASES} fails the build, so a new endpoint
 * cannot be forgotten.
 *
 * <p>"Own side" means the resources of brand A, its product, its JBP and host A; the brand token acts
 * for brand A and the host token for host A. "Other side" means brand B's and host B's resources.
 * Finance and operator act across parties.
 */
class AuthorizationMatrixTest {

    private static LocalRuntime runtime;
    private static Side a;
    private static Side b;
    private static Map<Role, String> tokens;

    /** The expected status for the own side and the other side. */
    record Expect(int own, int other) {
    }

    /** A request to make: method, path, body. */
    record Call(String method, String path, String body) {
    }

    /** One route: how to build a request against a side, and what each role gets. */
    record Case(Function<Side, Call> request, Map<Role, Expect> expect) {
    }

    /** The resources of one side of the matrix; {@code anchorId} is the brand's own self-broadcast host. */
    record Side(String brandId, String hostId, String anchorId, String productId, String jbpId) {
    }

    private static Map<Role, Expect> roles(Expect brand, Expect host, Expect finance, Expect operator) {
        Map<Role, Expect> map = new LinkedHashMap<>();
        map.put(Role.BRAND, brand);
        map.put(Role.HOST, host);
        map.put(Role.FINANCE, finance);
        map.put(Role.OPERATOR, operator);
        return map;
    }

    private static Expect both(int status) {
        return new Expect(status, status);
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put("POST /brands", new Case(s -> new Call("POST", "/brands", brandBody()),
                roles(both(403), both(403), both(403), both(201))));
        CASES.put("GET /brands/{brandId}", new Case(s -> new Call("GET", "/brands/" + s.brandId, null),
                roles(new Expect(200, 404), both(404), both(200), both(200))));
        CASES.put("POST /brands/{brandId}/products", new Case(s -> new Call("POST", "/brands/" + s.brandId + "/products",
                productBody(s)), roles(new Expect(201, 404), both(403), both(403), both(201))));
        CASES.put("GET /brands/{brandId}/products", new Case(s -> new Call("GET", "/brands/" + s.brandId + "/products?limit=5",
                null), roles(new Expect(200, 404), both(403), both(200), both(200))));
        CASES.put("GET /products/{productId}", new Case(s -> new Call("GET", "/products/" + s.productId, null),
                roles(both(200), both(200), both(200), both(200))));
        CASES.put("PATCH /products/{productId}/commission", new Case(s -> new Call("PATCH",
                "/products/" + s.productId + "/commission", "{\"openRateBps\":2100,\"targeted\":" + targeted(s) + "}"),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("POST /brands/{brandId}/jbp", new Case(s -> new Call("POST", "/brands/" + s.brandId + "/jbp", jbpBody(s)),
                roles(new Expect(201, 404), both(403), both(403), both(201))));
        CASES.put("GET /brands/{brandId}/jbp", new Case(s -> new Call("GET", "/brands/" + s.brandId + "/jbp", null),
                roles(new Expect(200, 404), both(404), both(200), both(200))));
        CASES.put("GET /brands/{brandId}/jbp/{jbpId}", new Case(s -> new Call("GET",
                "/brands/" + s.brandId + "/jbp/" + s.jbpId, null),
                roles(new Expect(200, 404), both(404), both(200), both(200))));
        CASES.put("POST /hosts", new Case(s -> new Call("POST", "/hosts", hostBody()),
                roles(both(403), both(201), both(403), both(201))));
        CASES.put("GET /hosts/{hostId}", new Case(s -> new Call("GET", "/hosts/" + s.hostId, null),
                roles(both(404), new Expect(200, 404), both(200), both(200))));
        CASES.put("POST /hosts/{hostId}/showcase", new Case(s -> new Call("POST", "/hosts/" + s.hostId + "/showcase",
                "{\"productId\":\"" + freshProduct(a) + "\"}"),
                roles(both(403), new Expect(201, 404), both(403), both(403))));
        CASES.put("DELETE /hosts/{hostId}/showcase/{productId}", new Case(s -> new Call("DELETE",
                "/hosts/" + s.hostId + "/showcase/" + pickedProduct(s), null),
                roles(both(403), new Expect(204, 404), both(403), both(403))));
        CASES.put("PUT /hosts/{hostId}/payout-account", new Case(s -> new Call("PUT", "/hosts/" + s.hostId + "/payout-account",
                payoutBody()), roles(both(404), new Expect(200, 404), both(403), both(200))));
        CASES.put("PUT /brands/{brandId}/payout-account", new Case(s -> new Call("PUT", "/brands/" + s.brandId
                + "/payout-account", payoutBody()), roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("GET /hosts/{hostId}/showcase", new Case(s -> new Call("GET", "/hosts/" + s.hostId + "/showcase", null),
                roles(both(403), new Expect(200, 404), both(403), both(200))));
        CASES.put("GET /products/{productId}/hosts", new Case(s -> new Call("GET", "/products/" + s.productId + "/hosts",
                null), roles(new Expect(200, 404), both(403), both(200), both(200))));
        CASES.put("GET /hosts/{hostId}/recommendations", new Case(s -> new Call("GET",
                "/hosts/" + s.hostId + "/recommendations?limit=5", null),
                roles(both(403), new Expect(200, 404), both(403), both(200))));
        CASES.put("GET /products/{productId}/host-recommendations", new Case(s -> new Call("GET",
                "/products/" + s.productId + "/host-recommendations?limit=5", null),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        // names of the side's host and brand: whatever the caller may not see is left out of a 200, never an error
        CASES.put("GET /names", new Case(s -> new Call("GET", "/names?ids=" + s.hostId + "," + s.brandId, null),
                roles(both(200), both(200), both(200), both(200))));
    }

    static {
        CASES.put("GET /finance/balances", new Case(s -> new Call("GET", "/finance/balances?party=" + s.hostId, null),
                roles(new Expect(404, 404), new Expect(200, 404), both(200), both(403))));
        CASES.put("GET /finance/statements/{party}", new Case(s -> new Call("GET", "/finance/statements/" + s.brandId, null),
                roles(new Expect(200, 404), both(404), both(200), both(403))));
        CASES.put("GET /finance/reconciliation", new Case(s -> new Call("GET", "/finance/reconciliation", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("GET /finance/reconciliation/days", new Case(s -> new Call("GET", "/finance/reconciliation/days", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("POST /finance/settlement-runs", new Case(s -> new Call("POST", "/finance/settlement-runs", runBody()),
                roles(both(403), both(403), both(201), both(403))));
        CASES.put("GET /finance/settlement-runs/{runId}", new Case(s -> new Call("GET",
                "/finance/settlement-runs/" + freshRun(false), null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("POST /finance/settlement-runs/{runId}/approve", new Case(s -> new Call("POST",
                "/finance/settlement-runs/" + freshRun(false) + "/approve", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("POST /finance/settlement-runs/{runId}/cancel", new Case(s -> new Call("POST",
                "/finance/settlement-runs/" + freshRun(false) + "/cancel", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("POST /finance/settlement-runs/{runId}/payouts", new Case(s -> new Call("POST",
                "/finance/settlement-runs/" + freshRun(true) + "/payouts",
                "{\"payments\":[{\"lineId\":\"no-such-line\",\"paymentRef\":\"BANK-1\"}]}"),
                // finance is let through to the run, whose lines (none: nothing is settleable here) lack this one
                roles(both(403), both(403), both(404), both(403))));
        CASES.put("GET /finance/settlement-runs", new Case(s -> new Call("GET", "/finance/settlement-runs?limit=5", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("GET /finance/settlement-runs/{runId}/payment-file", new Case(s -> new Call("GET",
                "/finance/settlement-runs/" + freshRun(true) + "/payment-file", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("GET /finance/settlement-runs/{runId}/payment-file/summary", new Case(s -> new Call("GET",
                "/finance/settlement-runs/" + freshRun(true) + "/payment-file/summary", null),
                roles(both(403), both(403), both(200), both(403))));
        CASES.put("POST /finance/settlement-runs/{runId}/payment-results", new Case(s -> new Call("POST",
                "/finance/settlement-runs/" + freshRun(true) + "/payment-results",
                "line_ref,amount,status,bank_ref\r\nln_no-such-line,1.00,PAID,BANK-1\r\n"),
                // finance is let through to the run, whose lines (none here) lack this one: the file is refused
                roles(both(403), both(403), both(400), both(403))));
    }

    static {
        CASES.put("GET /brands/{brandId}/sla", new Case(s -> new Call("GET", "/brands/" + s.brandId + "/sla", null),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("GET /risk/holds", new Case(s -> new Call("GET", "/risk/holds?limit=5", null),
                roles(both(403), both(403), both(403), both(200))));
        // the operator is let through to the order, which has no hold (no order at all here)
        CASES.put("POST /risk/holds/{orderId}/release", new Case(s -> new Call("POST",
                "/risk/holds/no-such-order-" + s.hostId + "/release", "{\"reason\":\"checked\"}"),
                roles(both(403), both(403), both(403), both(404))));
        CASES.put("POST /risk/holds/{orderId}/void", new Case(s -> new Call("POST",
                "/risk/holds/no-such-order-" + s.hostId + "/void", "{\"reason\":\"fake\"}"),
                roles(both(403), both(403), both(403), both(404))));
    }

    static {
        CASES.put("GET /analytics/hosts/{hostId}/gmv", new Case(s -> new Call("GET",
                "/analytics/hosts/" + s.hostId + "/gmv?from=2026-01-01", null),
                roles(both(404), new Expect(200, 404), both(403), both(200))));
        CASES.put("GET /analytics/brands/{brandId}/gmv", new Case(s -> new Call("GET",
                "/analytics/brands/" + s.brandId + "/gmv?from=2026-01-01", null),
                roles(new Expect(200, 404), both(404), both(403), both(200))));
        // order lists: the party itself, finance and operators; a brand reads its own self-broadcast host's list
        // (OrderListsTest), never an independent host's, and a host never a brand's
        CASES.put("GET /hosts/{hostId}/orders", new Case(s -> new Call("GET", "/hosts/" + s.hostId + "/orders", null),
                roles(both(404), new Expect(200, 404), both(200), both(200))));
        CASES.put("GET /brands/{brandId}/orders", new Case(s -> new Call("GET", "/brands/" + s.brandId + "/orders", null),
                roles(new Expect(200, 404), both(404), both(200), both(200))));
        CASES.put("GET /hosts/{hostId}/orders/summary", new Case(s -> new Call("GET",
                "/hosts/" + s.hostId + "/orders/summary", null), roles(both(404), new Expect(200, 404), both(200), both(200))));
        CASES.put("GET /brands/{brandId}/orders/summary", new Case(s -> new Call("GET",
                "/brands/" + s.brandId + "/orders/summary", null), roles(new Expect(200, 404), both(404), both(200), both(200))));
    }

    private static String payoutBody() {
        return "{\"bankName\":\"招商银行\",\"accountName\":\"Matrix payee\",\"accountNumber\":\"6225880212345678\"}";
    }

    static {
        CASES.put("GET /ops/dead-letters", new Case(s -> new Call("GET", "/ops/dead-letters?limit=5", null),
                roles(both(403), both(403), both(403), both(200))));
        // the operator is let through to the dead-letter queue, which holds no such message
        CASES.put("POST /ops/dead-letters/redrive", new Case(s -> new Call("POST", "/ops/dead-letters/redrive",
                "{\"messageId\":\"no-such-message-" + s.hostId + "\"}"),
                roles(both(403), both(403), both(403), both(404))));
        CASES.put("GET /ops/jobs", new Case(s -> new Call("GET", "/ops/jobs", null),
                roles(both(403), both(403), both(403), both(200))));
    }

    // samples: a host asks for its own, a brand answers only for its products, finance has no part; each call acts on a
    // request of its own, on a fresh product of the side's brand, asked for by the side's host
    static {
        CASES.put("POST /products/{productId}/samples", new Case(s -> new Call("POST",
                "/products/" + freshProduct(s) + "/samples", sampleBody(s.hostId)),
                roles(both(403), new Expect(201, 404), both(403), both(201))));
        CASES.put("GET /hosts/{hostId}/samples", new Case(s -> new Call("GET", "/hosts/" + s.hostId + "/samples", null),
                roles(both(403), new Expect(200, 404), both(403), both(200))));
        CASES.put("GET /brands/{brandId}/samples", new Case(s -> new Call("GET", "/brands/" + s.brandId + "/samples", null),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("GET /samples/{requestId}", new Case(s -> new Call("GET", "/samples/" + freshSample(s, 0), null),
                roles(new Expect(200, 404), new Expect(200, 404), both(403), both(200))));
        CASES.put("POST /samples/{requestId}/approve", new Case(s -> new Call("POST",
                "/samples/" + freshSample(s, 0) + "/approve", null),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("POST /samples/{requestId}/reject", new Case(s -> new Call("POST",
                "/samples/" + freshSample(s, 0) + "/reject", "{\"reason\":\"not this season\"}"),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("POST /samples/{requestId}/ship", new Case(s -> new Call("POST",
                "/samples/" + freshSample(s, 1) + "/ship", "{\"carrier\":\"SF\",\"trackingNumber\":\"SF1\"}"),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("POST /samples/{requestId}/receive", new Case(s -> new Call("POST",
                "/samples/" + freshSample(s, 2) + "/receive", null),
                roles(both(403), new Expect(200, 404), both(403), both(200))));
    }

    // applications: a host applies for itself to a plan naming someone else; a brand answers only for its products
    static {
        CASES.put("POST /products/{productId}/applications", new Case(s -> new Call("POST",
                "/products/" + planProduct(s) + "/applications", applicationBody(s.hostId)),
                roles(both(403), new Expect(201, 404), both(403), both(201))));
        CASES.put("GET /hosts/{hostId}/applications", new Case(s -> new Call("GET",
                "/hosts/" + s.hostId + "/applications", null), roles(both(403), new Expect(200, 404), both(403), both(200))));
        CASES.put("GET /brands/{brandId}/applications", new Case(s -> new Call("GET",
                "/brands/" + s.brandId + "/applications", null), roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("GET /applications/{applicationId}", new Case(s -> new Call("GET", "/applications/" + freshApplication(s), null),
                roles(new Expect(200, 404), new Expect(200, 404), both(403), both(200))));
        CASES.put("POST /applications/{applicationId}/approve", new Case(s -> new Call("POST",
                "/applications/" + freshApplication(s) + "/approve", null),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
        CASES.put("POST /applications/{applicationId}/reject", new Case(s -> new Call("POST",
                "/applications/" + freshApplication(s) + "/reject", "{\"reason\":\"not this season\"}"),
                roles(new Expect(200, 404), both(403), both(403), both(200))));
    }

    private static String applicationBody(String hostId) {
        return "{\"hostId\":\"" + hostId + "\",\"message\":\"I sell this well\"}";
    }

    /** A product of the side's brand whose targeted plan names only the brand's own anchor: its host may apply. */
    private static String planProduct(Side side) {
        String brand = runtime.tokens().mint(Role.BRAND, side.brandId, "owner");
        String body = "{\"sku\":\"P-" + System.nanoTime() + "\",\"title\":\"Plan\",\"category\":\"FOOD\",\"priceFen\":9900,"
                + "\"stock\":10,\"shipWithinHours\":48,\"openRateBps\":2000,\"targeted\":[{\"hostId\":\"" + side.anchorId
                + "\",\"rateBps\":2500}]}";
        return send("POST", "/brands/" + side.brandId + "/products", brand, body).body().path("productId").asText();
    }

    /** A pending application of the side's host to a fresh plan product of its brand. */
    private static String freshApplication(Side side) {
        String host = runtime.tokens().mint(Role.HOST, side.hostId, "host");
        Answer created = send("POST", "/products/" + planProduct(side) + "/applications", host, applicationBody(side.hostId));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("applicationId").asText();
    }

    private static String sampleBody(String hostId) {
        return "{\"hostId\":\"" + hostId + "\",\"address\":{\"name\":\"Matrix\",\"phone\":\"13800138000\","
                + "\"line\":\"1 Matrix Road\"}}";
    }

    /** A sample request of the side's host for a fresh product of its brand: requested, approved (1) or shipped (2). */
    private static String freshSample(Side side, int steps) {
        String host = runtime.tokens().mint(Role.HOST, side.hostId, "host");
        String brand = runtime.tokens().mint(Role.BRAND, side.brandId, "owner");
        Answer created = send("POST", "/products/" + freshProduct(side) + "/samples", host, sampleBody(side.hostId));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String requestId = created.body().path("requestId").asText();
        if (steps >= 1) {
            assertThat(send("POST", "/samples/" + requestId + "/approve", brand, null).status()).isEqualTo(200);
        }
        if (steps >= 2) {
            assertThat(send("POST", "/samples/" + requestId + "/ship", brand,
                    "{\"carrier\":\"SF\",\"trackingNumber\":\"SF1\"}").status()).isEqualTo(200);
        }
        return requestId;
    }

    private static String runBody() {
        return "{\"cutoff\":\"" + Instant.now() + "\",\"idempotencyKey\":\"matrix-" + System.nanoTime() + "\"}";
    }

    /** A DRAFT settlement run made by finance (APPROVED if asked), for the routes that act on one. */
    private static String freshRun(boolean approved) {
        String finance = runtime.tokens().mint(Role.FINANCE, "platform", "finance");
        String runId = send("POST", "/finance/settlement-runs", finance, runBody()).body().path("runId").asText();
        if (approved) {
            assertThat(send("POST", "/finance/settlement-runs/" + runId + "/approve", finance, null).status()).isEqualTo(200);
        }
        return runId;
    }

    @BeforeAll
    static void start() {
        // the matrix asks for far more samples per host than a tier-1 host may have open: it raises the cap
        runtime = LocalRuntime.start(LocalOptions.ephemeral(), settings -> settings.withSamples(
                SampleSettings.fromEnvironment(Map.of("SAMPLE_TIERS", "0:500"))));
        String operator = runtime.tokens().mint(Role.OPERATOR, "platform", "ops");
        a = side(operator);
        b = side(operator);
        tokens = Map.of(Role.BRAND, runtime.tokens().mint(Role.BRAND, a.brandId, "brand-a"),
                Role.HOST, runtime.tokens().mint(Role.HOST, a.hostId, "host-a"),
                Role.FINANCE, runtime.tokens().mint(Role.FINANCE, "platform", "finance"),
                Role.OPERATOR, operator);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Side side(String operator) {
        String brandId = send("POST", "/brands", operator, brandBody()).body().path("brandId").asText();
        String brand = runtime.tokens().mint(Role.BRAND, brandId, "owner");
        String hostId = send("POST", "/hosts", operator, hostBody()).body().path("hostId").asText();
        String anchorId = send("POST", "/hosts", operator, hostBody().replace("}",
                ",\"kind\":\"BRAND_SELF\",\"brandId\":\"" + brandId + "\"}")).body().path("hostId").asText();
        Side unlisted = new Side(brandId, hostId, anchorId, null, null);
        String productId = send("POST", "/brands/" + brandId + "/products", brand, productBody(unlisted)).body()
                .path("productId").asText();
        String jbpId = send("POST", "/brands/" + brandId + "/jbp", brand, jbpBody(unlisted)).body().path("jbpId").asText();
        return new Side(brandId, hostId, anchorId, productId, jbpId);
    }

    private static String freshProduct(Side side) {
        String brand = runtime.tokens().mint(Role.BRAND, side.brandId, "owner");
        return send("POST", "/brands/" + side.brandId + "/products", brand, productBody(side)).body().path("productId").asText();
    }

    /** A product the side's host has picked, so that dropping it can succeed. */
    private static String pickedProduct(Side side) {
        String product = freshProduct(a);
        String host = runtime.tokens().mint(Role.HOST, side.hostId, "host");
        assertThat(send("POST", "/hosts/" + side.hostId + "/showcase", host, "{\"productId\":\"" + product + "\"}").status())
                .isEqualTo(201);
        return product;
    }

    private static String brandBody() {
        return "{\"name\":\"Matrix brand\",\"creditCode\":\"" + CreditCodes.fresh() + "\"}";
    }

    /** A product of the side's brand with targeted rates for the side's independent host and its own anchor. */
    private static String productBody(Side side) {
        return "{\"sku\":\"M-" + System.nanoTime() + "\",\"title\":\"Matrix\",\"category\":\"FOOD\",\"priceFen\":9900,"
                + "\"stock\":10,\"shipWithinHours\":48,\"openRateBps\":2000,\"targeted\":" + targeted(side) + "}";
    }

    private static String targeted(Side side) {
        return "[{\"hostId\":\"" + side.hostId + "\",\"rateBps\":2500},{\"hostId\":\"" + side.anchorId
                + "\",\"rateBps\":2500}]";
    }

    /** A JBP agreement of the side's brand naming its own self-broadcast host. */
    private static String jbpBody(Side side) {
        return "{\"periodStart\":\"2026-11-01\",\"periodEnd\":\"2026-11-30\",\"targets\":{\"selfBroadcastGmvFen\":100,"
                + "\"distributionGmvFen\":100},\"rebateTiers\":[{\"reachedBps\":5000,\"rebateBps\":1000}],"
                + "\"selfBroadcastHostIds\":[\"" + side.anchorId + "\"]}";
    }

    private static String hostBody() {
        return "{\"personaName\":\"Matrix host\",\"categories\":[\"FOOD\"],\"privateFans\":10,\"publicFans\":10}";
    }

    private static Answer send(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    @Test
    void everyRouteOfEveryFunctionHasARowInTheMatrix() {
        Clients unused = new Clients(AwsClients.dynamoDb(URI.create("http://localhost:1")),
                AwsClients.sqs(URI.create("http://localhost:1")), Clock.systemUTC());
        Set<String> routes = new TreeSet<>();
        Functions.HTTP.forEach(f -> routes.addAll(f.factory().apply(unused).routeKeys()));
        assertThat(CASES.keySet()).as("routes without a row in the authorization matrix")
                .containsExactlyInAnyOrderElementsOf(routes);
    }

    /**
     * openapi.json's x-alliance-roles agree with what the handlers do: a role the matrix lets through on its own side
     * is named, and a role the document leaves out is refused (403, or 404 as for another party's data) on both sides.
     */
    @Test
    void theDocumentsRolesPerRouteAgreeWithTheMatrix() {
        Map<String, String> disagreements = new LinkedHashMap<>();
        CASES.forEach((route, c) -> {
            var operation = OpenApiContract.operationList().stream().filter(o -> o.routeKey().equals(route)).findFirst();
            if (operation.isEmpty()) {
                disagreements.put(route, "not in openapi.json");
                return;
            }
            Set<String> named = new TreeSet<>();
            operation.get().node().path("x-alliance-roles").forEach(r -> named.add(r.asText()));
            c.expect().forEach((role, expect) -> {
                boolean letThrough = expect.own() / 100 == 2;
                boolean refused = Set.of(403, 404).contains(expect.own()) && Set.of(403, 404).contains(expect.other());
                if (letThrough && !named.contains(role.claim())) {
                    disagreements.put(route + " " + role.claim(), "succeeds in the matrix but openapi.json leaves it out");
                } else if (!named.contains(role.claim()) && !refused) {
                    disagreements.put(route + " " + role.claim(), "left out of openapi.json but not refused: " + expect);
                }
            });
        });
        assertThat(disagreements).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> eachRoleGetsWhatTheMatrixSays() {
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((route, c) -> c.expect().forEach((role, expect) -> {
            tests.add(DynamicTest.dynamicTest(route + " as " + role.claim() + " on its own side", () ->
                    assertStatus(send(c.request().apply(a), tokens.get(role)), expect.own())));
            tests.add(DynamicTest.dynamicTest(route + " as " + role.claim() + " on the other side", () ->
                    assertStatus(send(c.request().apply(b), tokens.get(role)), expect.other())));
        }));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> badTokensAre401OnEveryRoute() {
        Hs256Tokens expiredIssuer = new Hs256Tokens(LocalOptions.DEFAULT_SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC), Duration.ofHours(1));
        Hs256Tokens otherSecret = new Hs256Tokens("not-the-secret", Clock.systemUTC(), Duration.ofHours(1));
        String valid = tokens.get(Role.OPERATOR);
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + valid.split("\\.")[1] + ".";
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", null);
        badTokens.put("an expired token", expiredIssuer.mint(Role.OPERATOR, "platform", "x"));
        badTokens.put("a bad signature", otherSecret.mint(Role.OPERATOR, "platform", "x"));
        badTokens.put("alg none", none);
        List<DynamicTest> tests = new ArrayList<>();
        CASES.forEach((route, c) -> badTokens.forEach((label, token) ->
                tests.add(DynamicTest.dynamicTest(route + " with " + label, () -> {
                    Call call = c.request().apply(a);
                    assertStatus(send(call.method(), call.path(), token, call.body()), 401);
                }))));
        return tests.stream();
    }

    /**
     * Ids in a body belong to the brand in the path, whoever calls: brand A, and an operator acting for it, may
     * not target brand B's self-broadcast account nor name it among A's own; refused naming the field.
     */
    @TestFactory
    Stream<DynamicTest> aBodyNamingTheOtherSidesSelfBroadcastAccountIsRefusedForEveryRoleThatMayWrite() {
        Side crossed = new Side(a.brandId, a.hostId, b.anchorId, a.productId, a.jbpId);
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("targeted in a new product", new Call("POST", "/brands/" + a.brandId + "/products", productBody(crossed)));
        calls.put("targeted in a commission change", new Call("PATCH", "/products/" + a.productId + "/commission",
                "{\"targeted\":" + targeted(crossed) + "}"));
        calls.put("a JBP's self-broadcast hosts", new Call("POST", "/brands/" + a.brandId + "/jbp", jbpBody(crossed)));
        Map<String, String> fields = Map.of("targeted in a new product", "targeted[1].hostId",
                "targeted in a commission change", "targeted[1].hostId", "a JBP's self-broadcast hosts", "selfBroadcastHostIds[0]");
        List<DynamicTest> tests = new ArrayList<>();
        calls.forEach((what, call) -> List.of(Role.BRAND, Role.OPERATOR).forEach(role ->
                tests.add(DynamicTest.dynamicTest(what + " as " + role.claim(), () -> {
                    Answer answer = send(call, tokens.get(role));
                    assertStatus(answer, 400);
                    assertThat(answer.body().path("error").path("field").asText()).isEqualTo(fields.get(what));
                }))));
        return tests.stream();
    }

    private static Answer send(Call call, String token) {
        return send(call.method(), call.path(), token, call.body());
    }

    private static void assertStatus(Answer answer, int expected) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.errorCode()).isNotBlank();
        }
    }
}
