package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.HttpCalls;
import java.time.Duration;
import java.time.Instant;
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
        browser.screenshot("11-finance-reconciliation-" + lang);

        browser.go("#/finance/party/" + hostId);
        assertThat(browser.waitForText("[data-test='balance-paidOutFen']", "¥")).isEqualTo("¥19.80");
        assertThat(browser.waitForText("[data-test='balances-title']", hostName)).contains(text.t("earnings.balancesOf"));
        browser.screenshot("12-finance-balances-" + lang);

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
}
