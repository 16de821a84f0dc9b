package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static com.alliance.testing.FinanceDesk.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.json.Json;
import com.alliance.persistence.Tables;
import com.alliance.settlement.SettlementSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settlement runs through the finance handler against DynamoDB Local: claim, approve, cancel, pay, claw back. */
class SettlementRunsTest {

    private final LocalStores stores = LocalStores.get();
    private final FinanceDesk desk = new FinanceDesk(stores);
    private String brandId;
    private String productId;
    private String hostId;

    @BeforeEach
    void catalog() {
        brandId = desk.marketplace.brand();
        productId = desk.marketplace.product(brandId, 2_000);
        hostId = desk.marketplace.independentHost();
    }

    private int items(String table) {
        return stores.itemCount(table);
    }

    @Test
    void aRunClaimsEachPayeesSettleableBalanceAsOneLine() {
        desk.maturedOrder(productId, hostId, 10_000);
        desk.maturedOrder(productId, hostId, 5_000);
        assertThat(desk.balance(hostId).path("settleableFen").asLong()).isEqualTo(2_700);

        JsonNode run = desk.draftRun();

        assertThat(run.path("runId").asText()).startsWith("run_");
        JsonNode hostLine = desk.line(run.path("runId").asText(), hostId).orElseThrow();
        assertThat(hostLine.path("amountFen").asLong()).isEqualTo(2_700);
        assertThat(hostLine.path("status").asText()).isEqualTo("UNPAID");
        assertThat(hostLine.path("lineId").asText()).isEqualTo("ln_" + hostId);
        assertThat(desk.line(run.path("runId").asText(), brandId).orElseThrow().path("amountFen").asLong()).isEqualTo(11_250);
        assertThat(desk.entries(run.path("runId").asText(), "lines")).noneMatch(l -> l.path("party").asText().equals("platform"));
        JsonNode balance = desk.balance(hostId);
        assertThat(balance.path("settleableFen").asLong()).isZero();
        assertThat(balance.path("settledUnpaidFen").asLong()).isEqualTo(2_700);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameRunAndAnotherCutoffUnderItIsRefused() {
        desk.maturedOrder(productId, hostId, 10_000);
        Instant cutoff = desk.clock.instant();
        Answer first = desk.createRun(cutoff, "month-end-" + hostId);
        int runItems = items(Tables.SETTLEMENT.tableName());

        Answer again = desk.createRun(cutoff, "month-end-" + hostId);
        Answer otherCutoff = desk.createRun(cutoff.minusSeconds(60), "month-end-" + hostId);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("runId").asText()).isEqualTo(first.body().path("runId").asText());
        assertThat(otherCutoff.status()).isEqualTo(409);
        assertThat(otherCutoff.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(items(Tables.SETTLEMENT.tableName())).isEqualTo(runItems);
    }

    @Test
    void anApprovedRunIsPaidLineByLineEachLineOnce() {
        desk.maturedOrder(productId, hostId, 10_000);
        String runId = desk.draftRun().path("runId").asText();
        String hostLine = "ln_" + hostId;

        assertThat(desk.pay(runId, Map.of(hostLine, "BANK-1")).errorCode()).isEqualTo("RUN_NOT_APPROVED");
        Answer approved = desk.approve(runId);
        assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");
        assertThat(desk.approve(runId).errorCode()).isEqualTo("RUN_NOT_DRAFT");

        Answer paid = desk.pay(runId, Map.of(hostLine, "BANK-1"));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("payments").get(0).path("paymentRef").asText()).isEqualTo("BANK-1");
        assertThat(paid.body().path("status").asText()).isEqualTo("APPROVED");
        JsonNode balance = desk.balance(hostId);
        assertThat(balance.path("paidOutFen").asLong()).isEqualTo(1_800);
        assertThat(balance.path("settledUnpaidFen").asLong()).isZero();

        int ledgerItems = items(Tables.LEDGER.tableName());
        Answer twice = desk.pay(runId, Map.of(hostLine, "BANK-2"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("LINE_ALREADY_PAID");
        assertThat(desk.pay(runId, Map.of("ln_h_nobody", "BANK-3")).status()).isEqualTo(404);
        assertThat(items(Tables.LEDGER.tableName())).isEqualTo(ledgerItems);

        List<String> others = desk.entries(runId, "lines").stream().filter(l -> l.path("status").asText().equals("UNPAID"))
                .map(l -> l.path("lineId").asText()).toList();
        Map<String, String> rest = new java.util.LinkedHashMap<>();
        others.forEach(line -> rest.put(line, "BANK-" + line));
        assertThat(desk.pay(runId, rest).body().path("status").asText()).isEqualTo("PAID");
        assertThat(desk.balance(brandId).path("paidOutFen").asLong()).isEqualTo(7_500);
    }

    @Test
    void cancellingADraftReleasesItsLinesAndTheNextRunClaimsThemAgain() {
        desk.maturedOrder(productId, hostId, 10_000);
        String runId = desk.draftRun().path("runId").asText();

        Answer cancelled = desk.cancel(runId);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(desk.line(runId, hostId).orElseThrow().path("status").asText()).isEqualTo("RELEASED");
        assertThat(desk.balance(hostId).path("settleableFen").asLong()).isEqualTo(1_800);
        assertThat(desk.cancel(runId).errorCode()).isEqualTo("RUN_NOT_DRAFT");
        assertThat(desk.approve(runId).errorCode()).isEqualTo("RUN_NOT_DRAFT");

        String next = desk.draftRun().path("runId").asText();
        assertThat(desk.line(next, hostId).orElseThrow().path("amountFen").asLong()).isEqualTo(1_800);
        assertThat(desk.balance(hostId).path("settledUnpaidFen").asLong()).isEqualTo(1_800);
    }

    @Test
    void aRefundAfterPayoutIsAClawbackTheNextRunNetsAgainstNewEarnings() {
        String order = desk.maturedOrder(productId, hostId, 10_000);
        String runId = desk.draftRun().path("runId").asText();
        desk.approve(runId);
        desk.pay(runId, Map.of("ln_" + hostId, "BANK-1"));

        desk.deliver(OrderEvents.refunded(order, desk.clock.instant(), 2_500));
        JsonNode afterRefund = desk.balance(hostId);
        assertThat(afterRefund.path("settleableFen").asLong()).isEqualTo(-450);
        assertThat(afterRefund.path("paidOutFen").asLong()).isEqualTo(1_800);
        assertThat(afterRefund.path("totalFen").asLong()).isEqualTo(1_350);

        String carriedRun = desk.draftRun().path("runId").asText();
        assertThat(desk.line(carriedRun, hostId)).isEmpty();
        JsonNode carried = desk.entries(carriedRun, "carried").stream()
                .filter(c -> c.path("party").asText().equals(hostId)).findFirst().orElseThrow();
        assertThat(carried.path("amountFen").asLong()).isEqualTo(-450);
        assertThat(carried.path("reason").asText()).isEqualTo("NEGATIVE_BALANCE");

        desk.maturedOrder(productId, hostId, 10_000);
        String netting = desk.draftRun().path("runId").asText();
        assertThat(desk.line(netting, hostId).orElseThrow().path("amountFen").asLong()).isEqualTo(1_350);
        JsonNode end = desk.balance(hostId);
        assertThat(end.path("settleableFen").asLong()).isZero();
        assertThat(end.path("settledUnpaidFen").asLong()).isEqualTo(1_350);
        assertThat(end.path("totalFen").asLong()).isEqualTo(1_350 + 1_800);
    }

    @Test
    void aPayeeBelowThePayoutThresholdIsCarriedVisibly() {
        desk.maturedOrder(productId, hostId, 500);   // host earns 90 fen, below 1 yuan

        String runId = desk.draftRun().path("runId").asText();

        assertThat(desk.line(runId, hostId)).isEmpty();
        JsonNode carried = desk.entries(runId, "carried").stream()
                .filter(c -> c.path("party").asText().equals(hostId)).findFirst().orElseThrow();
        assertThat(carried.path("amountFen").asLong()).isEqualTo(90);
        assertThat(carried.path("reason").asText()).isEqualTo("BELOW_THRESHOLD");
        assertThat(desk.balance(hostId).path("settleableFen").asLong()).isEqualTo(90);
    }

    @Test
    void twoConcurrentRunsNeverClaimTheSamePosting() throws Exception {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String host = desk.marketplace.independentHost();
            hosts.add(host);
            desk.receivedOrder(productId, host, 10_000);
        }
        desk.runJobs();
        Instant cutoff = desk.clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Answer>> runs = new ArrayList<>();
        for (String key : List.of("a-" + hostId, "b-" + hostId)) {
            Callable<Answer> create = () -> desk.createRun(cutoff, key);
            runs.add(pool.submit(create));
        }
        List<String> runIds = new ArrayList<>();
        for (Future<Answer> run : runs) {
            assertThat(run.get().status()).isEqualTo(201);
            runIds.add(run.get().body().path("runId").asText());
        }
        pool.shutdown();

        for (String host : hosts) {
            long claims = runIds.stream().filter(runId -> desk.line(runId, host).isPresent()).count();
            long claimed = runIds.stream().flatMap(runId -> desk.line(runId, host).stream())
                    .mapToLong(l -> l.path("amountFen").asLong()).sum();
            assertThat(claims).as(host).isEqualTo(1);
            assertThat(claimed).as(host).isEqualTo(1_800);
        }
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void aRunTooLargeForItsRequestAnswersBuildingAndTheJobFinishesIt() {
        var clients = stores.clients(desk.clock).withSettings(Settings.defaults()
                .withSettlement(SettlementSettings.defaults().withRequestBudget(Duration.ZERO)));
        FinanceFunction impatient = new FinanceFunction(clients);
        desk.maturedOrder(productId, hostId, 10_000);

        Answer created = call(impatient, "POST /finance/settlement-runs", Map.of(), Json.write(Json.object()
                .put("cutoff", desk.clock.instant().toString()).put("idempotencyKey", "slow-" + hostId)), FINANCE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("status").asText()).isEqualTo("BUILDING");
        String runId = created.body().path("runId").asText();
        assertThat(desk.approve(runId).errorCode()).isEqualTo("RUN_NOT_DRAFT");
        desk.runJobs();
        assertThat(desk.run(runId, Map.of()).body().path("status").asText()).isEqualTo("DRAFT");
        assertThat(desk.line(runId, hostId).orElseThrow().path("amountFen").asLong()).isEqualTo(1_800);
    }

    @Test
    void linesArePagedWithAnOpaqueToken() {
        for (int i = 0; i < 3; i++) {
            desk.maturedOrder(productId, desk.marketplace.independentHost(), 10_000);
        }
        String runId = desk.draftRun().path("runId").asText();

        Answer first = desk.run(runId, Map.of("limit", "1"));
        Answer second = desk.run(runId, Map.of("limit", "1", "next", first.body().path("next").asText()));

        assertThat(first.body().path("lines").size() + first.body().path("carried").size()).isEqualTo(1);
        assertThat(onlyParty(second.body())).isGreaterThan(onlyParty(first.body()));
        assertThat(desk.entries(runId, "lines").size()).isGreaterThanOrEqualTo(4);
        assertThat(desk.run(runId, Map.of("limit", "0")).status()).isEqualTo(400);
        assertThat(desk.run(runId, Map.of("next", "%%%")).status()).isEqualTo(400);
    }

    /** The payee of a page of one entry, line or carried. */
    private static String onlyParty(JsonNode page) {
        JsonNode entry = page.path("lines").size() == 1 ? page.path("lines").get(0) : page.path("carried").get(0);
        return entry.path("party").asText();
    }

    @Test
    void refusalsAreClear4xxAndWriteNothing() {
        desk.maturedOrder(productId, hostId, 10_000);
        int settlement = items(Tables.SETTLEMENT.tableName());
        int ledger = items(Tables.LEDGER.tableName());

        Answer future = desk.createRun(desk.clock.instant().plusSeconds(3_600), "future-" + hostId);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.errorCode()).isEqualTo("CUTOFF_IN_FUTURE");
        assertThat(call(desk.finance, "POST /finance/settlement-runs", Map.of(), "{\"cutoff\":\"yesterday\",\"idempotencyKey\":\"k\"}",
                FINANCE).body().path("error").path("field").asText()).isEqualTo("cutoff");
        assertThat(call(desk.finance, "POST /finance/settlement-runs", Map.of(), "{\"cutoff\":\"2026-01-01T00:00:00Z\"}",
                FINANCE).errorCode()).isEqualTo("FIELD_REQUIRED");
        assertThat(call(desk.finance, "POST /finance/settlement-runs", Map.of(), "{\"cutoff\":\"2026-01-01T00:00:00Z\","
                + "\"idempotencyKey\":\"has space\"}", FINANCE).status()).isEqualTo(400);
        assertThat(call(desk.finance, "POST /finance/settlement-runs", Map.of(), Json.write(Json.object()
                .put("cutoff", "2026-01-01T00:00:00Z").put("idempotencyKey", "k-" + hostId)), claims("brand", brandId))
                .status()).isEqualTo(403);
        assertThat(desk.run("run_nothere", Map.of()).errorCode()).isEqualTo("RUN_NOT_FOUND");
        assertThat(desk.approve("run_nothere").status()).isEqualTo(404);
        assertThat(call(desk.finance, "POST /finance/settlement-runs/{runId}/payouts", Map.of("runId", "run_nothere"),
                "{\"payments\":[]}", FINANCE).status()).isIn(400, 404);

        assertThat(items(Tables.SETTLEMENT.tableName())).isEqualTo(settlement);
        assertThat(items(Tables.LEDGER.tableName())).isEqualTo(ledger);
    }

    @Test
    void aPayoutsRequestIsCheckedWholeBeforeAnyPaymentIsRecorded() {
        desk.maturedOrder(productId, hostId, 10_000);
        String runId = desk.draftRun().path("runId").asText();
        desk.approve(runId);
        int ledger = items(Tables.LEDGER.tableName());

        Answer mixed = desk.pay(runId, new java.util.LinkedHashMap<>(Map.of("ln_" + hostId, "BANK-1", "ln_h_unknown", "BANK-2")));
        Answer blankRef = call(desk.finance, "POST /finance/settlement-runs/{runId}/payouts", Map.of("runId", runId),
                "{\"payments\":[{\"lineId\":\"ln_" + hostId + "\",\"paymentRef\":\" \"}]}", FINANCE);

        assertThat(mixed.status()).isEqualTo(404);
        assertThat(mixed.errorCode()).isEqualTo("LINE_NOT_FOUND");
        assertThat(blankRef.status()).isEqualTo(400);
        assertThat(items(Tables.LEDGER.tableName())).isEqualTo(ledger);
        assertThat(desk.line(runId, hostId).orElseThrow().path("status").asText()).isEqualTo("UNPAID");
    }

    private Answer runs(Map<String, String> query) {
        return call(desk.finance, "GET /finance/settlement-runs", Map.of(), query, null, FINANCE);
    }

    @Test
    void runsAreListedNewestFirstWithWhoDraftedAndApprovedThemPagedAndFiltered() {
        desk.marketplace.pick(hostId, productId);
        Instant from = desk.clock.instant();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            desk.maturedOrder(productId, hostId, 10_000);
            created.add(desk.draftRun().path("runId").asText());
        }
        assertThat(desk.approve(created.get(1)).status()).isEqualTo(200);
        Instant to = desk.clock.instant();
        Map<String, String> window = Map.of("from", from.toString(), "to", to.toString());

        Answer all = runs(window);
        Answer first = runs(with(window, "limit", "2"));
        Answer second = runs(with(with(window, "limit", "2"), "next", first.body().path("next").asText()));
        Answer approved = runs(with(window, "status", "approved"));
        Answer before = runs(Map.of("to", from.minusSeconds(1).toString(), "from", from.minusSeconds(3_600).toString()));

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("runs")).extracting(r -> r.path("runId").asText())
                .containsExactly(created.get(2), created.get(1), created.get(0));
        assertThat(all.body().path("next").isNull()).isTrue();
        JsonNode approvedRun = all.body().path("runs").get(1);
        assertThat(approvedRun.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approvedRun.path("approvedBy").asText()).isEqualTo("finance@platform");
        assertThat(approvedRun.path("createdBy").asText()).isEqualTo("finance@platform");
        assertThat(approvedRun.path("approvedAt").asText()).isNotEmpty();
        assertThat(approvedRun.path("totalFen").asLong()).isPositive();
        assertThat(approvedRun.has("lines")).isFalse();
        assertThat(first.body().path("runs")).extracting(r -> r.path("runId").asText())
                .containsExactly(created.get(2), created.get(1));
        assertThat(second.body().path("runs")).extracting(r -> r.path("runId").asText()).containsExactly(created.get(0));
        assertThat(second.body().path("next").isNull()).isTrue();
        assertThat(approved.body().path("runs")).extracting(r -> r.path("runId").asText()).containsExactly(created.get(1));
        assertThat(before.body().path("runs")).extracting(r -> r.path("runId").asText()).doesNotContainAnyElementsOf(created);
        assertThat(runs(Map.of("status", "LOST")).status()).isEqualTo(400);
        assertThat(runs(Map.of("from", "yesterday")).body().path("error").path("field").asText()).isEqualTo("from");
        assertThat(runs(Map.of("from", to.toString(), "to", from.toString())).status()).isEqualTo(400);
        assertThat(runs(Map.of("limit", "101")).status()).isEqualTo(400);
        assertThat(call(desk.finance, "GET /finance/settlement-runs", Map.of(), Map.of(), null, claims("host", hostId)).status())
                .isEqualTo(403);
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(query);
        more.put(name, value);
        return more;
    }
}
