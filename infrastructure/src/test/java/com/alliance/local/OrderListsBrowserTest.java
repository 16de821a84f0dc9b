package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Role;
import com.alliance.json.Json;
import com.alliance.risk.RiskSettings;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.CreditCodes;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A host's "My orders" and a brand's "Orders" in the console, over the order lists of docs/order-lists.md: each order
 * with its status and the party's own money and where that money stands, the period's figures, "load more" while the
 * API answers a next token, a status and a host filter, a refused filter said next to itself, an id that is no host,
 * and the CSV download saved as one file from the export's parts. One browser: the brand in English, then the host in
 * English and both again in Chinese (the screenshots are the English ones: headless chromium has no CJK fonts).
 *
 * <p>One brand's product at 100 yuan and a 20% open rate, sold by one host, newest first: one the host bought in its own
 * room (held), one cancelled (none), one received and refunded 30 yuan (estimated, lower than it was), 21 paid an hour
 * or more ago (estimated), one received three weeks ago (matured by the maturation job: settleable). 25 rows: a page
 * of 20 and 5 more. The host earns 20 yuan on an order less the platform's 10% service fee: 18.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderListsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int RECENT = 21;
    private static final String BRAND_NAME = "Orderly Oolong Co";
    private static final String HOST_NAME = "Orders Ou";
    private static LocalRuntime runtime;
    private static Browser browser;
    private static String brandId;
    private static String hostId;
    private static String hostToken;
    private static String brandToken;
    private static final String MATURED = "o-matured-" + UUID.randomUUID();
    private static final String REFUNDED = "o-refunded-" + UUID.randomUUID();
    private static final String CANCELLED = "o-cancelled-" + UUID.randomUUID();
    private static final String HELD = "o-held-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        // of the fake-order rules only the one decided at payment: a deferred rule would keep today's orders under review
        // until their day closes and move the figures while the test reads them
        runtime = LocalRuntime.start(LocalOptions.ephemeral().withJobsEvery(Duration.ofSeconds(1)),
                settings -> settings.withRisk(RiskSettings.fromEnvironment(Map.of("RISK_RULES", "SELF_PURCHASE")::get)));
        String operator = runtime.tokens().mint(Role.OPERATOR, "platform", "ops");
        brandId = api("POST", "/brands", operator, "{\"name\":\"" + BRAND_NAME + "\",\"creditCode\":\"" + CreditCodes.fresh()
                + "\"}").body().path("brandId").asText();
        brandToken = runtime.tokens().mint(Role.BRAND, brandId, "owner");
        String productId = api("POST", "/brands/" + brandId + "/products", brandToken, "{\"sku\":\"ORDERS-" + System.nanoTime()
                + "\",\"title\":\"Tieguanyin, 250 g\",\"category\":\"FOOD\",\"priceFen\":10000,\"stock\":1000,"
                + "\"shipWithinHours\":48,\"openRateBps\":2000}").body().path("productId").asText();
        hostId = api("POST", "/hosts", operator, "{\"personaName\":\"" + HOST_NAME + "\",\"kind\":\"INDEPENDENT\","
                + "\"categories\":[\"FOOD\"],\"privateFans\":5000,\"publicFans\":20000}").body().path("hostId").asText();
        hostToken = runtime.tokens().mint(Role.HOST, hostId, "host");
        assertThat(api("POST", "/hosts/" + hostId + "/showcase", hostToken, "{\"productId\":\"" + productId + "\"}").status())
                .isEqualTo(201);

        Instant now = Instant.now();
        Duration day = Duration.ofDays(1);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            events.add(OrderEvents.paid("o-recent-" + i + "-" + UUID.randomUUID(), now.minus(Duration.ofMinutes(60 + i)),
                    productId, hostId, 10_000));
        }
        events.add(OrderEvents.paid(MATURED, now.minus(day.multipliedBy(20)), productId, hostId, 10_000));
        events.add(OrderEvents.milestone("ORDER_SHIPPED", MATURED, now.minus(day.multipliedBy(19))));
        events.add(OrderEvents.milestone("ORDER_RECEIVED", MATURED, now.minus(day.multipliedBy(18))));
        Duration minute = Duration.ofMinutes(1);
        events.add(OrderEvents.paid(REFUNDED, now.minus(minute.multipliedBy(50)), productId, hostId, 10_000));
        events.add(OrderEvents.milestone("ORDER_SHIPPED", REFUNDED, now.minus(minute.multipliedBy(45))));
        events.add(OrderEvents.milestone("ORDER_RECEIVED", REFUNDED, now.minus(minute.multipliedBy(40))));
        events.add(OrderEvents.refunded(REFUNDED, now.minus(minute.multipliedBy(35)), 3_000));
        events.add(OrderEvents.paid(CANCELLED, now.minus(minute.multipliedBy(30)), productId, hostId, 10_000));
        events.add(OrderEvents.milestone("ORDER_CANCELLED", CANCELLED, now.minus(minute.multipliedBy(25))));
        // the host buys in its own room: held by the SELF_PURCHASE rule
        events.add(Json.write(Json.object().put("eventId", "evt-" + HELD).put("type", "ORDER_PAID").put("orderId", HELD)
                .put("occurredAt", now.minus(minute.multipliedBy(10)).toString()).put("productId", productId).put("hostId", hostId)
                .put("buyerId", hostId).put("quantity", 1).put("paidFen", 10_000)));
        for (int from = 0; from < events.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(events.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(events.get(i)).build());
            }
            assertThat(runtime.sqsClient().sendMessageBatch(b -> b.queueUrl(runtime.orderEventsQueueUrl()).entries(entries))
                    .failed()).isEmpty();
        }
        browser = Browser.open(runtime.consoleEndpoint(), "en-US");
        // every order listed in its final state, and the stream folded into the period's figures
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!settled()) {
            assertThat(System.nanoTime()).as("the orders are applied, the old one matured").isLessThan(deadline);
            sleep(200);
        }
    }

    private static boolean settled() {
        Map<String, JsonNode> rows = rowsByOrder(api("GET", "/hosts/" + hostId + "/orders?limit=200", hostToken, null).body());
        JsonNode summary = api("GET", "/hosts/" + hostId + "/orders/summary", hostToken, null).body();
        return rows.size() == RECENT + 4
                && "SETTLEABLE".equals(rows.get(MATURED).path("commission").path("state").asText())
                && "CANCELLED".equals(rows.get(CANCELLED).path("status").asText())
                && "HELD".equals(rows.get(HELD).path("status").asText())
                && rows.get(REFUNDED).path("refundedFen").asLong() == 3_000
                && summary.path("orders").asLong() == RECENT + 2 && summary.path("refundedFen").asLong() == 3_000
                && summary.path("heldOrders").asLong() == 1 && summary.path("money").path("settleableFen").asLong() > 0;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        runtime.close();
    }

    @Test
    @Order(2)
    void aHostSeesEachOrdersCommissionFiltersTheListAndDownloadsItAsOneCsv() {
        ConsoleText en = ConsoleText.of("en");
        signInAs(browser, "host", hostId);
        browser.click("nav a[href='#/host/orders']");
        assertThat(browser.waitForText("h1", en.t("orders.title.host"))).isEqualTo(en.t("orders.title.host"));
        JsonNode api = api("GET", "/hosts/" + hostId + "/orders?limit=200", hostToken, null).body();
        Map<String, JsonNode> expected = rowsByOrder(api);

        // the first page: 20 rows, newest first, each with its commission's state in words
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.other", "count", "20"));
        Map<String, Map<String, String>> shown = shownRows(browser);
        assertThat(shown).hasSize(20);
        assertThat(shown.keySet()).containsExactlyElementsOf(expected.keySet().stream().limit(20).toList());
        assertThat(shown.keySet()).startsWith(HELD, CANCELLED, REFUNDED);
        Map<String, String> recent = shown.get(shown.keySet().stream().filter(id -> id.startsWith("o-recent-")).findFirst().orElseThrow());
        assertThat(recent).containsEntry("status", "PAID").containsEntry("statusText", en.t("orders.status.PAID"))
                .containsEntry("state", "ESTIMATED").containsEntry("stateText", en.t("orders.state.ESTIMATED"))
                .containsEntry("amount", "¥18.00").containsEntry("other", BRAND_NAME).containsEntry("otherId", brandId)
                .containsEntry("basis", en.t("orders.basis.OPEN"));
        assertThat(recent.get("paidAt")).matches(en.dateTimePattern());
        assertThat(browser.find("[data-test='load-more']").isDisplayed()).isTrue();
        screenshot("18-host-orders");

        // load more: the other 5, then no more to load
        browser.click("[data-test='load-more']");
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.other", "count", "25"));
        assertThat(browser.find("[data-test='orders-shown']").getText()).contains(en.t("orders.end"));
        assertThat(browser.all("[data-test='load-more']").stream().noneMatch(e -> e.isDisplayed())).isTrue();
        shown = shownRows(browser);
        assertThat(shown.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(shown.get(MATURED)).containsEntry("status", "MATURED").containsEntry("state", "SETTLEABLE")
                .containsEntry("stateText", en.t("orders.state.SETTLEABLE")).containsEntry("amount",
                        yuan(expected.get(MATURED).path("commission").path("amountFen").asLong()));
        assertThat(shown.get(CANCELLED)).containsEntry("status", "CANCELLED").containsEntry("state", "NONE")
                .containsEntry("stateText", en.t("orders.state.NONE"));
        assertThat(shown.get(HELD)).containsEntry("status", "HELD").containsEntry("statusText", en.t("orders.status.HELD"))
                .containsEntry("state", "HELD").containsEntry("stateText", en.t("orders.state.HELD")).containsEntry("amount", "¥18.00");
        JsonNode refunded = expected.get(REFUNDED);
        assertThat(shown.get(REFUNDED)).containsEntry("status", "RECEIVED").containsEntry("state", "ESTIMATED")
                .containsEntry("refunded", "¥30.00")
                .containsEntry("amount", yuan(refunded.path("commission").path("amountFen").asLong()));
        assertThat(shown.get(REFUNDED).get("commission"))
                .contains(en.t("orders.estimatedWas", "amount", yuan(refunded.path("commission").path("estimatedFen").asLong())));

        // the period's figures are the summary's, formatted from fen
        JsonNode summary = api("GET", "/hosts/" + hostId + "/orders/summary?from=" + value(browser, "from") + "&to="
                + value(browser, "to"), hostToken, null).body();
        assertThat(figure(browser, "orders")).isEqualTo(String.valueOf(RECENT + 2)).isEqualTo(summary.path("orders").asText());
        assertThat(Browser.yuan(figure(browser, "gmv"))).isEqualTo(fen(summary.path("gmvFen")));
        assertThat(figure(browser, "refunded")).isEqualTo("¥30.00");
        assertThat(figure(browser, "held")).isEqualTo("1").isEqualTo(summary.path("heldOrders").asText());
        assertThat(browser.find("[data-test='sum-held'] .figure-note").getText())
                .isEqualTo(en.t("orders.sum.heldGmv", "amount", "¥100.00"));
        assertThat(figure(browser, "underReview")).isEqualTo("0");
        assertThat(Browser.yuan(figure(browser, "estimated"))).isEqualTo(fen(summary.path("money").path("estimatedFen")));
        assertThat(Browser.yuan(figure(browser, "settleable"))).isEqualTo(fen(summary.path("money").path("settleableFen")));
        assertThat(figure(browser, "moneyHeld")).isEqualTo("¥18.00");

        // the CSV: every order of the filters in one file, exactly as the API exports it
        String from = value(browser, "from");
        String to = value(browser, "to");
        catchDownloads(browser);
        browser.click("[data-test='download-orders']");
        String file = "orders-" + hostId + "-" + from + "-" + to + ".csv";
        browser.waitForText("[data-test='csv-status']", en.t("orders.csv.downloaded.other", "file", file, "count", "25"));
        Map<?, ?> download = lastDownload(browser);
        String query = "?from=" + from + "&to=" + to;
        String csv = csv("/hosts/" + hostId + "/orders" + query).body();
        assertThat(download.get("name")).isEqualTo(file);
        assertThat(download.get("type")).isEqualTo("text/csv;charset=utf-8");
        assertThat(download.get("text")).isEqualTo(csv);
        assertThat(csv.split("\r\n")).hasSize(26);
        // a longer export comes in parts, each naming the next in a Link header and starting with the header line:
        // the download follows them and keeps one header (5 000 rows a part: the Link is put on the first answer here)
        browser.driver().executeScript("""
                const original = window.fetch;
                window.fetch = async (input, init) => {
                  const response = await original(input, init);
                  if (!init || !init.headers || init.headers.Accept !== 'text/csv' || window.linked) return response;
                  window.linked = true;
                  const next = new URL(String(input));
                  next.searchParams.set('status', 'MATURED');
                  const headers = new Headers(response.headers);
                  headers.set('Link', '<' + next.pathname + next.search + '>; rel="next"');
                  return new Response(await response.text(), { status: response.status, headers });
                };""");
        browser.click("[data-test='download-orders']");
        browser.waitForText("[data-test='csv-status']", en.t("orders.csv.downloaded.other", "file", file, "count", "26"));
        String matured = csv("/hosts/" + hostId + "/orders" + query + "&status=MATURED").body();
        assertThat(lastDownload(browser).get("text")).isEqualTo(csv + matured.substring(matured.indexOf("\r\n") + 2));

        // filtered by status: the matured order alone
        new Select(browser.find("select[name='status']")).selectByValue("MATURED");
        browser.click("[data-test='apply-filters']");
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.one", "count", "1"));
        assertThat(shownRows(browser).keySet()).containsExactly(MATURED);

        // a filter the API refuses is said next to that filter
        new Select(browser.find("select[name='status']")).selectByValue("");
        browser.type("input[name='productId']", "tea");
        browser.click("[data-test='apply-filters']");
        assertThat(browser.waitForText(".field.invalid .field-error", "p_")).contains("productId");
        assertThat(browser.all(".field.invalid input")).extracting(e -> e.getAttribute("name")).containsExactly("productId");
        assertThat(browser.find("[data-test='orders']").getText()).contains(en.t("orders.refused"));
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();

        // in Chinese: the headers, statuses and commission states in the reader's words
        browser.click("[data-test='lang-zh-CN']");
        ConsoleText zh = ConsoleText.of("zh-CN");
        browser.go("#/host/orders");
        assertThat(browser.waitForText("h1", zh.t("orders.title.host"))).isEqualTo(zh.t("orders.title.host"));
        browser.waitForText("[data-test='orders-shown']", zh.t("orders.shown.other", "count", "20"));
        assertThat(headers(browser)).containsExactly(zh.t("orders.col.paidAt"), zh.t("col.product"), zh.t("orders.col.brand"),
                zh.t("orders.col.quantity"), zh.t("orders.col.paid"), zh.t("orders.col.refunded"), zh.t("col.status"),
                zh.t("orders.col.commission"), zh.t("col.rate"), zh.t("orders.col.run"));
        Map<String, Map<String, String>> inChinese = shownRows(browser);
        assertThat(inChinese.get(HELD)).containsEntry("statusText", zh.t("orders.status.HELD"))
                .containsEntry("stateText", zh.t("orders.state.HELD"));
        assertThat(inChinese.get(CANCELLED)).containsEntry("statusText", zh.t("orders.status.CANCELLED"))
                .containsEntry("stateText", zh.t("orders.state.NONE"));
        assertThat(inChinese.get(REFUNDED)).containsEntry("statusText", zh.t("orders.status.RECEIVED"))
                .containsEntry("stateText", zh.t("orders.state.ESTIMATED"));
        assertThat(browser.find("[data-test='sum-estimated']").getText()).contains(zh.t("orders.sum.estimated"));
        assertThat(browser.find("[data-test='download-orders']").getText()).isEqualTo(zh.t("orders.csv.download"));
        assertThat(new Select(browser.find("select[name='status']")).getOptions()).extracting(e -> e.getText())
                .contains(zh.t("orders.status.MATURED"), zh.t("orders.status.UNDER_REVIEW"));
        assertThat(browser.find("[data-test='paid-at']").getText()).matches(zh.dateTimePattern());
        browser.screenshot("18-host-orders-zh");

        // the brand's screen in Chinese: the host column and the brand's proceeds
        signInAs(browser, "brand", brandId);
        browser.go("#/brand/orders");
        browser.waitForText("[data-test='orders-shown']", zh.t("orders.shown.other", "count", "20"));
        assertThat(headers(browser)).contains(zh.t("col.host"), zh.t("orders.col.proceeds"));
        assertThat(browser.find("[data-test='other-party']").getText()).isEqualTo(HOST_NAME);
        assertThat(browser.find("nav a[href='#/brand/orders']").getText()).isEqualTo(zh.t("nav.brand.orders"));

        // an id that names no host: said so, never an empty list
        signInAs(browser, "host", "h_doesnotexist");
        browser.go("#/host/orders");
        assertThat(browser.waitForText("[data-test='unknown-party']", "h_doesnotexist"))
                .contains(zh.t("orders.unknown.HOST_NOT_FOUND", "party", "h_doesnotexist"));
        assertThat(browser.all("[data-test='orders-shown']")).isEmpty();
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    @Test
    @Order(1)
    void aBrandSeesTheHostThatSoldEachOrderAndItsProceeds() {
        ConsoleText en = ConsoleText.of("en");
        signInAs(browser, "brand", brandId);
        browser.click("nav a[href='#/brand/orders']");
        assertThat(browser.waitForText("h1", en.t("orders.title.brand"))).isEqualTo(en.t("orders.title.brand"));
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.other", "count", "20"));
        assertThat(headers(browser)).containsExactly(en.t("orders.col.paidAt"), en.t("col.product"), en.t("col.host"),
                en.t("orders.col.quantity"), en.t("orders.col.paid"), en.t("orders.col.refunded"), en.t("col.status"),
                en.t("orders.col.proceeds"), en.t("col.rate"), en.t("orders.col.run"));
        // each row names the host that sold it (its id in the tooltip) and the brand's own money from it
        Map<String, JsonNode> expected = rowsByOrder(api("GET", "/brands/" + brandId + "/orders?limit=200", brandToken, null).body());
        Map<String, Map<String, String>> shown = shownRows(browser);
        assertThat(shown.keySet()).containsExactlyElementsOf(expected.keySet().stream().limit(20).toList());
        Map.Entry<String, Map<String, String>> first = shown.entrySet().iterator().next();
        JsonNode row = expected.get(first.getKey());
        assertThat(first.getValue()).containsEntry("other", HOST_NAME).containsEntry("otherId", hostId)
                .containsEntry("state", row.path("commission").path("state").asText())
                .containsEntry("amount", yuan(row.path("commission").path("amountFen").asLong()));
        assertThat(first.getValue().get("commission"))
                .contains(en.t("orders.charges", "amount", yuan(row.path("commission").path("chargesFen").asLong())));
        JsonNode summary = api("GET", "/brands/" + brandId + "/orders/summary?from=" + value(browser, "from") + "&to="
                + value(browser, "to"), brandToken, null).body();
        assertThat(Browser.yuan(figure(browser, "gmv"))).isEqualTo(fen(summary.path("gmvFen")));
        assertThat(Browser.yuan(figure(browser, "estimated"))).isEqualTo(fen(summary.path("money").path("estimatedFen")));
        assertThat(Browser.yuan(figure(browser, "settleable"))).isEqualTo(fen(summary.path("money").path("settleableFen")));
        screenshot("19-brand-orders");

        // the host filter: the orders this host sold (all of them here), the rest after "load more"
        browser.type("input[name='hostId']", hostId);
        browser.click("[data-test='apply-filters']");
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.other", "count", "20"));
        browser.click("[data-test='load-more']");
        browser.waitForText("[data-test='orders-shown']", en.t("orders.shown.other", "count", "25"));
        assertThat(shownRows(browser).values()).extracting(r -> r.get("otherId")).containsOnly(hostId);
        assertThat(browser.scriptErrors()).as("script errors or CSP refusals in the page").isEmpty();
    }

    /** The top of the screen, tall enough for the filters, the figures and the first rows. */
    private static void screenshot(String name) {
        browser.resize(1280, 1700);
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot(name);
        browser.resize(1280, 1000);
    }

    private static void signInAs(Browser browser, String role, String party) {
        browser.go("#/signin");
        new Select(browser.find("form[data-test='sign-in'] select[name='role']")).selectByValue(role);
        browser.type("form[data-test='sign-in'] input[name='party']", party);
        browser.click("form[data-test='sign-in'] button[type='submit']");
        browser.find("[data-test='signed-in-as'][title='" + party + "']");
    }

    /** The rows shown, by order id in the order shown: what each cell says and the codes it carries. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> shownRows(Browser browser) {
        browser.find("[data-test='order-id']");
        List<Map<String, String>> rows = (List<Map<String, String>>) browser.driver().executeScript("""
                return [...document.querySelectorAll("[data-test='orders'] tbody tr")].map(tr => {
                  const q = test => tr.querySelector(`[data-test='${test}']`);
                  return { orderId: q('order-id').textContent, paidAt: q('paid-at').textContent,
                    status: q('order-status').dataset.status, statusText: q('order-status').textContent,
                    state: q('commission-state').dataset.state, stateText: q('commission-state').textContent,
                    amount: q('commission-amount').textContent, commission: tr.cells[7].textContent,
                    refunded: tr.cells[5].textContent, other: q('other-party').textContent, otherId: q('other-party').title,
                    basis: q('rate-basis').textContent };
                });""");
        Map<String, Map<String, String>> byOrder = new LinkedHashMap<>();
        rows.forEach(row -> byOrder.put(row.get("orderId"), row));
        return byOrder;
    }

    /** The table's column headers as written (the English ones are shown in capitals by the stylesheet). */
    @SuppressWarnings("unchecked")
    private static List<String> headers(Browser browser) {
        return (List<String>) browser.driver().executeScript(
                "return [...document.querySelectorAll(\"[data-test='orders'] thead th\")].map(th => th.textContent);");
    }

    private static String figure(Browser browser, String key) {
        return browser.find("[data-test='sum-" + key + "'] .figure-value").getText();
    }

    private static String value(Browser browser, String name) {
        return browser.find("form[data-test='orders-filters'] input[name='" + name + "']").getAttribute("value");
    }

    /** Files the page saves are caught, not written: the Blob and the name of the link that would save it. */
    private static void catchDownloads(Browser browser) {
        browser.driver().executeScript("""
                window.downloads = [];
                const create = URL.createObjectURL.bind(URL);
                URL.createObjectURL = blob => { const url = create(blob); window.downloads.push({ blob, url }); return url; };
                HTMLAnchorElement.prototype.click = function () {
                  const saved = window.downloads.find(d => d.url === this.href);
                  if (saved) saved.name = this.download;
                };""");
    }

    private static Map<?, ?> lastDownload(Browser browser) {
        return (Map<?, ?>) browser.script("""
                const done = arguments[arguments.length - 1];
                const saved = window.downloads[window.downloads.length - 1];
                saved.blob.text().then(text => done({ name: saved.name, type: saved.blob.type, text }));""");
    }

    private static Map<String, JsonNode> rowsByOrder(JsonNode page) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        page.path("orders").forEach(row -> rows.put(row.path("orderId").asText(), row));
        return rows;
    }

    private static String yuan(long fen) {
        return String.format(Locale.ROOT, "¥%,d.%02d", fen / 100, fen % 100);
    }

    private static BigDecimal fen(JsonNode amount) {
        return BigDecimal.valueOf(amount.asLong(), 2);
    }

    private static Answer api(String method, String path, String token, String body) {
        return HttpCalls.send(runtime.apiEndpoint(), method, path, token, body);
    }

    private static HttpResponse<String> csv(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve(path)).header("Authorization", "Bearer " + hostToken)
                    .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Link")).as("one part").isEmpty();
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
