package com.alliance.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.json.Json;
import com.alliance.ledger.LedgerRepository;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.Marketplace;
import com.alliance.testing.OrderEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runtime serves the web console beside the API, and the API answers exactly as before. */
class ConsoleServingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> MODULES = List.of("app.js", "api.js", "session.js", "ui.js", "money.js", "charts.js",
            "signin.js", "brand.js", "host.js", "gmv.js", "earnings.js", "finance.js", "operator.js", "deadletters.js",
            "config.js", "i18n.js", "names.js", "orders.js", "jobs.js", "samples.js");
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalOptions.ephemeral());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve(path)));
    }

    /** The status line for a request path sent byte for byte, as no HTTP client would normalise it. */
    private static String rawStatus(String method, String rawPath) throws IOException {
        URI api = runtime.apiEndpoint();
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void theConsoleIsServedAtTheRootWithHeadersThatKeepItsOwnScriptsOnly() {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("ETag")).isPresent();
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(get("/index.html").body()).isEqualTo(page.body());
    }

    @Test
    void everyModuleAndTheStylesheetAreServedWithTheirContentTypes() {
        for (String module : MODULES) {
            HttpResponse<String> script = get("/" + module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).as(module).hasValue("text/javascript; charset=utf-8");
        }
        // the message catalogues i18n.js fetches, one per language
        for (String language : List.of("zh-CN", "en")) {
            HttpResponse<String> messages = get("/messages." + language + ".json");
            assertThat(messages.statusCode()).as(language).isEqualTo(200);
            assertThat(messages.headers().firstValue("Content-Type")).as(language).hasValue("application/json");
            assertThat(messages.body()).as(language).contains("\"time.dateTime\"");
        }
        assertThat(get("/styles.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/config.js").body()).as("locally the API is on the same origin").contains("apiBase: ''")
                .contains("mode: 'local'");
    }

    @Test
    void anUnchangedFileCostsA304WithoutItsBody() {
        String etag = get("/app.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/app.js"))
                .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/app.js")).header("If-None-Match", "\"other\""))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOutsideTheConsoleFolderIsServed() throws IOException {
        for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/console/index.html",
                "/com/alliance/local/LocalGateway.class", "/log4j2.xml", "/.hidden.js", "/app.js/", "/app.js%00.png",
                "//etc/passwd", "/index.html/../index.html", "/a\\b.js", "/missing.js", "/META-INF/MANIFEST.MF")) {
            String status = rawStatus("GET", path);
            assertThat(status).as(path).matches("HTTP/1\\.1 (400|404) .*");
        }
        assertThat(rawStatus("HEAD", "/")).startsWith("HTTP/1.1 200");
        assertThat(rawStatus("POST", "/index.html")).startsWith("HTTP/1.1 404");
    }

    @Test
    void everyApiRouteAnswersAsBeforeBesideTheConsole() {
        HttpResponse<String> unauthenticated = get("/products/p_x");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<String> unknown = get("/brands");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Answer.of(404, unknown.body()).errorCode()).isEqualTo("ROUTE_NOT_FOUND");
    }

    @Test
    void withoutTheDemoTheSignInPageIsToldThereAreNoDemoParties() {
        Answer demo = Answer.of(200, get("/dev/demo").body());
        assertThat(demo.body().path("demo").asBoolean()).isFalse();
        assertThat(demo.body().path("parties")).isEmpty();
    }

    @Test
    void orderEventsSentFromTheConsoleReachTheQueueAndPostMoney() throws InterruptedException {
        Marketplace marketplace = new Marketplace(new Clients(runtime.dynamoDbClient(), runtime.sqsClient(), Clock.systemUTC()));
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String order = "o-" + UUID.randomUUID();
        String body = "{\"events\":[" + OrderEvents.paid(order, Instant.now(), productId, hostId, 10_000) + "]}";
        HttpResponse<String> queued = send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/dev/order-events"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(queued.statusCode()).isEqualTo(202);
        assertThat(Answer.of(202, queued.body()).body().path("queued").asInt()).isEqualTo(1);

        LedgerRepository ledger = new LedgerRepository(runtime.dynamoDbClient());
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (ledger.postingsOfOrder(order).isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
        }
        assertThat(ledger.postingsOfOrder(order)).as("postings of the order sent from the console").isNotEmpty();

        for (String bad : List.of("{\"events\":[]}", "{\"events\":[1]}", "{\"events\":{}}", "{}", "not json")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/dev/order-events"))
                    .POST(HttpRequest.BodyPublishers.ofString(bad)));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(Json.write(Answer.of(400, send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/dev/order-events"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[1]}"))).body()).body()))
                .contains("\"field\":\"events[0]\"");
    }
}
