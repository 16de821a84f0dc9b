package com.alliance.bench;

import com.alliance.analytics.AudienceRepository;
import com.alliance.analytics.LiveSession;
import com.alliance.analytics.LiveSessionRepository;
import com.alliance.analytics.SessionReach;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.catalog.ProductRepository;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.functions.BackgroundJobs;
import com.alliance.jobs.Deadline;
import com.alliance.orders.OrderRepository;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.ShardLeases;
import com.alliance.orders.StoredOrder;
import com.alliance.functions.Settings;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.local.SqsPoller;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.orders.InvalidEventException;
import com.alliance.orders.OrderCounts;
import com.alliance.orders.OrderEventParser;
import com.alliance.orders.OrderPaid;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Tables;
import com.alliance.persistence.CapacityMeter;
import com.alliance.risk.RiskSettings;
import com.alliance.settlement.Balance;
import com.alliance.settlement.FinanceReports;
import com.alliance.settlement.Reconciliation;
import com.alliance.settlement.SettlementRepository;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Exactly-once under faults. A seeded stream of order lifecycles (with poison messages among them)
 * is first applied once, in order, without faults ("clean pass"); then the same stream under other
 * ids is sent to ElasticMQ with every event 1 to 3 times, shuffled within windows, and drained by
 * consumers running the real {@link SqsPoller} and {@link OrderEventsFunction} on a DynamoDB client
 * whose calls fail by {@link FaultInjector}: throttling, executed writes whose answer is lost,
 * outages that outlast the SDK's retries, transaction conflicts, and consumers killed between two
 * DynamoDB calls in the middle of a batch (a supervisor starts a new one; the batch comes back after
 * the visibility timeout). When the queue and everything in flight are empty it checks:
 * <ol>
 *   <li>every order's position (account, party, state → fen) equals the clean pass's, and so does
 *       every party's balance by state;</li>
 *   <li>reconciliation of the whole ledger is balanced: zero drift;</li>
 *   <li>no message is lost: the queue is empty, and the dead-letter queue holds exactly the poison
 *       deliveries, each with the reason it can never apply, and nothing else;</li>
 *   <li>the brand's audience, joined from the stream through the same faults, is exactly the sessions that took
 *       its orders, with the figures of the report that stands.</li>
 * </ol>
 * It prints its figures and exits 1 if any check fails.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.FaultInjectionHarness [--orders 4000] [--seed 42] [--consumers 8]</pre>
 */
public final class FaultInjectionHarness {

    private static final String CONSUMER_THREAD = "sqs-poller";

    private FaultInjectionHarness() {
    }

    /** How big, how faulty. */
    public record Options(int orders, long seed, int consumers, int window, int visibilitySeconds,
                          double throttle, double lostResponse, double outage, double conflict, int killEvery) {

        public static Options defaults() {
            return new Options(4_000, 42, 8, 200, 6, 0.02, 0.01, 0.0005, 0.02, 1_500);
        }

        public Options withOrders(int n) {
            return new Options(n, seed, consumers, window, visibilitySeconds, throttle, lostResponse, outage, conflict, killEvery);
        }

        public Options withSeed(long s) {
            return new Options(orders, s, consumers, window, visibilitySeconds, throttle, lostResponse, outage, conflict, killEvery);
        }

        public Options withConsumers(int c) {
            return new Options(orders, seed, c, window, visibilitySeconds, throttle, lostResponse, outage, conflict, killEvery);
        }

        public Options withKillEvery(int calls) {
            return new Options(orders, seed, consumers, window, visibilitySeconds, throttle, lostResponse, outage, conflict, calls);
        }

        public Options withOutage(double rate) {
            return new Options(orders, seed, consumers, window, visibilitySeconds, throttle, lostResponse, rate, conflict, killEvery);
        }
    }

    /** What the run did and found; {@link #failures} is empty when every check passed. */
    public record Figures(int orders, int events, int poisonEvents, int deliveries, int poisonDeliveries,
                          long handlerReceives, long reportedFailures, long kills, long replacements,
                          long dynamoAttempts, long throttles, long lostResponses, long outages, long outageAttempts,
                          long conflicts, int dlqMessages, Map<String, Integer> dlqReasons,
                          long cleanPostings, long faultyPostings, long positionsCompared, long positionDrift,
                          long balancesCompared, long balanceDrift, long countsCompared, long countDrift,
                          long cleanHolds, long faultyHolds, long holdDrift,
                          Reconciliation.Report reconciliation,
                          double cleanSeconds, double drainSeconds, List<String> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }

        public long duplicates() {
            return deliveries - events;
        }

        public long injectedErrors() {
            return throttles + lostResponses + outageAttempts + conflicts;
        }

        /** Positions off the clean pass, plus every kind of drift reconciliation reports. */
        public long drift() {
            return positionDrift + balanceDrift + countDrift + holdDrift + reconciliation.unbalancedOrderCount() + reconciliation.runMismatchCount()
                    + reconciliation.cursorMismatchCount() + Math.abs(reconciliation.debitsFen() - reconciliation.creditsFen());
        }

        public String print() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%nFault-injection harness: ElasticMQ -> SqsPoller -> OrderEventsFunction -> DynamoDB Local, with faults%n"));
            out.append(String.format("  orders                 %,d%n", orders));
            out.append(String.format("  events                 %,d (%,d of them poison)%n", events, poisonEvents));
            out.append(String.format("  deliveries             %,d sent (%,d duplicates: each event 1-3 times, shuffled within windows)%n",
                    deliveries, duplicates()));
            out.append(String.format("  handler receives       %,d (redeliveries after kills and failures included); %,d reported failed%n",
                    handlerReceives, reportedFailures));
            out.append(String.format("  consumers killed       %,d mid-batch (%,d replacements started)%n", kills, replacements));
            out.append(String.format("  injected errors        %,d in %,d DynamoDB attempts: %,d throttled, %,d lost responses of executed calls,"
                    + " %,d transaction conflicts, %,d outages (%,d attempts) past the SDK's retries%n",
                    injectedErrors(), dynamoAttempts, throttles, lostResponses, conflicts, outages, outageAttempts));
            out.append(String.format("  dead-letter queue      %,d messages (poison deliveries sent: %,d); reasons: %s%n",
                    dlqMessages, poisonDeliveries, dlqReasons));
            out.append(String.format("  ledger                 %,d postings clean pass, %,d faulty run (postings may differ: the position must not)%n",
                    cleanPostings, faultyPostings));
            out.append(String.format("  positions vs clean     %,d compared, %,d differ; party balances by state: %,d compared, %,d differ%n",
                    positionsCompared, positionDrift, balancesCompared, balanceDrift));
            out.append(String.format("  running counts         %,d brand, host, product and report-hour counters compared (each must be twice the clean pass's), %,d differ%n",
                    countsCompared, countDrift));
            out.append(String.format("  risk holds             %,d orders held clean pass, %,d faulty run (every rule on), %,d orders decided differently%n",
                    cleanHolds, faultyHolds, holdDrift));
            out.append(String.format("  reconciliation         %s%n", reconciliation.summary()));
            out.append(String.format("  drift                  %,d%n", drift()));
            out.append(String.format("  clean pass             %.1f s%n", cleanSeconds));
            out.append(String.format("  faulty drain           %.1f s -> %,.0f events/s, %,.0f deliveries/s%n",
                    drainSeconds, events / drainSeconds, deliveries / drainSeconds));
            out.append(failures.isEmpty() ? "  RESULT                 every check passed\n"
                    : "  RESULT                 FAILED:\n    - " + String.join("\n    - ", failures) + "\n");
            return out.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        Options d = Options.defaults();
        Flags flags = Flags.parse("FaultInjectionHarness", "The ingestion path under DynamoDB faults and consumers killed mid-batch,"
                        + " against a clean pass: positions, balances, counts and holds must match, drift 0.", args,
                new Flags.Flag("--orders", d.orders(), 1, "orders, each a stream of events with duplicates"),
                new Flags.Flag("--seed", d.seed(), Long.MIN_VALUE, "random seed of the streams and faults"),
                new Flags.Flag("--consumers", d.consumers(), 1, "pollers draining the queue"),
                new Flags.Flag("--kill-every", d.killEvery(), 1, "deliveries between consumer kills"));
        Options options = d.withOrders(flags.intValue("--orders")).withSeed(flags.longValue("--seed"))
                .withConsumers(flags.intValue("--consumers")).withKillEvery(flags.intValue("--kill-every"));
        Figures figures = run(options);
        System.out.print(figures.print());
        System.exit(figures.passed() ? 0 : 1);
    }

    public static Figures run(Options options) throws Exception {
        // the handler logs every refusal and every failed attempt; the figures count them instead
        Configurator.setLevel(OrderEventsFunction.class.getName(), Level.OFF);
        // DynamoDB Local logs every cancelled transaction (each duplicate delivery is one)
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        FaultInjector faults = new FaultInjector(new FaultInjector.Rates(options.throttle(), options.lostResponse(),
                options.outage(), options.conflict(), options.killEvery()), options.seed(), CONSUMER_THREAD);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs queues = EmbeddedSqs.start(0);
             DynamoDbClient clean = AwsClients.dynamoDb(dynamo.endpoint());
             DynamoDbClient faulty = interceptedClient(dynamo.endpoint(), faults);
             SqsClient sqs = AwsClients.sqs(queues.endpoint())) {
            Provisioning.createTables(clean);
            String queueUrl = Provisioning.createQueues(sqs, "order-events-faults", "order-events-faults-dlq",
                    options.visibilitySeconds());
            String dlqUrl = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName("order-events-faults-dlq").build()).queueUrl();

            // every fake-order rule on, as users run them: the rules that count other orders decide at the review,
            // once their windows have closed, so the faulty run must hold exactly what the clean pass holds
            Settings settings = Settings.fromEnvironment().withRisk(RiskSettings.defaults());
            Clock clock = Clock.systemUTC();
            Clients cleanClients = new Clients(clean, sqs, clock, settings);
            IngestionBenchmark.Catalog catalog = IngestionBenchmark.Catalog.seed(cleanClients);
            OrderStream stream = new OrderStream(catalog.brandId(), catalog.products(), catalog.hosts(),
                    Instant.now().minus(Duration.ofDays(20)), options.seed(), options.orders());

            // 1. the clean pass: every event once, each order's events in order, no faults
            List<OrderStream.Order> cleanOrders = stream.orders("c-");
            long cleanStart = System.nanoTime();
            cleanPass(new OrderEventsFunction(cleanClients), cleanOrders, options.consumers());
            double cleanSeconds = seconds(cleanStart);
            System.out.printf("fault-injection: clean pass of %,d orders done in %.1f s%n", cleanOrders.size(), cleanSeconds);
            try (DynamoDbStreamPoller cleanFold = DynamoDbStreamPoller.onDemand(clean, dynamo.endpoint(),
                    Tables.ORDERS.tableName(), new RunningCountsFunction(cleanClients), Functions.RUNNING_COUNTS_ID)) {
                cleanFold.drain(Duration.ofMinutes(10));
            }
            CountersRepository counters = new CountersRepository(clean);
            Map<String, Long> cleanCounts = runningCounts(counters, catalog);

            // 2. the faulty run: the same stream under other ids, 1-3 copies of each, shuffled within windows
            List<OrderStream.Order> faultyOrders = stream.orders("f-");
            Random random = new Random(options.seed());
            List<OrderStream.Event> deliveries = new ArrayList<>();
            Set<String> poisonBodies = new HashSet<>();
            int events = 0;
            int poisonEvents = 0;
            int poisonDeliveries = 0;
            for (OrderStream.Order order : faultyOrders) {
                for (OrderStream.Event event : order.events()) {
                    events++;
                    int copies = 1 + random.nextInt(3);
                    if (event.poison()) {
                        poisonEvents++;
                        poisonDeliveries += copies;
                        poisonBodies.add(event.body());
                    }
                    for (int c = 0; c < copies; c++) {
                        deliveries.add(event);
                    }
                }
            }
            for (int from = 0; from < deliveries.size(); from += options.window()) {
                Collections.shuffle(deliveries.subList(from, Math.min(from + options.window(), deliveries.size())), random);
            }
            send(sqs, queueUrl, deliveries);
            System.out.printf("fault-injection: %,d deliveries of %,d events sent; draining with faults%n", deliveries.size(), events);

            Clients faultyClients = new Clients(faulty, sqs, clock, settings);
            CountingHandler handler = new CountingHandler(new OrderEventsFunction(faultyClients));
            List<SqsPoller> consumers = new ArrayList<>();
            long replacements = 0;
            faults.enable();
            long drainStart = System.nanoTime();
            // the running counts are folded from the stream while the events apply, through the same faults; it
            // reads the stream from its start again, so the clean pass's records must fold to nothing a second time
            DynamoDbStreamPoller faultyFold = DynamoDbStreamPoller.polling(faulty, dynamo.endpoint(),
                    Tables.ORDERS.tableName(), new RunningCountsFunction(faultyClients), Functions.RUNNING_COUNTS_ID,
                    Duration.ofMillis(200));
            try {
                for (int c = 0; c < options.consumers(); c++) {
                    consumers.add(new SqsPoller(sqs, queueUrl, handler, "OrderEventsFunction", 1));
                }
                int emptyChecks = 0;
                long lastReport = System.nanoTime();
                while (emptyChecks < 3) {
                    Thread.sleep(300);
                    // the supervisor: a killed consumer is replaced, as Lambda starts a new environment
                    while (replacements < faults.kills()) {
                        consumers.add(new SqsPoller(sqs, queueUrl, handler, "OrderEventsFunction", 1));
                        replacements++;
                    }
                    int left = messagesLeft(sqs, queueUrl);
                    emptyChecks = left == 0 ? emptyChecks + 1 : 0;
                    if (System.nanoTime() - lastReport > 30_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("fault-injection: %.0f s, %,d messages left, %,d handed to the handler, %,d kills, %,d injected errors%n",
                                seconds(drainStart), left, handler.receives.get(), faults.kills(), faults.injectedErrors());
                    }
                }
                consumers.forEach(SqsPoller::close);
                faultyFold.drain(Duration.ofMinutes(10));
            } finally {
                faults.disable();
                consumers.forEach(SqsPoller::close);
                faultyFold.close();
            }
            double drainSeconds = seconds(drainStart);
            System.out.printf("fault-injection: stream fold read %,d records, %,d batches read again after a failure%n",
                    faultyFold.recordCount(), faultyFold.retryCount());

            // 3. the checks, on the clean client
            List<String> failures = new ArrayList<>();
            // the faulty run's orders add to the same hosts and products as the clean pass's: exactly once
            // each, they double every running count (sales, refunds, holds), whatever the faults
            Map<String, Long> doubled = new TreeMap<>();
            cleanCounts.forEach((counter, value) -> doubled.put(counter, 2 * value));
            long countDrift = differences(doubled, runningCounts(counters, catalog), "running count (twice the clean pass's)",
                    failures);
            if (cleanCounts.values().stream().allMatch(value -> value == 0)) {
                failures.add("the clean pass counted nothing: there is nothing to compare");
            }

            // 4. the deferred fake-order rules decide, once every window has closed: both passes' orders are in the
            // same hosts' windows, so an order and its twin must be held alike, for the same rules
            reviewAll(cleanClients, clean, dynamo.endpoint());
            OrderRepository orderStore = new OrderRepository(clean, new LedgerRepository(clean), new CapacityMeter(),
                    settings.afterSale());
            long[] holds = new long[3];
            for (OrderStream.Order order : cleanOrders) {
                StoredOrder c = orderStore.load("c-o" + order.index());
                StoredOrder f = orderStore.load("f-o" + order.index());
                holds[0] += c.state().held() ? 1 : 0;
                holds[1] += f.state().held() ? 1 : 0;
                if (c.state().held() != f.state().held() || !c.riskRules().equals(f.riskRules())) {
                    holds[2]++;
                    failures.add("order " + order.index() + " held " + c.riskRules() + " in the clean pass, "
                            + f.riskRules() + " in the faulty run");
                }
            }

            audienceAsJoined(clean, orderStore, cleanOrders, catalog, failures);

            LedgerRepository ledger = new LedgerRepository(clean);
            Map<String, Long> cleanPositions = new TreeMap<>();
            Map<String, Long> faultyPositions = new TreeMap<>();
            Map<String, Long> cleanBalances = new TreeMap<>();
            Map<String, Long> faultyBalances = new TreeMap<>();
            long[] postings = new long[2];
            ledger.forEachEntry(entry -> {
                Posting p = entry.posting();
                boolean isClean = p.orderId().startsWith("c-");
                String order = p.orderId().substring(2);
                String party = p.account().type() == AccountType.ORDER_CLEARING ? "(the order)" : p.account().party();
                String position = order + " " + p.account().type() + " " + party + " " + p.state();
                (isClean ? cleanPositions : faultyPositions).merge(position, p.amountFen(), Long::sum);
                if (p.account().type() != AccountType.ORDER_CLEARING) {
                    (isClean ? cleanBalances : faultyBalances).merge(p.account().type() + " " + party + " " + p.state(),
                            p.amountFen(), Long::sum);
                }
                postings[isClean ? 0 : 1]++;
            });
            long positionDrift = differences(cleanPositions, faultyPositions, "position", failures);
            long balanceDrift = differences(cleanBalances, faultyBalances, "balance", failures);
            if (cleanPositions.values().stream().allMatch(fen -> fen == 0)) {
                failures.add("the clean pass posted nothing: there is nothing to compare");
            }


            Reconciliation.Report report = new FinanceReports(ledger, new SettlementRepository(clean, ledger, new CapacityMeter()), clock,
                    Long.MAX_VALUE).reconcile(new Caller("fault-injection-harness", Role.FINANCE, "platform"));
            balancesAsSummed(ledger, clean, failures);
            if (!report.balanced()) {
                failures.add("reconciliation found drift: " + report.summary());
            }
            if (report.postings() != postings[0] + postings[1]) {
                failures.add("reconciliation read " + report.postings() + " postings of the ledger's " + (postings[0] + postings[1]));
            }

            if (handler.killedBatches.get() != faults.kills()) {
                failures.add(faults.kills() + " kills injected, but " + handler.killedBatches.get() + " stopped their consumer mid-batch");
            }
            if (messagesLeft(sqs, queueUrl) != 0) {
                failures.add("order-events is not empty after the drain");
            }
            Map<String, Integer> reasons = new TreeMap<>();
            List<Message> dead = drain(sqs, dlqUrl);
            ProductRepository products = new ProductRepository(clean);
            for (Message message : dead) {
                if (!poisonBodies.contains(message.body())) {
                    failures.add("a valid event reached the dead-letter queue: " + message.body());
                    continue;
                }
                Optional<String> reason = reasonNeverApplies(message.body(), products);
                if (reason.isEmpty()) {
                    failures.add("a dead-letter message without a reason it can never apply: " + message.body());
                } else {
                    reasons.merge(reason.get().replaceAll("[a-z]-o[0-9]+.*|p_missing", "…"), 1, Integer::sum);
                }
            }
            if (dead.size() != poisonDeliveries) {
                failures.add("the dead-letter queue holds " + dead.size() + " messages, " + poisonDeliveries + " poison deliveries were sent");
            }
            return new Figures(options.orders(), events, poisonEvents, deliveries.size(), poisonDeliveries,
                    handler.receives.get(), handler.failures.get(), faults.kills(), replacements,
                    faults.attempts(), faults.throttles(), faults.lostResponses(), faults.outages(), faults.outageAttempts(),
                    faults.conflicts(), dead.size(), reasons, postings[0], postings[1], cleanPositions.size(), positionDrift,
                    cleanBalances.size(), balanceDrift, cleanCounts.size(), countDrift, holds[0], holds[1], holds[2],
                    report, cleanSeconds, drainSeconds,
                    failures);
        }
    }

    /**
     * Every party's balance as the API answers it equals the sum of its postings: read a day later, when every
     * bucket is settled, once to checkpoint the history and once more from the checkpoints.
     */
    private static void balancesAsSummed(LedgerRepository ledger, DynamoDbClient client, List<String> failures) {
        Map<String, Map<PostingState, Long>> summed = new TreeMap<>();
        ledger.forEachEntry(entry -> {
            Posting p = entry.posting();
            if (p.account().type() != AccountType.ORDER_CLEARING) {
                summed.computeIfAbsent(p.account().party(), party -> new TreeMap<>()).merge(p.state(), p.amountFen(), Long::sum);
            }
        });
        FinanceReports later = new FinanceReports(ledger, new SettlementRepository(client, ledger, new CapacityMeter()),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
        Caller finance = new Caller("fault-injection-harness", Role.FINANCE, "platform");
        int read = 0;
        for (Map.Entry<String, Map<PostingState, Long>> party : summed.entrySet()) {
            Balance expected = Balance.of(party.getKey(), party.getValue());
            for (String pass : List.of("checkpointing", "from checkpoints")) {
                Balance answered = later.balance(finance, Optional.of(party.getKey()));
                if (!answered.equals(expected)) {
                    failures.add("the balance of " + party.getKey() + " (" + pass + ") is " + answered + ", its postings sum to " + expected);
                }
                read++;
            }
        }
        System.out.printf("fault-injection: %,d balance reads of %,d parties equal the sums of their postings, checkpointed and not%n",
                read - failures.stream().filter(f -> f.startsWith("the balance of")).count(), summed.size());
    }

    /**
     * The brand's audience items are exactly its sessions in whose hours their host took an order of it
     * ({@link SessionReach}), each with the figures of the report that stands: the session items hold those, and
     * the faulty run's twin orders took theirs in the same hours, so whatever the faults the join must end here.
     */
    private static void audienceAsJoined(DynamoDbClient client, OrderRepository orders, List<OrderStream.Order> cleanOrders,
                                         IngestionBenchmark.Catalog catalog, List<String> failures) {
        Set<List<String>> ordered = new HashSet<>();
        for (OrderStream.Order order : cleanOrders) {
            orders.load("c-o" + order.index()).state().payment().ifPresent(payment -> ordered.add(
                    List.of(payment.paid().hostId(), ReportHours.hourOf(payment.paid().occurredAt()))));
        }
        LiveSessionRepository sessions = new LiveSessionRepository(client, new CapacityMeter());
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant to = Instant.now().plus(Duration.ofDays(1));
        Set<LiveSession> expected = new HashSet<>();
        for (String host : catalog.hosts()) {
            for (LiveSession session : sessions.sessions(host, from, to)) {
                if (ordered.stream().anyMatch(o -> o.get(0).equals(host)
                        && SessionReach.reaches(session.startedAt(), session.endedAt(), o.get(1)))) {
                    expected.add(session);
                }
            }
        }
        Set<LiveSession> joined = new HashSet<>(new AudienceRepository(client, new CapacityMeter())
                .audience(catalog.brandId(), from, to));
        if (expected.isEmpty()) {
            failures.add("no session took an order: there is no audience to compare");
        }
        if (!joined.equals(expected)) {
            Set<LiveSession> missing = new HashSet<>(expected);
            missing.removeAll(joined);
            Set<LiveSession> extra = new HashSet<>(joined);
            extra.removeAll(expected);
            failures.add("the brand's audience misses " + missing + " and has " + extra + " besides");
        }
        System.out.printf("fault-injection: the brand's audience holds %,d sessions, %s%n", joined.size(),
                joined.equals(expected) ? "each that took its orders, with the figures that stand" : "NOT those that took its orders");
    }

    /**
     * The running counts of every host and product of the catalog and of its brand ({@code OrderCounts}), by
     * counter; the revision, which counts the commits that changed anything and so depends on arrival order,
     * is left out.
     */
    private static Map<String, Long> runningCounts(CountersRepository counters, IngestionBenchmark.Catalog catalog) {
        Map<String, Long> counts = new TreeMap<>();
        counters.read(OrderCounts.Scope.BRAND_SERVICE, catalog.brandId())
                .forEach((name, value) -> counts.put("brand " + catalog.brandId() + " " + name, value));
        for (String host : catalog.hosts()) {
            counters.read(OrderCounts.Scope.HOST_STATS, host).forEach((name, value) -> counts.put("host " + host + " " + name, value));
        }
        for (String product : catalog.products()) {
            counters.read(OrderCounts.Scope.PRODUCT_SALES, product).forEach((name, value) -> counts.put("product " + product + " " + name, value));
        }
        // the report hours (ReportHours) of the brand and each host; the buyers are left out: the twin orders'
        // buyers are other ids
        ReportHoursRepository reports = new ReportHoursRepository(counters.dynamoDb(), new CapacityMeter());
        ReportHours.Hours always = ReportHours.hoursOf(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
        List<String> parties = new ArrayList<>();
        parties.add(ReportHours.party(false, catalog.brandId()));
        catalog.hosts().forEach(host -> parties.add(ReportHours.party(true, host)));
        for (String party : parties) {
            reports.hours(party, always).forEach((hour, item) -> item.counters().forEach((name, value) -> {
                if (!name.startsWith(ReportHours.BuyerSketch.PREFIX)) {
                    counts.put("report " + party + " " + hour + " " + name, value);
                }
            }));
        }
        counts.keySet().removeIf(counter -> counter.endsWith(" " + CountersRepository.REVISION));
        return counts;
    }

    /**
     * Runs the risk-review job as the schedule would, a year after the stream (every window closed), the stream
     * folded between runs (a decision waits for its room's orders to be classified and folded), until it is done.
     */
    private static void reviewAll(Clients clients, DynamoDbClient dynamoDb, URI endpoint) {
        JobDrain review = new JobDrain(new BackgroundJobs(clients), new ShardLeases(clients.dynamoDb()));
        Instant later = Instant.now().plus(Duration.ofDays(365));
        try (DynamoDbStreamPoller fold = DynamoDbStreamPoller.onDemand(dynamoDb, endpoint, Tables.ORDERS.tableName(),
                new RunningCountsFunction(clients), Functions.RUNNING_COUNTS_ID)) {
            for (int run = 0; run < 10; run++) {
                fold.drain(Duration.ofMinutes(10));
                if (review.dispatchOnce(JobCatalog.RISK_REVIEW, later) == 0) {
                    break;
                }
            }
            fold.drain(Duration.ofMinutes(10));
        }
    }

    /** The real client, as {@link AwsClients} builds it for a local endpoint, with an interceptor (faults, conflicts) in its chain. */
    static DynamoDbClient interceptedClient(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(List.of(interceptors)).build())
                .build();
    }

    /** Each order's events once and in order, orders spread over threads (they share no order). */
    private static void cleanPass(OrderEventsFunction function, List<OrderStream.Order> orders, int threads)
            throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = thread; i < orders.size(); i += threads) {
                    for (OrderStream.Event event : orders.get(i).events()) {
                        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                        message.setMessageId("clean-" + i);
                        message.setBody(event.body());
                        SQSEvent batch = new SQSEvent();
                        batch.setRecords(List.of(message));
                        int failed = function.handle(batch).getBatchItemFailures().size();
                        if (failed != (event.poison() ? 1 : 0)) {
                            throw new IllegalStateException("the clean pass did not apply " + event.body());
                        }
                    }
                }
            }, "clean-pass");
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Why a dead-lettered message can never apply, as the handler decides it; empty if it could. */
    private static Optional<String> reasonNeverApplies(String body, ProductRepository products) {
        try {
            if (OrderEventParser.parse(body) instanceof OrderPaid paid && products.find(paid.productId()).isEmpty()) {
                return Optional.of("productId: no product " + paid.productId());
            }
            return Optional.empty();
        } catch (InvalidEventException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static long differences(Map<String, Long> clean, Map<String, Long> faulty, String what, List<String> failures) {
        Set<String> keys = new HashSet<>(clean.keySet());
        keys.addAll(faulty.keySet());
        long differing = 0;
        for (String key : new java.util.TreeSet<>(keys)) {
            long expected = clean.getOrDefault(key, 0L);
            long found = faulty.getOrDefault(key, 0L);
            if (expected != found) {
                differing++;
                if (differing <= 10) {
                    failures.add(what + " " + key + ": clean pass " + expected + " fen, faulty run " + found + " fen");
                }
            }
        }
        return differing;
    }

    static int messagesLeft(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED).build()).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    static List<Message> drain(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> page = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl)
                    .maxNumberOfMessages(10).visibilityTimeout(600).waitTimeSeconds(0).build()).messages();
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
        }
    }

    private static void send(SqsClient sqs, String queueUrl, List<OrderStream.Event> deliveries) {
        for (int i = 0; i < deliveries.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, deliveries.size()); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j - i))
                        .messageBody(deliveries.get(j).body()).build());
            }
            sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
        }
    }

    /** The handler as the poller calls it, counting what it is handed and what it reports failed. */
    private static final class CountingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
        private final OrderEventsFunction function;
        private final AtomicLong receives = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong killedBatches = new AtomicLong();

        CountingHandler(OrderEventsFunction function) {
            this.function = function;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            receives.addAndGet(event.getRecords().size());
            SQSBatchResponse response;
            try {
                response = function.handleRequest(event, context);
            } catch (FaultInjector.ConsumerKilled killed) {
                killedBatches.incrementAndGet();     // reached the poller unchanged: its thread ends here
                throw killed;
            }
            failures.addAndGet(response.getBatchItemFailures().size());
            return response;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
