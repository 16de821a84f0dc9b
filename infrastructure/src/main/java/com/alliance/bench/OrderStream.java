package com.alliance.bench;

import com.alliance.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of order lifecycles as producers send them: paid (some through an activity lead,
 * some bought by the selling host itself), shipped, received, refunded in parts, cancelled before
 * shipping; complaints against the brand; live sessions of the selling host reported two to four times
 * as they run (each report up to a later end, the last one final); and poison messages that can never
 * apply. The same seed gives the same events; a run prefix keeps the ids of two passes over the same
 * stream apart in one store.
 */
final class OrderStream {

    /** One order's events in their natural order; {@code poison} events can never apply. */
    record Order(int index, List<Event> events) {
    }

    record Event(String body, boolean poison) {
    }

    private final String brandId;
    private final List<String> products;
    private final List<String> hosts;
    private final Instant start;
    private final long seed;
    private final int orders;

    OrderStream(String brandId, List<String> products, List<String> hosts, Instant start, long seed, int orders) {
        this.brandId = brandId;
        this.products = products;
        this.hosts = hosts;
        this.start = start;
        this.seed = seed;
        this.orders = orders;
    }

    /** Every order of the stream with ids under {@code prefix}; every 40th "order" is a lone poison message (a cut-off body, an unknown type, the marketplace's own type, a product nobody listed, in turn). */
    List<Order> orders(String prefix) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Order> all = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = prefix + "o" + i;
            int[] event = {0};
            int n = i;
            java.util.function.Function<String, ObjectNode> base = type -> Json.object()
                    .put("eventId", prefix + "e" + n + "-" + event[0]++).put("type", type).put("orderId", orderId);
            Instant paidAt = start.plusSeconds(i * 7L);
            List<Event> events = new ArrayList<>();
            if (i % 40 == 20) {
                events.add(new Event(poison(i / 40 % 4, base, orderId, paidAt), true));
                all.add(new Order(i, events));
                continue;
            }
            String host = hosts.get(random.nextInt(hosts.size()));
            long paidFen = 100 + random.nextLong(500_000);
            ObjectNode paid = base.apply("ORDER_PAID").put("occurredAt", paidAt.toString())
                    .put("productId", products.get(random.nextInt(products.size()))).put("hostId", host)
                    .put("buyerId", random.nextInt(40) == 0 ? host : "buyer-" + orderId)   // 1 in 40: the host buys itself
                    .put("quantity", 1 + random.nextInt(3)).put("paidFen", paidFen);
            if (random.nextInt(8) == 0) {
                paid.put("activityLeadId", "lead-" + random.nextInt(5));
            }
            events.add(new Event(Json.write(paid), false));
            Instant at = paidAt;
            if (random.nextInt(10) == 0) {
                at = at.plus(Duration.ofMinutes(30));
                events.add(new Event(Json.write(base.apply("ORDER_CANCELLED").put("occurredAt", at.toString())), false));
            } else {
                boolean shipped = random.nextInt(10) < 8;
                if (shipped) {
                    at = at.plus(Duration.ofHours(5));
                    events.add(new Event(Json.write(base.apply("ORDER_SHIPPED").put("occurredAt", at.toString())), false));
                    if (random.nextInt(10) < 8) {
                        at = at.plus(Duration.ofDays(2));
                        events.add(new Event(Json.write(base.apply("ORDER_RECEIVED").put("occurredAt", at.toString())), false));
                    }
                }
                if (random.nextInt(5) == 0) {
                    long left = paidFen;
                    for (int r = 1 + random.nextInt(2); r > 0 && left > 0; r--) {
                        long refund = 1 + random.nextLong(left);
                        left -= refund;
                        at = at.plus(Duration.ofHours(1));
                        events.add(new Event(Json.write(base.apply("ORDER_REFUNDED").put("occurredAt", at.toString())
                                .put("refundFen", refund)), false));
                    }
                }
            }
            if (i % 10 == 5) {
                events.add(new Event(Json.write(base.apply("COMPLAINT_FILED").put("occurredAt", at.plus(Duration.ofDays(1)).toString())
                        .put("brandId", brandId).put("reason", "slow reply")), false));
            }
            if (i % 25 == 3) {
                sessionReports(new SplittableRandom(seed + i), base, prefix + "s" + i, host, paidAt, events);
            }
            all.add(new Order(i, events));
        }
        return all;
    }

    /** Two to four reports of one session, each with the figures up to a later end than the one before. */
    private static void sessionReports(SplittableRandom random, java.util.function.Function<String, ObjectNode> base,
                                       String sessionId, String host, Instant startedAt, List<Event> events) {
        long privateUv = 0;
        long publicUv = 0;
        long watchMinutes = 0;
        Instant endedAt = startedAt;
        for (int report = 2 + random.nextInt(3); report > 0; report--) {
            privateUv += random.nextInt(50);
            publicUv += random.nextInt(500);
            watchMinutes += random.nextInt(2_000);
            endedAt = endedAt.plus(Duration.ofMinutes(20));
            events.add(new Event(Json.write(base.apply("LIVE_SESSION_STATS").put("occurredAt", endedAt.toString())
                    .put("hostId", host).put("sessionId", sessionId).put("privateUv", privateUv).put("publicUv", publicUv)
                    .put("watchMinutes", watchMinutes).put("startedAt", startedAt.toString())
                    .put("endedAt", endedAt.toString())), false));
        }
    }

    private String poison(int kind, java.util.function.Function<String, ObjectNode> base, String orderId, Instant at) {
        return switch (kind) {
            case 0 -> "{\"eventId\":\"" + orderId + "-broken\",\"type\":\"ORDER_PAID\",";            // cut off mid-message
            case 1 -> Json.write(base.apply("ORDER_TELEPORTED").put("occurredAt", at.toString()));   // unknown type
            case 2 -> Json.write(base.apply("ORDER_MATURED").put("occurredAt", at.toString()));      // the marketplace's own type
            default -> Json.write(base.apply("ORDER_PAID").put("occurredAt", at.toString())          // a product nobody listed
                    .put("productId", "p_missing").put("hostId", hosts.get(0)).put("buyerId", "buyer-" + orderId)
                    .put("quantity", 1).put("paidFen", 1_000));
        };
    }
}
