package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.deadletters.FailureRecord;
import com.alliance.deadletters.FailureRecords;
import com.alliance.functions.Clients;
import com.alliance.persistence.Queues;
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
 * An operator reviews the dead-letter queue in the console: each message says why it is there (a poison
 * message its parse error, a valid event the last error its handler recorded); a redriven valid event
 * applies (the host's pending commission appears), and a redrive of all starts a message move task. In Chinese, the
 * console's default: the screen's words from the catalogue.
 *
 * <p>10 000 fen paid at a 20% open rate: 2 000 commission less the 10% service fee, so the host's 1 800.
 */
class OperatorDeadLettersBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static LocalRuntime runtime;
    private static Browser browser;
    private static final ConsoleText TEXT = ConsoleText.of("zh-CN");

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral());
        browser = Browser.open(runtime.consoleEndpoint(), TEXT.language());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        runtime.close();
    }

    @Test
    void anOperatorSeesWhyEachEventIsDeadLetteredAndRedrivesOneThenAll() {
        Clients clients = new Clients(runtime.dynamoDbClient(), runtime.sqsClient(), Clock.systemUTC());
        Marketplace marketplace = new Marketplace(clients);
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String dlqUrl = runtime.sqsClient().getQueueUrl(b -> b.queueName(Queues.ORDER_EVENTS_DLQ)).queueUrl();

        // a payment that exhausted its receives in an outage: SQS moved it here, its handler kept the last error
        String orderId = "o-" + UUID.randomUUID();
        String paid = OrderEvents.paid(orderId, Instant.now(), productId, hostId, 10_000);
        String validId = runtime.sqsClient().sendMessage(b -> b.queueUrl(dlqUrl).messageBody(paid)).messageId();
        String eventId = paid.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
        new FailureRecords(runtime.dynamoDbClient()).record(new FailureRecord(eventId, validId,
                "DynamoDbException: Service unavailable (Status Code: 503)", Instant.now(), Queues.MAX_RECEIVE_COUNT));
        String poisonId = runtime.sqsClient().sendMessage(b -> b.queueUrl(dlqUrl)
                .messageBody("{\"eventId\":\"e-1\",\"type\":\"ORDER_EXPLODED\"}")).messageId();

        signInAs("operator", "platform");
        browser.go("#/operator/dead-letters");
        browser.waitForText("[data-test='dead-letter-count']", TEXT.t("deadLetters.count.other", "count", "2"));
        String valid = "button[data-test='redrive'][data-message='" + validId + "']";
        String poison = "button[data-test='redrive'][data-message='" + poisonId + "']";
        String validRow = rowText(valid);
        assertThat(validRow).contains("ORDER_PAID").contains(eventId).contains(orderId)
                .contains("valid event: retries exhausted").contains("Service unavailable");
        assertThat(rowText(poison)).contains("poison message:").contains("ORDER_EXPLODED");
        assertThat(browser.find("h1").getText()).isEqualTo(TEXT.t("deadLetters.title"));
        browser.screenshot("15-operator-dead-letters");

        browser.click(valid);
        browser.waitForText("[data-test='dead-letter-count']", TEXT.t("deadLetters.count.one", "count", "1"));
        assertThat(browser.all(valid)).isEmpty();

        browser.click("button[data-test='redrive-all']");
        browser.waitForText("[data-test='redrive-task']", TEXT.t("deadLetters.task"));
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();

        signInAs("host", hostId);
        browser.eventually("#/host/earnings", () -> browser.find("[data-test='balance-pendingFen']").getText(), "¥18.00", PATIENCE);
    }

    private static void signInAs(String role, String party) {
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue(role);
        browser.type("form[data-test='sign-in'] input[name='party']", party);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.find("[data-test='signed-in-as'][title='" + party + "']");
    }

    private static String rowText(String buttonCss) {
        browser.find(buttonCss);
        return (String) browser.driver().executeScript(
                "return document.querySelector(arguments[0]).closest('tr').innerText", buttonCss);
    }
}
