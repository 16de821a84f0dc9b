package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobSpec;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.Marketplace;
import com.alliance.testing.OrderEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * An operator watches the background jobs in the console: every job of the catalog is listed with its state, what is
 * due and its schedule; an order received long ago is matured by the order-maturation job's workers, and its row
 * shows the run that did it. In Chinese, the console's default, then in English.
 */
class OperatorJobsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LocalRuntime runtime;
    private static Browser browser;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)));
        browser = Browser.open(runtime.consoleEndpoint(), "zh-CN");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        runtime.close();
    }

    @Test
    void anOperatorSeesEachJobsStateBacklogAndTheRunThatMaturedAnOrder() {
        Clients clients = new Clients(runtime.dynamoDbClient(), runtime.sqsClient(), Clock.systemUTC());
        Marketplace marketplace = new Marketplace(clients);
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String orderId = "o-" + UUID.randomUUID();
        Instant paidAt = Instant.now().minus(Duration.ofDays(20));
        for (String event : new String[] {OrderEvents.paid(orderId, paidAt, productId, hostId, 10_000),
                OrderEvents.milestone("ORDER_SHIPPED", orderId, paidAt.plus(Duration.ofDays(1))),
                OrderEvents.milestone("ORDER_RECEIVED", orderId, paidAt.plus(Duration.ofDays(2)))}) {
            runtime.sqsClient().sendMessage(b -> b.queueUrl(runtime.orderEventsQueueUrl()).messageBody(event));
        }

        ConsoleText zh = ConsoleText.of("zh-CN");
        signInAsOperator(browser);
        browser.eventually("#/operator/jobs", () -> lastRunOf(JobCatalog.ORDER_MATURATION),
                zh.t("jobs.lastRunItems", "count", "1", "total", "1"), PATIENCE);
        assertThat(browser.find("h1").getText()).isEqualTo(zh.t("jobs.title"));
        assertThat(browser.all("[data-test='job-name']")).extracting(e -> e.getText())
                .containsExactlyElementsOf(JobCatalog.ALL.stream().map(JobSpec::name).toList());
        // the next dispatch finds nothing more due
        browser.eventually("#/operator/jobs", () -> cell(JobCatalog.ORDER_MATURATION, "job-backlog"),
                zh.t("jobs.nothingDue"), PATIENCE);
        assertThat(cell(JobCatalog.ORDER_MATURATION, "job-health"))
                .isIn(zh.t("jobs.health.IDLE"), zh.t("jobs.health.WORKING"));
        assertThat(cell(JobCatalog.ORDER_MATURATION, "job-failures")).isEqualTo("0");
        browser.screenshot("17-operator-jobs-zh");
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();

        ConsoleText en = ConsoleText.of("en");
        try (Browser english = Browser.open(runtime.consoleEndpoint(), "en-US")) {
            signInAsOperator(english);
            english.go("#/operator/jobs");
            english.waitForText("h1", en.t("jobs.title"));
            english.waitForText("[data-test='job-backlog']", en.t("jobs.nothingDue"));
            english.screenshot("17-operator-jobs-en");
            assertThat(english.scriptErrors()).isEmpty();
        }
    }

    private static void signInAsOperator(Browser browser) {
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue("operator");
        browser.type("form[data-test='sign-in'] input[name='party']", "platform");
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.find("[data-test='signed-in-as'][title='platform']");
    }

    /** The last line of the last-run cell of a job's row. */
    private static String lastRunOf(String job) {
        browser.find("[data-test='job-name']");
        return (String) browser.driver().executeScript("const row = [...document.querySelectorAll(\"[data-test='job-name']\")]"
                + ".find(e => e.textContent === arguments[0]).closest('tr'); return row.cells[3].innerText.split('\\n').pop()", job);
    }

    private static String cell(String job, String test) {
        browser.find("[data-test='job-name']");
        return (String) browser.driver().executeScript("const row = [...document.querySelectorAll(\"[data-test='job-name']\")]"
                + ".find(e => e.textContent === arguments[0]).closest('tr'); return row.querySelector(`[data-test='${arguments[1]}']`)"
                + ".innerText.trim()", job, test);
    }
}
