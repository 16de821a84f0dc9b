package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.testing.Browser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole flow of issue 8 in a real browser, finance included: a brand lists a product, a new host
 * signs up and picks it, a sale (delivered past the after-sale window) goes to order-events from the
 * host's showcase, finance drafts, approves and pays a settlement run, the ledger reconciles, and the
 * host sees the payout. Needs the finance API (FinanceFunction) and the maturation job.
 *
 * <p>Figures: 88.00 yuan paid at a 25% open rate is 22.00 commission, of which the platform's 10%
 * service fee 2.20, so the host earns 19.80.
 */
class FinanceConsoleFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalRuntime runtime;
    private static DemoData.Seeded demo;
    private static Browser browser;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)));
        demo = runtime.seedDemo();
        browser = Browser.open(runtime.consoleEndpoint());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        runtime.close();
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    @Test
    void aBrandListsAHostPicksAndSellsFinanceSettlesAndPaysAndTheHostSeesThePayout() {
        // the brand lists a product
        browser.signInAs("brand", demo.ids().get("brand"));
        browser.click("nav a[href='#/brand/products/new']");
        browser.type("input[name='sku']", "PAYOUT-" + (System.nanoTime() % 100_000));
        browser.type("input[name='title']", "Payout oolong, 150 g");
        browser.find("select[name='category']").sendKeys("food");
        browser.type("input[name='price']", "88");
        browser.type("input[name='stock']", "100");
        browser.type("input[name='openRate']", "25");
        browser.click("form[data-test='product-form'] button[type='submit']");
        browser.waitForText("[data-test='product-detail'] h1", "Payout oolong");
        String productUrl = browser.driver().getCurrentUrl();
        String productId = productUrl.substring(productUrl.lastIndexOf('/') + 1);

        // a new host signs up from the sign-in page and picks it
        browser.click("button[data-test='sign-out']");
        browser.type("input[name='personaName']", "Payout Pan");
        browser.type("input[name='categories']", "FOOD");
        browser.type("input[name='privateFans']", "5000");
        browser.type("input[name='publicFans']", "20000");
        browser.click("form[data-test='sign-up'] button[type='submit']");
        assertThat(browser.waitForText("[data-test='signed-in-as']", "Payout Pan")).isEqualTo("Payout Pan");
        String card = "article[data-product='" + productId + "']";
        browser.waitForText(card, "Payout oolong");
        browser.click(card + " button[data-test='pick']");
        browser.waitForText("#toast", "you earn 25%");

        // a sale delivered 8 days ago, sent to order-events from the showcase (local runtime only)
        browser.click("nav a[href='#/host/showcase']");
        browser.waitForText("[data-test='showcase']", "Payout oolong");
        browser.click("[data-test='simulate-sale']");
        browser.find(".sale select[name='when']").sendKeys("Paid 10 days ago");
        browser.click(".sale button[type='submit']");
        browser.waitForText("#toast", "sent to order-events");
        browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-settleableFen']").getText(), "¥19.80", PATIENCE);
        String hostId = browser.find("[data-test='signed-in-as']").getAttribute("title");
        browser.screenshot("08-host-earnings-settleable");

        // finance drafts a run, reviews it, approves it and records the payments
        browser.signInAs("finance", "platform");
        browser.click("nav a[href='#/finance/runs']");
        browser.click("form[data-test='draft-run'] button[type='submit']");
        browser.waitForText("[data-test='run-status']", "DRAFT");
        assertThat(browser.waitForText("[data-test='run-lines']", hostId)).contains("¥19.80");
        assertThat(Browser.yuan(browser.find("[data-test='run-total']").getText())).isPositive();
        browser.screenshot("09-finance-run-draft");
        browser.click("button[data-test='approve']");
        browser.waitForText("[data-test='run-status']", "APPROVED");
        while (true) {
            browser.click("button[data-test='fill-refs']");
            browser.click("button[data-test='record-payments']");
            browser.waitForText("#toast", "Recorded");
            if (browser.all("[data-test='next']:not([disabled])").isEmpty()) {
                break;
            }
            browser.click("[data-test='next']");
        }
        browser.waitForText("[data-test='run-status']", "PAID");
        browser.screenshot("10-finance-run-paid");

        browser.click("nav a[href='#/finance/reconciliation']");
        assertThat(browser.waitForText("[data-test='verdict']", "balances")).contains("The ledger balances.");
        browser.screenshot("11-finance-reconciliation");

        browser.go("#/finance/party/" + hostId);
        assertThat(browser.waitForText("[data-test='balance-paidOutFen']", "¥")).isEqualTo("¥19.80");
        browser.screenshot("12-finance-balances");

        // the host sees its payout
        browser.go("#/signin");
        browser.find("form[data-test='sign-in'] select[name='role']").sendKeys("host");
        browser.type("form[data-test='sign-in'] input[name='party']", hostId);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.waitForText("[data-test='signed-in-as']", hostId);
        browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-paidOutFen']").getText(), "¥19.80", PATIENCE);
        assertThat(browser.find("[data-test='balance-settleableFen']").getText()).isEqualTo("¥0.00");
        browser.click("button[data-test='download-statement']");
        assertThat(browser.waitForText(".statement [role='status']", "Downloaded")).contains("posting");
        browser.screenshot("13-host-earnings-paid-out");
    }
}
