package com.alliance.bench;

import com.alliance.brands.CreditCode;
import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.Functions;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.local.DynamoDbStreamPoller;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.local.TerminalLogging;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/**
 * A top host's flash sale against the whole marketplace, on DynamoDB's transaction conflicts. Two runs of the
 * same number of orders through ElasticMQ → the real {@link SqsPoller} → the real {@link OrderEventsFunction}
 * (default settings: every fake-order rule on) on an SDK client with the {@link TransactionConflictEmulator}:
 * <ul>
 *   <li><b>spread</b>: orders over many brands, products, hosts and buyers, each host selling what it picked;</li>
 *   <li><b>live room</b>: every order on one host, one product of one brand, each from a new buyer.</li>
 * </ul>
 * Each run sends every order's paid event, drains the queue, then the shipped events, then the received ones.
 * It prints each run's events/s, live room ÷ spread (goal ≥ 0.9), the emulated conflicts by item kind, the
 * valid events that reached the dead-letter queue (goal 0), a raw {@code TransactWriteItems} rate of the same
 * store, and the {@link CapacityModel} of a separate pass of each run with one consumer: write units per
 * partition key family, the hottest key and the ceiling it sets at 1 000 WU/s, and the units of an order's
 * lifecycle by item kind.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.FlashSaleBenchmark [--orders 3000] [--consumers 4] [--model-orders 500]</pre>
 */
public final class FlashSaleBenchmark {

    private static final List<String> PHASES = List.of("paid", "shipped", "received");
    private static final Map<String, String> OPERATOR = Map.of("sub", "bench", "role", "operator", "party", "platform");

    private FlashSaleBenchmark() {
    }

    /**
     * Something that runs beside the order consumers for the length of each run and pass, on the same
     * (instrumented) clients, e.g. a DynamoDB-stream poller folding running counts
     * ({@code com.alliance.local.DynamoDbStreamPoller}): started before a run's first event is sent,
     * closed after its last is handled. Plug it in with {@link Options#withBackground}.
     */
    @FunctionalInterface
    public interface BackgroundConsumer {
        AutoCloseable start(Clients clients) throws Exception;
    }

    /**
     * The running counts, folded from the orders table's stream as in AWS, on the run's own clients (so the
     * conflict emulator and the capacity model see the fold's writes too): read from the stream's end at the
     * run's start, and drained before the run's figures are taken.
     */
    /** As template.yaml's mapping (MaximumBatchingWindowInSeconds: 1): an idle fold waits a second for a batch. */
    static final Duration FOLD_BATCHING_WINDOW = Duration.ofSeconds(1);

    public static final BackgroundConsumer RUNNING_COUNTS = clients -> {
        URI endpoint = clients.dynamoDb().serviceClientConfiguration().endpointOverride().orElseThrow();
        DynamoDbStreamPoller fold = DynamoDbStreamPoller.pollingFromNow(clients.dynamoDb(), endpoint,
                Tables.ORDERS.tableName(), new RunningCountsFunction(clients), Functions.RUNNING_COUNTS_ID,
                FOLD_BATCHING_WINDOW);
        return () -> {
            try {
                fold.drain(Duration.ofMinutes(10));
            } finally {
                fold.close();
            }
        };
    };

    /** How big: orders per run, consumers, orders of each capacity-model pass, the emulated commit latency. */
    public record Options(int orders, int consumers, int modelOrders, Duration hold, boolean raw, int visibilitySeconds,
                          List<BackgroundConsumer> background) {

        public Options {
            if (orders < 1 || consumers < 1 || modelOrders < 1 || visibilitySeconds < 1) {
                throw new IllegalArgumentException("orders, consumers, model orders and visibility must be positive");
            }
            background = List.copyOf(background);
        }

        public static Options defaults() {
            return new Options(3_000, 4, 500, TransactionConflictEmulator.DEFAULT_HOLD, true, 5, List.of(RUNNING_COUNTS));
        }

        public Options withOrders(int n) {
            return new Options(n, consumers, modelOrders, hold, raw, visibilitySeconds, background);
        }

        public Options withConsumers(int n) {
            return new Options(orders, n, modelOrders, hold, raw, visibilitySeconds, background);
        }

        public Options withModelOrders(int n) {
            return new Options(orders, consumers, n, hold, raw, visibilitySeconds, background);
        }

        public Options withHold(Duration d) {
            return new Options(orders, consumers, modelOrders, d, raw, visibilitySeconds, background);
        }

        public Options withRaw(boolean on) {
            return new Options(orders, consumers, modelOrders, hold, on, visibilitySeconds, background);
        }

        /** How long a message reported failed stays invisible before it is received again. */
        public Options withVisibilitySeconds(int seconds) {
            return new Options(orders, consumers, modelOrders, hold, raw, seconds, background);
        }

        public Options withBackground(List<BackgroundConsumer> consumers) {
            return new Options(orders, this.consumers, modelOrders, hold, raw, visibilitySeconds, consumers);
        }
    }

    /** One run through the queue with conflicts emulated. */
    public record Run(String name, String market, int orders, int eventsSent, long eventsHandled, long eventsStored,
                      long reportedFailures, int deadLettered, double seconds, Map<String, Double> phaseSeconds, long transactions,
                      long writes, long refusedTransactions, long refusedWrites, SortedMap<String, Long> conflictsByKind) {

        public double eventsPerSecond() {
            return eventsStored / seconds;
        }

        public long conflictingItems() {
            return conflictsByKind.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record Figures(Options options, Run spread, Run liveRoom, CapacityModel.Report spreadModel,
                          CapacityModel.Report liveRoomModel, double rawTransactionsPerSecond) {

        /** Live room ÷ spread, events/s; the goal is at least 0.9. */
        public double liveRoomToSpread() {
            return liveRoom.eventsPerSecond() / spread.eventsPerSecond();
        }

        public String print() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%nFlash-sale benchmark: ElasticMQ -> SqsPoller -> OrderEventsFunction -> DynamoDB Local,"
                    + " transaction conflicts emulated (each transaction holds its items %d ms in flight)%n", options.hold().toMillis()));
            out.append(String.format("  per run                 %,d orders: all paid, then shipped, then received (%,d events), %d consumers,"
                    + " default settings (every fake-order rule on)%n", options.orders(), 3 * options.orders(), options.consumers()));
            for (Run run : List.of(spread, liveRoom)) {
                out.append(String.format("  %-23s %s: %,d events stored of %,d sent in %.1f s -> %,.0f events/s%n",
                        run.name(), run.market(), run.eventsStored(), run.eventsSent(), run.seconds(), run.eventsPerSecond()));
                out.append(String.format("  %-23s drain by phase: %s%n", "", String.join(", ", run.phaseSeconds().entrySet().stream()
                        .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue())).toList())));
                out.append(String.format("  %-23s %,d handled (duplicates included), %,d reported failed and retried from the queue,"
                        + " %,d valid events dead-lettered (goal 0)%n", "", run.eventsHandled(), run.reportedFailures(), run.deadLettered()));
                out.append(String.format("  %-23s %,d transactions let through, %,d refused (%,d conflicting items);"
                        + " %,d single writes let through, %,d refused%n",
                        "", run.transactions(), run.refusedTransactions(), run.conflictingItems(), run.writes(), run.refusedWrites()));
                run.conflictsByKind().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> out.append(String.format("  %-23s   %-44s %,8d%n", "", e.getKey(), e.getValue())));
            }
            out.append(String.format("  live room / spread      %.2f events/s (goal >= 0.9)%n", liveRoomToSpread()));
            if (rawTransactionsPerSecond > 0) {
                out.append(String.format("  raw TransactWriteItems  %,.0f transactions/s (8 items each, %d threads, no conflicts);"
                        + " spread pipeline / raw = %.2f%n", rawTransactionsPerSecond, options.consumers(),
                        spread.eventsPerSecond() / rawTransactionsPerSecond));
            }
            out.append(spreadModel.print());
            out.append(liveRoomModel.print());
            out.append(String.format("  ceilings                spread %,.0f orders/s (hottest %s), live room %,.0f orders/s (hottest %s)%n",
                    spreadModel.ceilingOrdersPerSecond(), spreadModel.hottest().name(),
                    liveRoomModel.ceilingOrdersPerSecond(), liveRoomModel.hottest().name()));
            out.append(String.format("  ceilings at scale       marketplace %,.0f orders/s (busiest %s; goal >= 50 000), live room %,.0f orders/s"
                            + " (busiest %s; goal >= 5 000)%n",
                    spreadModel.ceilingAtScale(), spreadModel.busiestAtScale().name(),
                    liveRoomModel.ceilingAtScale(), liveRoomModel.busiestAtScale().name()));
            return out.toString();
        }
    }

    private static final String USAGE = """
            FlashSaleBenchmark [--orders 3000] [--consumers 4] [--model-orders 500] [--hold-ms 15] [--no-raw]
              --orders N        orders per run (each paid, shipped, received)
              --consumers N     concurrent consumers of the queue
              --model-orders N  orders of each single-consumer capacity-model pass
              --hold-ms N       how long a transaction holds its items in flight (DynamoDB's commit latency)
              --no-raw          skip the raw TransactWriteItems rate""";

    public static void main(String[] args) throws Exception {
        TerminalLogging.use();
        Options options;
        try {
            Optional<Options> parsed = parse(args);
            if (parsed.isEmpty()) {
                System.out.println(USAGE);
                return;
            }
            options = parsed.get();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.out.print(run(options).print());
        System.exit(0);
    }

    /** The options the flags give; empty for {@code --help}; an unknown flag or a bad value is refused. */
    static Optional<Options> parse(String[] args) {
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> {
                    return Optional.empty();
                }
                case "--no-raw" -> options = options.withRaw(false);
                case "--orders", "--consumers", "--model-orders", "--hold-ms" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    int value;
                    try {
                        value = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(flag + " needs a whole number, not " + args[i]);
                    }
                    if (value < (flag.equals("--hold-ms") ? 0 : 1)) {
                        throw new IllegalArgumentException(flag + " is out of range: " + value);
                    }
                    options = switch (flag) {
                        case "--orders" -> options.withOrders(value);
                        case "--consumers" -> options.withConsumers(value);
                        case "--model-orders" -> options.withModelOrders(value);
                        default -> options.withHold(Duration.ofMillis(value));
                    };
                }
                default -> throw new IllegalArgumentException("unknown flag: " + flag);
            }
        }
        return Optional.of(options);
    }

    public static Figures run(Options options) throws Exception {
        // the handler logs every retried conflict; the figures count them instead
        Configurator.setLevel(OrderEventsFunction.class.getName(), Level.OFF);
        Configurator.setLevel("com.amazonaws.services.dynamodbv2", Level.ERROR);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs queues = EmbeddedSqs.start(0);
             DynamoDbClient clean = AwsClients.dynamoDb(dynamo.endpoint());
             SqsClient sqs = AwsClients.sqs(queues.endpoint())) {
            Provisioning.createTables(clean);
            TransactionConflictEmulator conflicts = new TransactionConflictEmulator(options.hold());
            CapacityModel model = new CapacityModel(clean);
            try (DynamoDbClient contended = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), conflicts);
                 DynamoDbClient modelled = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), model)) {
                Clients seeding = new Clients(clean, sqs, Clock.systemUTC());
                Instant start = Instant.now().minus(Duration.ofHours(3));
                Driver contendedRuns = new Driver(sqs, new Clients(contended, sqs, Clock.systemUTC()), clean, options, conflicts);

                // JIT and DynamoDB Local warm up on orders of their own, so the first timed run does not pay for it
                int warmUp = Math.max(20, Math.min(300, options.orders() / 10));
                contendedRuns.drive("warm-up", Market.spread(seeding, warmUp), warmUp, options.consumers(), start, phase -> { });
                Run spread = contendedRuns.drive("spread", Market.spread(seeding, options.orders()), options.orders(),
                        options.consumers(), start, phase -> { });
                Run liveRoom = contendedRuns.drive("live room", Market.liveRoom(seeding), options.orders(),
                        options.consumers(), start, phase -> { });

                // the capacity model: the same two shapes of market, fresh ids, one consumer so before and after reads bracket each write
                Driver modelRuns = new Driver(sqs, new Clients(modelled, sqs, Clock.systemUTC()), clean, options, conflicts);
                modelRuns.drive("model-spread", Market.spread(seeding, options.modelOrders()), options.modelOrders(), 1, start, model::phase);
                CapacityModel.Report spreadModel = model.report("spread", options.modelOrders());
                model.reset();
                modelRuns.drive("model-live-room", Market.liveRoom(seeding), options.modelOrders(), 1, start, model::phase);
                CapacityModel.Report liveRoomModel = model.report("live-room", options.modelOrders());

                double raw = options.raw()
                        ? IngestionBenchmark.rawTransactWriteRate(clean, Math.min(3 * options.orders(), 3_000), options.consumers()) : 0;
                return new Figures(options, spread, liveRoom, spreadModel, liveRoomModel, raw);
            }
        }
    }

    /** The hosts and what each sells (a product it picked into its showcase), seeded through the real handlers. */
    record Market(String description, List<Sale> sales) {

        record Sale(String hostId, String productId) {
        }

        /** Many brands, products, hosts (scaled with the orders: ~10 orders per host, up to 200 hosts), each host picking a few products. */
        static Market spread(Clients clients, int orders) {
            int hosts = Math.max(8, Math.min(200, orders / 10));
            int brands = hosts / 2;
            int productsPerBrand = 2;
            int picks = 4;
            List<String> products = new ArrayList<>();
            for (int b = 0; b < brands; b++) {
                products.addAll(listProducts(clients, brand(clients), productsPerBrand));
            }
            SplittableRandom random = new SplittableRandom(hosts);
            List<Sale> sales = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                String host = host(clients, h);
                List<String> shuffled = new ArrayList<>(products);
                Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
                for (String product : shuffled.subList(0, picks)) {
                    pick(clients, host, product);
                    sales.add(new Sale(host, product));
                }
            }
            return new Market(String.format("%d brands, %d products, %d hosts (%d picks each), a new buyer per order",
                    brands, products.size(), hosts, picks), sales);
        }

        /** One brand, one product, one host that picked it. */
        static Market liveRoom(Clients clients) {
            String product = listProducts(clients, brand(clients), 1).get(0);
            String host = host(clients, 0);
            pick(clients, host, product);
            return new Market("1 brand, 1 product, 1 host, a new buyer per order", List.of(new Sale(host, product)));
        }

        private static final AtomicLong CREDIT_CODES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

        private static String brand(Clients clients) {
            String first17 = String.format("9133010%010d", CREDIT_CODES.incrementAndGet());
            String code = first17 + CreditCode.checkCharacter(first17);
            return ok(new CatalogFunction(clients).handle(BenchEvents.http("POST /brands", Map.of(),
                    "{\"name\":\"Flash brand\",\"creditCode\":\"" + code + "\"}", OPERATOR)).body(), "brandId");
        }

        private static List<String> listProducts(Clients clients, String brandId, int count) {
            CatalogFunction catalog = new CatalogFunction(clients);
            Map<String, String> brand = Map.of("sub", "bench", "role", "brand", "party", brandId);
            List<String> products = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                String listing = "{\"sku\":\"F-" + p + "\",\"title\":\"Flash " + p + "\",\"category\":\"FOOD\",\"priceFen\":9900,"
                        + "\"stock\":1000000,\"shipWithinHours\":48,\"openRateBps\":" + (1_000 + p * 50) + "}";
                products.add(ok(catalog.handle(BenchEvents.http("POST /brands/{brandId}/products", Map.of("brandId", brandId),
                        listing, brand)).body(), "productId"));
            }
            return products;
        }

        private static String host(Clients clients, int n) {
            return ok(new HostsFunction(clients).handle(BenchEvents.http("POST /hosts", Map.of(), "{\"personaName\":\"Flash host " + n
                    + "\",\"categories\":[\"FOOD\"],\"privateFans\":1000,\"publicFans\":5000}", OPERATOR)).body(), "hostId");
        }

        private static void pick(Clients clients, String hostId, String productId) {
            ok(new HostsFunction(clients).handle(BenchEvents.http("POST /hosts/{hostId}/showcase", Map.of("hostId", hostId),
                    "{\"productId\":\"" + productId + "\"}", Map.of("sub", "bench", "role", "host", "party", hostId))).body(), "productId");
        }

        private static String ok(String body, String field) {
            String value = IngestionBenchmark.Catalog.body(body).path(field).asText();
            if (value.isEmpty()) {
                throw new IllegalStateException("seeding the market failed: " + body);
            }
            return value;
        }
    }

    /** Sends one run's events phase by phase and drains each through the real poller and handler. */
    private record Driver(SqsClient sqs, Clients clients, DynamoDbClient clean, Options options, TransactionConflictEmulator conflicts) {

        Run drive(String name, Market market, int orders, int consumers, Instant start, Consumer<String> phaseStarted) throws Exception {
            String queue = "flash-" + name.replace(' ', '-');
            String queueUrl = Provisioning.createQueues(sqs, queue, queue + "-dlq", options.visibilitySeconds());
            String dlqUrl = sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(queue + "-dlq").build()).queueUrl();
            String prefix = queue + "-";
            SplittableRandom random = new SplittableRandom(orders);
            List<Market.Sale> sales = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                sales.add(market.sales().get(random.nextInt(market.sales().size())));
            }
            OrderEventsFunction function = new OrderEventsFunction(clients);
            List<AutoCloseable> background = new ArrayList<>();
            for (BackgroundConsumer consumer : options.background()) {
                background.add(consumer.start(clients));
            }
            conflicts.resetCounts();
            double seconds = 0;
            Map<String, Double> phaseSeconds = new java.util.LinkedHashMap<>();
            long handled = 0;
            long failed = 0;
            int sent = 0;
            try {
                for (String phase : PHASES) {
                    List<String> bodies = new ArrayList<>();
                    for (int i = 0; i < orders; i++) {
                        Instant paidAt = start.plusMillis(10L * i);     // a flash sale: every order within a minute or so
                        String orderId = prefix + i;
                        bodies.add(switch (phase) {
                            case "paid" -> IngestionBenchmark.event("ORDER_PAID", orderId, paidAt)
                                    .put("productId", sales.get(i).productId()).put("hostId", sales.get(i).hostId())
                                    .put("buyerId", prefix + "buyer-" + i).put("quantity", 1).put("paidFen", 5_000 + (i % 997) * 37L)
                                    .toString();
                            case "shipped" -> IngestionBenchmark.event("ORDER_SHIPPED", orderId, paidAt.plusSeconds(3_600)).toString();
                            default -> IngestionBenchmark.event("ORDER_RECEIVED", orderId, paidAt.plusSeconds(7_200)).toString();
                        });
                    }
                    IngestionBenchmark.send(sqs, queueUrl, bodies);
                    sent += bodies.size();
                    phaseStarted.accept(phase);
                    long phaseStart = System.nanoTime();
                    SqsPoller poller = new SqsPoller(sqs, queueUrl, function, "OrderEventsFunction", consumers);
                    try {
                        long lastReport = System.nanoTime();
                        // done when nothing is left, visible or in flight: handled and deleted, or moved to the dead-letter queue
                        while (FaultInjectionHarness.messagesLeft(sqs, queueUrl) > 0) {
                            Thread.sleep(50);
                            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                                lastReport = System.nanoTime();
                                System.out.printf("flash-sale: %s %s: %,d of %,d handled, %,d refused transactions so far%n",
                                        name, phase, poller.deletedCount(), bodies.size(), conflicts.refusedTransactions());
                            }
                        }
                        phaseSeconds.put(phase, (System.nanoTime() - phaseStart) / 1e9);
                        seconds += phaseSeconds.get(phase);
                    } finally {
                        poller.close();
                    }
                    // counted after the consumers stopped: the queue can be empty before a consumer counts its last delete
                    handled += poller.deletedCount();
                    failed += poller.failedCount();
                }
            } finally {
                Collections.reverse(background);
                for (AutoCloseable consumer : background) {
                    consumer.close();
                }
            }
            int dead = FaultInjectionHarness.drain(sqs, dlqUrl).size();   // no poison is sent: every one is a valid event
            long stored = eventsStored(prefix, orders);
            System.out.printf("flash-sale: %s run done: %,d events in %.1f s%n", name, stored, seconds);
            return new Run(name, market.description(), orders, sent, handled, stored, failed, dead, seconds,
                    Collections.unmodifiableMap(phaseSeconds), conflicts.transactions(), conflicts.writes(), conflicts.refusedTransactions(),
                    conflicts.refusedWrites(), conflicts.conflictsByKind());
        }

        /** The events the orders hold (each order keeps the raw events applied to it), read consistently. */
        private long eventsStored(String prefix, int orders) {
            String table = Tables.ORDERS.tableName();
            long stored = 0;
            for (int from = 0; from < orders; from += 100) {
                List<Map<String, AttributeValue>> keys = new ArrayList<>();
                for (int i = from; i < Math.min(from + 100, orders); i++) {
                    keys.add(Items.key("ORDER#" + prefix + i, "STATE"));
                }
                Map<String, KeysAndAttributes> request = new HashMap<>(Map.of(table, KeysAndAttributes.builder().keys(keys)
                        .consistentRead(true).projectionExpression("#events").expressionAttributeNames(Map.of("#events", "events")).build()));
                while (!request.isEmpty()) {
                    BatchGetItemResponse response = clean.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                    for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                        stored += item.containsKey("events") ? item.get("events").m().size() : 0;
                    }
                    request = response.hasUnprocessedKeys() ? new HashMap<>(response.unprocessedKeys()) : Map.of();
                }
            }
            return stored;
        }
    }
}
