package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.testing.Browser;
import com.alliance.testing.ConsoleText;
import com.alliance.testing.HttpCalls;
import com.alliance.testing.OrderEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The web console in a real browser (Debian's chromium, headless) against the local runtime with its
 * demo data, as a newcomer meets it after the run command: pick a demo party, act, see the result.
 * Each main screen is saved under target/screenshots.
 */
class ConsoleBrowserTest {

    private static LocalRuntime runtime;
    private static DemoData.Seeded demo;
    private static Browser browser;

    @BeforeAll
    static void start() throws InterruptedException {
        runtime = LocalRuntime.start(LocalOptions.ephemeral());
        demo = runtime.seedDemo();
        awaitQueueDrained(Duration.ofSeconds(240)); // a busy shared machine applies them slowly
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
        browser.resize(1280, 1000);
    }

    /** The demo's forty orders are applied before any figure is read, so figures move only by what a test sends. */
    private static void awaitQueueDrained(Duration within) throws InterruptedException {
        Instant giveUp = Instant.now().plus(within);
        while (Instant.now().isBefore(giveUp)) {
            Map<QueueAttributeName, String> attributes = runtime.sqsClient().getQueueAttributes(GetQueueAttributesRequest.builder()
                    .queueUrl(runtime.orderEventsQueueUrl()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("order-events did not drain within " + within);
    }

    private static String brandId() {
        return demo.ids().get("brand");
    }

    private static String host(String persona) {
        return demo.ids().get("host " + persona);
    }

    @Test
    void aNewcomerSignsInByPickingADemoPartyByName() {
        browser.go("#/signin");
        String brandButton = browser.find("button.party[data-role='brand']").getText();
        assertThat(brandButton).contains(DemoData.BRAND_NAME).contains(brandId());
        assertThat(browser.all("button.party[data-role='host']")).hasSize(4);
        browser.screenshot("01-sign-in");

        browser.signInAs("brand", brandId());
        assertThat(browser.find("[data-test='signed-in-as']").getText()).isEqualTo(DemoData.BRAND_NAME);
        assertThat(browser.all("nav a")).extracting(a -> a.getText()).containsExactly("Overview", "Products", "List a product", "Orders",
                "Applications", "Sample requests", "GMV");
        browser.go("#/host");
        assertThat(browser.driver().getCurrentUrl()).as("a brand is sent back to its own screens").endsWith("#/brand");
    }

    @Test
    void theBrandsServiceLevelPanelShowsTheApisFiguresWithTheDemosLateShipment() {
        String token = runtime.tokens().mint(com.alliance.auth.Role.BRAND, brandId(), "console-test");
        browser.signInAs("brand", brandId());
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        List<String> shown;
        List<String> api;
        do {
            // the jobs run every few seconds: the demo's late lip balm is recorded by the first run
            browser.go("#/brand");
            browser.waitForText("[data-test='sla']", "Violations");
            shown = List.of(browser.find("[data-test='sla-rate']").getText(), browser.find("[data-test='sla-on-time']").getText(),
                    browser.find("[data-test='sla-late']").getText(), browser.find("[data-test='sla-violations']").getText(),
                    browser.find("[data-test='sla-compensation']").getText());
            com.fasterxml.jackson.databind.JsonNode sla = com.alliance.testing.HttpCalls.send(runtime.apiEndpoint(), "GET",
                    "/brands/" + brandId() + "/sla?limit=5", token, null).body();
            BigDecimal rate = new BigDecimal(sla.path("onTimeRateBps").asLong()).movePointLeft(2).stripTrailingZeros();
            api = List.of(rate.toPlainString() + "%", sla.path("shippedOnTime").asText(), sla.path("late").asText(),
                    sla.path("violationCount").asText(),
                    "¥" + new BigDecimal(sla.path("compensationFen").asLong()).movePointLeft(2).toPlainString());
        } while ((!shown.equals(api) || "0".equals(shown.get(3))) && Instant.now().isBefore(giveUp));

        assertThat(shown).as("the panel shows the API's figures").isEqualTo(api);
        assertThat(Integer.parseInt(shown.get(3))).as("the demo's late lip balm is a violation").isPositive();
        assertThat(Browser.yuan(shown.get(4))).isGreaterThanOrEqualTo(new BigDecimal("3.00"));
        assertThat(browser.all("[data-test='sla'] tbody tr")).hasSize(Math.min(5, Integer.parseInt(shown.get(3))));
        browser.screenshot("02b-brand-service-level");
    }

    @Test
    void aBrandListsAProductAHostPicksItAndItsSaleShowsInTheBrandsJbpProgress() {
        String xiaoMei = host("Xiao Mei Tea Talk");
        browser.signInAs("brand", brandId());
        browser.waitForText("[data-test='leg-DISTRIBUTION']", "target");
        BigDecimal distributionBefore = Browser.yuan(browser.find("[data-test='leg-DISTRIBUTION-gmv']").getText());
        assertThat(browser.find("[data-test='trust']").getText()).contains("of 1");
        assertThat(browser.find("[data-test='trust-components']").getText()).contains("Complaints")
                .contains("paid orders");
        browser.screenshot("02-brand-overview");

        browser.click("nav a[href='#/brand/products']");
        browser.waitForText("table", "Longjing green tea, 250 g");
        assertThat(browser.find("table").getText()).contains("¥128.00").contains("NGTC-2025-008812");
        browser.screenshot("03-brand-products");

        // a refusal is shown next to the field it names, from the API's error body
        browser.click("nav a[href='#/brand/products/new']");
        String sku = "DRAGONWELL-" + (System.nanoTime() % 100_000);
        browser.type("input[name='sku']", sku);
        browser.type("input[name='title']", "Dragon Well spring tea, 100 g");
        new Select(browser.find("select[name='category']")).selectByValue("GOLD_SILVER");
        browser.type("input[name='price']", "88.00");
        browser.type("input[name='stock']", "300");
        browser.type("input[name='openRate']", "25");
        browser.click("form[data-test='product-form'] button[type='submit']");
        String refusal = browser.waitForText(".field.invalid .field-error", "QUALITY_INSPECTION");
        assertThat(refusal).contains("CERTIFICATE_REQUIRED");
        assertThat(browser.find(".field.invalid input").getAttribute("data-field")).isEqualTo("certificates.QUALITY_INSPECTION");
        browser.screenshot("04-brand-product-refused");

        new Select(browser.find("select[name='category']")).selectByValue("FOOD");
        browser.click("form[data-test='product-form'] button[type='submit']");
        browser.waitForText("[data-test='product-detail'] h1", "Dragon Well spring tea");
        assertThat(browser.find("[data-test='open-rate']").getText()).isEqualTo("25%");
        browser.waitForText("[data-test='carriers']", "No host carries it yet");
        browser.waitForText("[data-test='recommended-hosts']", "Xiao Mei Tea Talk");
        String productUrl = browser.driver().getCurrentUrl();
        String productId = productUrl.substring(productUrl.lastIndexOf('/') + 1);

        browser.signInAs("host", xiaoMei);
        String card = "article[data-product='" + productId + "']";
        assertThat(browser.waitForText(card, "Dragon Well spring tea")).contains("¥88.00").contains("you earn 25%")
                .contains("Category fit");
        browser.screenshot("05-host-recommended");
        browser.click(card + " button[data-test='pick']");
        browser.waitForText("#toast", "you earn 25%");
        browser.click("nav a[href='#/host/showcase']");
        browser.waitForText("[data-test='showcase']", "Dragon Well spring tea");
        browser.screenshot("06-host-showcase");

        String order = "o-console-" + UUID.randomUUID();
        runtime.sqsClient().sendMessage(SendMessageRequest.builder().queueUrl(runtime.orderEventsQueueUrl())
                .messageBody(OrderEvents.paid(order, Instant.now(), productId, xiaoMei, 8_800)).build());

        browser.signInAs("brand", brandId());
        BigDecimal expected = distributionBefore.add(new BigDecimal("88.00"));
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        BigDecimal shown;
        do {
            browser.go("#/brand");
            browser.waitForText("[data-test='leg-DISTRIBUTION']", "target");
            shown = Browser.yuan(browser.find("[data-test='leg-DISTRIBUTION-gmv']").getText());
        } while (shown.compareTo(expected) != 0 && Instant.now().isBefore(giveUp));
        assertThat(shown).as("the distribution leg's GMV after the host's sale").isEqualByComparingTo(expected);

        browser.go("#/brand/products/" + productId);
        assertThat(browser.waitForText("[data-test='carriers']", "Xiao Mei Tea Talk")).contains("25%");
        browser.screenshot("07-brand-product");
    }

    @Test
    void aHostsGmvScreenShowsTheApisGmvAndItsFactorsFromTheDemosSessionsAndOrders() {
        String xiaoMei = host("Xiao Mei Tea Talk");
        browser.signInAs("host", xiaoMei);
        browser.click("nav a[href='#/host/gmv']");
        browser.waitForText("[data-test='gmv-status']", "multiply back");
        // the API asked for the period the screen's form shows
        String query = "?from=" + browser.find("input[name='from']").getAttribute("value")
                + "&to=" + browser.find("input[name='to']").getAttribute("value");
        var api = com.alliance.testing.HttpCalls.send(runtime.apiEndpoint(), "GET", "/analytics/hosts/" + xiaoMei + "/gmv" + query,
                demo.tokens().get("host Xiao Mei Tea Talk"), null);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body().path("status").asText()).as("the demo has sessions and orders").isEqualTo("COMPLETE");
        assertThat(api.body().path("check").path("equalsGmvFen").asBoolean()).isTrue();
        assertThat(Browser.yuan(browser.find("[data-test='gmv-total']").getText()))
                .isEqualByComparingTo(BigDecimal.valueOf(api.body().path("gmvFen").asLong(), 2));
        assertThat(browser.find("[data-factor='repurchaseFrequency'] .factor-value").getText())
                .isEqualTo(new BigDecimal(api.body().path("factors").path("repurchaseFrequency").path("value").asText())
                        .stripTrailingZeros().toPlainString());
        // beside the decomposition, the API's daily GMV: a bar per China Standard Time day that adds up to the GMV
        var daily = api.body().path("daily");
        List<String> bars = browser.all("[data-test='gmv-daily'] rect.bar").stream().map(bar -> bar.getAttribute("data-date")).toList();
        assertThat(bars).hasSize(daily.size()).hasSize(30).first().isEqualTo(browser.find("input[name='from']").getAttribute("value"));
        long barsFen = browser.all("[data-test='gmv-daily'] rect.bar").stream().mapToLong(bar -> Long.parseLong(bar.getAttribute("data-fen"))).sum();
        assertThat(barsFen).isEqualTo(api.body().path("gmvFen").asLong());
        browser.screenshot("08-host-gmv");

        browser.signInAs("brand", brandId());
        browser.click("nav a[href='#/brand/gmv']");
        // the hosts whose audience counts, by name (one GET /names for all of them), their ids in the tooltips
        browser.waitForText("[data-test='gmv-hosts']", "Xiao Mei Tea Talk");
        assertThat(browser.find("[data-test='gmv-hosts'] [data-party='" + xiaoMei + "']").getText()).isEqualTo("Xiao Mei Tea Talk");
        var brandApi = com.alliance.testing.HttpCalls.send(runtime.apiEndpoint(), "GET", "/analytics/brands/" + brandId() + "/gmv"
                + query, demo.tokens().get("brand"), null);
        assertThat(Browser.yuan(browser.find("[data-test='gmv-total']").getText()))
                .isEqualByComparingTo(BigDecimal.valueOf(brandApi.body().path("gmvFen").asLong(), 2));
        browser.screenshot("09-brand-gmv");
    }

    @Test
    void aBrowserPreferringChineseGetsTheConsoleInChineseWithBeijingTimesAndCanSwitchToEnglish() {
        ConsoleText zh = ConsoleText.of("zh-CN");
        ConsoleText en = ConsoleText.of("en");
        var brand = HttpCalls.send(runtime.apiEndpoint(), "GET", "/brands/" + brandId(), demo.tokens().get("brand"), null);
        Instant registeredAt = Instant.parse(brand.body().path("registeredAt").asText());
        try (Browser chinese = Browser.open(runtime.consoleEndpoint(), "zh-CN")) {
            chinese.go("#/signin");
            assertThat(chinese.waitForText(".signin h1", zh.t("signin.title"))).isEqualTo("登录");
            assertThat(chinese.find("html").getAttribute("lang")).isEqualTo("zh-CN");
            chinese.waitForText(".signin", zh.t("signin.demo.title"));
            chinese.click("button.party[data-role='brand'][data-party='" + brandId() + "']");
            assertThat(chinese.find(".who-role").getText()).isEqualTo("品牌");
            assertThat(chinese.all("nav a")).extracting(a -> a.getText())
                    .containsExactly("概览", "商品", "上架商品", "订单", "定向申请", "样品申请", "GMV 分析");
            // the brand's registration time in China Standard Time, the browser being in New York
            assertThat(chinese.waitForText("[data-test='registered']", "北京时间")).isEqualTo(zh.dateTime(registeredAt))
                    .matches(zh.dateTimePattern());
            assertThat(chinese.waitForText("[data-test='sla-period']", "北京时间")).contains("承诺时效", "72 小时");
            chinese.screenshot("20-zh-brand-overview");

            chinese.click("nav a[href='#/brand/gmv']");
            chinese.waitForText("[data-test='gmv']", "GMV 的构成");
            assertThat(chinese.find("[data-test='gmv']").getText()).contains("GMV 走势", "客单价", "复购频次");
            assertThat(chinese.all("[data-test='gmv-daily'] rect.bar")).hasSize(30);
            chinese.screenshot("21-zh-brand-gmv");

            // the switch: English at once, and still English after a reload (the choice is saved in the browser)
            chinese.click("[data-test='lang-en']");
            chinese.waitForText("nav", "Overview");
            chinese.go("#/brand");
            assertThat(chinese.all("nav a")).extracting(a -> a.getText()).containsExactly("Overview", "Products", "List a product", "Orders",
                    "Applications", "Sample requests", "GMV");
            assertThat(chinese.waitForText("[data-test='registered']", "CST")).isEqualTo(en.dateTime(registeredAt))
                    .matches(en.dateTimePattern());
            assertThat(chinese.find("html").getAttribute("lang")).isEqualTo("en");
            chinese.click("[data-test='lang-zh-CN']");
            chinese.waitForText("nav", "概览");
            assertThat(chinese.scriptErrors()).as("script errors in the Chinese console").isEmpty();
        }
    }

    @Test
    void theConsoleFitsAPhonesWidth() {
        browser.resize(390, 844);
        browser.signInAs("brand", brandId());
        browser.go("#/brand/products");
        browser.waitForText("table", "Celadon tea set");
        assertThat(browser.overflowsSideways()).as("the products page scrolls sideways at 390 px").isFalse();
        browser.screenshot("phone-brand-products");

        browser.signInAs("host", host("Home and Hearth"));
        browser.waitForText("[data-test='recommendations']", "score");
        assertThat(browser.overflowsSideways()).as("recommendations scroll sideways at 390 px").isFalse();
        browser.screenshot("phone-host-recommended");
    }

    @Test
    void moneyIsShownAsYuanFromIntegerFenByMovingTheDecimalPoint() {
        browser.go("#/signin");
        browser.find("button.party");
        @SuppressWarnings("unchecked")
        List<Object> shown = (List<Object>) browser.script("""
                const done = arguments[arguments.length - 1];
                import('/money.js').then(m => done([
                  m.formatFen(0), m.formatFen(5), m.formatFen(123456), m.formatFen(-4205), m.formatFen(9007199254740991),
                  m.formatFen(0.1), m.parseYuan('88.5'), m.parseYuan('1,234.56'), m.parseYuan('0.001'),
                  m.formatBps(2550), m.parsePercent('12.5')]));
                """);
        assertThat(shown).containsExactly("¥0.00", "¥0.05", "¥1,234.56", "-¥42.05", "¥90,071,992,547,409.91",
                "—", 8850L, 123456L, null, "25.5%", 1250L);
    }
}
