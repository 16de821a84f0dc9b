package com.alliance.bench;

import com.alliance.analytics.AudienceRepository;
import com.alliance.analytics.GmvService;
import com.alliance.analytics.LiveSessionRepository;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.functions.Settings;
import com.alliance.json.Json;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.orders.ShippingSlaService;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Tables;
import com.alliance.risk.RiskSettings;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the SLA route and the two GMV reports read as a brand's and a host's history grows, on DynamoDB Local in
 * memory: orders go through the real order-events handler (every fake-order rule on), the orders table's stream is
 * folded by the real running-counts function, then each report is read over the same 30 whole days, and over the
 * last 30 days up to now (widened to whole hours), and, for comparison, what reading every order of the period
 * costs (the brand's paid-orders index, gsi1, as the reports read before the report hours). Prints the
 * median and 90th percentile time of {@code --samples} reads and the read units one read consumed
 * (ReturnConsumedCapacity on every Query).
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.ReportReadBenchmark [--small 200] [--large 2000]
 *       [--days 30] [--live-hours 24] [--samples 10]
 * </pre>
 *
 * With {@code --live-hours 2} the orders are paid from 20:00 to 22:00 Beijing time each day, as a live room sells:
 * few hours, each holding many orders.
 *
 * <pre>
 * </pre>
 */
public final class ReportReadBenchmark {

    private static final Caller OPERATOR = new Caller("bench", Role.OPERATOR, "platform");

    private ReportReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("ReportReadBenchmark", "Read units and time of the SLA route and the GMV reports "
                        + "of one brand and its busiest host at two sizes of history.", args,
                new Flags.Flag("--small", 200, 1, "orders of the first history"),
                new Flags.Flag("--large", 2_000, 1, "orders of the grown history (the same days, denser)"),
                new Flags.Flag("--days", 30, 1, "days of history"),
                new Flags.Flag("--live-hours", 24, 1, "hours a day orders are paid in (24: all day; less: from 20:00 Beijing time)"),
                new Flags.Flag("--samples", 10, 1, "timed reads per figure"));
        int small = flags.intValue("--small");
        int large = Math.max(small, flags.intValue("--large"));
        int samples = flags.intValue("--samples");
        Duration history = Duration.ofDays(flags.intValue("--days"));
        int liveHours = Math.min(24, flags.intValue("--live-hours"));
        Configurator.setLevel(OrderEventsFunction.class.getName(), Level.OFF);
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        System.out.printf("report read benchmark: %d then %d orders over %d days, %d samples per read, DynamoDB Local "
                + "in memory, orders paid %d h a day%n", small, large, history.toDays(), samples, liveHours);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs queues = EmbeddedSqs.start(0);
             DynamoDbClient plain = AwsClients.dynamoDb(dynamo.endpoint());
             SqsClient sqs = AwsClients.sqs(queues.endpoint())) {
            Provisioning.createTables(plain);
            Settings settings = Settings.fromEnvironment().withRisk(RiskSettings.defaults());
            Clock clock = Clock.systemUTC();
            Clients clients = new Clients(plain, sqs, clock, settings);
            IngestionBenchmark.Catalog catalog = IngestionBenchmark.Catalog.seed(clients);
            LedgerReadBenchmark.ReadMeter meter = new LedgerReadBenchmark.ReadMeter();
            DynamoDbClient metered = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), meter);
            CapacityMeter capacity = new CapacityMeter();
            OrderRepository orders = new OrderRepository(metered, new LedgerRepository(metered), capacity, settings.afterSale());
            LiveSessionRepository sessions = new LiveSessionRepository(metered, capacity);
            ReportHoursRepository reports = new ReportHoursRepository(metered, capacity);
            GmvService gmv = new GmvService(reports, sessions, new AudienceRepository(metered, capacity), id -> true, id -> true, clock);
            ShippingSlaService sla = new ShippingSlaService(orders, reports, new BrandRepository(metered), clock);
            OrderEventsFunction events = new OrderEventsFunction(clients);

            String brand = catalog.brandId();
            String host = catalog.hosts().get(0);
            // the history ends three days ago, so every shipment and refund of it is in the past
            Instant end = LocalDate.now(Period.DAY_ZONE).minusDays(3).atStartOfDay(Period.DAY_ZONE).toInstant();
            Instant start = end.minus(history);
            sessions(events, catalog.hosts(), start, history.toDays());
            int seeded = 0;
            for (int size : List.of(small, large)) {
                long begin = System.nanoTime();
                for (int i = seeded; i < size; i++) {
                    order(events, catalog, i, start, large, history, liveHours);
                }
                seeded = size;
                try (DynamoDbStreamPoller fold = DynamoDbStreamPoller.onDemand(plain, dynamo.endpoint(),
                        Tables.ORDERS.tableName(), new RunningCountsFunction(clients), Functions.RUNNING_COUNTS_ID)) {
                    fold.drain(Duration.ofMinutes(10));
                }
                System.out.printf("%,d orders seeded and folded in %.1f s%n", size, (System.nanoTime() - begin) / 1e9);
                Period days = new Period(start, end);
                Period recent = new Period(clock.instant().minus(Duration.ofDays(30)), clock.instant());
                for (var period : List.of(days, recent)) {
                    String label = (period == days ? history.toDays() + " whole days" : "30 days to now") + " @" + size;
                    time("SLA route, " + label, samples, meter, () -> sla.report(OPERATOR, brand,
                            Optional.of(period.from().toString()), Optional.of(period.to().toString()), Optional.empty(), 50).paidOrders());
                    time("host GMV, " + label, samples, meter, () -> (int) gmv.host(OPERATOR, host, period).decomposition().orders());
                    time("brand GMV, " + label, samples, meter, () -> (int) gmv.brand(OPERATOR, brand, period).decomposition().orders());
                }
                time("brand's every order, " + history.toDays() + " whole days @" + size, samples, meter,
                        () -> orders.paidBetween(brand, days.from(), days.to()).size());
            }
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    /** One session a day for each of the first ten hosts over the history. */
    private static void sessions(OrderEventsFunction events, List<String> hosts, Instant start, long days) {
        for (int day = 0; day < days; day++) {
            for (int h = 0; h < Math.min(10, hosts.size()); h++) {
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(12));
                deliver(events, Json.write(Json.object().put("eventId", "s-" + day + "-" + h).put("type", "LIVE_SESSION_STATS")
                        .put("orderId", "session-" + day + "-" + h).put("occurredAt", at.plus(Duration.ofHours(2)).toString())
                        .put("hostId", hosts.get(h)).put("sessionId", "live-" + day).put("privateUv", 500).put("publicUv", 2_000)
                        .put("watchMinutes", 9_000).put("startedAt", at.toString())
                        .put("endedAt", at.plus(Duration.ofHours(2)).toString())));
            }
        }
    }

    /**
     * Order i of the largest history, spread evenly over the 30 days: half sold by the busiest host, the rest by
     * the others; buyers mostly new, every fifth a repeat; shipped on time, every tenth late, every twentieth refunded.
     */
    private static void order(OrderEventsFunction events, IngestionBenchmark.Catalog catalog, int i, Instant start, int largest,
                              Duration history, int liveHours) {
        // the grown history fills in between the first one's orders: order i sits at slot i × stride modulo the
        // history's selling time, liveHours a day (from 20:00 Beijing time unless all day)
        long slot = (long) i * 7_919 % largest;
        Duration window = Duration.ofHours(liveHours);
        Duration at = window.multipliedBy(history.toDays()).multipliedBy(slot).dividedBy(largest);
        long day = at.toSeconds() / window.toSeconds();
        Instant paidAt = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(liveHours == 24 ? 0 : 20))
                .plusSeconds(at.toSeconds() % window.toSeconds());
        String orderId = "o-bench-" + i;
        String host = i % 2 == 0 ? catalog.hosts().get(0) : catalog.hosts().get(1 + i % (catalog.hosts().size() - 1));
        String product = catalog.products().get(i % catalog.products().size());
        String buyer = "u_" + (i % 5 == 4 ? i - 1 : i) + "x";
        List<String> bodies = new ArrayList<>();
        bodies.add(Json.write(Json.object().put("eventId", orderId + "-paid").put("type", "ORDER_PAID").put("orderId", orderId)
                .put("occurredAt", paidAt.toString()).put("productId", product).put("hostId", host).put("buyerId", buyer)
                .put("quantity", 1).put("paidFen", 9_900)));
        bodies.add(Json.write(Json.object().put("eventId", orderId + "-shipped").put("type", "ORDER_SHIPPED")
                .put("orderId", orderId).put("occurredAt", paidAt.plus(Duration.ofHours(i % 10 == 0 ? 60 : 5)).toString())));
        if (i % 20 == 3) {
            bodies.add(Json.write(Json.object().put("eventId", orderId + "-refund").put("type", "ORDER_REFUNDED")
                    .put("orderId", orderId).put("occurredAt", paidAt.plus(Duration.ofHours(8)).toString()).put("refundFen", 2_000)));
        }
        deliver(events, bodies.toArray(String[]::new));
    }

    private static void deliver(OrderEventsFunction events, String... bodies) {
        for (String body : bodies) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m");
            message.setBody(body);
            SQSEvent batch = new SQSEvent();
            batch.setRecords(List.of(message));
            if (!events.handle(batch).getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("not applied: " + body);
            }
        }
    }

    private static void time(String what, int samples, LedgerReadBenchmark.ReadMeter meter, Supplier<Integer> read) {
        LedgerReadBenchmark.Timed t = meter.time(1, samples, read);
        System.out.printf("%-52s median %7.1f ms, p90 %7.1f ms, %8.1f RU in %,4d queries (%,d orders counted)%n", what,
                t.medianMs(), t.p90Ms(), t.units(), t.queries(), t.rows());
    }
}
