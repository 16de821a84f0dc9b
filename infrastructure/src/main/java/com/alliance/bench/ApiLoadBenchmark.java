package com.alliance.bench;

import com.alliance.auth.Role;
import com.alliance.local.LocalOptions;
import com.alliance.local.LocalRuntime;
import com.alliance.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP API of the local runtime under concurrent clients on loopback: a read-heavy mix (product
 * reads, brand reads, commission changes, product listings) for a fixed time. Prints requests/s,
 * p50/p99 latency and errors. Bounded in time and count; sends nothing off this machine.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.ApiLoadBenchmark [--clients 50] [--seconds 60]</pre>
 */
public final class ApiLoadBenchmark {

    private ApiLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("ApiLoadBenchmark", "Concurrent API clients against the local runtime's gateway.", args,
                new Flags.Flag("--clients", 50, 1, "concurrent clients"),
                new Flags.Flag("--seconds", 60, 1, "how long they call"));
        int clients = flags.intValue("--clients");
        int seconds = flags.intValue("--seconds");
        try (LocalRuntime runtime = LocalRuntime.start(LocalOptions.ephemeral())) {
            URI api = runtime.apiEndpoint();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String operator = runtime.tokens().mint(Role.OPERATOR, "platform", "load");
            String brandId = Json.MAPPER.readTree(send(http, api, "POST", "/brands", operator,
                    "{\"name\":\"Load brand\",\"creditCode\":\"91310000MA1FL0Q73F\"}").body()).path("brandId").asText();
            String brand = runtime.tokens().mint(Role.BRAND, brandId, "load");
            String host = runtime.tokens().mint(Role.HOST, "h_load", "load");
            List<String> products = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                products.add(Json.MAPPER.readTree(send(http, api, "POST", "/brands/" + brandId + "/products", brand,
                        listing("SEED-" + i)).body()).path("productId").asText());
            }

            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            AtomicLong listed = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread worker = new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        String product = products.get(random.nextInt(products.size()));
                        int pick = random.nextInt(100);
                        long start = System.nanoTime();
                        HttpResponse<String> response;
                        if (pick < 70) {
                            response = send(http, api, "GET", "/products/" + product, host, null);
                        } else if (pick < 85) {
                            response = send(http, api, "GET", "/brands/" + brandId, brand, null);
                        } else if (pick < 95) {
                            response = send(http, api, "PATCH", "/products/" + product + "/commission", brand,
                                    "{\"openRateBps\":" + (1_000 + random.nextInt(2_000)) + "}");
                        } else {
                            response = send(http, api, "POST", "/brands/" + brandId + "/products", brand,
                                    listing("LOAD-" + listed.incrementAndGet()));
                        }
                        latencies.add(System.nanoTime() - start);
                        if (response == null || response.statusCode() >= 400) {
                            errors.incrementAndGet();
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println();
            System.out.printf("API load: %d concurrent clients for %d s against the local runtime%n", clients, seconds);
            System.out.printf("  requests        %,d  (70%% product reads, 15%% brand reads, 10%% commission changes, 5%% listings)%n", sorted.length);
            System.out.printf("  throughput      %,.0f requests/s%n", sorted.length / (double) seconds);
            System.out.printf("  latency         p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", ms(sorted, 0.50), ms(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
            System.out.printf("  errors          %d%n", errors.get());
        }
        System.exit(0);
    }

    private static String listing(String sku) {
        return "{\"sku\":\"" + sku + "\",\"title\":\"Load product\",\"category\":\"FOOD\",\"priceFen\":9900,"
                + "\"stock\":100,\"shipWithinHours\":48,\"openRateBps\":2000}";
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static HttpResponse<String> send(HttpClient http, URI api, String method, String path, String token, String body) {
        try {
            return http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }
}
