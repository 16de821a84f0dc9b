package com.alliance.functions;

import static com.alliance.testing.ApiCalls.call;
import static com.alliance.testing.ApiCalls.claims;
import static com.alliance.testing.FinanceDesk.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Category;
import com.alliance.functions.api.ApiResponse;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostKind;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Json;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.money.Yuan;
import com.alliance.payouts.PayoutAccount;
import com.alliance.payouts.PayoutAccountRepository;
import com.alliance.persistence.Tables;
import com.alliance.risk.Trust;
import com.alliance.settlement.BankCsv;
import com.alliance.settlement.ClaimedRuns;
import com.alliance.settlement.SettlementSettings;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paying a run through the bank's batch payment service, against DynamoDB Local: the payment file out, the
 * bank's results file back in. Each test has stores of its own, since a run claims everything settleable.
 */
class BankPaymentFilesTest {

    private static final String RESULTS = "POST /finance/settlement-runs/{runId}/payment-results";

    private LocalStores stores;
    private FinanceDesk desk;
    private HostsFunction hosts;
    private String brandId;
    private String productId;

    @BeforeEach
    void marketplace() {
        stores = LocalStores.isolated();
        desk = new FinanceDesk(stores);
        hosts = new HostsFunction(stores.clients(desk.clock));
        brandId = desk.marketplace.brand();
        productId = desk.marketplace.product(brandId, 2_000);
    }

    private String sellingHost() {
        String host = desk.marketplace.independentHost();
        desk.marketplace.pick(host, productId);
        return host;
    }

    private Answer setHostAccount(String hostId, String bank, String name, String number, Map<String, String> as) {
        return call(hosts, "PUT /hosts/{hostId}/payout-account", Map.of("hostId", hostId), Json.write(Json.object()
                .put("bankName", bank).put("accountName", name).put("accountNumber", number)), as);
    }

    private Answer setBrandAccount(String bank, String name, String number) {
        return call(desk.catalog, "PUT /brands/{brandId}/payout-account", Map.of("brandId", brandId), Json.write(Json.object()
                .put("bankName", bank).put("accountName", name).put("accountNumber", number)), claims("brand", brandId));
    }

    private List<BankCsv.Record> file(String runId) {
        ApiResponse response = ApiCalls.raw(desk.finance, "GET /finance/settlement-runs/{runId}/payment-file",
                Map.of("runId", runId), Map.of(), Map.of(), FINANCE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        return BankCsv.parse(response.body());
    }

    private JsonNode summary(String runId) {
        Answer answer = call(desk.finance, "GET /finance/settlement-runs/{runId}/payment-file/summary",
                Map.of("runId", runId), null, FINANCE);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static String results(List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(BankCsv.row(List.of("line_ref", "amount", "status", "bank_ref", "reason")));
        rows.forEach(row -> csv.append(BankCsv.row(row)));
        return csv.toString();
    }

    private Answer send(String runId, String csv) {
        return call(desk.finance, RESULTS, Map.of("runId", runId), csv, FINANCE);
    }

    private String approvedRun() {
        String runId = desk.draftRun().path("runId").asText();
        assertThat(desk.approve(runId).status()).isEqualTo(200);
        return runId;
    }

    @Test
    void theFileCarriesEachUnpaidLineWithItsAccountAndTheResultsPayThemAsPayoutsDo() {
        String paidHost = sellingHost();
        String noAccountHost = sellingHost();
        desk.maturedOrder(productId, paidHost, 10_000);
        desk.maturedOrder(productId, noAccountHost, 5_000);
        assertThat(setHostAccount(paidHost, "招商银行", "张三, 个体户", "6225 8802 1234 5678", claims("host", paidHost)).status())
                .isEqualTo(200);
        assertThat(setBrandAccount("中国工商银行", "Fixture \"Brand\" Ltd", "0200001234567890123").status()).isEqualTo(200);
        String runId = approvedRun();
        long hostFen = desk.line(runId, paidHost).orElseThrow().path("amountFen").asLong();
        long brandFen = desk.line(runId, brandId).orElseThrow().path("amountFen").asLong();
        long otherFen = desk.line(runId, noAccountHost).orElseThrow().path("amountFen").asLong();

        List<BankCsv.Record> file = file(runId);

        assertThat(file.get(0).fields()).containsExactly("batch_ref", "run_id", "line_count", "control_total", "currency");
        assertThat(file.get(1).fields()).containsExactly(runId + "-1", runId, "2", Yuan.format(hostFen + brandFen), "CNY");
        assertThat(file.get(2).fields()).containsExactly("line_ref", "payee", "bank_name", "account_name", "account_number",
                "amount", "currency", "memo");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        file.subList(3, file.size()).forEach(r -> rows.put(r.fields().get(0), r.fields()));
        assertThat(rows).containsOnlyKeys("ln_" + paidHost, "ln_" + brandId);
        assertThat(rows.get("ln_" + paidHost)).containsExactly("ln_" + paidHost, paidHost, "招商银行", "张三, 个体户",
                "6225880212345678", Yuan.format(hostFen), "CNY", runId + "-1");
        assertThat(rows.get("ln_" + brandId).get(3)).isEqualTo("Fixture \"Brand\" Ltd");
        JsonNode summary = summary(runId);
        assertThat(summary.path("lineCount").asLong()).isEqualTo(2);
        assertThat(summary.path("controlTotalFen").asLong()).isEqualTo(hostFen + brandFen);
        assertThat(summary.path("withoutAccount").get(0).path("lineId").asText()).isEqualTo("ln_" + noAccountHost);
        assertThat(summary.path("withoutAccountFen").asLong()).isEqualTo(otherFen);

        Answer imported = send(runId, results(List.of(
                List.of("ln_" + brandId, Yuan.format(brandFen), "PAID", "ICBC-0001", ""),
                List.of("ln_" + paidHost, Yuan.format(hostFen), "FAILED", "", "收款账户已冻结 (account frozen)"))));

        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(imported.body().path("complete").asBoolean()).isTrue();
        assertThat(imported.body().path("recordedPaid").asInt()).isEqualTo(1);
        assertThat(imported.body().path("failures").get(0).path("reason").asText()).isEqualTo("收款账户已冻结 (account frozen)");
        assertThat(imported.body().path("paidFen").asLong()).isEqualTo(brandFen);
        JsonNode brandLine = desk.line(runId, brandId).orElseThrow();
        assertThat(brandLine.path("status").asText()).isEqualTo("PAID");
        assertThat(brandLine.path("paymentRef").asText()).isEqualTo("ICBC-0001");
        assertThat(desk.balance(brandId).path("paidOutFen").asLong()).isEqualTo(brandFen);
        JsonNode failedLine = desk.line(runId, paidHost).orElseThrow();
        assertThat(failedLine.path("status").asText()).isEqualTo("UNPAID");
        assertThat(failedLine.path("failure").path("reason").asText()).isEqualTo("收款账户已冻结 (account frozen)");
        assertThat(desk.balance(paidHost).path("paidOutFen").asLong()).isZero();

        // the next file carries the refused line again, under the next batch number
        List<BankCsv.Record> next = file(runId);
        assertThat(next.get(1).fields().get(0)).isEqualTo(runId + "-2");
        assertThat(next.subList(3, next.size())).extracting(r -> r.fields().get(0)).containsExactly("ln_" + paidHost);

        assertThat(setHostAccount(noAccountHost, "中国银行", "李四", "12345678901", claims("host", noAccountHost)).status())
                .isEqualTo(200);
        assertThat(summary(runId).path("withoutAccount").size()).isZero();
        Answer rest = send(runId, results(List.of(
                List.of("ln_" + paidHost, Yuan.format(hostFen), "PAID", "CMB-0002", ""),
                List.of("ln_" + noAccountHost, Yuan.format(otherFen), "paid", "BOC-0003", ""))));
        assertThat(rest.body().path("status").asText()).isEqualTo("PAID");
        assertThat(desk.line(runId, paidHost).orElseThrow().path("failure").isMissingNode()).isTrue();
        assertThat(desk.balance(noAccountHost).path("paidOutFen").asLong()).isEqualTo(otherFen);
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();
        assertThat(desk.reconciliation().path("runMismatchCount").asInt()).isZero();
    }

    @Test
    void theSameResultsFileTwiceRecordsNothingTheSecondTime() {
        String host = sellingHost();
        desk.maturedOrder(productId, host, 10_000);
        String runId = approvedRun();
        long fen = desk.line(runId, host).orElseThrow().path("amountFen").asLong();
        String csv = results(List.of(List.of("ln_" + host, Yuan.format(fen), "PAID", "BANK-7", ""),
                List.of("ln_" + brandId, Yuan.format(desk.line(runId, brandId).orElseThrow().path("amountFen").asLong()),
                        "FAILED", "", "name mismatch")));
        assertThat(send(runId, csv).body().path("recordedPaid").asInt()).isEqualTo(1);
        int ledger = stores.itemCount(Tables.LEDGER.tableName());
        int settlement = stores.itemCount(Tables.SETTLEMENT.tableName());
        String failedAt = desk.line(runId, brandId).orElseThrow().path("failure").path("at").asText();

        desk.clock.advance(Duration.ofMinutes(5));
        Answer again = send(runId, csv);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("alreadyImported").asBoolean()).isTrue();
        assertThat(again.body().path("recordedPaid").asInt()).isZero();
        assertThat(stores.itemCount(Tables.LEDGER.tableName())).isEqualTo(ledger);
        assertThat(stores.itemCount(Tables.SETTLEMENT.tableName())).isEqualTo(settlement);
        assertThat(desk.line(runId, brandId).orElseThrow().path("failure").path("at").asText()).isEqualTo(failedAt);
        assertThat(desk.balance(host).path("paidOutFen").asLong()).isEqualTo(fen);
        assertThat(desk.run(runId, Map.of()).body().path("resultImports").asInt()).isEqualTo(1);
    }

    @Test
    void aBadResultsFileWritesNothingAndNamesTheRow() {
        String host = sellingHost();
        desk.maturedOrder(productId, host, 10_000);
        String runId = approvedRun();
        long fen = desk.line(runId, host).orElseThrow().path("amountFen").asLong();
        long brandFen = desk.line(runId, brandId).orElseThrow().path("amountFen").asLong();
        List<String> good = List.of("ln_" + brandId, Yuan.format(brandFen), "PAID", "B-1", "");
        int ledger = stores.itemCount(Tables.LEDGER.tableName());
        int settlement = stores.itemCount(Tables.SETTLEMENT.tableName());

        Answer unknown = send(runId, results(List.of(good, List.of("ln_h_nobody", "1.00", "PAID", "B-2", ""))));
        Answer amount = send(runId, results(List.of(good, List.of("ln_" + host, Yuan.format(fen + 1), "PAID", "B-2", ""))));
        Answer twice = send(runId, results(List.of(good, List.of("ln_" + brandId, Yuan.format(brandFen), "PAID", "B-3", ""))));
        Answer status = send(runId, results(List.of(good, List.of("ln_" + host, Yuan.format(fen), "MAYBE", "B-2", ""))));
        Answer noRef = send(runId, results(List.of(good, List.of("ln_" + host, Yuan.format(fen), "PAID", "", ""))));
        Answer notMoney = send(runId, results(List.of(good, List.of("ln_" + host, "12.345", "PAID", "B-2", ""))));
        Answer header = send(runId, "line,amount\r\nln_" + host + ",1.00\r\n");
        Answer quote = send(runId, results(List.of(good)) + "\"ln_" + host + ",1.00,PAID,B-2,\r\n");
        Answer empty = send(runId, results(List.of()));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("LINE_NOT_FOUND");
        assertThat(unknown.body().path("error").path("field").asText()).isEqualTo("rows[3].line_ref");
        assertThat(unknown.body().path("error").path("message").asText()).startsWith("row 3:");
        assertThat(amount.errorCode()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(amount.body().path("error").path("field").asText()).isEqualTo("rows[3].amount");
        assertThat(twice.errorCode()).isEqualTo("DUPLICATE_LINE");
        assertThat(status.errorCode()).isEqualTo("INVALID_STATUS");
        assertThat(noRef.errorCode()).isEqualTo("FIELD_REQUIRED");
        assertThat(notMoney.errorCode()).isEqualTo("INVALID_AMOUNT");
        assertThat(header.errorCode()).isEqualTo("RESULTS_HEADER");
        assertThat(quote.errorCode()).isEqualTo("RESULTS_MALFORMED");
        assertThat(empty.errorCode()).isEqualTo("RESULTS_EMPTY");
        assertThat(List.of(unknown, amount, twice, status, noRef, notMoney, header, quote, empty))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(400));
        assertThat(stores.itemCount(Tables.LEDGER.tableName())).isEqualTo(ledger);
        assertThat(stores.itemCount(Tables.SETTLEMENT.tableName())).isEqualTo(settlement);
        assertThat(desk.line(runId, brandId).orElseThrow().path("status").asText()).isEqualTo("UNPAID");

        // a line paid already (here through the payouts route) under another reference is a line paid twice
        assertThat(desk.pay(runId, Map.of("ln_" + host, "MANUAL-1")).status()).isEqualTo(200);
        Answer paidTwice = send(runId, results(List.of(good, List.of("ln_" + host, Yuan.format(fen), "PAID", "B-9", ""))));
        assertThat(paidTwice.status()).isEqualTo(409);
        assertThat(paidTwice.errorCode()).isEqualTo("LINE_ALREADY_PAID");
        assertThat(paidTwice.body().path("error").path("field").asText()).isEqualTo("rows[3].bank_ref");
        assertThat(desk.line(runId, brandId).orElseThrow().path("status").asText()).isEqualTo("UNPAID");
        // under the same reference it was recorded already: counted, not recorded again
        Answer same = send(runId, results(List.of(good, List.of("ln_" + host, Yuan.format(fen), "PAID", "MANUAL-1", ""))));
        assertThat(same.body().path("recordedPaid").asInt()).isEqualTo(1);
        assertThat(same.body().path("alreadyPaid").asInt()).isEqualTo(1);
        assertThat(same.body().path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void onlyAnApprovedRunHasAFileAndTakesResults() {
        String host = sellingHost();
        desk.maturedOrder(productId, host, 10_000);
        String runId = desk.draftRun().path("runId").asText();
        long fen = desk.line(runId, host).orElseThrow().path("amountFen").asLong();

        Answer file = call(desk.finance, "GET /finance/settlement-runs/{runId}/payment-file", Map.of("runId", runId), null, FINANCE);
        Answer results = send(runId, results(List.of(List.of("ln_" + host, Yuan.format(fen), "PAID", "B-1", ""))));
        Answer missing = call(desk.finance, "GET /finance/settlement-runs/{runId}/payment-file", Map.of("runId", "run_nope"),
                null, FINANCE);

        assertThat(file.status()).isEqualTo(409);
        assertThat(file.errorCode()).isEqualTo("RUN_NOT_APPROVED");
        assertThat(results.errorCode()).isEqualTo("RUN_NOT_APPROVED");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(desk.line(runId, host).orElseThrow().path("status").asText()).isEqualTo("UNPAID");
    }

    @Test
    void aResultsFileCutShortByTheRequestBudgetIsSentAgainAndFinishes() {
        String host = sellingHost();
        desk.maturedOrder(productId, host, 10_000);
        String runId = approvedRun();
        String csv = results(List.of(
                List.of("ln_" + host, Yuan.format(desk.line(runId, host).orElseThrow().path("amountFen").asLong()), "PAID", "B-1", ""),
                List.of("ln_" + brandId, Yuan.format(desk.line(runId, brandId).orElseThrow().path("amountFen").asLong()),
                        "PAID", "B-2", "")));
        FinanceFunction impatient = new FinanceFunction(stores.clients(desk.clock).withSettings(Settings.defaults()
                .withSettlement(SettlementSettings.defaults().withRequestBudget(Duration.ZERO))));

        Answer cut = call(impatient, RESULTS, Map.of("runId", runId), csv, FINANCE);
        Answer again = send(runId, csv);

        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.body().path("complete").asBoolean()).isFalse();
        assertThat(again.body().path("complete").asBoolean()).isTrue();
        assertThat(again.body().path("alreadyImported").asBoolean()).isFalse();
        assertThat(again.body().path("recordedPaid").asInt() + again.body().path("alreadyPaid").asInt()).isEqualTo(2);
        assertThat(again.body().path("status").asText()).isEqualTo("PAID");
        assertThat(desk.reconciliation().path("balanced").asBoolean()).isTrue();
    }

    @Test
    void payoutAccountsAreValidatedOnEntryAndMaskedInEveryReadButTheFile() {
        String host = sellingHost();
        String other = desk.marketplace.independentHost();
        Map<String, String> self = claims("host", host);

        Answer shortNumber = setHostAccount(host, "招商银行", "张三", "123456789", self);
        Answer letters = setHostAccount(host, "招商银行", "张三", "62258802ABCD5678", self);
        Answer noBank = setHostAccount(host, " ", "张三", "6225880212345678", self);
        Answer formula = setHostAccount(host, "招商银行", "=HYPERLINK(1)", "6225880212345678", self);
        Answer byFinance = setHostAccount(host, "招商银行", "张三", "6225880212345678", FINANCE);
        Answer byOtherHost = setHostAccount(host, "招商银行", "张三", "6225880212345678", claims("host", other));
        Answer saved = setHostAccount(host, "招商银行", "张三", "6225880212345678", self);

        assertThat(shortNumber.body().path("error").path("field").asText()).isEqualTo("accountNumber");
        assertThat(letters.body().path("error").path("field").asText()).isEqualTo("accountNumber");
        assertThat(noBank.body().path("error").path("field").asText()).isEqualTo("bankName");
        assertThat(formula.body().path("error").path("field").asText()).isEqualTo("accountName");
        assertThat(List.of(shortNumber, letters, noBank, formula)).allSatisfy(a -> assertThat(a.status()).isEqualTo(400));
        assertThat(byFinance.status()).isEqualTo(403);
        assertThat(byOtherHost.status()).isEqualTo(404);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("accountNumber").asText()).isEqualTo("**** 5678");
        Answer read = call(hosts, "GET /hosts/{hostId}", Map.of("hostId", host), null, self);
        assertThat(read.body().path("payoutAccount").path("accountNumber").asText()).isEqualTo("**** 5678");
        assertThat(read.body().toString()).doesNotContain("6225880212345678");
        Answer brand = setBrandAccount("中国银行", "Fixture Brand Ltd", "98765432109876");
        assertThat(brand.body().path("accountNumber").asText()).isEqualTo("**** 9876");
        Answer brandRead = call(desk.catalog, "GET /brands/{brandId}", Map.of("brandId", brandId), null, claims("brand", brandId));
        assertThat(brandRead.body().path("payoutAccount").path("accountNumber").asText()).isEqualTo("**** 9876");
    }

    /**
     * The scale finance pays at: 10 000 lines go out in one file and their results come back in one. The approved
     * run is written as a build would leave it (the build of 10 000 payees is SettlementBenchmark's to measure).
     */
    @Test
    void tenThousandLinesGoOutInOneFileAndComeBackInOne() throws Exception {
        int payees = 10_000;
        List<String> parties = IntStream.range(0, payees).mapToObj(p -> String.format("h_pay%06d", p)).toList();
        java.util.function.IntToLongFunction fenOf = p -> 1_000 + (p * 31L) % 9_000;
        Instant at = desk.clock.instant();
        String runId = ClaimedRuns.approved(stores.dynamoDb(), parties, fenOf, at).runId();
        PayoutAccountRepository accounts = new PayoutAccountRepository(stores.dynamoDb());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> saves = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t * payees / 4;
            int to = (t + 1) * payees / 4;
            saves.add(pool.submit(() -> IntStream.range(from, to).forEach(p -> accounts.save(new PayoutAccount(
                    parties.get(p), "招商银行", "主播 " + p, String.format("62258802%08d", p), at, "test")))));
        }
        for (Future<?> save : saves) {
            save.get();
        }
        pool.shutdown();
        long total = IntStream.range(0, payees).mapToLong(fenOf).sum();

        List<BankCsv.Record> file = file(runId);

        assertThat(file).hasSize(payees + 3);
        assertThat(file.get(1).fields()).containsExactly(runId + "-1", runId, Integer.toString(payees), Yuan.format(total), "CNY");
        Map<String, List<String>> byLine = new LinkedHashMap<>();
        file.subList(3, file.size()).forEach(r -> byLine.put(r.fields().get(0), r.fields()));
        assertThat(byLine).hasSize(payees);
        assertThat(byLine.get("ln_h_pay004242")).containsExactly("ln_h_pay004242", "h_pay004242", "招商银行", "主播 4242",
                "6225880200004242", Yuan.format(fenOf.applyAsLong(4242)), "CNY", runId + "-1");
        assertThat(byLine.values().stream().mapToLong(r -> Yuan.parseFen(r.get(5)).orElseThrow()).sum()).isEqualTo(total);
        // the bank refuses one line in a thousand
        List<List<String>> rows = file.subList(3, file.size()).stream().map(BankCsv.Record::fields)
                .map(r -> r.get(1).endsWith("999") ? List.of(r.get(0), r.get(5), "FAILED", "", "户名不符")
                        : List.of(r.get(0), r.get(5), "PAID", "CMB-" + r.get(1), ""))
                .toList();
        String csv = results(rows);
        assertThat(csv.length()).as("larger than the usual 256 KB body limit").isGreaterThan(256 * 1024);
        int ledgerBefore = stores.itemCount(Tables.LEDGER.tableName());

        // one file; a request whose 10 s budget runs out answers complete:false and the same file is sent again
        Answer imported = send(runId, csv);
        int recorded = imported.body().path("recordedPaid").asInt();
        for (int again = 0; again < 50 && imported.status() == 200 && !imported.body().path("complete").asBoolean(); again++) {
            imported = send(runId, csv);
            recorded += imported.body().path("recordedPaid").asInt();
        }

        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(imported.body().path("complete").asBoolean()).isTrue();
        assertThat(recorded).as("each line recorded once over the requests").isEqualTo(payees - 10);
        assertThat(imported.body().path("recordedPaid").asInt() + imported.body().path("alreadyPaid").asInt())
                .isEqualTo(payees - 10);
        assertThat(imported.body().path("failedCount").asInt()).isEqualTo(10);
        assertThat(imported.body().path("paidLines").asInt()).isEqualTo(payees - 10);
        long refusedFen = IntStream.range(0, payees).filter(p -> p % 1_000 == 999).mapToLong(fenOf).sum();
        assertThat(imported.body().path("paidFen").asLong()).isEqualTo(total - refusedFen);
        // each paid line moved SETTLED → PAID_OUT by two postings, as a payout does
        int ledger = stores.itemCount(Tables.LEDGER.tableName());
        assertThat(ledger - ledgerBefore).isEqualTo(2 * (payees - 10) * (ledgerBefore / (4 * payees)));
        // the two payees read back are registered hosts: a balance of an id that names no host answers 404
        HostRepository hosts = new HostRepository(stores.dynamoDb(), new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        for (String payee : List.of("h_pay004242", "h_pay000999")) {
            if (hosts.find(payee).isEmpty()) {
                hosts.insert(new Host(payee, "主播 " + payee, List.of(Category.FOOD), 1, 1, HostKind.INDEPENDENT,
                        Optional.empty(), Trust.NEUTRAL, Instant.now(), "test"));
            }
        }
        JsonNode paid = desk.balance("h_pay004242");
        assertThat(paid.path("paidOutFen").asLong()).isEqualTo(fenOf.applyAsLong(4242));
        assertThat(paid.path("settledUnpaidFen").asLong()).isZero();
        assertThat(desk.balance("h_pay000999").path("settledUnpaidFen").asLong()).isEqualTo(fenOf.applyAsLong(999));

        assertThat(send(runId, csv).body().path("alreadyImported").asBoolean()).isTrue();
        assertThat(stores.itemCount(Tables.LEDGER.tableName())).isEqualTo(ledger);
        List<BankCsv.Record> next = file(runId);
        assertThat(next.get(1).fields()).containsExactly(runId + "-2", runId, "10",
                Yuan.format(refusedFen), "CNY");
    }
}
