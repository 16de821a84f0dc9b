package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.json.Json;
import com.alliance.money.Yuan;
import com.alliance.settlement.BankCsv;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole flow of issue 8 in a real browser, finance included: a brand lists a product, a new host
 * signs up and picks it, a sale (delivered past the after-sale window) goes to order-events from the
 * host's showcase, finance drafts, approves and pays a settlement run, the ledger reconciles, and the
 * host sees the payout. Needs the finance API (FinanceFunction) and the maturation job. Run in Chinese and in
 * English: the words of each step, the host's name on its settlement line, the run's cutoff in China Standard Time.
 *
 * <p>Figures: 88.00 yuan paid at a 25% open rate is 22.00 commission, of which the platform's 10%
 * service fee 2.20, so the host earns 19.80.
 */
class FinanceConsoleFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalRuntime runtime;
    private static DemoData.Seeded demo;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)));
        demo = runtime.seedDemo();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** The text of a message before its first placeholder: what a toast starts with whatever the figures. */
    private static String opening(ConsoleText text, String key) {
        String message = text.t(key);
        return message.substring(0, message.indexOf('{')).trim();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aBrandListsAHostPicksAndSellsFinanceSettlesAndPaysAndTheHostSeesThePayout(String language) {
        ConsoleText text = ConsoleText.of(language);
        try (Browser browser = Browser.open(runtime.consoleEndpoint(), language)) {
            flow(browser, text);
            assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
        }
    }

    private static void flow(Browser browser, ConsoleText text) {
        String lang = text.language();
        String hostName = "Payout Pan " + lang;
        // the brand lists a product
        browser.signInAs("brand", demo.ids().get("brand"));
        browser.click("nav a[href='#/brand/products/new']");
        browser.type("input[name='sku']", "PAYOUT-" + (System.nanoTime() % 100_000));
        browser.type("input[name='title']", "Payout oolong, 150 g");
        new Select(browser.find("select[name='category']")).selectByValue("FOOD");
        browser.type("input[name='price']", "88");
        browser.type("input[name='stock']", "100");
        browser.type("input[name='openRate']", "25");
        browser.click("form[data-test='product-form'] button[type='submit']");
        browser.waitForText("[data-test='product-detail'] h1", "Payout oolong");
        String productUrl = browser.driver().getCurrentUrl();
        String productId = productUrl.substring(productUrl.lastIndexOf('/') + 1);

        // a new host signs up from the sign-in page and picks it
        browser.click("button[data-test='sign-out']");
        browser.type("input[name='personaName']", hostName);
        browser.type("input[name='categories']", "FOOD");
        browser.type("input[name='privateFans']", "5000");
        browser.type("input[name='publicFans']", "20000");
        browser.click("form[data-test='sign-up'] button[type='submit']");
        assertThat(browser.waitForText("[data-test='signed-in-as']", hostName)).isEqualTo(hostName);
        assertThat(browser.find("[data-test='sign-out']").getText()).isEqualTo(text.t("app.signOut"));
        String card = "article[data-product='" + productId + "']";
        browser.waitForText(card, "Payout oolong");
        browser.click(card + " button[data-test='pick']");
        assertThat(browser.waitForText("#toast", "25%"))
                .isEqualTo(text.t("host.picked", "title", "Payout oolong, 150 g", "rate", "25%", "then", ""));

        // a sale delivered 8 days ago, sent to order-events from the showcase (local runtime only)
        browser.click("nav a[href='#/host/showcase']");
        browser.waitForText("[data-test='showcase']", "Payout oolong");
        browser.click("[data-test='simulate-sale']");
        new Select(browser.find(".sale select[name='when']")).selectByValue("past");
        browser.click(".sale button[type='submit']");
        String sent = text.t("host.sale.sent");
        browser.waitForText("#toast", sent.substring(sent.indexOf('}') + 1).trim());
        browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-settleableFen']").getText(), "¥19.80", PATIENCE);
        String hostId = browser.find("[data-test='signed-in-as']").getAttribute("title");
        assertThat(browser.find(".state-settleableFen .state-label").getText()).isEqualTo(text.t("state.settleableFen"));
        browser.screenshot("08-host-earnings-settleable-" + lang);

        // finance drafts a run, reviews it, approves it and records the payments
        browser.signInAs("finance", "platform");
        browser.click("nav a[href='#/finance/runs']");
        browser.click("form[data-test='draft-run'] button[type='submit']");
        browser.find("[data-test='run-status'] [data-status='DRAFT']");
        assertThat(browser.find("[data-test='run-status']").getText()).isEqualTo(text.t("status.DRAFT"));
        // the host's line shows its name, its id kept in the tooltip
        String line = "[data-test='run-lines'] [data-party='" + hostId + "']";
        assertThat(browser.waitForText(line, hostName)).isEqualTo(hostName);
        assertThat(browser.find(line).getAttribute("title")).isEqualTo(hostId);
        assertThat(browser.find("[data-test='run-lines']").getText()).contains("¥19.80");
        assertThat(Browser.yuan(browser.find("[data-test='run-total']").getText())).isPositive();
        // the cutoff the API holds, shown in China Standard Time with the zone, the browser being in New York
        String runUrl = browser.driver().getCurrentUrl();
        var run = HttpCalls.send(runtime.apiEndpoint(), "GET", "/finance/settlement-runs/" + runUrl.substring(runUrl.lastIndexOf('/') + 1),
                runtime.tokens().mint(Role.FINANCE, "platform", "finance"), null);
        assertThat(browser.find("[data-test='run-cutoff']").getText())
                .isEqualTo(text.dateTime(Instant.parse(run.body().path("cutoff").asText())))
                .matches(text.dateTimePattern());
        browser.screenshot("09-finance-run-draft-" + lang);
        browser.click("button[data-test='approve']");
        browser.find("[data-test='run-status'] [data-status='APPROVED']");
        while (true) {
            browser.click("button[data-test='fill-refs']");
            browser.click("button[data-test='record-payments']");
            browser.waitForText("#toast", opening(text, "runs.recorded.other"));
            if (browser.all("[data-test='next']:not([disabled])").isEmpty()) {
                break;
            }
            browser.click("[data-test='next']");
        }
        browser.find("[data-test='run-status'] [data-status='PAID']");
        assertThat(browser.find("[data-test='run-status']").getText()).isEqualTo(text.t("status.PAID"));
        browser.screenshot("10-finance-run-paid-" + lang);

        browser.click("nav a[href='#/finance/reconciliation']");
        assertThat(browser.waitForText("[data-test='verdict']", text.t("recon.balanced"))).contains(text.t("recon.balancedHelp"));
        // the closed days: none yet on a fresh stack (a day closes an hour after it ends), else every one balanced
        assertThat(browser.waitForText("[data-test='days-verdict']", "")).satisfiesAnyOf(
                days -> assertThat(days).isEqualTo(text.t("recon.days.none")),
                days -> assertThat(days).startsWith(opening(text, "recon.days.balanced")));
        browser.screenshot("11-finance-reconciliation-" + lang);

        browser.go("#/finance/party/" + hostId);
        assertThat(browser.waitForText("[data-test='balance-paidOutFen']", "¥")).isEqualTo("¥19.80");
        assertThat(browser.waitForText("[data-test='balances-title']", hostName)).contains(text.t("earnings.balancesOf"));
        browser.screenshot("12-finance-balances-" + lang);
        // a mistyped id names no party: the API answers 404 HOST_NOT_FOUND, and the console says so, not zeros
        browser.go("#/finance/party/h_doesnotexist");
        assertThat(browser.waitForText("[data-test='unknown-party']", "h_doesnotexist"))
                .contains(text.t("earnings.unknownParty", "party", "h_doesnotexist"));
        assertThat(browser.all("[data-test='balance']")).isEmpty();

        // the host sees its payout
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue("host");
        browser.type("form[data-test='sign-in'] input[name='party']", hostId);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        // signed in by the bare id, the header names the host
        assertThat(browser.waitForText("[data-test='signed-in-as'][title='" + hostId + "']", hostName)).isEqualTo(hostName);
        browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-paidOutFen']").getText(), "¥19.80", PATIENCE);
        assertThat(browser.find("[data-test='balance-settleableFen']").getText()).isEqualTo("¥0.00");
        browser.click("button[data-test='download-statement']");
        assertThat(browser.waitForText(".statement [role='status']", opening(text, "statement.downloaded.other")))
                .matches(".*\\d.*");
        browser.screenshot("13-host-earnings-paid-out-" + lang);
    }

    private static Answer api(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    /** A results file as the bank answers one, written where the browser's file input can pick it up. */
    private static Path resultsFile(String name, String... rows) {
        StringBuilder csv = new StringBuilder(BankCsv.row(List.of("line_ref", "amount", "status", "bank_ref", "reason")));
        for (String row : rows) {
            csv.append(row).append("\r\n");
        }
        try {
            Path file = Files.createTempDirectory("bank-results").resolve(name);
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void financePaysARunThroughTheBanksPaymentFileAndRecordsTheResultsItSendsBack(String language) {
        ConsoleText text = ConsoleText.of(language);
        try (Browser browser = Browser.open(runtime.consoleEndpoint(), language)) {
            bankRoundTrip(browser, text);
            assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
        }
    }

    private static void bankRoundTrip(Browser browser, ConsoleText text) {
        String lang = text.language();
        String brandName = "Batch tea " + lang;
        // a brand, a host that picks its product and sells it, delivered past the after-sale window
        String operator = runtime.tokens().mint(Role.OPERATOR, "platform", "ops");
        String finance = runtime.tokens().mint(Role.FINANCE, "platform", "finance@alliance");
        String brandId = api("POST", "/brands", operator, "{\"name\":\"" + brandName + "\",\"creditCode\":\"" + CreditCodes.fresh()
                + "\"}").body().path("brandId").asText();
        String brand = runtime.tokens().mint(Role.BRAND, brandId, "owner");
        String productId = api("POST", "/brands/" + brandId + "/products", brand, "{\"sku\":\"BATCH-" + System.nanoTime()
                + "\",\"title\":\"Batch oolong\",\"category\":\"FOOD\",\"priceFen\":8800,\"stock\":100,"
                + "\"shipWithinHours\":48,\"openRateBps\":2500}").body().path("productId").asText();
        String hostId = api("POST", "/hosts", operator, "{\"personaName\":\"Batch Bai\",\"kind\":\"INDEPENDENT\","
                + "\"categories\":[\"FOOD\"],\"privateFans\":5000,\"publicFans\":20000}").body().path("hostId").asText();
        String host = runtime.tokens().mint(Role.HOST, hostId, "host");
        assertThat(api("POST", "/hosts/" + hostId + "/showcase", host, "{\"productId\":\"" + productId + "\"}").status())
                .isEqualTo(201);
        String order = "o-" + UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(api("POST", "/dev/order-events", null, "{\"events\":[" + String.join(",",
                OrderEvents.paid(order, now.minus(Duration.ofDays(10)), productId, hostId, 8_800),
                OrderEvents.milestone("ORDER_SHIPPED", order, now.minus(Duration.ofDays(9))),
                OrderEvents.milestone("ORDER_RECEIVED", order, now.minus(Duration.ofDays(8)))) + "]}").status()).isLessThan(300);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (api("GET", "/finance/balances?party=" + hostId, finance, null).body().path("settleableFen").asLong() != 1_980) {
            assertThat(System.nanoTime()).as("the sale matures").isLessThan(deadline);
            sleep();
        }
        // the host keeps a payout account on its profile; the brand has none yet
        assertThat(api("PUT", "/hosts/" + hostId + "/payout-account", host,
                "{\"bankName\":\"招商银行\",\"accountName\":\"白小姐\",\"accountNumber\":\"6225880212345678\"}").status())
                .isEqualTo(200);

        // finance drafts and approves a run from the runs list
        browser.signInAs("finance", "platform");
        browser.click("nav a[href='#/finance/runs']");
        browser.find("[data-test='runs-list']");
        browser.click("form[data-test='draft-run'] button[type='submit']");
        browser.find("[data-test='run-status'] [data-status='DRAFT']");
        String url = browser.driver().getCurrentUrl();
        String runId = url.substring(url.lastIndexOf('/') + 1);
        browser.click("button[data-test='approve']");
        browser.find("[data-test='run-status'] [data-status='APPROVED']");

        // the bank section: the file's batch, its control total, the brand's line left out for want of an account
        assertThat(browser.waitForText("[data-test='batch-ref']", runId)).isEqualTo(runId + "-1");
        // the brand shown by its name, the id kept in the tooltip
        long without = api("GET", "/finance/settlement-runs/" + runId + "/payment-file/summary", finance, null).body()
                .path("withoutAccountCount").asLong();
        assertThat(browser.waitForText("[data-test='without-account']", brandName))
                .contains(text.t(without == 1 ? "bank.withoutAccount.one" : "bank.withoutAccount.other", "count", without));
        assertThat(browser.find("[data-test='without-account'] [data-party='" + brandId + "']").getAttribute("title")).isEqualTo(brandId);
        browser.click("button[data-test='download-payment-file']");
        assertThat(browser.waitForText("[data-test='bank-status']", runId + "-1.csv"))
                .isEqualTo(text.t("bank.downloaded", "file", runId + "-1.csv"));
        browser.screenshot("14-finance-bank-payment-file-" + lang);
        String file = api("GET", "/finance/settlement-runs/" + runId + "/payment-file", finance, null).body().path("text").asText();
        List<String> hostRow = BankCsv.parse(file).stream().map(BankCsv.Record::fields)
                .filter(f -> f.get(0).equals("ln_" + hostId)).findFirst().orElseThrow();
        assertThat(hostRow.get(4)).isEqualTo("6225880212345678");
        assertThat(hostRow.get(5)).isEqualTo(Yuan.format(1_980));

        // the bank refuses the host's line: it stays unpaid with the bank's reason
        browser.find("input[data-test='results-file']").sendKeys(resultsFile("results-1.csv",
                "ln_" + hostId + ",19.80,FAILED,,账户已冻结 account frozen").toString());
        browser.click("form[data-test='upload-results'] button[type='submit']");
        assertThat(browser.waitForText("[data-test='import-failures']", "account frozen")).contains("账户已冻结");
        assertThat(browser.find("[data-test='import-failures'] h3").getText()).isEqualTo(text.t("bank.refusedTitle"));
        browser.screenshot("15-finance-bank-results-refused-" + lang);
        assertThat(browser.waitForText("[data-test='batch-ref']", runId + "-2")).isEqualTo(runId + "-2");

        // the next file pays it; the same file sent twice records nothing the second time
        Path paid = resultsFile("results-2.csv", "ln_" + hostId + ",19.80,PAID,CMB20261130-0001,");
        browser.find("input[data-test='results-file']").sendKeys(paid.toString());
        browser.click("form[data-test='upload-results'] button[type='submit']");
        String summary = text.t("bank.summary", "rows", "1", "paid", "1", "alreadyPaid", "0", "refused", "0");
        assertThat(browser.waitForText("[data-test='import-summary']", summary)).isEqualTo(summary);
        browser.waitForText("[data-test='batch-ref']", runId + "-3");
        browser.find("input[data-test='results-file']").sendKeys(paid.toString());
        browser.click("form[data-test='upload-results'] button[type='submit']");
        assertThat(browser.waitForText("[data-test='import-summary']", text.t("bank.alreadyImported"))).isEqualTo(text.t("bank.alreadyImported"));
        JsonNode balance = api("GET", "/finance/balances?party=" + hostId, finance, null).body();
        assertThat(balance.path("paidOutFen").asLong()).isEqualTo(1_980);
        assertThat(balance.path("settledUnpaidFen").asLong()).isZero();

        // the runs list shows it, with who approved it
        browser.click("nav a[href='#/finance/runs']");
        assertThat(browser.waitForText("[data-test='runs-list']", runId)).contains(text.t("status.APPROVED"));
        browser.screenshot("16-finance-runs-list-" + lang);
        assertThat(Json.write(api("GET", "/finance/settlement-runs?status=APPROVED", finance, null).body())).contains(runId);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
