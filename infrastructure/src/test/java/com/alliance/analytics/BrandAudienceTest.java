package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.functions.Settings;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A brand's audience is the sessions in whose hours their host took an order of its goods ({@link SessionReach}),
 * joined from the orders table's stream by the real running-counts function on DynamoDB Local: the same answer
 * whichever arrives first, the orders or the session reports, in one batch or many, and after a backfill of items
 * written before the join existed.
 */
class BrandAudienceTest {

    private static final Caller OPERATOR = new Caller("ops", Role.OPERATOR, "platform");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final CapacityMeter capacity = new CapacityMeter();

    /** How the events of one world reach the stream. */
    private enum Arrival { SESSIONS_FIRST, ORDERS_FIRST, ONE_BATCH }

    /**
     * A world: host 1's session on day 1 (reported while it ran, then finally: 12:00–14:00) took an order of the
     * brand at 13:10 that was cancelled later, and one of another brand; its session on day 2 took none of the
     * brand's, though the host sold the brand that day at 20:00, after it; host 2's session took an order at 18:59
     * and ended at 19:00, and another at 19:20 that it does not reach.
     */
    private record World(FinanceDesk desk, String brand, String otherBrand, String host1, String host2, Period period,
                         List<String> sessions, List<String> orders) {

        static World of(LocalStores stores, MutableClock clock) {
            FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
            String brand = desk.marketplace.brand();
            String other = desk.marketplace.brand();
            String product = desk.marketplace.product(brand, 5_000);
            String otherProduct = desk.marketplace.product(other, 3_000);
            String host1 = desk.marketplace.independentHost();
            String host2 = desk.marketplace.independentHost();
            List.of(host1, host2).forEach(host -> {
                desk.marketplace.pick(host, product);
                desk.marketplace.pick(host, otherProduct);
            });
            Instant day1 = clock.instant().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS);
            Instant day2 = day1.plus(Duration.ofDays(1));
            String run = host1.substring(Math.max(0, host1.length() - 6));
            List<String> sessions = List.of(
                    session(run + "-r1", host1, "live-1", day1.plusSeconds(12 * 3_600), 1, 100, 300, 2_000),
                    session(run + "-r2", host1, "live-1", day1.plusSeconds(12 * 3_600), 2, 250, 700, 5_000),
                    session(run + "-r3", host1, "live-2", day2.plusSeconds(12 * 3_600), 2, 9_000, 9_000, 90_000),
                    session(run + "-r4", host2, "live-3", day1.plusSeconds(18 * 3_600), 1, 40, 60, 900));
            String cancelled = FinanceDesk.orderId();
            List<String> orders = List.of(
                    OrderEvents.paid(cancelled, day1.plusSeconds(13 * 3_600 + 600), product, host1, 5_000),
                    OrderEvents.milestone("ORDER_CANCELLED", cancelled, day1.plusSeconds(13 * 3_600 + 900)),
                    OrderEvents.paid(FinanceDesk.orderId(), day1.plusSeconds(13 * 3_600 + 700), otherProduct, host1, 3_000),
                    OrderEvents.paid(FinanceDesk.orderId(), day2.plusSeconds(20 * 3_600), product, host1, 5_000),
                    OrderEvents.paid(FinanceDesk.orderId(), day1.plusSeconds(18 * 3_600 + 59 * 60), product, host2, 5_000),
                    OrderEvents.paid(FinanceDesk.orderId(), day1.plusSeconds(19 * 3_600 + 20 * 60), product, host2, 5_000));
            return new World(desk, brand, other, host1, host2, new Period(day1, day2.plus(Duration.ofDays(1))),
                    sessions, orders);
        }

        void arrive(Arrival arrival, LocalStores stores) {
            switch (arrival) {
                case SESSIONS_FIRST -> {
                    // the final report before the one made while the session ran: the final one stands
                    desk.deliver(sessions.get(1), sessions.get(0), sessions.get(2), sessions.get(3));
                    stores.foldRunningCounts();
                    orders.forEach(order -> desk.deliver(order));
                    stores.foldRunningCounts();
                }
                case ORDERS_FIRST -> {
                    desk.deliver(orders.toArray(String[]::new));
                    stores.foldRunningCounts();
                    for (String report : sessions) {
                        desk.deliver(report);
                        stores.foldRunningCounts();
                    }
                }
                case ONE_BATCH -> {
                    List<String> all = new ArrayList<>(orders);
                    all.addAll(sessions);
                    desk.deliver(all.toArray(String[]::new));
                    stores.foldRunningCounts();
                }
            }
        }

        private static String session(String eventId, String host, String sessionId, Instant startedAt, int hours,
                                      long privateUv, long publicUv, long watchMinutes) {
            Instant endedAt = startedAt.plus(Duration.ofHours(hours));
            return Json.write(Json.object().put("eventId", eventId).put("type", "LIVE_SESSION_STATS")
                    .put("orderId", "session-" + eventId).put("occurredAt", endedAt.toString()).put("hostId", host)
                    .put("sessionId", sessionId).put("privateUv", privateUv).put("publicUv", publicUv)
                    .put("watchMinutes", watchMinutes).put("startedAt", startedAt.toString())
                    .put("endedAt", endedAt.toString()));
        }
    }

    private GmvService gmv(LocalStores on) {
        return new GmvService(new ReportHoursRepository(on.dynamoDb(), capacity), new LiveSessionRepository(on.dynamoDb(), capacity),
                new AudienceRepository(on.dynamoDb(), capacity), id -> true, id -> true, clock);
    }

    @Test
    void theBrandsAudienceIsTheSessionsThatTookItsOrdersWhateverArrivesFirst() {
        GmvService gmv = gmv(stores);
        for (Arrival arrival : Arrival.values()) {
            World world = World.of(stores, clock);
            world.arrive(arrival, stores);

            GmvReport brand = gmv.brand(OPERATOR, world.brand(), world.period());
            // live-1's final figures (250 + 700 UV, 5 000 minutes) and live-3's (40 + 60, 900); not live-2
            assertThat(brand.sessions()).as(arrival.name()).isEqualTo(2);
            assertThat(brand.decomposition().privateUv()).as(arrival.name()).isEqualTo(290);
            assertThat(brand.decomposition().publicUv()).as(arrival.name()).isEqualTo(760);
            assertThat(brand.decomposition().watchMinutes()).as(arrival.name()).isEqualTo(5_900);
            assertThat(brand.hosts()).as("the hosts that sold a counted order").containsExactlyInAnyOrder(world.host1(), world.host2());
            GmvReport other = gmv.brand(OPERATOR, world.otherBrand(), world.period());
            assertThat(other.sessions()).as(arrival.name()).isEqualTo(1);
            assertThat(other.decomposition().watchMinutes()).as(arrival.name()).isEqualTo(5_000);
            assertThat(gmv.host(OPERATOR, world.host1(), world.period()).sessions()).as("the host's own: both").isEqualTo(2);
        }
    }

    /**
     * A stack upgraded from before the audience items: its orders and sessions are there, the join's items are not
     * (here deleted). The backfill job joins them once; a second run reads only its cursor.
     */
    @Test
    void theBackfillJoinsOrdersAndSessionsWrittenBeforeTheAudienceItemsOnce() {
        LocalStores own = LocalStores.isolated();
        World world = World.of(own, clock);
        world.arrive(Arrival.ONE_BATCH, own);
        GmvService gmv = gmv(own);
        GmvReport before = gmv.brand(OPERATOR, world.brand(), world.period());
        assertThat(before.sessions()).isEqualTo(2);

        int deleted = 0;
        for (String pk : List.of("BRAND#" + world.brand(), "BRAND#" + world.otherBrand(), "HOST#" + world.host1(),
                "HOST#" + world.host2())) {
            for (Map<String, AttributeValue> item : own.dynamoDb().query(QueryRequest.builder()
                    .tableName(Tables.ORDERS.tableName()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk))).build()).items()) {
                String sk = item.get("sk").s();
                if (sk.startsWith(AudienceRepository.AUDIENCE_PREFIX) || sk.startsWith(AudienceRepository.ORDERED_PREFIX)) {
                    own.dynamoDb().deleteItem(DeleteItemRequest.builder().tableName(Tables.ORDERS.tableName())
                            .key(Items.key(pk, sk)).build());
                    deleted++;
                }
            }
        }
        assertThat(deleted).as("3 audience items, 5 of a host's hours with a brand's orders").isEqualTo(8);
        own.foldRunningCounts();
        assertThat(gmv.brand(OPERATOR, world.brand(), world.period()).sessions()).as("as if written before").isZero();

        AudienceBackfillJob backfill = new AudienceBackfillJob(own.dynamoDb(),
                new AudienceJoin(new AudienceRepository(own.dynamoDb(), capacity),
                        new LiveSessionRepository(own.dynamoDb(), capacity)));
        ShardLeases leases = new ShardLeases(own.dynamoDb());
        assertThat(JobDrain.run(backfill, leases, clock.instant())).as("audience items written").isEqualTo(3);
        assertThat(gmv.brand(OPERATOR, world.brand(), world.period())).isEqualTo(before);
        assertThat(gmv.brand(OPERATOR, world.otherBrand(), world.period()).sessions()).isEqualTo(1);
        assertThat(JobDrain.run(backfill, leases, clock.instant())).as("done: one read").isZero();
    }
}
