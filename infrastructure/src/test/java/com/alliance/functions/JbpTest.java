package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JBP agreements: legs measured from real orders, the rebate posted once when the period closes. */
class JbpTest {

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-31T16:00:00Z"));  // 1 Nov 00:00 CST
    private final CatalogFunction catalog = new CatalogFunction(stores.clients(clock));
    private final OrderEventsFunction events = new OrderEventsFunction(stores.clients(clock));
    private final BackgroundJobs jobs = new BackgroundJobs(stores.clients(clock));
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private String brandId;
    private String productId;

    @BeforeEach
    void brandWithAProduct() {
        brandId = marketplace.brand();
        productId = marketplace.product(brandId, 2_000);
    }

    private String agreement(long selfTarget, long distributionTarget) {
        String body = """
                {"periodStart":"2026-11-01","periodEnd":"2026-11-30",
                 "targets":{"selfBroadcastGmvFen":%d,"distributionGmvFen":%d},
                 "rebateTiers":[{"reachedBps":5000,"rebateBps":1000},{"reachedBps":10000,"rebateBps":2000}]}
                """.formatted(selfTarget, distributionTarget);
        Answer created = call(catalog, "POST /brands/{brandId}/jbp", Map.of("brandId", brandId), body, claims("brand", brandId));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("jbpId").asText();
    }

    private void sell(String hostId, long paidFen, Instant at) {
        marketplace.pickOnce(hostId, productId);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m");
        message.setBody(OrderEvents.paid("o-" + UUID.randomUUID(), at, productId, hostId, paidFen));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        assertThat(events.handle(event).getBatchItemFailures()).isEmpty();
    }

    private JsonNode progress(String jbpId) {
        Answer answer = call(catalog, "GET /brands/{brandId}/jbp/{jbpId}", Map.of("brandId", brandId, "jbpId", jbpId),
                null, claims("brand", brandId));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void eachLegIsMeasuredAgainstItsTargetAndTheRebateIsPostedOnceAfterThePeriod() {
        String jbpId = agreement(40_000, 100_000);
        String selfHost = marketplace.selfBroadcastHost(brandId);
        String independent = marketplace.independentHost();
        Instant inPeriod = Instant.parse("2026-11-10T04:00:00Z");
        sell(selfHost, 30_000, inPeriod);            // self-broadcast leg: 75% of target -> 10% tier
        sell(independent, 100_000, inPeriod);         // distribution leg: 100% of target -> 20% tier
        sell(independent, 50_000, Instant.parse("2026-12-01T00:00:00Z"));   // 1 Dec 08:00 CST: outside the period

        clock.advance(Duration.ofDays(15));
        JsonNode legs = progress(jbpId).path("legs");
        assertThat(legs.get(0).path("leg").asText()).isEqualTo("SELF_BROADCAST");
        assertThat(legs.get(0).path("gmvFen").asLong()).isEqualTo(30_000);
        assertThat(legs.get(0).path("reachedBps").asLong()).isEqualTo(7_500);
        assertThat(legs.get(0).path("rebateFen").asLong()).isEqualTo(150);     // 10% of 1 500 sales fee
        assertThat(legs.get(1).path("rebateFen").asLong()).isEqualTo(1_000);   // 20% of 5 000 sales fee

        clock.advance(Duration.ofDays(16));   // past 30 Nov, China time
        for (int run = 0; run < 3; run++) {
            jobs.drainAll();
        }
        List<Posting> rebates = ledger.postingsOf(brandId).stream()
                .filter(p -> p.account().type() == AccountType.JBP_REBATE).toList();
        assertThat(rebates).hasSize(1);
        assertThat(rebates.get(0).amountFen()).isEqualTo(1_150);
        assertThat(ledger.postingsOfOrder(jbpId)).extracting(Posting::amountFen).containsExactlyInAnyOrder(1_150L, -1_150L);
        assertThat(progress(jbpId).path("status").asText()).isEqualTo("CLOSED");
        assertThat(progress(jbpId).path("rebatePostedFen").asLong()).isEqualTo(1_150);
    }

    @Test
    void aLegBelowItsLowestTierEarnsNothing() {
        String jbpId = agreement(1_000_000, 1_000_000);
        sell(marketplace.independentHost(), 10_000, Instant.parse("2026-11-02T00:00:00Z"));
        clock.advance(Duration.ofDays(31));
        jobs.drainAll();
        assertThat(progress(jbpId).path("status").asText()).isEqualTo("CLOSED");
        assertThat(ledger.postingsOfOrder(jbpId)).isEmpty();
        assertThat(ledger.postingsOf(brandId)).noneMatch(p -> p.account().equals(new Account(AccountType.JBP_REBATE, brandId)));
    }

    @Test
    void anAgreementNeedsValidPeriodTargetsAndTiers() {
        Answer answer = call(catalog, "POST /brands/{brandId}/jbp", Map.of("brandId", brandId),
                "{\"periodStart\":\"2026-11-30\",\"periodEnd\":\"2026-11-01\",\"targets\":{},\"rebateTiers\":[]}",
                claims("brand", brandId));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("periodEnd");
        Answer otherBrand = call(catalog, "POST /brands/{brandId}/jbp", Map.of("brandId", brandId),
                "{}", claims("brand", "b_other"));
        assertThat(otherBrand.status()).isIn(400, 404);
    }

    // ---------- selfBroadcastHostIds: the brand's own BRAND_SELF accounts, checked before anything is written ----------

    private Answer agreementNaming(String... selfBroadcastHostIds) {
        String hosts = Arrays.stream(selfBroadcastHostIds).map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(","));
        String body = """
                {"periodStart":"2026-11-01","periodEnd":"2026-11-30",
                 "targets":{"selfBroadcastGmvFen":100000,"distributionGmvFen":100000},
                 "rebateTiers":[{"reachedBps":10000,"rebateBps":1000}],
                 "selfBroadcastHostIds":[%s]}
                """.formatted(hosts);
        return call(catalog, "POST /brands/{brandId}/jbp", Map.of("brandId", brandId), body, claims("brand", brandId));
    }

    private int agreements() {
        Answer listed = call(catalog, "GET /brands/{brandId}/jbp", Map.of("brandId", brandId), null, claims("brand", brandId));
        assertThat(listed.status()).isEqualTo(200);
        return listed.body().path("items").size();
    }

    private void refused(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("NOT_OWN_SELF_BROADCAST_HOST");
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo(field);
    }

    @Test
    void anAgreementNamesTheBrandsOwnSelfBroadcastAccountsAndShowsThem() {
        String anchor = marketplace.selfBroadcastHost(brandId);
        Answer created = agreementNaming(anchor);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("selfBroadcastHostIds").get(0).asText()).isEqualTo(anchor);
    }

    @Test
    void anIndependentHostIsNotASelfBroadcastAccountAndNothingIsStored() {
        String anchor = marketplace.selfBroadcastHost(brandId);
        String independent = marketplace.independentHost();
        refused(agreementNaming(anchor, independent), "selfBroadcastHostIds[1]");
        assertThat(agreements()).isZero();
    }

    @Test
    void anotherBrandsSelfBroadcastAccountIsRefusedAsIfItDidNotExist() {
        String theirAnchor = marketplace.selfBroadcastHost(marketplace.brand());
        refused(agreementNaming(theirAnchor), "selfBroadcastHostIds[0]");
        refused(agreementNaming("h_nosuchhost0000"), "selfBroadcastHostIds[0]");
        assertThat(agreements()).isZero();
    }

    @Test
    void aSelfBroadcastAccountNamedTwiceIsRefused() {
        String anchor = marketplace.selfBroadcastHost(brandId);
        Answer answer = agreementNaming(anchor, anchor);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("field").asText()).isEqualTo("selfBroadcastHostIds[1]");
        assertThat(agreements()).isZero();
    }
}
