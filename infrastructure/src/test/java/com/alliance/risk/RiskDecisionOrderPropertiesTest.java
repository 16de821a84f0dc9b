package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.Settings;
import com.alliance.json.Json;
import com.alliance.ledger.LedgerRepository;
import com.alliance.orders.AfterSaleWindow;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.persistence.CapacityMeter;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * One outcome per set of events: with every fake-order rule on, a live room's events delivered once in order and
 * the same events shuffled and duplicated hold the same orders for the same reasons.
 */
class RiskDecisionOrderPropertiesTest {

    private static final LocalStores STORES = LocalStores.isolated();
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private final Clients clients = STORES.clients(new MutableClock(START.plus(Duration.ofHours(3))))
            .withSettings(Settings.defaults().withRisk(RiskSettings.defaults()));
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final Marketplace marketplace = new Marketplace(clients);
    private final OrderRepository orders = new OrderRepository(STORES.dynamoDb(), new LedgerRepository(STORES.dynamoDb()),
            new CapacityMeter(), AfterSaleWindow.defaults());

    /** One order of the generated room: when, by which buyer of the pool, refunded or not. */
    private record Sale(int minute, int buyer, boolean selfPurchase, boolean refunded, boolean returningBuyer) {
    }

    /** The generated room: its viewers and its sales. */
    private record Room(long uv, List<Sale> sales) {
    }

    private static Room room(long seed) {
        Random random = new Random(seed);
        long uv = random.nextBoolean() ? random.nextInt(60) : 1_000 + random.nextInt(200_000);
        int buyers = 3 + random.nextInt(12);
        List<Sale> sales = new ArrayList<>();
        int count = 6 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            sales.add(new Sale(random.nextInt(90), random.nextInt(buyers), random.nextInt(12) == 0,
                    random.nextInt(3) == 0, random.nextInt(4) == 0));
        }
        return new Room(uv, sales);
    }

    /** The room's events under ids of their own (a fresh host, product and buyers); answers the order ids in sale order. */
    private List<String> events(Room room, List<String> bodies) {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        String elsewhere = marketplace.independentHost();
        String otherProduct = marketplace.product(brandId, 2_000);
        marketplace.pick(elsewhere, otherProduct);
        String buyers = "b-" + UUID.randomUUID() + "-";
        bodies.add(Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "LIVE_SESSION_STATS")
                .put("orderId", "session-" + UUID.randomUUID()).put("occurredAt", START.plus(Duration.ofHours(2)).toString())
                .put("hostId", hostId).put("sessionId", "s-1").put("privateUv", 0).put("publicUv", room.uv())
                .put("watchMinutes", room.uv() * 10).put("startedAt", START.toString())
                .put("endedAt", START.plus(Duration.ofHours(2)).toString())));
        List<String> orderIds = new ArrayList<>();
        for (Sale sale : room.sales()) {
            String orderId = "o-" + UUID.randomUUID();
            orderIds.add(orderId);
            Instant at = START.plus(Duration.ofMinutes(sale.minute()));
            String buyer = sale.selfPurchase() ? hostId : buyers + sale.buyer();
            bodies.add(paid(orderId, at, productId, hostId, buyer));
            if (sale.returningBuyer()) {
                // the buyer's first order, of another product the day before: not a first-time buyer any more
                bodies.add(paid("o-" + UUID.randomUUID(), at.minus(Duration.ofDays(1)), otherProduct, elsewhere, buyer));
            }
            if (sale.refunded()) {
                bodies.add(OrderEvents.refunded(orderId, at.plus(Duration.ofMinutes(20)), 10_000));
            }
        }
        return orderIds;
    }

    private static String paid(String orderId, Instant at, String productId, String hostId, String buyerId) {
        return Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                .put("orderId", orderId).put("occurredAt", at.toString()).put("productId", productId)
                .put("hostId", hostId).put("buyerId", buyerId).put("quantity", 1).put("paidFen", 10_000));
    }

    private void deliver(List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> batch = bodies.subList(from, Math.min(from + 10, bodies.size()));
            assertThat(events.handle(OrderEvents.batch(batch.toArray(String[]::new))).getBatchItemFailures()).isEmpty();
        }
    }

    /** Each sale's held rules, by its place in the room: what one set of events must decide. */
    private SortedMap<Integer, List<String>> holds(List<String> orderIds) {
        SortedMap<Integer, List<String>> holds = new TreeMap<>();
        for (int i = 0; i < orderIds.size(); i++) {
            StoredOrder order = orders.load(orderIds.get(i));
            if (order.state().held()) {
                holds.put(i, List.copyOf(order.riskRules()));
            }
        }
        return holds;
    }

    @Property(tries = 8)
    void shuffledDuplicatedDeliveryHoldsWhatOneDeliveryInOrderHolds(@ForAll long seed) {
        Room room = room(seed);
        List<String> clean = new ArrayList<>();
        List<String> cleanOrders = events(room, clean);
        List<String> faulty = new ArrayList<>();
        List<String> faultyOrders = events(room, faulty);
        Random random = new Random(seed);
        List<String> deliveries = new ArrayList<>();
        for (String body : faulty) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(body);
            }
        }
        Collections.shuffle(deliveries, random);

        deliver(clean);
        deliver(deliveries);
        RoomScenariosTest.review(STORES, clients, START.plus(Duration.ofDays(1)));

        assertThat(holds(faultyOrders)).isEqualTo(holds(cleanOrders));
    }
}
