package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * Applications and samples in the console (docs/samples.md), in the running local marketplace: a host applies to a
 * product's targeted plan from the product's page (a second application is refused with the API's own words), the brand
 * approves it from its review queue at a rate of its own, beside the host's record; the host asks for a sample, the
 * brand approves and ships it (and rejects another host's request, a reason required), the host confirms receipt, and a
 * paid order of the product by the host, folded from the orders stream, turns the request FULFILLED on the host's
 * screen. Then both sides again in Chinese. One browser; the screenshots are the English ones (headless chromium has no
 * CJK fonts).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplesBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String BRAND_NAME = "Sample Springs Tea";
    private static final String HOST_NAME = "Sample Seeker";
    private static final String OTHER_NAME = "Second Asker";
    private static final String TITLE = "Longjing, 100 g";
    private static final String MESSAGE = "I sell green tea to 20k fans every Friday night";
    private static final String REASON = "No samples left this month";
    private static final String TRACKING = "SF" + System.nanoTime();
    private static LocalRuntime runtime;
    private static Browser browser;
    private static String brandId;
    private static String brandToken;
    private static String hostId;
    private static String hostToken;
    private static String otherId;
    private static String productId;
    private static String plainProductId;
    private static String requestId;
    private static String otherRequestId;
    private static final String ORDER = "o-sample-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        // of the fake-order rules only the one decided at payment, as OrderListsBrowserTest: no order waits on a day's close
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)),
                settings -> settings.withRisk(RiskSettings.fromEnvironment(Map.of("RISK_RULES", "SELF_PURCHASE")::get)));
        String operator = runtime.tokens().mint(Role.OPERATOR, "platform", "ops");
        brandId = api("POST", "/brands", operator, "{\"name\":\"" + BRAND_NAME + "\",\"creditCode\":\"" + CreditCodes.fresh()
                + "\"}").body().path("brandId").asText();
        brandToken = runtime.tokens().mint(Role.BRAND, brandId, "owner");
        String planned = host(operator, "Plan Regular");
        hostId = host(operator, HOST_NAME);
        hostToken = runtime.tokens().mint(Role.HOST, hostId, "host");
        otherId = host(operator, OTHER_NAME);
        // a targeted plan that names one host already: Sample Seeker is not on it
        productId = product("{\"sku\":\"SAMPLE-" + System.nanoTime() + "\",\"title\":\"" + TITLE + "\",\"category\":\"FOOD\","
                + "\"priceFen\":10000,\"stock\":100,\"shipWithinHours\":48,\"openRateBps\":2000,"
                + "\"targeted\":[{\"hostId\":\"" + planned + "\",\"rateBps\":2500}]}");
        plainProductId = product("{\"sku\":\"PLAIN-" + System.nanoTime() + "\",\"title\":\"Biluochun, 100 g\","
                + "\"category\":\"FOOD\",\"priceFen\":8000,\"stock\":100,\"shipWithinHours\":48,\"openRateBps\":2000}");
        assertThat(api("POST", "/hosts/" + hostId + "/showcase", hostToken, "{\"productId\":\"" + productId + "\"}").status())
                .isEqualTo(201);
        browser = Browser.open(runtime.consoleEndpoint(), "en-US");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        runtime.close();
    }

    @Test
    @Order(1)
    void aHostAppliesToTheTargetedPlanAndTheBrandApprovesItAtARateOfItsOwn() {
        ConsoleText en = ConsoleText.of("en");
        // from the showcase to the product's page: the plan does not name this host, so it may apply
        signInAs("host", hostId);
        browser.go("#/host/showcase");
        browser.click("a[data-test='product-page'][href='#/host/products/" + productId + "']");
        browser.waitForText("[data-test='host-product'] h1", TITLE);
        browser.find("[data-test='apply-form'] textarea[name='message']").sendKeys(MESSAGE);
        browser.click("[data-test='apply-submit']");
        browser.find("[data-test='applied']");
        JsonNode application = api("GET", "/hosts/" + hostId + "/applications", hostToken, null).body().path("items").get(0);
        assertThat(application.path("status").asText()).isEqualTo("PENDING");
        assertThat(application.path("message").asText()).isEqualTo(MESSAGE);
        String applicationId = application.path("applicationId").asText();

        // applying again while one is open: the API's refusal in its own words, with its code
        browser.go("#/host/products/" + productId);
        browser.find("[data-test='apply-form'] textarea[name='message']").sendKeys("again");
        browser.click("[data-test='apply-submit']");
        Answer again = api("POST", "/products/" + productId + "/applications", hostToken,
                "{\"hostId\":\"" + hostId + "\",\"message\":\"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("APPLICATION_OPEN");
        assertThat(browser.waitForText("[data-test='apply-form'] .form-error", "APPLICATION_OPEN"))
                .contains(again.body().path("error").path("message").asText());

        // a product without a targeted plan says so (rateSchedule.targetedPlan) and offers no form; the API refuses too
        browser.go("#/host/products/" + plainProductId);
        assertThat(browser.waitForText("[data-test='no-targeted-plan']", en.t("apply.noPlan"))).isEqualTo(en.t("apply.noPlan"));
        assertThat(browser.all("[data-test='apply-form']")).isEmpty();
        Answer noPlan = api("POST", "/products/" + plainProductId + "/applications", hostToken,
                "{\"hostId\":\"" + hostId + "\",\"message\":\"again\"}");
        assertThat(noPlan.errorCode()).isEqualTo("NO_TARGETED_PLAN");

        // My applications: pending, with the day the brand must answer by
        browser.click("nav a[href='#/host/applications']");
        String row = "tr[data-test='application'][data-id='" + applicationId + "']";
        assertThat(browser.waitForText(row + " [data-test='status']", en.t("applications.status.PENDING")))
                .isEqualTo(en.t("applications.status.PENDING"));
        assertThat(browser.find(row + " [data-test='review-deadline']").getText())
                .isEqualTo(en.dateTime(Instant.parse(application.path("reviewDeadline").asText())));

        // the brand's queue: pending first, the host by name and its record beside the message
        signInAs("brand", brandId);
        browser.click("nav a[href='#/brand/applications']");
        String card = "article[data-test='application'][data-id='" + applicationId + "']";
        browser.waitForText(card + " [data-test='host']", HOST_NAME);
        assertThat(new Select(browser.find("select[name='status']")).getFirstSelectedOption().getAttribute("value")).isEqualTo("PENDING");
        JsonNode queued = api("GET", "/brands/" + brandId + "/applications", brandToken, null).body().path("items").get(0);
        assertThat(queued.path("applicationId").asText()).isEqualTo(applicationId);
        assertThat(browser.find(card + " [data-test='message']").getText()).isEqualTo(MESSAGE);
        assertRecord(en, card, queued.path("hostRecord"));
        screenshot("20-brand-applications");

        // a rate that is not a percent is refused next to its field; 30% is taken
        browser.type(card + " input[name='rate']", "thirty");
        browser.click(card + " [data-test='approve']");
        assertThat(browser.waitForText(card + " .field-error", en.t("refuse.rate", "example", 25))).isNotEmpty();
        browser.type(card + " input[name='rate']", "30");
        browser.click(card + " [data-test='approve']");
        browser.gone(card);
        new Select(browser.find("select[name='status']")).selectByValue("APPROVED");
        browser.waitForText(card + " [data-test='status']", en.t("applications.status.APPROVED"));
        JsonNode schedule = api("GET", "/products/" + productId, brandToken, null).body().path("rateSchedule");
        assertThat(schedule.path("targeted").findValuesAsText("hostId")).contains(hostId);
        assertThat(api("GET", "/hosts/" + hostId + "/applications", hostToken, null).body().path("items").get(0)
                .path("rateBps").asInt()).isEqualTo(3000);
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    @Test
    @Order(2)
    void aSampleIsRequestedApprovedShippedReceivedAndFulfilledByAPaidOrder() {
        ConsoleText en = ConsoleText.of("en");
        // the host is on the plan now; it asks for a sample from the same page
        signInAs("host", hostId);
        browser.go("#/host/products/" + productId);
        assertThat(browser.find("[data-test='already-targeted']").getText()).contains("30%");
        browser.type("[data-test='sample-form'] input[name='name']", "Li Na");
        browser.type("[data-test='sample-form'] input[name='phone']", "13800138000");
        browser.type("[data-test='sample-form'] input[name='line']", "12 Longjing Road, Xihu District, Hangzhou");
        browser.click("[data-test='sample-submit']");
        browser.find("[data-test='sample-requested']");
        JsonNode mine = api("GET", "/hosts/" + hostId + "/samples", hostToken, null).body().path("items").get(0);
        requestId = mine.path("requestId").asText();
        assertThat(mine.path("status").asText()).isEqualTo("REQUESTED");
        // another host asks too, through the API
        String otherToken = runtime.tokens().mint(Role.HOST, otherId, "host");
        Answer other = api("POST", "/products/" + productId + "/samples", otherToken, "{\"hostId\":\"" + otherId
                + "\",\"address\":{\"name\":\"Wang Fang\",\"phone\":\"13900139000\",\"line\":\"8 Nanjing Road, Shanghai\"}}");
        assertThat(other.status()).as(other.body().toString()).isEqualTo(201);
        otherRequestId = other.body().path("requestId").asText();

        // the brand's sample queue: requested first, the whole address to ship to and the host's record
        signInAs("brand", brandId);
        browser.click("nav a[href='#/brand/samples']");
        String card = "article[data-test='sample'][data-id='" + requestId + "']";
        String otherCard = "article[data-test='sample'][data-id='" + otherRequestId + "']";
        browser.waitForText(card + " [data-test='host']", HOST_NAME);
        browser.waitForText(otherCard + " [data-test='host']", OTHER_NAME);
        assertThat(browser.find(card + " [data-test='address']").getText())
                .contains("Li Na", "13800138000", "12 Longjing Road, Xihu District, Hangzhou");
        assertThat(browser.find(card + " [data-test='deadline-kind']").getText()).isEqualTo(en.t("samples.deadline.REVIEW"));
        JsonNode queued = item(api("GET", "/brands/" + brandId + "/samples", brandToken, null).body(), "requestId", requestId);
        assertRecord(en, card, queued.path("hostRecord"));
        screenshot("21-brand-sample-requests");

        // a rejection needs a reason, which the host reads
        browser.click(otherCard + " [data-test='reject']");
        assertThat(browser.waitForText(otherCard + " .field-error", en.t("review.reasonRequired"))).isNotEmpty();
        browser.type(otherCard + " input[name='reason']", REASON);
        browser.click(otherCard + " [data-test='reject']");
        browser.gone(otherCard);
        browser.click(card + " [data-test='approve']");
        browser.gone(card);

        // approved: shipped with the carrier and the tracking number
        new Select(browser.find("select[name='status']")).selectByValue("APPROVED");
        assertThat(browser.waitForText(card + " [data-test='deadline-kind']", en.t("samples.deadline.SHIP")))
                .isEqualTo(en.t("samples.deadline.SHIP"));
        browser.type(card + " input[name='carrier']", "SF Express");
        browser.type(card + " input[name='trackingNumber']", TRACKING);
        browser.click(card + " [data-test='ship']");
        browser.gone(card);
        new Select(browser.find("select[name='status']")).selectByValue("SHIPPED");
        assertThat(browser.waitForText(card + " [data-test='shipment']", TRACKING)).contains("SF Express");
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();

        // the host's samples: shipped, the auto-receive day, the parcel, the address masked as the API masks it, the quota
        signInAs("host", hostId);
        browser.click("nav a[href='#/host/samples']");
        String row = "tr[data-test='sample'][data-id='" + requestId + "']";
        browser.waitForText(row + " [data-test='status']", en.t("samples.status.SHIPPED"));
        JsonNode page = api("GET", "/hosts/" + hostId + "/samples", hostToken, null).body();
        JsonNode shipped = item(page, "requestId", requestId);
        assertThat(browser.find(row + " [data-test='deadline-kind']").getText()).isEqualTo(en.t("samples.deadline.AUTO_RECEIVE"));
        assertThat(browser.find(row + " [data-test='deadline-at']").getText())
                .isEqualTo(en.dateTime(Instant.parse(shipped.path("deadline").asText())));
        assertThat(browser.find(row + " [data-test='carrier']").getText()).isEqualTo("SF Express");
        assertThat(browser.find(row + " [data-test='tracking']").getText()).isEqualTo(TRACKING);
        JsonNode masked = shipped.path("address");
        assertThat(masked.path("phone").asText()).isNotEqualTo("13800138000");
        assertThat(browser.find(row + " [data-test='address-name']").getText()).isEqualTo(masked.path("name").asText());
        assertThat(browser.find(row + " [data-test='address-phone']").getText()).isEqualTo(masked.path("phone").asText());
        assertThat(browser.find(row + " [data-test='address-line']").getText()).isEqualTo(masked.path("line").asText());
        assertQuota(en, page.path("quota"));
        screenshot("22-host-samples");

        // receipt confirmed: the promise runs, "sell by"
        browser.click(row + " [data-test='receive']");
        browser.waitForText(row + " [data-test='status']", en.t("samples.status.RECEIVED"));
        assertThat(browser.find(row + " [data-test='deadline-kind']").getText()).isEqualTo(en.t("samples.deadline.PROMISE"));
        assertThat(browser.all(row + " [data-test='receive']")).isEmpty();

        // a paid order of the product by the host, after the shipment: the orders stream's fold fulfils the request
        assertThat(runtime.sqsClient().sendMessage(m -> m.queueUrl(runtime.orderEventsQueueUrl())
                .messageBody(OrderEvents.paid(ORDER, Instant.now(), productId, hostId, 10_000))).messageId()).isNotBlank();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!"FULFILLED".equals(api("GET", "/samples/" + requestId, hostToken, null).body().path("status").asText())) {
            assertThat(System.nanoTime()).as("the paid order fulfils the sample request").isLessThan(deadline);
            runtime.awaitRunningCounts();
            sleep(200);
        }
        browser.eventually("#/host/samples", () -> browser.find(row + " [data-test='status']").getAttribute("data-status"),
                "FULFILLED", PATIENCE);
        assertThat(browser.find(row + " [data-test='status']").getText()).isEqualTo(en.t("samples.status.FULFILLED"));
        assertThat(browser.find(row + " [data-test='fulfilled-by']").getText()).contains(ORDER);
        assertThat(browser.find(row + " [data-test='deadline']").getText()).isEqualTo(en.t("samples.noDeadline"));
        assertQuota(en, api("GET", "/hosts/" + hostId + "/samples", hostToken, null).body().path("quota"));
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    @Test
    @Order(3)
    void inChineseBothSidesSayItInTheReadersWords() {
        browser.click("[data-test='lang-zh-CN']");
        ConsoleText zh = ConsoleText.of("zh-CN");
        signInAs("host", hostId);
        browser.go("#/host/samples");
        assertThat(browser.waitForText("h1", zh.t("samples.title.host"))).isEqualTo(zh.t("samples.title.host"));
        String row = "tr[data-test='sample'][data-id='" + requestId + "']";
        assertThat(browser.waitForText(row + " [data-test='status']", zh.t("samples.status.FULFILLED")))
                .isEqualTo(zh.t("samples.status.FULFILLED"));
        assertThat(headers("[data-test='samples']")).containsExactly(zh.t("col.product"), zh.t("col.status"),
                zh.t("samples.col.deadline"), zh.t("samples.col.shipment"), zh.t("samples.col.address"),
                zh.t("samples.col.outcome"), "");
        assertThat(browser.find(row + " [data-test='deadline']").getText()).isEqualTo(zh.t("samples.noDeadline"));
        assertQuota(zh, api("GET", "/hosts/" + hostId + "/samples", hostToken, null).body().path("quota"));
        assertThat(browser.find("nav a[href='#/host/samples']").getText()).isEqualTo(zh.t("nav.host.samples"));
        assertThat(browser.find("nav a[href='#/host/applications']").getText()).isEqualTo(zh.t("nav.host.applications"));
        browser.go("#/host/applications");
        assertThat(browser.waitForText("tr[data-test='application'] [data-test='status']", zh.t("applications.status.APPROVED")))
                .isEqualTo(zh.t("applications.status.APPROVED"));
        browser.go("#/host/products/" + productId);
        assertThat(browser.waitForText("[data-test='request-sample'] h2", zh.t("samples.form.title")))
                .isEqualTo(zh.t("samples.form.title"));

        // the brand: the queue's statuses in Chinese, and the rejected request with its reason
        signInAs("brand", brandId);
        browser.go("#/brand/samples");
        assertThat(browser.waitForText("h1", zh.t("samples.title.brand"))).isEqualTo(zh.t("samples.title.brand"));
        assertThat(new Select(browser.find("select[name='status']")).getOptions()).extracting(e -> e.getText())
                .containsExactly(zh.t("samples.status.REQUESTED"), zh.t("samples.status.APPROVED"), zh.t("samples.status.SHIPPED"),
                        zh.t("samples.status.RECEIVED"), zh.t("samples.status.FULFILLED"), zh.t("samples.status.UNFULFILLED"),
                        zh.t("samples.status.REJECTED"), zh.t("samples.status.EXPIRED"));
        new Select(browser.find("select[name='status']")).selectByValue("REJECTED");
        String otherCard = "article[data-test='sample'][data-id='" + otherRequestId + "']";
        assertThat(browser.waitForText(otherCard + " [data-test='reason']", REASON)).isEqualTo(zh.t("samples.reason", "reason", REASON));
        assertThat(browser.find(otherCard + " [data-test='status']").getText()).isEqualTo(zh.t("samples.status.REJECTED"));
        assertThat(browser.find(otherCard + " h4").getText()).isEqualTo(zh.t("review.recordTitle"));
        browser.go("#/brand/applications");
        assertThat(browser.waitForText("h1", zh.t("applications.title.brand"))).isEqualTo(zh.t("applications.title.brand"));
        assertThat(browser.waitForText("[data-test='queue']", zh.t("review.emptyApplications", "status",
                zh.t("applications.status.PENDING")))).isNotEmpty();
        assertThat(browser.find("nav a[href='#/brand/applications']").getText()).isEqualTo(zh.t("nav.brand.applications"));
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    /** The host's record on a brand's card: the counts and trust the API gives, in the reader's words. */
    private static void assertRecord(ConsoleText text, String card, JsonNode record) {
        assertThat(browser.find(card + " [data-test='record-fulfilled']").getText()).isEqualTo(record.path("samplesFulfilled").asText());
        assertThat(browser.find(card + " [data-test='record-unfulfilled']").getText())
                .isEqualTo(record.path("samplesUnfulfilled").asText());
        double trust = record.path("trust").asDouble();
        assertThat(browser.find(card + " [data-test='record-trust']").getText()).isEqualTo(text.t("trust.text",
                "value", String.format(Locale.ROOT, "%.2f", trust),
                "words", text.t(trust >= 0.75 ? "trust.high" : trust >= 0.45 ? "trust.neutral" : "trust.low")));
    }

    private static void assertQuota(ConsoleText text, JsonNode quota) {
        assertThat(browser.find("[data-test='quota'] p").getText()).isEqualTo(text.t("samples.quota",
                "tier", quota.path("tier").asText(), "open", quota.path("open").asText(), "cap", quota.path("cap").asText()));
    }

    private static JsonNode item(JsonNode page, String key, String value) {
        for (JsonNode item : page.path("items")) {
            if (value.equals(item.path(key).asText())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + key + " " + value + " in " + page);
    }

    private static String host(String operator, String name) {
        return api("POST", "/hosts", operator, "{\"personaName\":\"" + name + "\",\"kind\":\"INDEPENDENT\","
                + "\"categories\":[\"FOOD\"],\"privateFans\":5000,\"publicFans\":20000}").body().path("hostId").asText();
    }

    private static String product(String body) {
        Answer created = api("POST", "/brands/" + brandId + "/products", brandToken, body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("productId").asText();
    }

    /** The top of the screen, tall enough for the first cards or rows. */
    private static void screenshot(String name) {
        browser.resize(1280, 1400);
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot(name);
        browser.resize(1280, 1000);
    }

    private static void signInAs(String role, String party) {
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue(role);
        browser.type("form[data-test='sign-in'] input[name='party']", party);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.find("[data-test='signed-in-as'][title='" + party + "']");
    }

    @SuppressWarnings("unchecked")
    private static List<String> headers(String container) {
        return (List<String>) browser.driver().executeScript("return [...document.querySelectorAll(arguments[0] + ' thead th')]"
                + ".map(th => th.textContent);", container);
    }

    private static Answer api(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
