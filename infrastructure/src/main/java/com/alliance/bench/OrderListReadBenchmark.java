package com.alliance.bench;

import static com.alliance.bench.OrderListSeeding.seed;
import static com.alliance.bench.OrderListSeeding.write;

import com.alliance.bench.OrderListSeeding.Segment;
import com.alliance.bench.OrderListSeeding.Seeded;
import com.alliance.bench.OrderListSeeding.HourSums;
import com.alliance.bench.OrderListMeters.ReadMeter;
import com.alliance.bench.OrderListMeters.HeapWatch;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.brands.CreditCode;
import com.alliance.catalog.ProductRepository;
import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderListsFunction;
import com.alliance.functions.api.ApiResponse;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.SettlementCursors;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingSettings;
import com.alliance.orderlists.BuyerRefs;
import com.alliance.orderlists.OrderFlagsFold;
import com.alliance.orderlists.OrderListQuery;
import com.alliance.orderlists.OrderListRepository;
import com.alliance.orderlists.OrderListService;
import com.alliance.orderlists.OrderSummary;
import com.alliance.orderlists.PartyKind;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.CapacityMeter;
import com.alliance.settlement.ClaimRangeRepository;
import com.alliance.settlement.PostingSettlements;
import com.alliance.settlement.RunLines;
import com.alliance.settlement.SettlementRepository;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a host's and a brand's order list costs as its history grows, on DynamoDB Local in memory (in this JVM, as
 * the other benchmarks run it), read through {@link OrderListService} built as {@code OrderListsFunction} builds it.
 *
 * <p>Seeding writes the items the commits and the stream would have left, with BatchWriteItem (25 a request, on
 * {@code --threads} threads), so DynamoDB Local writes every index entry (gsi1, gsi7, …) itself: real order items
 * ({@link OrderRepository#itemOf}) of paid orders, shipped after 20 h when paid more than a day ago and received after
 * three days when paid more than five days ago; 1 % of every host's orders held at payment ({@code riskHold}, rule
 * {@code NOT_PICKED}), each with its {@code HOSTFLAG#}/{@code BRANDFLAG#} items as {@link OrderFlagsFold} derives
 * them; and the report-hour items ({@code HOST#}/{@code BRAND#} / {@code RPT#{hour}}) the stream fold would have
 * written from those orders: one per party and hour that had a sale, with the counters of {@link ReportHours}, a
 * buyer counter per buyer and, past 64 buyers, the {@code hll} sketch, as the fold keeps them.
 *
 * <p>Parties: a host with {@code --small-host-orders} (100) orders and one with {@code --big-host-orders}
 * (1 000 000), each over the last {@code --days} (30) days, each selling its own brand's products; a host with
 * {@code --mid-host-orders} (100 000, 0 for none) over the same days, selling the big brand's products; and a brand
 * whose one product a live room sold {@code --flash-orders} (100 000) times in one hour, a day ago.
 *
 * <p>For each party it reads the first page of 50 (no filter), the first page of {@code status=HELD} and the summary of
 * the last 30 days, and prints the rows, read units (the service's {@link CapacityMeter}, which the list's Queries and
 * its orders' BatchGetItem report; everything read, as DynamoDB Local reports it; and as DynamoDB bills it, where every
 * eventually consistent Query and GetItem costs at least 0.5 RU, even one that finds nothing, which DynamoDB Local
 * charges 0), the DynamoDB requests by operation and the median time. Then it exports {@code --export-rows} (100 000)
 * rows of the flash brand as CSV the way a user does: {@code OrderListsFunction} with {@code Accept: text/csv},
 * following each part's {@code Link} header, and prints rows/s and the heap (sampled, and after every GC).
 *
 * <pre>
 *   java -cp infrastructure/target/alliance-local.jar com.alliance.bench.OrderListReadBenchmark [--big-host-orders 1000000] [--help]
 * </pre>
 */
public final class OrderListReadBenchmark {

    private static final String BUYER_REF_KEY = "order-list-benchmark-buyer-key";
    private static final Map<String, String> OPERATOR = Map.of("sub", "bench", "role", "operator", "party", "platform");

    private OrderListReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("OrderListReadBenchmark", "Read units, requests and time of hosts' and brands' order "
                        + "lists (first page, HELD page, month summary) at 100 and 1 000 000 orders, and the CSV export of a "
                        + "flash sale's orders.", args,
                new Flags.Flag("--small-host-orders", 100, 1, "orders of the small host (and its brand)"),
                new Flags.Flag("--mid-host-orders", 100_000, 0, "orders of a host selling the big brand's goods over the same days (0: none)"),
                new Flags.Flag("--big-host-orders", 1_000_000, 1, "orders of the big host (and its brand); a smaller value seeds faster"),
                new Flags.Flag("--flash-orders", 100_000, 1, "orders of the flash sale: one brand, one product, one host, one hour"),
                new Flags.Flag("--export-rows", 100_000, 1, "CSV rows exported from the flash brand's list (at most its orders)"),
                new Flags.Flag("--days", 30, 1, "days the hosts' orders are spread over, up to now"),
                new Flags.Flag("--threads", 4, 1, "seeding threads (BatchWriteItem of 25)"),
                new Flags.Flag("--samples", 5, 1, "timed reads per figure"));
        long started = System.nanoTime();
        int days = flags.intValue("--days");
        int samples = flags.intValue("--samples");
        System.out.printf("order list read benchmark: hosts of %,d / %,d / %,d orders over %d days, a flash sale of %,d, "
                        + "DynamoDB Local in memory in this JVM, %d cores, max heap %,d MB%n",
                flags.intValue("--small-host-orders"), flags.intValue("--mid-host-orders"), flags.intValue("--big-host-orders"),
                days, flags.intValue("--flash-orders"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty())) {
            DynamoDbClient plain = FaultInjectionHarness.interceptedClient(dynamo.endpoint());
            // no stream reader runs here: the flag and hour items are written as the fold would have left them
            Provisioning.createTablesWithoutStreams(plain);
            Clock clock = Clock.systemUTC();
            Clients setup = new Clients(plain, null, clock);
            Instant now = clock.instant();
            Instant monthAgo = now.minus(Duration.ofDays(days));

            String smallBrand = brand(setup, "Small brand");
            String bigBrand = brand(setup, "Big brand");
            String flashBrand = brand(setup, "Flash brand");
            List<String> smallProducts = products(setup, smallBrand, "S", 3);
            List<String> bigProducts = products(setup, bigBrand, "B", 10);
            List<String> flashProduct = products(setup, flashBrand, "F", 1);
            String smallHost = host(setup, "Small host");
            String midHost = host(setup, "Mid host");
            String bigHost = host(setup, "Big host");
            String flashHost = host(setup, "Flash host");
            Instant flashStart = now.minus(Duration.ofDays(1));
            List<Segment> segments = new ArrayList<>();
            segments.add(new Segment("small host", "os", smallHost, smallBrand, smallProducts,
                    flags.intValue("--small-host-orders"), monthAgo, now.minusSeconds(60)));
            if (flags.intValue("--mid-host-orders") > 0) {
                segments.add(new Segment("mid host", "om", midHost, bigBrand, bigProducts,
                        flags.intValue("--mid-host-orders"), monthAgo, now.minusSeconds(60)));
            }
            segments.add(new Segment("big host", "ob", bigHost, bigBrand, bigProducts,
                    flags.intValue("--big-host-orders"), monthAgo, now.minusSeconds(60)));
            segments.add(new Segment("flash sale", "of", flashHost, flashBrand, flashProduct,
                    flags.intValue("--flash-orders"), flashStart, flashStart.plus(Duration.ofHours(1))));

            HourSums hours = new HourSums();
            Seeded seeded = seed(plain, segments, flags.intValue("--threads"), hours, now);
            long hourItems = hours.write(plain, now);
            System.out.printf("seeded %,d orders (%,d held, %,d flag items) and %,d report-hour items in %.1f s "
                            + "(%,.0f orders/s, %d threads); load average now %.1f%n", seeded.orders(), seeded.held(),
                    seeded.flagItems(), hourItems, seeded.seconds(), seeded.orders() / seeded.seconds(),
                    flags.intValue("--threads"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            ReadMeter reads = new ReadMeter();
            RequestCounter requests = new RequestCounter();
            DynamoDbClient metered = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), reads, requests);
            CapacityMeter capacity = new CapacityMeter();
            OrderListService service = service(metered, capacity, clock);
            Measure measure = new Measure(reads, requests, capacity, samples);

            long mid = flags.intValue("--mid-host-orders");
            long big = flags.intValue("--big-host-orders");
            long small = flags.intValue("--small-host-orders");
            long flash = flags.intValue("--flash-orders");
            List<Party> parties = new ArrayList<>();
            parties.add(new Party("host, small", PartyKind.HOST, smallHost, small));
            if (mid > 0) {
                parties.add(new Party("host, mid", PartyKind.HOST, midHost, mid));
            }
            parties.add(new Party("host, big", PartyKind.HOST, bigHost, big));
            parties.add(new Party("host, flash sale", PartyKind.HOST, flashHost, flash));
            parties.add(new Party("brand, small", PartyKind.BRAND, smallBrand, small));
            parties.add(new Party("brand, big", PartyKind.BRAND, bigBrand, big + mid));
            parties.add(new Party("brand, flash sale", PartyKind.BRAND, flashBrand, flash));

            Map<String, Figure> figures = new LinkedHashMap<>();
            long readsBegin = System.nanoTime();
            for (Party party : parties) {
                Caller caller = new Caller("bench@" + party.id(), party.kind() == PartyKind.HOST ? Role.HOST : Role.BRAND, party.id());
                figures.put(party.label() + "|page", measure.of(() -> service.list(caller, query(service, party, Optional.empty()))
                        .rows().size()));
                figures.put(party.label() + "|held", measure.of(() -> service.list(caller, query(service, party, Optional.of("HELD")))
                        .rows().size()));
                figures.put(party.label() + "|summary", measure.of(() -> {
                    Instant at = service.now();
                    OrderSummary summary = service.summary(caller, party.kind(), party.id(), new Period(at.minus(Duration.ofDays(30)), at));
                    return (int) (summary.orders() + summary.heldOrders());
                }));
            }
            System.out.printf("%nreads measured in %.0f s (2 warm-ups, 1 metered and %d timed reads per figure); load average %.1f%n",
                    (System.nanoTime() - readsBegin) / 1e9, samples, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            printTable(parties, figures);
            printRatios(parties, figures);

            export(dynamo, clock, flashBrand, flags.intValue("--export-rows"));
            System.out.printf("%nwhole run %.1f min; load average at the end %.1f%n", (System.nanoTime() - started) / 60e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        // DynamoDB Local keeps a non-daemon housekeeping thread alive for minutes after it stops
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------------- parties

    record Party(String label, PartyKind kind, String id, long orders) {
    }

    private static final AtomicLong CREDIT_CODES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private static String brand(Clients clients, String name) {
        String first17 = String.format("9133010%010d", CREDIT_CODES.incrementAndGet());
        String code = first17 + CreditCode.checkCharacter(first17);
        return field(new CatalogFunction(clients).handle(BenchEvents.http("POST /brands", Map.of(),
                "{\"name\":\"" + name + "\",\"creditCode\":\"" + code + "\"}", OPERATOR)).body(), "brandId");
    }

    private static List<String> products(Clients clients, String brandId, String sku, int count) {
        CatalogFunction catalog = new CatalogFunction(clients);
        Map<String, String> brand = Map.of("sub", "bench", "role", "brand", "party", brandId);
        List<String> products = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            String listing = "{\"sku\":\"" + sku + "-" + p + "\",\"title\":\"Order list bench " + sku + p
                    + "\",\"category\":\"FOOD\",\"priceFen\":9900,\"stock\":10000000,\"shipWithinHours\":48,\"openRateBps\":"
                    + (1_000 + p * 50) + "}";
            products.add(field(catalog.handle(BenchEvents.http("POST /brands/{brandId}/products", Map.of("brandId", brandId),
                    listing, brand)).body(), "productId"));
        }
        return products;
    }

    private static String host(Clients clients, String name) {
        return field(new HostsFunction(clients).handle(BenchEvents.http("POST /hosts", Map.of(), "{\"personaName\":\"" + name
                + "\",\"categories\":[\"FOOD\"],\"privateFans\":1000,\"publicFans\":5000}", OPERATOR)).body(), "hostId");
    }

    private static String field(String body, String name) {
        String value = IngestionBenchmark.Catalog.body(body).path(name).asText();
        if (value.isEmpty()) {
            throw new IllegalStateException("seeding the parties failed: " + body);
        }
        return value;
    }

    /** The service as {@code OrderListsFunction} builds it, on the metered client, its repositories on {@code capacity}. */
    private static OrderListService service(DynamoDbClient dynamoDb, CapacityMeter capacity, Clock clock) {
        HostRepository hosts = new HostRepository(dynamoDb, new MatchScoring(MatchingSettings.fromEnvironment())::hostStrength);
        BrandRepository brands = new BrandRepository(dynamoDb);
        LedgerRepository ledger = new LedgerRepository(dynamoDb);
        SettlementRepository runs = new SettlementRepository(dynamoDb, ledger, capacity);
        return new OrderListService(new OrderListRepository(dynamoDb, capacity), new KnownParties(hosts, brands, clock),
                new ProductRepository(dynamoDb), hosts, brands, ledger,
                () -> new PostingSettlements(new SettlementCursors(dynamoDb), new ClaimRangeRepository(dynamoDb), runs,
                        new RunLines(dynamoDb)),
                new ReportHoursRepository(dynamoDb, capacity), new BuyerRefs(BUYER_REF_KEY), clock);
    }

    /** The first page of 50 of the last 30 days, as the function parses a request without parameters (but status). */
    private static OrderListQuery query(OrderListService service, Party party, Optional<String> status) {
        return OrderListQuery.parse(party.kind(), party.id(), Optional.empty(), Optional.empty(), status, Optional.empty(),
                Optional.empty(), Optional.empty(), OrderListQuery.DEFAULT_LIMIT, service.now());
    }

    // ---------------------------------------------------------------------------------------------------- seeding

    /** One read's figures: its rows, read units three ways, requests by operation, items its Queries returned, times. */
    record Figure(int rows, double meterUnits, double localUnits, double billedUnits, long requests,
                  Map<String, Long> byOperation, long queryItems, double medianMs, double p90Ms) {
    }

    record Measure(ReadMeter reads, RequestCounter requests, CapacityMeter capacity, int samples) {

        /** Two warm-up reads (the party check is cached after the first, as in a warm container), one metered, the timed. */
        Figure of(Supplier<Integer> read) {
            read.get();
            read.get();
            capacity.reset();
            reads.reset();
            Map<String, Long> before = requests.counts();
            int rows = read.get();
            Map<String, Long> after = requests.counts();
            Map<String, Long> diff = new TreeMap<>();
            after.forEach((op, count) -> {
                long d = count - before.getOrDefault(op, 0L);
                if (d > 0) {
                    diff.put(op, d);
                }
            });
            Figure metered = new Figure(rows, capacity.readUnits(), reads.local.sum(), reads.billed.sum(),
                    diff.values().stream().mapToLong(Long::longValue).sum(), diff, reads.queryItems.sum(), 0, 0);
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                long begin = System.nanoTime();
                read.get();
                nanos[i] = System.nanoTime() - begin;
            }
            Arrays.sort(nanos);
            return new Figure(metered.rows(), metered.meterUnits(), metered.localUnits(), metered.billedUnits(),
                    metered.requests(), metered.byOperation(), metered.queryItems(), nanos[samples / 2] / 1e6,
                    nanos[Math.min(samples - 1, samples * 9 / 10)] / 1e6);
        }
    }

    private static final Map<String, String> READS = new LinkedHashMap<>();

    static {
        READS.put("page", "first page of 50");
        READS.put("held", "page of status=HELD");
        READS.put("summary", "summary, 30 days");
    }

    private static void printTable(List<Party> parties, Map<String, Figure> figures) {
        System.out.println();
        System.out.println("RU: meter = the service's CapacityMeter (list Queries, orders' BatchGetItem, report hours);"
                + " Local = every read as DynamoDB Local reports it (names too);");
        System.out.println("    billed = as DynamoDB bills it: every eventually consistent Query/GetItem at least 0.5 RU "
                + "(DynamoDB Local charges 0 for one that finds nothing)");
        System.out.println("rows: of the page; for the summary, the orders it counts (counted and held). items: what its Queries returned");
        System.out.printf("%-18s %10s  %-20s %6s %8s %8s %8s %5s %6s %9s %9s  %s%n", "party", "orders", "read", "rows",
                "RU meter", "RU Local", "RU bill", "reqs", "items", "median ms", "p90 ms", "requests by operation");
        for (Party party : parties) {
            for (Map.Entry<String, String> read : READS.entrySet()) {
                Figure f = figures.get(party.label() + "|" + read.getKey());
                System.out.printf("%-18s %,10d  %-20s %,6d %8.1f %8.1f %8.1f %5d %,6d %9.1f %9.1f  %s%n", party.label(),
                        party.orders(), read.getValue(), f.rows(), f.meterUnits(), f.localUnits(), f.billedUnits(),
                        f.requests(), f.queryItems(), f.medianMs(), f.p90Ms(), f.byOperation());
            }
        }
    }

    private static void printRatios(List<Party> parties, Map<String, Figure> figures) {
        System.out.println();
        System.out.println("bigger ÷ smaller history (goal: within 1.5×)");
        for (PartyKind kind : PartyKind.values()) {
            List<Party> of = parties.stream().filter(p -> p.kind() == kind && !p.label().endsWith("flash sale")).toList();
            List<Party[]> pairs = new ArrayList<>();
            for (Party other : of.subList(1, of.size())) {
                pairs.add(new Party[] {of.get(0), other});
            }
            if (of.size() > 2) {
                pairs.add(new Party[] {of.get(of.size() - 2), of.get(of.size() - 1)});
            }
            for (Party[] pair : pairs) {
                for (Map.Entry<String, String> read : READS.entrySet()) {
                    Figure a = figures.get(pair[0].label() + "|" + read.getKey());
                    Figure b = figures.get(pair[1].label() + "|" + read.getKey());
                    System.out.printf("  %-5s %,9d ÷ %,9d orders, %-20s RU billed %6.1f ÷ %6.1f = %5.2f×, RU Local %6.1f ÷ %6.1f"
                                    + " = %s, requests %2d ÷ %2d = %4.2f×, rows %d ÷ %d%n", kind.name().toLowerCase(),
                            pair[1].orders(), pair[0].orders(), read.getValue(), b.billedUnits(), a.billedUnits(),
                            b.billedUnits() / a.billedUnits(), b.localUnits(), a.localUnits(),
                            a.localUnits() == 0 ? "  –  " : String.format("%5.2f×", b.localUnits() / a.localUnits()),
                            b.requests(), a.requests(), (double) b.requests() / a.requests(), b.rows(), a.rows());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- export

    /**
     * The flash brand's CSV export as a user takes it: {@code GET /brands/{brandId}/orders} with {@code Accept:
     * text/csv} to {@code OrderListsFunction}, then each part's {@code Link}, until {@code maxRows} rows or no link;
     * the parts are counted, not kept. Heap: sampled every 2 ms (used, above a baseline taken after System.gc()), and
     * what every GC during the export left.
     */
    private static void export(EmbeddedDynamoDb dynamo, Clock clock, String brandId, int maxRows) throws Exception {
        ReadMeter reads = new ReadMeter();
        RequestCounter requests = new RequestCounter();
        DynamoDbClient metered = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), reads, requests);
        OrderListsFunction function = new OrderListsFunction(new Clients(metered, null, clock));
        Map<String, String> asBrand = Map.of("sub", "bench@" + brandId, "role", "brand", "party", brandId);
        String path = "/brands/" + brandId + "/orders";
        System.out.println();
        System.out.printf("CSV export of the flash brand's list through OrderListsFunction (Accept: text/csv, %,d rows a "
                + "part, following Link), at most %,d rows%n", OrderListsFunction.CSV_ROWS_PER_PART, maxRows);
        // one small warm-up part, so that class loading and the party check are not in the figures
        function.handle(csvRequest(path, brandId, Map.of("limit", "10"), asBrand));
        reads.reset();
        Map<String, Long> before = requests.counts();

        HeapWatch heap = HeapWatch.start();
        long begin = System.nanoTime();
        Map<String, String> query = new TreeMap<>();
        long rows = 0;
        long bytes = 0;
        int parts = 0;
        long peakFirstTenth = 0;
        double firstTenthSeconds = 0;
        while (rows < maxRows) {
            ApiResponse response = function.handle(csvRequest(path, brandId, query, asBrand));
            if (response.status() != 200) {
                throw new IllegalStateException("export part " + parts + " answered " + response.status() + ": " + response.body());
            }
            parts++;
            String body = response.body();
            bytes += body.getBytes(StandardCharsets.UTF_8).length;
            long lines = body.chars().filter(c -> c == '\n').count();
            rows += lines - 1;      // each part starts with the header line
            if (rows * 10 <= maxRows || parts == 1) {
                peakFirstTenth = heap.peak();
                firstTenthSeconds = (System.nanoTime() - begin) / 1e9;
            }
            Optional<String> link = Optional.ofNullable(response.headers().get("Link"));
            if (link.isEmpty()) {
                break;
            }
            query = queryOf(link.get());
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        heap.stop();
        Map<String, Long> after = requests.counts();
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((op, count) -> {
            long d = count - before.getOrDefault(op, 0L);
            if (d > 0) {
                diff.put(op, d);
            }
        });
        long total = diff.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("  %,d rows in %d parts, %.1f s: %,.0f rows/s; %,.1f MB of CSV (%,.0f bytes a row)%n", rows, parts,
                seconds, rows / seconds, bytes / 1e6, (double) bytes / Math.max(1, rows));
        System.out.printf("  DynamoDB: %,d requests (%.1f per 200-row page), %,.1f RU as DynamoDB Local reports them, %,.1f billed "
                + "(%.3f per row): %s%n", total, total / Math.max(1.0, rows / 200.0), reads.local.sum(), reads.billed.sum(),
                reads.billed.sum() / Math.max(1, rows), diff);
        System.out.printf("  heap: baseline %,d MB after System.gc(); peak used %,d MB (+%,d MB) over the whole export, %,d MB "
                        + "(+%,d MB) over its first part(s) to %.1f s; after each of %d GCs during it: %,d to %,d MB "
                        + "(first %,d, last %,d)%n",
                heap.baseline >> 20, heap.peak() >> 20, (heap.peak() - heap.baseline) >> 20, peakFirstTenth >> 20,
                (peakFirstTenth - heap.baseline) >> 20, firstTenthSeconds, heap.afterGc.size(),
                heap.afterGc.stream().mapToLong(Long::longValue).min().orElse(0) >> 20,
                heap.afterGc.stream().mapToLong(Long::longValue).max().orElse(0) >> 20,
                heap.afterGc.isEmpty() ? 0 : heap.afterGc.get(0) >> 20,
                heap.afterGc.isEmpty() ? 0 : heap.afterGc.get(heap.afterGc.size() - 1) >> 20);
    }

    private static APIGatewayV2HTTPEvent csvRequest(String path, String brandId, Map<String, String> query,
                                                    Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = BenchEvents.http("GET /brands/{brandId}/orders", Map.of("brandId", brandId), null, claims);
        event.setRawPath(path);
        event.setHeaders(Map.of("accept", "text/csv"));
        event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        return event;
    }

    /** The query parameters of a {@code Link: <path?a=b&next=…>; rel="next"} header. */
    static Map<String, String> queryOf(String link) {
        String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        Map<String, String> query = new TreeMap<>();
        int mark = url.indexOf('?');
        if (mark >= 0) {
            for (String pair : url.substring(mark + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

}
