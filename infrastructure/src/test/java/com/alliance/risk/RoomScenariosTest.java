package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.BackgroundJobs;
import com.alliance.functions.Settings;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live rooms of the issue, with every fake-order rule on as users run them: the burst rule weighs first-time
 * buyers against the room they came from, and decides the same whatever order the events arrive in.
 */
class RoomScenariosTest {

    private static final LocalStores STORES = LocalStores.isolated();
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    /** How the same events reach the queue. */
    enum Arrival { IN_ORDER, REVERSED }

    private final MutableClock clock = new MutableClock(START.plus(Duration.ofHours(2)));
    private final Clients clients = STORES.clients(clock)
            .withSettings(Settings.defaults().withRisk(RiskSettings.defaults()));
    private final OrderEventsFunction events = new OrderEventsFunction(clients);
    private final Marketplace marketplace = new Marketplace(clients);
    private final OrderRepository orders = new OrderRepository(STORES.dynamoDb(), new LedgerRepository(STORES.dynamoDb()),
            new CapacityMeter(), AfterSaleWindow.defaults());

    /** A host's live session and the orders of one product it sold, as their events. */
    private record Room(String hostId, List<String> orderIds, List<String> bodies) {
    }

    /**
     * A host with a picked ¥100 product, a session of {@code uv} viewers watching {@code minutesEach} minutes, and
     * {@code orders} orders from as many first-time buyers spread evenly over {@code over}.
     */
    private Room room(long uv, long minutesEach, int orders, Duration over) {
        String brandId = marketplace.brand();
        String productId = marketplace.product(brandId, 2_000);
        String hostId = marketplace.independentHost();
        marketplace.pick(hostId, productId);
        List<String> bodies = new ArrayList<>();
        bodies.add(Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "LIVE_SESSION_STATS")
                .put("orderId", "session-" + UUID.randomUUID()).put("occurredAt", START.plus(Duration.ofHours(2)).toString())
                .put("hostId", hostId).put("sessionId", "s-" + UUID.randomUUID()).put("privateUv", uv / 4)
                .put("publicUv", uv - uv / 4).put("watchMinutes", uv * minutesEach)
                .put("startedAt", START.minus(Duration.ofMinutes(10)).toString())
                .put("endedAt", START.plus(over).plus(Duration.ofMinutes(10)).toString())));
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "o-" + UUID.randomUUID();
            orderIds.add(orderId);
            Instant at = START.plus(over.multipliedBy(i).dividedBy(orders));
            bodies.add(Json.write(Json.object().put("eventId", "evt-" + UUID.randomUUID()).put("type", "ORDER_PAID")
                    .put("orderId", orderId).put("occurredAt", at.toString()).put("productId", productId)
                    .put("hostId", hostId).put("buyerId", "fan-" + UUID.randomUUID()).put("quantity", 1)
                    .put("paidFen", 10_000)));
        }
        return new Room(hostId, orderIds, bodies);
    }

    /** Delivers the room's events in the given order, lets the rules decide a day later, and answers how many are held. */
    private long held(Room room, Arrival arrival) {
        List<String> bodies = new ArrayList<>(room.bodies());
        if (arrival == Arrival.REVERSED) {
            Collections.reverse(bodies);
        }
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> batch = bodies.subList(from, Math.min(from + 10, bodies.size()));
            assertThat(events.handle(OrderEvents.batch(batch.toArray(String[]::new))).getBatchItemFailures()).isEmpty();
        }
        review(STORES, clients, START.plus(Duration.ofDays(1)));
        long held = room.orderIds().stream().map(orders::load).map(StoredOrder::state).filter(s -> s.held()).count();
        System.out.printf("risk scenario: %,d of %,d orders held (%s)%n", held, room.orderIds().size(), arrival);
        return held;
    }

    /** Runs the risk-review job as its schedule would at {@code now}, the stream folded between dispatches, until it is done. */
    static void review(LocalStores stores, Clients clients, Instant now) {
        JobDrain review = new JobDrain(new BackgroundJobs(clients), new ShardLeases(clients.dynamoDb()));
        for (int run = 0; run < 10; run++) {
            stores.foldRunningCounts();
            if (review.dispatchOnce(JobCatalog.RISK_REVIEW, now) == 0) {
                break;
            }
        }
        stores.foldRunningCounts();
    }

    @Test
    void aTopHostsRoomOf200000ViewersSells5000OrdersToFirstTimeBuyersInAnHourWithoutAHold() {
        // one arrival order: the others below and the properties show the decision is the same in any
        assertThat(held(room(200_000, 15, 5_000, Duration.ofHours(1)), Arrival.IN_ORDER)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Arrival.class)
    void theMeasuredRoomOf200000ViewersSells40OrdersIn40MinutesWithoutAHold(Arrival arrival) {
        assertThat(held(room(200_000, 15, 40, Duration.ofMinutes(40)), arrival)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Arrival.class)
    void aStagedRoomOf30ViewersWith25FirstTimeBuyersIn10MinutesIsHeldWhole(Arrival arrival) {
        assertThat(held(room(30, 10, 25, Duration.ofMinutes(10)), arrival)).isEqualTo(25);
    }
}
