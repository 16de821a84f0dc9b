package com.alliance.local;

import com.alliance.auth.Role;
import com.alliance.jbp.JbpAgreement;
import com.alliance.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds a demo marketplace through the public API, exactly as users would: a verified brand and
 * products in several categories, one of them needing a certificate; independent hosts who signed
 * themselves up and the brand's own self-broadcast account, each with a few products picked; an application to a
 * targeted plan and sample requests. What happened before the demo started goes through {@link DemoHistory}.
 */
final class DemoData {

    static final String BRAND_NAME = "West Lake Tea & Living";

    /** A valid unified social credit code for the demo brand. */
    static final String DEMO_CREDIT_CODE = "91330106MA2B3C4D5D";

    private final URI api;
    private final Hs256Tokens tokens;
    private final SqsClient sqs;
    private final String queueUrl;
    private final DemoHistory history;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoData(URI api, Hs256Tokens tokens, SqsClient sqs, String queueUrl, DemoHistory history) {
        this.api = api;
        this.tokens = tokens;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.history = history;
    }

    static DemoData of(LocalRuntime runtime, DemoHistory history) {
        return new DemoData(runtime.apiEndpoint(), runtime.tokens(), runtime.sqsClient(), runtime.orderEventsQueueUrl(),
                history);
    }

    /** What was seeded, for the start-up banner: labelled ids and tokens. */
    record Seeded(Map<String, String> ids, Map<String, String> tokens) {
    }

    Seeded seed() {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> demoTokens = new LinkedHashMap<>();
        String operator = tokens.mint(Role.OPERATOR, "platform", "ops@alliance.local");
        demoTokens.put("operator", operator);
        demoTokens.put("finance", tokens.mint(Role.FINANCE, "platform", "finance@alliance.local"));

        String brandId = post("/brands", operator, Json.object().put("name", BRAND_NAME)
                .put("creditCode", DEMO_CREDIT_CODE)).path("brandId").asText();
        ids.put("brand", brandId);
        String brand = tokens.mint(Role.BRAND, brandId, "owner@westlake.example");
        demoTokens.put("brand", brand);

        // hosts sign themselves up with a host token, then act with a token for their new id
        String signup = tokens.mint(Role.HOST, "signup", "signup@alliance.local");
        Map<String, String> hosts = new LinkedHashMap<>();
        hosts.put("Xiao Mei Tea Talk", post("/hosts", signup, host("Xiao Mei Tea Talk", 120_000, 800_000, "FOOD", "HOME"))
                .path("hostId").asText());
        hosts.put("Lin Beauty Lab", post("/hosts", signup, host("Lin Beauty Lab", 60_000, 2_500_000, "BEAUTY", "APPAREL"))
                .path("hostId").asText());
        hosts.put("Home and Hearth", post("/hosts", signup, host("Home and Hearth", 15_000, 300_000, "HOME", "FOOD"))
                .path("hostId").asText());
        // the brand's own self-broadcast persona, played by its tea master
        hosts.put("Tea Master Chen", post("/hosts", brand, host("Tea Master Chen", 8_000, 40_000, "FOOD")
                .put("kind", "BRAND_SELF").put("brandId", brandId)).path("hostId").asText());
        hosts.forEach((persona, hostId) -> {
            ids.put("host " + persona, hostId);
            demoTokens.put("host " + persona, tokens.mint(Role.HOST, hostId, hostId + "@hosts.example"));
        });
        String lin = hosts.get("Lin Beauty Lab");

        List<ObjectNode> products = new ArrayList<>();
        products.add(product("LJ-2025-250G", "Longjing green tea, 250 g", "FOOD", 12_800, 5_000, 48, 2_000));
        ObjectNode scarf = product("SILK-SCARF-01", "Mulberry silk scarf", "APPAREL", 39_900, 800, 72, 1_500);
        scarf.putArray("targeted").addObject().put("hostId", lin).put("rateBps", 2_500);
        products.add(scarf);
        products.add(product("LIP-ROSE-09", "Rose lip balm", "BEAUTY", 8_900, 20_000, 24, 2_500));
        products.add(product("HONEY-OSM-500G", "Osmanthus honey, 500 g", "FOOD", 6_800, 3_000, 48, 1_800));
        products.add(product("TEA-SET-CELADON", "Celadon tea set", "HOME", 59_900, 300, 72, 1_200));
        ObjectNode bracelet = product("AU999-BANGLE-10G", "Gold bangle, 10 g Au999", "GOLD_SILVER", 598_000, 50, 48, 300);
        bracelet.putObject("certificates").put("QUALITY_INSPECTION", "NGTC-2025-008812");
        products.add(bracelet);
        for (ObjectNode product : products) {
            JsonNode created = post("/brands/" + brandId + "/products", brand, product);
            ids.put("product " + product.path("sku").asText(), created.path("productId").asText());
        }

        // a few picks, leaving each host something still worth picking in its recommendations
        pick(hosts.get("Xiao Mei Tea Talk"), ids.get("product LJ-2025-250G"), demoTokens.get("host Xiao Mei Tea Talk"));
        pick(hosts.get("Home and Hearth"), ids.get("product TEA-SET-CELADON"), demoTokens.get("host Home and Hearth"));
        pick(lin, ids.get("product LIP-ROSE-09"), demoTokens.get("host Lin Beauty Lab"));
        pick(lin, ids.get("product SILK-SCARF-01"), demoTokens.get("host Lin Beauty Lab"));
        pick(hosts.get("Tea Master Chen"), ids.get("product LJ-2025-250G"), demoTokens.get("host Tea Master Chen"));

        LocalDate today = LocalDate.now(JbpAgreement.PERIOD_ZONE);
        ObjectNode plan = Json.object().put("periodStart", today.withDayOfMonth(1).toString())
                .put("periodEnd", today.withDayOfMonth(today.lengthOfMonth()).toString());
        plan.putObject("targets").put("selfBroadcastGmvFen", 200_000).put("distributionGmvFen", 1_000_000);
        plan.putArray("rebateTiers").add(Json.object().put("reachedBps", 5_000).put("rebateBps", 1_000))
                .add(Json.object().put("reachedBps", 10_000).put("rebateBps", 2_000));
        plan.putArray("selfBroadcastHostIds").add(hosts.get("Tea Master Chen"));
        ids.put("JBP agreement", post("/brands/" + brandId + "/jbp", brand, plan).path("jbpId").asText());
        collaborations(ids, demoTokens);

        List<String[]> sellers = List.of(
                new String[] {hosts.get("Xiao Mei Tea Talk"), ids.get("product LJ-2025-250G"), "12800"},
                new String[] {hosts.get("Home and Hearth"), ids.get("product TEA-SET-CELADON"), "59900"},
                new String[] {lin, ids.get("product LIP-ROSE-09"), "8900"},
                new String[] {lin, ids.get("product SILK-SCARF-01"), "39900"},
                new String[] {hosts.get("Tea Master Chen"), ids.get("product LJ-2025-250G"), "12800"});
        ids.put("orders sent to order-events", Integer.toString(sendOrders(sellers)));
        ids.put("live sessions sent to order-events", Integer.toString(sendSessions(hosts.values())));
        return new Seeded(ids, demoTokens);
    }

    /**
     * Hosts asking brands: Home and Hearth applies to the silk scarf's targeted plan (it names Lin Beauty Lab), still
     * pending; Xiao Mei Tea Talk's sample of the osmanthus honey is approved and shipped, waiting for its receipt; and
     * from the past, Home and Hearth's sample of the celadon tea set whose promise lapsed unsold ({@link DemoHistory}).
     */
    private void collaborations(Map<String, String> ids, Map<String, String> demoTokens) {
        String brand = demoTokens.get("brand");
        String homeAndHearth = ids.get("host Home and Hearth");
        ids.put("application (scarf plan)", post("/products/" + ids.get("product SILK-SCARF-01") + "/applications",
                demoTokens.get("host Home and Hearth"), Json.object().put("hostId", homeAndHearth)
                        .put("message", "Our tea-set buyers ask for silk scarves as gifts")).path("applicationId").asText());

        String xiaoMei = ids.get("host Xiao Mei Tea Talk");
        ObjectNode ask = Json.object().put("hostId", xiaoMei);
        ask.putObject("address").put("name", "张小美").put("phone", "13800138000").put("line", "杭州市西湖区龙井路 1 号");
        String sample = post("/products/" + ids.get("product HONEY-OSM-500G") + "/samples",
                demoTokens.get("host Xiao Mei Tea Talk"), ask).path("requestId").asText();
        post("/samples/" + sample + "/approve", brand, Json.object());
        post("/samples/" + sample + "/ship", brand, Json.object().put("carrier", "SF Express")
                .put("trackingNumber", "SF1234567890"));
        ids.put("sample (honey, shipped)", sample);

        ids.put("sample (tea set, lapsed)", history.lapsedPromise(ids.get("brand"), homeAndHearth,
                ids.get("product TEA-SET-CELADON")));
    }

    /** Every host is live every third evening of the last three weeks, for two hours. */
    private static final List<Integer> SESSION_DAYS = List.of(1, 4, 7, 10, 13, 16, 19);
    private static final int SESSION_MINUTES = 120;

    private static Instant sessionStart(Instant now, int daysAgo) {
        return now.minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(3));
    }

    /**
     * A stream of orders over the last three weeks, each paid during a live session of its host: most shipped and
     * received (the older ones past
     * their after-sale window), one partly refunded, one cancelled before shipment, one through an
     * activity lead, and one rose lip balm (a 24 h promise) shipped 30 h after payment: the late-shipment
     * job records its violation and compensates the buyer (others may miss their promise too, as shipping
     * takes 8 to 47 h). Deterministic, so every demo shows the same figures.
     */
    private int sendOrders(List<String[]> sellers) {
        Random random = new Random(42);
        Instant now = Instant.now();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int orders = 40;
        for (int i = 0; i < orders; i++) {
            String[] seller = sellers.get(i % sellers.size());
            String orderId = "demo-" + (1000 + i);
            // paid during one of its host's live sessions (sendSessions), so each brand's GMV has an audience
            int sessionDay = SESSION_DAYS.get(random.nextInt(SESSION_DAYS.size()));
            Instant paidAt = sessionStart(now, sessionDay).plus(Duration.ofMinutes(random.nextInt(SESSION_MINUTES)));
            boolean late = i == 2;   // sellers[2] sells the rose lip balm, promised within 24 h
            if (late) {
                paidAt = now.minus(Duration.ofDays(4));
            }
            long paid = Long.parseLong(seller[2]) * (1 + random.nextInt(2));
            ObjectNode payment = event(orderId, "ORDER_PAID", paidAt).put("productId", seller[1]).put("hostId", seller[0])
                    .put("buyerId", "buyer-" + random.nextInt(25)).put("quantity", 1).put("paidFen", paid);
            if (i == 7) {
                payment.put("activityLeadId", "lead_double11");
            }
            batch.add(entry(batch.size(), payment));
            if (i == 11) {
                batch.add(entry(batch.size(), event(orderId, "ORDER_CANCELLED", paidAt.plus(Duration.ofHours(2)))));
                continue;
            }
            Instant shippedAt = paidAt.plus(Duration.ofHours(8 + random.nextInt(40)));
            if (late) {
                shippedAt = paidAt.plus(Duration.ofHours(30));
            }
            if (shippedAt.isBefore(now)) {
                batch.add(entry(batch.size(), event(orderId, "ORDER_SHIPPED", shippedAt)));
            }
            Instant receivedAt = shippedAt.plus(Duration.ofDays(2));
            if (receivedAt.isBefore(now)) {
                batch.add(entry(batch.size(), event(orderId, "ORDER_RECEIVED", receivedAt)));
            }
            if (i == 5) {
                batch.add(entry(batch.size(), event(orderId, "ORDER_REFUNDED", receivedAt.plus(Duration.ofHours(5)))
                        .put("refundFen", paid / 4)));
            }
            if (batch.size() >= 7) {
                flush(batch);
            }
        }
        flush(batch);
        return orders;
    }

    /**
     * LIVE_SESSION_STATS of every host: a two-hour session every third evening over the same three weeks as
     * the orders, so the GMV analytics screens have an audience to decompose. Deterministic, like the orders.
     */
    private int sendSessions(java.util.Collection<String> hostIds) {
        Random random = new Random(7);
        Instant now = Instant.now();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int sessions = 0;
        for (String hostId : hostIds) {
            for (int day : SESSION_DAYS) {
                Instant startedAt = sessionStart(now, day);
                Instant endedAt = startedAt.plus(Duration.ofMinutes(SESSION_MINUTES));
                String sessionId = "demo-" + hostId + "-" + day;
                long privateUv = 200 + random.nextInt(800);
                long publicUv = 1_000 + random.nextInt(4_000);
                batch.add(entry(batch.size(), event("session-" + sessionId, "LIVE_SESSION_STATS", endedAt)
                        .put("hostId", hostId).put("sessionId", sessionId).put("privateUv", privateUv)
                        .put("publicUv", publicUv).put("watchMinutes", (privateUv + publicUv) * (3 + random.nextInt(10)))
                        .put("startedAt", startedAt.toString()).put("endedAt", endedAt.toString())));
                sessions++;
                if (batch.size() >= 10) {
                    flush(batch);
                }
            }
        }
        flush(batch);
        return sessions;
    }

    private static ObjectNode event(String orderId, String type, Instant at) {
        return Json.object().put("eventId", orderId + "-" + type.toLowerCase(java.util.Locale.ROOT)).put("type", type)
                .put("orderId", orderId).put("occurredAt", at.toString());
    }

    private static SendMessageBatchRequestEntry entry(int index, ObjectNode event) {
        return SendMessageBatchRequestEntry.builder().id(Integer.toString(index)).messageBody(Json.write(event)).build();
    }

    private void flush(List<SendMessageBatchRequestEntry> batch) {
        if (!batch.isEmpty()) {
            sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(List.copyOf(batch)).build());
            batch.clear();
        }
    }

    private void pick(String hostId, String productId, String token) {
        post("/hosts/" + hostId + "/showcase", token, Json.object().put("productId", productId));
    }

    private static ObjectNode host(String persona, long privateFans, long publicFans, String... categories) {
        ObjectNode body = Json.object().put("personaName", persona).put("privateFans", privateFans)
                .put("publicFans", publicFans);
        var array = body.putArray("categories");
        for (String category : categories) {
            array.add(category);
        }
        return body;
    }

    private static ObjectNode product(String sku, String title, String category, long priceFen, long stock,
                                      int shipWithinHours, int openRateBps) {
        return Json.object().put("sku", sku).put("title", title).put("category", category)
                .put("priceFen", priceFen).put("stock", stock).put("shipWithinHours", shipWithinHours)
                .put("openRateBps", openRateBps);
    }

    private JsonNode post(String path, String token, JsonNode body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo seeding: POST " + path + " answered "
                        + response.statusCode() + " " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo seeding: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo seeding interrupted", e);
        }
    }
}
