package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderState;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
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
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SLA route and the GMV reports read hour aggregates folded from the orders table's stream; on DynamoDB Local
 * they must answer what the orders' stored states add up to ({@code ReportHoursTest} proves that sum equals reading
 * every order), and a brand's audience what its sessions and orders say ({@link SessionReach}), for periods of
 * dates, of instants inside hours, shorter than a day, and from the beginning; folding the stream again from its
 * start changes nothing; and a flash sale's hour keeps its buyers as a sketch.
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
    private final ReportHoursRepository reports = new ReportHoursRepository(stores.dynamoDb(), capacity);
    private final GmvService gmv = new GmvService(reports, sessions, new AudienceRepository(stores.dynamoDb(), capacity), id -> true, id -> true, clock);
    private final ShippingSlaService sla = new ShippingSlaService(orders, reports, new BrandRepository(stores.dynamoDb()), clock);
    private final String brandId = desk.marketplace.brand();
    private final String productId = desk.marketplace.product(brandId, 2_000);
    private final List<String> hosts = List.of(desk.marketplace.independentHost(), desk.marketplace.independentHost(),
            desk.marketplace.selfBroadcastHost(brandId));

    private final List<String> orderIds = new ArrayList<>();

    @Test
    void theReportsFromHourAggregatesAnswerWhatTheOrdersAddUpTo() {
        hosts.forEach(host -> desk.marketplace.pick(host, productId));
        Instant now = clock.instant();
        Random random = new Random(14);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            // an order every 5 hours and some minutes over the last 12 days, buyers from a pool of 17 (repeat buyers)
            Instant paidAt = now.minus(Duration.ofHours(5L * i)).minus(Duration.ofMinutes(random.nextInt(300)));
            String order = "o-" + run + "-" + i;
            orderIds.add(order);
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
        // two unshipped orders whose 48-hour promise falls due around now: one an hour and a second ago (late, its
        // violation not recorded yet), one in a second (still open: its hour has not ended)
        for (long offset : new long[] {-3_601, 1}) {
            Instant paidAt = clock.instant().minus(Duration.ofHours(48)).plusSeconds(offset);
            desk.deliver(Json.write(Json.object().put("eventId", run + "-due" + offset).put("type", "ORDER_PAID")
                    .put("orderId", "o-" + run + "-due" + offset).put("occurredAt", paidAt.toString())
                    .put("productId", productId).put("hostId", hosts.get(0)).put("buyerId", "buyer-" + run + "-due")
                    .put("quantity", 1).put("paidFen", 8_000)));
            orderIds.add("o-" + run + "-due" + offset);
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
        SortedMap<OrderCounts.Counter, Long> counts = new TreeMap<>();
        List<OrderState> states = new ArrayList<>();
        for (String orderId : orderIds) {
            var stored = orders.load(orderId);
            states.add(stored.state());
            OrderCounts.of(stored).forEach((counter, value) -> {
                if (counter.scope() == OrderCounts.Scope.REPORT) {
                    counts.merge(counter, value, Long::sum);
                }
            });
        }
        for (Period period : periods) {
            ReportHours.Hours hours = ReportHours.hoursOf(period.from(), period.to());
            for (String host : hosts) {
                GmvReport report = gmv.host(OPERATOR, host, period);
                assertThat(report).as("host %s over %s", host, period).isEqualTo(GmvReport.of(hours.from(), hours.to(),
                        GmvReport.tally(hours(counts, ReportHours.party(true, host), hours), hours.from(), hours.to(),
                                List.of(host)), List.of(host), sessions.sessions(host, hours.from(), hours.to())));
            }
            List<String> sellers = new ArrayList<>(new TreeSet<>(counts.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && ReportHours.partitionOf(e.getKey().id()).equals(ReportHours.party(false, brandId)))
                    .map(e -> ReportHours.sortKeyOf(e.getKey().id()))
                    .filter(sk -> sk.startsWith(ReportHours.REACH_PREFIX)
                            && sk.compareTo(ReportHours.reachKey(hours.firstKey(), "")) >= 0
                            && sk.compareTo(ReportHours.reachKey(hours.lastKey(), "~")) < 0)
                    .map(sk -> sk.substring(sk.lastIndexOf('#') + 1)).toList()));
            // the brand's audience: the sessions in whose hours their host took an order of it, whatever its fate
            List<LiveSession> reach = new ArrayList<>();
            for (String host : hosts) {
                sessions.sessions(host, hours.from(), hours.to()).stream().filter(session -> states.stream()
                        .map(state -> state.payment().orElseThrow().paid())
                        .anyMatch(paid -> paid.hostId().equals(host) && SessionReach.reaches(session.startedAt(),
                                session.endedAt(), ReportHours.hourOf(paid.occurredAt()))))
                        .forEach(reach::add);
            }
            GmvReport brand = gmv.brand(OPERATOR, brandId, period);
            assertThat(brand).as("brand over %s", period).isEqualTo(GmvReport.of(hours.from(), hours.to(),
                    GmvReport.tally(hours(counts, ReportHours.party(false, brandId), hours), hours.from(), hours.to(),
                            sellers), sellers, reach));
            if (Duration.between(period.from(), period.to()).compareTo(ShippingSlaService.MAX_WINDOW) <= 0) {
                ShippingSla fromHours = sla.report(OPERATOR, brandId, Optional.of(period.from().toString()),
                        Optional.of(period.to().toString()), Optional.empty(), 200);
                List<String> violations = states.stream().filter(state -> state.late().isPresent())
                        .filter(state -> paidIn(state, hours))
                        .sorted(java.util.Comparator.comparing((OrderState state) -> state.payment().orElseThrow().paid().occurredAt()))
                        .map(OrderState::orderId).toList();
                assertThat(fromHours.violations()).extracting(ShippingSla.Violation::orderId).as("SLA over %s", period)
                        .containsExactlyElementsOf(violations);
                assertThat(fromHours).as("SLA over %s", period).isEqualTo(ShippingSla.of(brandId, hours.from(), hours.to(),
                        now, hours(counts, ReportHours.party(false, brandId), hours).stream()
                                .map(ReportHoursRepository.Hour::counters).toList(), fromHours.violations(), Optional.empty()));
                assertThat(fromHours.paidOrders()).isEqualTo((int) states.stream().filter(state -> paidIn(state, hours)).count());
            }
        }
        Period always = gmv.period(Optional.empty(), Optional.empty());
        int everySession = hosts.stream().mapToInt(host -> gmv.host(OPERATOR, host, always).sessions()).sum();
        assertThat(gmv.brand(OPERATOR, brandId, always).sessions())
                .as("the data set has sessions that took an order of the brand and sessions that took none")
                .isBetween(1, everySession - 1);
        ShippingSla all = sla.report(OPERATOR, brandId, Optional.of(today.minusDays(13).toString()),
                Optional.of(today.toString()), Optional.empty(), 200);
        assertThat(all.violationCount()).as("the data set has violations").isPositive();
        assertThat(all.open()).as("and open promises").isPositive();
        assertThat(all.shippedOnTime()).isPositive();
        ShippingSla page = sla.report(OPERATOR, brandId, Optional.of(today.minusDays(13).toString()),
                Optional.of(today.toString()), Optional.empty(), 1);
        ShippingSla next = sla.report(OPERATOR, brandId, Optional.of(today.minusDays(13).toString()),
                Optional.of(today.toString()), page.next(), 1);
        assertThat(List.of(page.violations().get(0), next.violations().get(0))).isEqualTo(all.violations().subList(0, 2));
    }

    private static boolean paidIn(OrderState state, ReportHours.Hours hours) {
        Instant paidAt = state.payment().orElseThrow().paid().occurredAt();
        return !paidAt.isBefore(hours.from()) && paidAt.isBefore(hours.to());
    }

    /** A party's hour items of the period, summed in memory from the orders' counts. */
    private static List<ReportHoursRepository.Hour> hours(SortedMap<OrderCounts.Counter, Long> counts, String party,
                                                          ReportHours.Hours period) {
        SortedMap<String, Map<String, Long>> items = new TreeMap<>();
        counts.forEach((counter, value) -> {
            String sk = ReportHours.sortKeyOf(counter.id());
            if (ReportHours.partitionOf(counter.id()).equals(party) && sk.startsWith(ReportHours.HOUR_PREFIX)) {
                String hour = sk.substring(ReportHours.HOUR_PREFIX.length());
                if (hour.compareTo(period.firstKey()) >= 0 && hour.compareTo(period.lastKey()) <= 0 && value != 0) {
                    items.computeIfAbsent(hour, h -> new TreeMap<>()).put(counter.name(), value);
                }
            }
        });
        return items.entrySet().stream().map(e -> new ReportHoursRepository.Hour(e.getKey(), e.getValue(), Optional.empty())).toList();
    }

    /**
     * A flash sale's hour: 300 buyers in one hour of one host. The fold keeps its buyers as a sketch, and the report
     * estimates them within three standard errors and says so; the other figures stay exact.
     */
    @Test
    void aFlashSaleHourKeepsItsBuyersAsASketchAndTheReportSaysTheyAreEstimated() {
        String host = hosts.get(0);
        desk.marketplace.pick(host, productId);
        Instant hour = clock.instant().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(Json.write(Json.object().put("eventId", run + "-" + i).put("type", "ORDER_PAID")
                    .put("orderId", "flash-" + run + "-" + i).put("occurredAt", hour.plusSeconds(10L * i).toString())
                    .put("productId", productId).put("hostId", host).put("buyerId", "fan-" + run + "-" + i)
                    .put("quantity", 1).put("paidFen", 1_000)));
        }
        desk.deliver(events.toArray(String[]::new));
        stores.foldRunningCounts();

        Period period = new Period(hour, hour.plus(Duration.ofHours(1)));
        GmvReport report = gmv.host(OPERATOR, host, period);
        assertThat(report.buyersEstimated()).isTrue();
        assertThat((double) report.decomposition().buyers()).isBetween(300 * 0.9, 300.0);
        assertThat(report.decomposition().orders()).isEqualTo(300);
        assertThat(report.gmvFen()).isEqualTo(300_000);
        var item = reports.hours(ReportHours.party(true, host), ReportHours.hoursOf(period.from(), period.to()));
        assertThat(item.values()).singleElement().satisfies(h -> {
            assertThat(h.sketch()).isPresent();
            assertThat(h.counters().keySet().stream().filter(name -> name.startsWith(ReportHours.BuyerSketch.PREFIX)))
                    .hasSizeLessThanOrEqualTo(ReportHours.BuyerSketch.EXACT_UP_TO);
        });

        stores.foldRunningCounts();
        assertThat(gmv.host(OPERATOR, host, period)).isEqualTo(report);
    }

    /**
     * An order written before the report hours (no {@code reportHours} mark: here the mark removed, which the fold
     * takes out of the hours as such an order never was in them) is brought in once by the backfill job: the report
     * counts it again, a second run finds nothing, and running the whole scan again marks nothing twice.
     */
    @Test
    void theBackfillBringsOrdersWrittenBeforeTheReportHoursInOnce() {
        LocalStores own = LocalStores.isolated();
        FinanceDesk ownDesk = new FinanceDesk(own, clock, Settings.defaults());
        GmvService ownGmv = new GmvService(new ReportHoursRepository(own.dynamoDb(), capacity),
                new LiveSessionRepository(own.dynamoDb(), capacity), new AudienceRepository(own.dynamoDb(), capacity), id -> true, id -> true, clock);
        String brand = ownDesk.marketplace.brand();
        String product = ownDesk.marketplace.product(brand, 2_000);
        String host = ownDesk.marketplace.independentHost();
        ownDesk.marketplace.pick(host, product);
        Instant paidAt = clock.instant().minus(Duration.ofDays(1));
        for (String order : List.of("old-1", "old-2", "new-1")) {
            ownDesk.deliver(Json.write(Json.object().put("eventId", order + "-paid").put("type", "ORDER_PAID")
                    .put("orderId", order).put("occurredAt", paidAt.toString()).put("productId", product)
                    .put("hostId", host).put("buyerId", "buyer-" + order).put("quantity", 1).put("paidFen", 5_000)));
        }
        own.foldRunningCounts();
        Period day = new Period(paidAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                paidAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        GmvReport before = ownGmv.host(OPERATOR, host, day);
        assertThat(before.decomposition().orders()).isEqualTo(3);

        for (String order : List.of("old-1", "old-2")) {
            own.dynamoDb().updateItem(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                    .tableName(com.alliance.persistence.Tables.ORDERS.tableName())
                    .key(com.alliance.persistence.Items.key("ORDER#" + order, "STATE"))
                    .updateExpression("REMOVE " + ReportHours.COUNTED).build());
        }
        own.foldRunningCounts();
        assertThat(ownGmv.host(OPERATOR, host, day).decomposition().orders()).as("as if written before").isEqualTo(1);

        com.alliance.orders.ReportHoursBackfillJob backfill = new com.alliance.orders.ReportHoursBackfillJob(own.dynamoDb());
        com.alliance.jobs.ShardLeases leases = new com.alliance.jobs.ShardLeases(own.dynamoDb());
        assertThat(com.alliance.jobs.JobDrain.run(backfill, leases, clock.instant())).isEqualTo(2);
        own.foldRunningCounts();
        assertThat(ownGmv.host(OPERATOR, host, day)).isEqualTo(before);
        assertThat(com.alliance.jobs.JobDrain.run(backfill, leases, clock.instant())).as("done: one read a segment").isZero();

        for (int segment = 0; segment < backfill.shards(); segment++) {
            own.dynamoDb().deleteItem(software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.builder()
                    .tableName(com.alliance.persistence.Tables.ORDERS.tableName())
                    .key(com.alliance.persistence.Items.key("JOB#report-hours-backfill", "CURSOR#" + segment)).build());
        }
        assertThat(com.alliance.jobs.JobDrain.run(backfill, leases, clock.instant())).as("a second scan marks nothing").isZero();
        own.foldRunningCounts();
        assertThat(ownGmv.host(OPERATOR, host, day)).isEqualTo(before);
    }
}
