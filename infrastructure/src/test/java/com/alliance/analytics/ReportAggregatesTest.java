package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportDaysRepository;
import com.alliance.orders.ShippingSettings;
import com.alliance.orders.ShippingSla;
import com.alliance.orders.ShippingSlaService;
import com.alliance.persistence.CapacityMeter;
import com.alliance.functions.Settings;
import com.alliance.testing.FinanceDesk;
import com.alliance.testing.LocalStores;
import com.alliance.testing.MutableClock;
import com.alliance.testing.OrderEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SLA route and the GMV reports read day aggregates folded from the orders table's stream; on DynamoDB Local
 * they must answer exactly what reading every order of the period answers (the reports as they were), for periods
 * of whole days, of instants with partial edge days, shorter than a day, and from the beginning; and folding the
 * stream again from its start changes nothing.
 */
class ReportAggregatesTest {

    private static final Caller OPERATOR = new Caller("ops", Role.OPERATOR, "platform");

    private final LocalStores stores = LocalStores.get();
    private final MutableClock clock = FinanceDesk.nextClock();
    private final FinanceDesk desk = new FinanceDesk(stores, clock, Settings.defaults());
    private final CapacityMeter capacity = new CapacityMeter();
    private final OrderRepository orders = new OrderRepository(stores.dynamoDb(), new LedgerRepository(stores.dynamoDb()),
            capacity, Settings.defaults().afterSale());
    private final LiveSessionRepository sessions = new LiveSessionRepository(stores.dynamoDb(), capacity);
    private final ReportDaysRepository reports = new ReportDaysRepository(stores.dynamoDb(), capacity);
    private final GmvService gmv = new GmvService(orders, reports, sessions, id -> true, id -> true, clock);
    private final ShippingSlaService sla = new ShippingSlaService(orders, reports, new BrandRepository(stores.dynamoDb()), clock);
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final List<String> hosts = List.of(desk.marketplace.independentHost(), desk.marketplace.independentHost(),
            desk.marketplace.selfBroadcastHost(brandId));

    @Test
    void theReportsFromDayAggregatesAnswerWhatEveryOrderOfThePeriodAnswers() {
        hosts.forEach(host -> desk.marketplace.pick(host, productId));
        Instant now = clock.instant();
        Random random = new Random(14);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            // an order every 5 hours and some minutes over the last 12 days, buyers from a pool of 17 (repeat buyers)
            Instant paidAt = now.minus(Duration.ofHours(5L * i)).minus(Duration.ofMinutes(random.nextInt(300)));
            String order = "o-" + run + "-" + i;
            String host = hosts.get(random.nextInt(hosts.size()));
            long paidFen = 5_000 + 100L * random.nextInt(100);
            List<String> events = new ArrayList<>();
            events.add(Json.write(Json.object().put("eventId", order + "-paid").put("type", "ORDER_PAID")
                    .put("orderId", order).put("occurredAt", paidAt.toString()).put("productId", productId)
                    .put("hostId", host).put("buyerId", "buyer-" + run + "-" + random.nextInt(17)).put("quantity", 1)
                    .put("paidFen", paidFen)));
            int fate = random.nextInt(7);
            Instant then = paidAt.plus(Duration.ofHours(fate == 1 ? 90 : 2));
            if (then.isBefore(now)) {
                switch (fate) {
                    case 0, 1 -> events.add(OrderEvents.milestone("ORDER_SHIPPED", order, then));
                    case 2 -> events.add(OrderEvents.refunded(order, then, 1_000));
                    case 3 -> events.add(OrderEvents.refunded(order, then, paidFen));
                    case 4 -> events.add(OrderEvents.milestone("ORDER_CANCELLED", order, then));
                    default -> {
                        // unshipped: open, or late once its promise and the grace pass
                    }
                }
            }
            desk.deliver(events.toArray(String[]::new));
        }
        for (int i = 0; i < 12; i++) {
            String host = hosts.get(i % hosts.size());
            Instant startedAt = now.minus(Duration.ofHours(23L * i + 2));
            for (int report = 1; report <= 2; report++) {
                desk.deliver(Json.write(Json.object().put("eventId", "s-" + run + "-" + i + "-" + report)
                        .put("type", "LIVE_SESSION_STATS").put("orderId", "session-" + run + "-" + i)
                        .put("occurredAt", startedAt.plus(Duration.ofHours(report)).toString()).put("hostId", host)
                        .put("sessionId", "live-" + run + "-" + i).put("privateUv", 100L * report + i)
                        .put("publicUv", 300L * report).put("watchMinutes", 1_000L * report + i)
                        .put("startedAt", startedAt.toString())
                        .put("endedAt", startedAt.plus(Duration.ofHours(report)).toString())));
            }
        }
        clock.advance(ShippingSettings.DEFAULT_GRACE);
        desk.runJobs();   // records the violations of the late and the unshipped past their promise
        desk.runJobs();
        // two unshipped orders whose 48-hour promise falls due in the hour now is in: one a second ago (late, its
        // violation not recorded yet), one in a second (still open); the SLA tells them apart one by one
        for (long offset : new long[] {-1, 1}) {
            Instant paidAt = clock.instant().minus(Duration.ofHours(48)).plusSeconds(offset);
            desk.deliver(Json.write(Json.object().put("eventId", run + "-due" + offset).put("type", "ORDER_PAID")
                    .put("orderId", "o-" + run + "-due" + offset).put("occurredAt", paidAt.toString())
                    .put("productId", productId).put("hostId", hosts.get(0)).put("buyerId", "buyer-" + run + "-due")
                    .put("quantity", 1).put("paidFen", 8_000)));
        }
        stores.foldRunningCounts();

        assertSameAnswers();

        stores.foldRunningCounts();
        assertSameAnswers();
    }

    private void assertSameAnswers() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Period.DAY_ZONE);
        List<Period> periods = List.of(
                gmv.period(Optional.of(today.minusDays(10).toString()), Optional.of(today.toString())),
                gmv.period(Optional.of(today.minusDays(5).toString()), Optional.of(today.minusDays(2).toString())),
                new Period(now.minus(Duration.ofDays(9)).minusSeconds(1_234), now.minus(Duration.ofHours(7))),
                new Period(now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(9))),
                new Period(now.minus(Duration.ofHours(11)), now.plusSeconds(1)),
                gmv.period(Optional.empty(), Optional.empty()));
        for (Period period : periods) {
            for (String host : hosts) {
                assertThat(gmv.host(OPERATOR, host, period)).as("host %s over %s", host, period)
                        .isEqualTo(hostByOrders(host, period));
            }
            assertThat(gmv.brand(OPERATOR, brandId, period)).as("brand over %s", period)
                    .isEqualTo(brandByOrders(period));
            if (Duration.between(period.from(), period.to()).compareTo(ShippingSlaService.MAX_WINDOW) <= 0) {
                ShippingSla fromDays = sla.report(OPERATOR, brandId, Optional.of(period.from().toString()),
                        Optional.of(period.to().toString()), Optional.empty(), 200);
                assertThat(fromDays).as("SLA over %s", period).isEqualTo(ShippingSla.of(brandId, period.from(),
                        period.to(), now, orders.promisesBetween(brandId, period.from(), period.to()), Optional.empty(), 200));
                assertThat(fromDays.paidOrders()).isPositive();
            }
        }
        ShippingSla all = sla.report(OPERATOR, brandId, Optional.of(today.minusDays(13).toString()),
                Optional.of(today.toString()), Optional.empty(), 200);
        assertThat(all.violationCount()).as("the data set has violations").isPositive();
        assertThat(all.open()).as("and open promises").isPositive();
        assertThat(all.shippedOnTime()).isPositive();
    }

    /** The host's report as it was: every order of the period from gsi4, every session. */
    private GmvReport hostByOrders(String host, Period period) {
        return GmvReport.of(period.from(), period.to(),
                GmvReport.tally(orders.paidByHost(host, period.from(), period.to()), period.from(), period.to()),
                List.of(host), sessions.sessions(host, period.from(), period.to()));
    }

    /** The brand's report as it was: every order of the period from gsi1, every session of each host that sold. */
    private GmvReport brandByOrders(Period period) {
        GmvReport.Tally tally = GmvReport.tally(orders.paidByBrand(brandId, period.from(), period.to()),
                period.from(), period.to());
        List<LiveSession> reach = new ArrayList<>();
        tally.hosts().forEach(host -> reach.addAll(sessions.sessions(host, period.from(), period.to())));
        return GmvReport.of(period.from(), period.to(), tally, tally.hosts(), reach);
    }
}
