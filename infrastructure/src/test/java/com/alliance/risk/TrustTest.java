package com.alliance.risk;

import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.brands.BrandRepository;
import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.MatchingFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RiskFunction;
import com.alliance.functions.BackgroundJobs;
import com.alliance.jobs.JobCatalog;
import com.alliance.functions.Settings;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.HostStats;
import com.alliance.json.Json;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orders.CountersRepository;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Trust through real events: order events and complaints delivered to the SQS handler, the trust job run
 * by the scheduled-jobs function, and what brands, hosts and matching then show, on stores of its own
 * (so the job sees only the marks these tests made).
 */
class TrustTest {

    private static final Instant PAID_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Map<String, String> OPERATOR = claims("operator", "platform");
    private static final LocalStores STORES = LocalStores.isolated();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    /** Only the self-purchase rule on, so the other rules' history windows do not blur what is measured. */
    private final Clients clients = STORES.clients(clock).withSettings(Settings.defaults().withRisk(
            new RiskSettings(java.util.Set.of(FakeOrderRule.SELF_PURCHASE), 3, Duration.ofHours(24), 3_000, 10,
                    Duration.ofDays(30), 5, Duration.ofHours(1))));
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final BackgroundJobs jobs = new BackgroundJobs(clients);
    private final CatalogFunction catalog = new CatalogFunction(clients);
    private final HostsFunction hosts = new HostsFunction(clients);
    private final Marketplace marketplace = new Marketplace(clients);
    private int minute;

    private String paid(String orderId, String productId, String hostId, String buyerId, int quantity) {
        return Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                .put("orderId", orderId).put("occurredAt", PAID_AT.plus(Duration.ofMinutes(minute++)).toString())
                .put("productId", productId).put("hostId", hostId).put("buyerId", buyerId)
                .put("quantity", quantity).put("paidFen", 10_000L * quantity));
    }

    private String sale(String productId, String hostId) {
        String order = "o-" + UUID.randomUUID();
        deliver(paid(order, productId, hostId, "buyer-" + order, 1));
        return order;
    }

    private static String complaint(String orderId, String brandId) {
        return Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "COMPLAINT_FILED")
                .put("orderId", orderId).put("occurredAt", PAID_AT.plus(Duration.ofDays(2)).toString())
                .put("brandId", brandId).put("reason", "arrived damaged"));
    }

    private static String liveSession(String hostId, long watchMinutes) {
        return Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "LIVE_SESSION_STATS")
                .put("orderId", "session-" + UUID.randomUUID()).put("occurredAt", PAID_AT.toString())
                .put("hostId", hostId).put("sessionId", "s-" + UUID.randomUUID()).put("privateUv", 300)
                .put("publicUv", 2_000).put("watchMinutes", watchMinutes)
                .put("startedAt", PAID_AT.minus(Duration.ofHours(2)).toString()).put("endedAt", PAID_AT.toString()));
    }

    private void deliver(String... bodies) {
        assertThat(events.handle(OrderEvents.batch(bodies)).getBatchItemFailures()).isEmpty();
        STORES.foldRunningCounts();
    }

    /** Runs the trust job until it is done, as its dispatches would; answers how many hosts and brands it refreshed. */
    private int runTrustJob() {
        STORES.foldRunningCounts();
        return (int) jobs.drain(JobCatalog.TRUST);
    }

    /** Whether the host or brand {@code id} carries a trust mark, i.e. changed since the job last computed it. */
    private static boolean marked(String id) {
        CountersRepository counters = new CountersRepository(STORES.dynamoDb());
        for (int shard = 0; shard < CountersRepository.DIRTY_SHARDS; shard++) {
            if (counters.dirty(shard, 1_000).stream().anyMatch(d -> d.id().equals(id))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode brand(String brandId) {
        STORES.foldRunningCounts();
        Answer read = ApiCalls.call(catalog, "GET /brands/{brandId}", Map.of("brandId", brandId), null, claims("brand", brandId));
        assertThat(read.status()).isEqualTo(200);
        return read.body();
    }

    private JsonNode host(String hostId) {
        STORES.foldRunningCounts();
        Answer read = ApiCalls.call(hosts, "GET /hosts/{hostId}", Map.of("hostId", hostId), null, claims("host", hostId));
        assertThat(read.status()).isEqualTo(200);
        return read.body();
    }

    private JsonNode sales(String productId) {
        STORES.foldRunningCounts();
        Answer read = ApiCalls.call(catalog, "GET /products/{productId}", Map.of("productId", productId), null, OPERATOR);
        assertThat(read.status()).isEqualTo(200);
        return read.body().path("sales");
    }

    private static JsonNode component(JsonNode json, String name) {
        for (JsonNode component : json.path("trustComponents")) {
            if (component.path("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("no trust component " + name + " in " + json);
    }

    private static List<String> ids(JsonNode recommendations, String field) {
        List<String> ids = new ArrayList<>();
        recommendations.path("items").forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static JsonNode item(JsonNode recommendations, String field, String id) {
        for (JsonNode item : recommendations.path("items")) {
            if (item.path(field).asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " not recommended in " + recommendations);
    }

    private static JsonNode scoreComponent(JsonNode item, String name) {
        for (JsonNode component : item.path("components")) {
            if (component.path("name").asText().equals(name)) {
                return component;
            }
        }
        throw new AssertionError("no score component " + name);
    }

    private JsonNode productsFor(String hostId) {
        var response = new MatchingFunction(clients).handle(ApiCalls.event("GET /hosts/{hostId}/recommendations",
                Map.of("hostId", hostId), Map.of("limit", "50"), null, claims("host", hostId)));
        assertThat(response.status()).isEqualTo(200);
        return Answer.of(response.status(), response.body()).body();
    }

    private JsonNode hostsFor(String productId, String brandId) {
        var response = new MatchingFunction(clients).handle(ApiCalls.event("GET /products/{productId}/host-recommendations",
                Map.of("productId", productId), Map.of("limit", "50"), null, claims("brand", brandId)));
        assertThat(response.status()).isEqualTo(200);
        return Answer.of(response.status(), response.body()).body();
    }

    @Test
    void complaintsLowerTheBrandsTrustAndMoveItsProductDownInAHostsRecommendations() {
        String complained = marketplace.brand();
        String clean = marketplace.brand();
        // the complained-about product pays a little more, so it ranks first while both brands are trusted alike
        String complainedProduct = marketplace.product(complained, 2_030);
        String cleanProduct = marketplace.product(clean, 2_000);
        String seller = marketplace.independentHost();
        String viewer = marketplace.independentHost();
        List<String> complainedOrders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            complainedOrders.add(sale(complainedProduct, seller));
            sale(cleanProduct, seller);
        }
        runTrustJob();
        assertThat(ids(productsFor(viewer), "productId")).containsSubsequence(complainedProduct, cleanProduct);
        double before = brand(complained).path("trust").asDouble();
        assertThat(before).isEqualTo(brand(clean).path("trust").asDouble());

        deliver(complaint(complainedOrders.get(0), complained), complaint(complainedOrders.get(1), complained),
                complaint(complainedOrders.get(2), complained));
        assertThat(marked(complained)).isTrue();
        assertThat(runTrustJob()).isPositive();
        assertThat(marked(complained)).isFalse();

        JsonNode after = brand(complained);
        assertThat(after.path("trust").asDouble()).isLessThan(before).isLessThan(brand(clean).path("trust").asDouble());
        assertThat(after.path("trustInMatching").asDouble()).isEqualTo(after.path("trust").asDouble());
        assertThat(after.path("serviceRecord").path("complaints").asLong()).isEqualTo(3);
        assertThat(after.path("serviceRecord").path("paidOrders").asLong()).isEqualTo(4);
        assertThat(component(after, "complaints").path("detail").asText()).startsWith("3 complaints in 4 paid orders");
        assertThat(component(after, "onTime").path("value").asDouble()).isEqualTo(0.5);

        JsonNode ranked = productsFor(viewer);
        assertThat(ids(ranked, "productId")).containsSubsequence(cleanProduct, complainedProduct);
        JsonNode trust = scoreComponent(item(ranked, "productId", complainedProduct), "trust");
        assertThat(trust.path("value").asDouble())
                .isLessThan(scoreComponent(item(ranked, "productId", cleanProduct), "trust").path("value").asDouble());
        assertThat(trust.path("detail").asText()).contains("below neutral").contains("complaints");
    }

    @Test
    void aHostWithRefundsAndHoldsHasLowerTrustAndRanksBelowACleanOneForTheBrand() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String clean = marketplace.independentHost();
        String risky = marketplace.independentHost();
        List<String> selfPurchases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sale(productId, clean);
            String order = sale(productId, risky);
            if (i < 4) {
                deliver(OrderEvents.refunded(order, PAID_AT.plus(Duration.ofDays(1)), 10_000));
            }
        }
        for (int i = 0; i < 3; i++) {
            String order = "o-" + UUID.randomUUID();
            selfPurchases.add(order);
            deliver(paid(order, productId, risky, risky, 1));
        }
        Answer voided = ApiCalls.call(new RiskFunction(clients), "POST /risk/holds/{orderId}/void",
                Map.of("orderId", selfPurchases.get(0)), "{\"reason\":\"self purchase confirmed\"}", OPERATOR);
        assertThat(voided.status()).isEqualTo(200);
        runTrustJob();

        JsonNode riskyHost = host(risky);
        JsonNode cleanHost = host(clean);
        assertThat(riskyHost.path("trust").asDouble()).isLessThan(Trust.NEUTRAL.value())
                .isLessThan(cleanHost.path("trust").asDouble());
        assertThat(cleanHost.path("trust").asDouble()).isGreaterThan(Trust.NEUTRAL.value());
        assertThat(riskyHost.path("trustInMatching").asDouble()).isEqualTo(riskyHost.path("trust").asDouble());
        // the self-purchases are left out of the sales count, so both hosts have sold alike
        assertThat(riskyHost.path("serviceRecord").path("ordersCount").asLong()).isEqualTo(6);
        assertThat(cleanHost.path("serviceRecord").path("ordersCount").asLong()).isEqualTo(6);
        assertThat(component(riskyHost, "holds").path("detail").asText())
                .startsWith("3 of 9 paid orders held by the fake-order rules, 1 of them voided");
        assertThat(component(riskyHost, "refunds").path("detail").asText()).startsWith("4 of 9 paid orders refunded");

        JsonNode ranked = hostsFor(productId, brandId);
        assertThat(ids(ranked, "hostId")).containsSubsequence(clean, risky);
        assertThat(scoreComponent(item(ranked, "hostId", risky), "trust").path("value").asDouble())
                .isLessThan(scoreComponent(item(ranked, "hostId", clean), "trust").path("value").asDouble());
    }

    @Test
    void aSelfPurchaseIsLeftOutOfTheSalesCountsUntilItsHoldIsReleased() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        String viewer = marketplace.independentHost();
        deliver(paid("o-" + UUID.randomUUID(), productId, hostId, "buyer-a", 1),
                paid("o-" + UUID.randomUUID(), productId, hostId, "buyer-b", 2));
        String selfPurchase = "o-" + UUID.randomUUID();
        deliver(paid(selfPurchase, productId, hostId, hostId, 3), liveSession(hostId, 120));

        assertThat(sales(productId).path("ordersCount").asLong()).isEqualTo(2);
        assertThat(sales(productId).path("unitsSold").asLong()).isEqualTo(3);
        runTrustJob();
        JsonNode held = host(hostId).path("serviceRecord");
        assertThat(held.path("ordersCount").asLong()).isEqualTo(2);
        assertThat(held.path("paidOrders").asLong()).isEqualTo(3);
        assertThat(held.path("riskHolds").asLong()).isEqualTo(1);
        assertThat(held.path("watchMinutes").asLong()).isEqualTo(120);
        // the job copied the sales and watch minutes into the card matching reads
        String conversion = scoreComponent(item(hostsFor(productId, brandId), "hostId", hostId), "conversion")
                .path("detail").asText();
        assertThat(conversion).startsWith("2 orders in 2.0 watch hours");
        assertThat(ids(productsFor(viewer), "productId")).contains(productId);

        Answer released = ApiCalls.call(new RiskFunction(clients), "POST /risk/holds/{orderId}/release",
                Map.of("orderId", selfPurchase), "{\"reason\":\"a gift for a fan, verified\"}", OPERATOR);
        assertThat(released.status()).isEqualTo(200);

        assertThat(sales(productId).path("ordersCount").asLong()).isEqualTo(3);
        assertThat(sales(productId).path("unitsSold").asLong()).isEqualTo(6);
        assertThat(host(hostId).path("serviceRecord").path("ordersCount").asLong()).isEqualTo(3);
        assertThat(host(hostId).path("serviceRecord").path("riskHolds").asLong()).isEqualTo(1);
        runTrustJob();
        assertThat(scoreComponent(item(hostsFor(productId, brandId), "hostId", hostId), "conversion")
                .path("detail").asText()).startsWith("3 orders in 2.0 watch hours");
    }

    @Test
    void duplicateDeliveriesCountOnceAndLeaveTrustAsOneDeliveryWould() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        String first = "o-" + UUID.randomUUID();
        String second = "o-" + UUID.randomUUID();
        String[] batch = {paid(first, productId, hostId, "buyer-1", 1), paid(second, productId, hostId, "buyer-2", 1),
                complaint(first, brandId), OrderEvents.refunded(second, PAID_AT.plus(Duration.ofDays(1)), 10_000)};
        deliver(batch);
        runTrustJob();
        JsonNode once = brand(brandId);
        JsonNode hostOnce = host(hostId);

        deliver(batch);
        deliver(batch[3], batch[2], batch[1], batch[0]);
        assertThat(marked(brandId) || marked(hostId)).as("nothing changed, nothing to recompute").isFalse();
        runTrustJob();

        JsonNode twice = brand(brandId);
        assertThat(twice.path("serviceRecord")).isEqualTo(once.path("serviceRecord"));
        assertThat(twice.path("serviceRecord").path("paidOrders").asLong()).isEqualTo(2);
        assertThat(twice.path("serviceRecord").path("refundedOrders").asLong()).isEqualTo(1);
        assertThat(twice.path("serviceRecord").path("complaints").asLong()).isEqualTo(1);
        assertThat(twice.path("trust").asDouble()).isEqualTo(once.path("trust").asDouble())
                .isEqualTo(twice.path("trustInMatching").asDouble())
                .isEqualTo(new TrustScore(TrustSettings.defaults())
                        .brand(new TrustScore.BrandRecord(2, 1, 1, 0, 0)).trust().value());
        assertThat(host(hostId).path("serviceRecord")).isEqualTo(hostOnce.path("serviceRecord"));
        assertThat(sales(productId).path("ordersCount").asLong()).isEqualTo(2);
    }

    @Test
    void aChangeAfterTheJobReadTheCountersKeepsTheMarkForTheNextRun() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        String order = sale(productId, hostId);
        CountersRepository counters = new CountersRepository(STORES.dynamoDb());
        List<CountersRepository.Dirty> read = new ArrayList<>();
        for (int shard = 0; shard < CountersRepository.DIRTY_SHARDS; shard++) {
            counters.dirty(shard, 100).stream().filter(d -> d.id().equals(brandId)).forEach(read::add);
        }
        assertThat(read).hasSize(1);

        deliver(complaint(order, brandId));

        assertThat(counters.clear(read.get(0))).as("a newer change keeps the mark").isFalse();
        assertThat(marked(brandId)).isTrue();
        assertThat(runTrustJob()).isGreaterThanOrEqualTo(2);
        assertThat(marked(brandId) || marked(hostId)).isFalse();
        assertThat(brand(brandId).path("trustInMatching").asDouble()).isEqualTo(brand(brandId).path("trust").asDouble())
                .isLessThan(Trust.NEUTRAL.value() + 0.01);
    }

    /**
     * A sample request's item in the orders table as the samples service keeps it (docs/samples.md), with the
     * attributes the running counts read.
     */
    private static void sampleRequest(String requestId, String hostId, String productId, String status) {
        STORES.dynamoDb().putItem(b -> b.tableName(Tables.ORDERS.tableName()).item(Map.of(
                "pk", AttributeValue.fromS("SAMPLE#" + requestId), "sk", AttributeValue.fromS("SAMPLE"),
                "requestId", AttributeValue.fromS(requestId), "hostId", AttributeValue.fromS(hostId),
                "productId", AttributeValue.fromS(productId), "status", AttributeValue.fromS(status))));
    }

    @Test
    void aHostsClosedSamplePromisesCountInItsTrustAndShowInTheBrandsHostMatches() {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String promising = marketplace.independentHost();
        String plain = marketplace.independentHost();
        String lapsing = "r-" + UUID.randomUUID();
        String kept = "r-" + UUID.randomUUID();
        sampleRequest(lapsing, promising, productId, "REQUESTED");
        sampleRequest(kept, promising, productId, "REQUESTED");
        sampleRequest(lapsing, promising, productId, "RECEIVED");
        sampleRequest(kept, promising, productId, "FULFILLED");
        sampleRequest(lapsing, promising, productId, "UNFULFILLED");
        sale(productId, plain);
        assertThat(runTrustJob()).isPositive();

        JsonNode host = host(promising);
        TrustScore score = new TrustScore(TrustSettings.defaults());
        assertThat(host.path("serviceRecord").path("samplesFulfilled").asLong()).isEqualTo(1);
        assertThat(host.path("serviceRecord").path("samplesUnfulfilled").asLong()).isEqualTo(1);
        assertThat(component(host, "samples").path("detail").asText())
                .isEqualTo("1 of 2 sample promises lapsed unsold; kept promises score 1, lapsed 0, smoothed with 2 "
                        + "promises at the host's other record (0.50)");
        // (1 × 1 + 1 × 0 + 2 × 0.5) / (2 + 2): one kept, one lapsed at a host without orders leaves it at 0.5
        assertThat(component(host, "samples").path("value").asDouble()).isEqualTo(0.5);
        assertThat(component(host, "samples").path("weight").asDouble()).isEqualTo(0.2);
        assertThat(host.path("trust").asDouble()).isEqualTo(host.path("trustInMatching").asDouble())
                .isEqualTo(score.host(new TrustScore.HostRecord(0, 0, 0, 0, 1, 1)).trust().value());
        JsonNode plainHost = host(plain);
        assertThat(plainHost.path("trustComponents")).extracting(c -> c.path("name").asText())
                .as("no closed promise, no samples component").containsExactly("refunds", "holds");
        assertThat(plainHost.path("serviceRecord").path("samplesFulfilled").asLong()).isZero();
        assertThat(plainHost.path("trust").asDouble())
                .isEqualTo(score.host(new TrustScore.HostRecord(1, 0, 0, 0)).trust().value());

        JsonNode ranked = hostsFor(productId, brandId);
        JsonNode fulfilment = scoreComponent(item(ranked, "hostId", promising), "sampleFulfilment");
        assertThat(fulfilment.path("value").asDouble()).isEqualTo(0.5);
        assertThat(fulfilment.path("weight").asDouble()).isZero();
        assertThat(fulfilment.path("detail").asText()).startsWith("1 of 2 sample promises kept");
        assertThat(scoreComponent(item(ranked, "hostId", plain), "sampleFulfilment").path("detail").asText())
                .isEqualTo("no sample promise closed yet");

        // an order folded after the promise closed still fulfils it: the 1 moves from unfulfilled to fulfilled
        sampleRequest(lapsing, promising, productId, "FULFILLED");
        assertThat(runTrustJob()).isPositive();
        JsonNode corrected = host(promising);
        assertThat(corrected.path("serviceRecord").path("samplesFulfilled").asLong()).isEqualTo(2);
        assertThat(corrected.path("serviceRecord").path("samplesUnfulfilled").asLong()).isZero();
        assertThat(corrected.path("trust").asDouble()).isGreaterThan(host.path("trust").asDouble())
                .isEqualTo(corrected.path("trustInMatching").asDouble());
        assertThat(scoreComponent(item(hostsFor(productId, brandId), "hostId", promising), "sampleFulfilment")
                .path("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aTrustFromAnOlderRevisionNeverOverwritesANewerOne() {
        String brandId = marketplace.brand();
        String hostId = marketplace.independentHost();
        BrandRepository brands = new BrandRepository(STORES.dynamoDb());
        HostRepository hostRepository = new HostRepository(STORES.dynamoDb(),
                new MatchScoring(MatchingSettings.defaults())::hostStrength);

        assertThat(brands.updateTrust(brandId, new Trust(0.8), 5)).isTrue();
        assertThat(brands.updateTrust(brandId, new Trust(0.2), 4)).isFalse();
        assertThat(brands.updateTrust(brandId, new Trust(0.8), 5)).as("the same revision again is harmless").isTrue();
        assertThat(brand(brandId).path("trustInMatching").asDouble()).isEqualTo(0.8);

        assertThat(hostRepository.updateTrustAndStats(hostId, new Trust(0.7), new HostStats(9, 60), 3)).isTrue();
        assertThat(hostRepository.updateTrust(hostId, new Trust(0.6))).as("a plain update keeps the revision").isTrue();
        assertThat(hostRepository.updateTrustAndStats(hostId, new Trust(0.1), new HostStats(1, 1), 2)).isFalse();
        assertThat(hostRepository.findCard(hostId, new com.alliance.persistence.ReadUnits()).orElseThrow().stats())
                .isEqualTo(new HostStats(9, 60));
        assertThat(host(hostId).path("trustInMatching").asDouble()).isEqualTo(0.6);
    }
}
