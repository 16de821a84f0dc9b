package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.json.Json;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.Marketplace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.openqa.selenium.support.ui.Select;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * An operator reviews a held order in the console: the rule that fired is named and said in words, a
 * decision needs a reason, and a released hold's commission counts again in the host's earnings.
 * The fake-order rules are on here (the build turns them off for the fixtures of other tests). Run in Chinese and
 * in English: the rule, the host's name in place of its id and the payment time in China Standard Time.
 *
 * <p>10 000 fen paid at a 20% open rate: 2 000 commission less the 10% service fee, so the host's 1 800.
 */
class OperatorHoldsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral(), settings -> settings.withRisk(RiskSettings.defaults()));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static void signInAs(Browser browser, String role, String party) {
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue(role);
        browser.type("form[data-test='sign-in'] input[name='party']", party);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.find("[data-test='signed-in-as'][title='" + party + "']");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void anOperatorSeesTheRuleThatFiredAndReleasesTheHoldWithAReason(String language) {
        ConsoleText text = ConsoleText.of(language);
        Clients clients = new Clients(runtime.dynamoDbClient(), runtime.sqsClient(), Clock.systemUTC());
        Marketplace marketplace = new Marketplace(clients);
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        assertThat(ApiCalls.call(new HostsFunction(clients), "POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                "{\"productId\":\"" + productId + "\"}", ApiCalls.claims("host", hostId)).status()).isEqualTo(201);
        // the host buys in its own live room: SELF_PURCHASE
        String order = "o-self-" + UUID.randomUUID();
        Instant paidAt = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(runtime.orderEventsQueueUrl())
                .messageBody(Json.write(Json.object().put("eventId", "evt-" + order).put("type", "ORDER_PAID")
                        .put("orderId", order).put("occurredAt", paidAt.toString()).put("productId", productId)
                        .put("hostId", hostId).put("buyerId", hostId).put("quantity", 1).put("paidFen", 10_000))).build());

        try (Browser browser = Browser.open(runtime.consoleEndpoint(), language)) {
            signInAs(browser, "host", hostId);
            browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-heldFen']").getText(), "¥18.00", PATIENCE);
            assertThat(browser.find("[data-test='balance-pendingFen']").getText()).isEqualTo("¥0.00");
            assertThat(browser.find(".state-heldFen .state-label").getText()).isEqualTo(text.t("state.heldFen"));

            signInAs(browser, "operator", "platform");
            String card = "article[data-order='" + order + "']";
            assertThat(browser.waitForText(card + " [data-test='rules']", "SELF_PURCHASE"))
                    .contains(text.t("rule.SELF_PURCHASE"));
            assertThat(browser.find(card).getText()).contains("¥100.00");
            // the host and the brand by name, their ids kept for the reader who hovers
            assertThat(browser.waitForText(card + " [data-test='hold-col.host']", "Fixture host")).isEqualTo("Fixture host");
            assertThat(browser.find(card + " [data-party='" + hostId + "']").getAttribute("title")).isEqualTo(hostId);
            // the payment time in China Standard Time with the zone, whatever the browser's own zone (New York)
            assertThat(browser.find(card + " [data-test='paid-at']").getText())
                    .isEqualTo(text.t("holds.paidAt", "at", text.dateTime(paidAt)));
            browser.screenshot("14-operator-holds-" + language);

            browser.click(card + " button[data-test='release']");
            assertThat(browser.waitForText(card + " .field-error", text.t("holds.reasonRequired")))
                    .contains(text.t("holds.reasonRequired"));
            browser.type(card + " input[name='reason']", "buyer verified by phone: a gift for a fan");
            browser.click(card + " button[data-test='release']");
            browser.waitForText("#toast", text.t("holds.released", "orderId", order));
            browser.gone(card);

            signInAs(browser, "host", hostId);
            browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-pendingFen']").getText(), "¥18.00", PATIENCE);
            assertThat(browser.find("[data-test='balance-heldFen']").getText()).isEqualTo("¥0.00");
            assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
        }
    }
}
