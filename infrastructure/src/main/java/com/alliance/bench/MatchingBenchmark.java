package com.alliance.bench;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.Brand;
import com.alliance.brands.BrandRepository;
import com.alliance.brands.CreditCode;
import com.alliance.catalog.Category;
import com.alliance.catalog.CertificateKind;
import com.alliance.catalog.Certificates;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductListing;
import com.alliance.catalog.ProductRepository;
import com.alliance.catalog.ProductStatus;
import com.alliance.catalog.RateSchedule;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostKind;
import com.alliance.hosts.HostRepository;
import com.alliance.hosts.HostStats;
import com.alliance.hosts.ShowcaseEntry;
import com.alliance.hosts.ShowcaseRepository;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.Provisioning;
import com.alliance.local.TerminalLogging;
import com.alliance.matching.BrandTrustCache;
import com.alliance.matching.MatchScoring;
import com.alliance.matching.MatchingService;
import com.alliance.matching.MatchingSettings;
import com.alliance.matching.Recommendations;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Tables;
import com.alliance.risk.Trust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast and how costly one recommendation request is on a catalog of the size the matching issue
 * names: 100 000 products and 10 000 hosts in DynamoDB Local (in memory, in this process), seeded with
 * BatchWriteItem in the repositories' own item formats, then requests both ways through
 * {@link MatchingService} exactly as the function calls it, one at a time after a warm-up.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp infrastructure/target/alliance-local.jar com.alliance.bench.MatchingBenchmark [--products N]
 *      [--hosts N] [--brands N] [--picks N] [--requests N] [--warmup N] [--limit N] [--seed N]
 * </pre>
 */
public final class MatchingBenchmark {

    private static final Instant LISTED = Instant.parse("2026-11-01T00:00:00Z");

    record Options(int products, int hosts, int brands, int picksPerHost, int requests, int warmup, int limit, long seed) {

        static final String USAGE = """
                usage: java -cp infrastructure/target/alliance-local.jar com.alliance.bench.MatchingBenchmark [options]
                  --products N   products to seed (default 100000)
                  --hosts N      hosts to seed (default 10000)
                  --brands N     brands to seed (default 1000)
                  --picks N      products already in each host's showcase (default 5)
                  --requests N   measured requests per direction (default 2000)
                  --warmup N     unmeasured requests per direction first (default 500)
                  --limit N      results per request (default 20)
                  --seed N       random seed (default 42)
                """;

        static Options parse(String[] args) {
            Map<String, Long> values = new HashMap<>(Map.of("--products", 100_000L, "--hosts", 10_000L,
                    "--brands", 1_000L, "--picks", 5L, "--requests", 2_000L, "--warmup", 500L, "--limit", 20L, "--seed", 42L));
            for (int i = 0; i < args.length; i++) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
                values.put(args[i], Long.parseLong(args[++i]));
            }
            Options options = new Options(values.get("--products").intValue(), values.get("--hosts").intValue(),
                    values.get("--brands").intValue(), values.get("--picks").intValue(), values.get("--requests").intValue(),
                    values.get("--warmup").intValue(), values.get("--limit").intValue(), values.get("--seed"));
            if (options.products < 1 || options.hosts < 1 || options.brands < 1 || options.requests < 1
                    || options.limit < 1 || options.limit > 100) {
                throw new IllegalArgumentException("products, hosts, brands and requests need at least 1; limit is 1 to 100");
            }
            return options;
        }
    }

    private final Options options;
    private final DynamoDbClient dynamoDb;
    private final Random random;
    private final MatchScoring scoring = new MatchScoring(MatchingSettings.fromEnvironment());
    private final HostRepository hosts;
    private final List<String> brandIds = new ArrayList<>();
    private final List<String> hostIds = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();

    private MatchingBenchmark(Options options, DynamoDbClient dynamoDb) {
        this.options = options;
        this.dynamoDb = dynamoDb;
        this.random = new Random(options.seed);
        this.hosts = new HostRepository(dynamoDb, scoring::hostStrength);
    }

    public static void main(String[] args) throws Exception {
        TerminalLogging.use();
        Options options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(Options.USAGE);
                return;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        try (EmbeddedDynamoDb store = EmbeddedDynamoDb.start(0, Optional.empty());
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(store.endpoint())) {
            Provisioning.createTables(dynamoDb);
            MatchingBenchmark benchmark = new MatchingBenchmark(options, dynamoDb);
            System.out.printf(Locale.ROOT, "Matching benchmark, %s, %d cores, Java %s, DynamoDB Local in memory%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "weights %s%n", benchmark.scoring.settings().weights());
            benchmark.seed();
            benchmark.measure();
        }
        // DynamoDB Local leaves a non-daemon job thread sleeping for minutes after it stops
        System.exit(0);
    }

    // ---------- seeding ----------

    private void seed() throws Exception {
        long started = System.nanoTime();
        BrandRepository brands = new BrandRepository(dynamoDb);
        for (int i = 0; i < options.brands; i++) {
            String first17 = String.format("91%06d%09d", 110_000 + i % 800_000, i);
            Brand brand = new Brand(String.format("b_bench%07d", i), "Brand " + i,
                    new CreditCode(first17 + CreditCode.checkCharacter(first17)), LISTED, "bench");
            brands.insert(brand);
            if (random.nextBoolean()) {
                brands.updateTrust(brand.brandId(), new Trust(0.3 + 0.6 * random.nextDouble()));
            }
            brandIds.add(brand.brandId());
        }
        System.out.printf(Locale.ROOT, "seeded %,d brands in %.1f s (one transaction each)%n", options.brands, seconds(started));

        long phase = System.nanoTime();
        for (int i = 0; i < options.hosts; i++) {
            hostIds.add(String.format("h_bench%07d", i));
        }
        List<Map<String, AttributeValue>> hostItems = new ArrayList<>();
        for (String hostId : hostIds) {
            hostItems.addAll(hosts.itemsOf(randomHost(hostId), 1));
        }
        int hostBatches = batchWrite(hostItems);
        System.out.printf(Locale.ROOT, "seeded %,d hosts (%,d profile and card items, %,d BatchWriteItem calls) in %.1f s%n",
                options.hosts, hostItems.size(), hostBatches, seconds(phase));

        phase = System.nanoTime();
        List<Map<String, AttributeValue>> productItems = new ArrayList<>();
        for (int i = 0; i < options.products; i++) {
            Product product = randomProduct(String.format("p_bench%08d", i));
            products.add(product);
            productItems.add(ProductRepository.toItem(product));
        }
        int productBatches = batchWrite(productItems);
        System.out.printf(Locale.ROOT, "seeded %,d products (%,d BatchWriteItem calls) in %.1f s%n",
                options.products, productBatches, seconds(phase));

        phase = System.nanoTime();
        List<Map<String, AttributeValue>> pickItems = new ArrayList<>();
        for (String hostId : hostIds) {
            for (int p = 0; p < options.picksPerHost; p++) {
                Product product = products.get(random.nextInt(products.size()));
                pickItems.add(ShowcaseRepository.entryItem(new ShowcaseEntry(hostId, product.productId(), product.brandId(),
                        product.category(), LISTED)));
            }
        }
        int pickBatches = batchWrite(pickItems.stream().distinct().toList());
        System.out.printf(Locale.ROOT, "seeded %,d showcase picks (%,d BatchWriteItem calls) in %.1f s%n",
                pickItems.size(), pickBatches, seconds(phase));
        System.out.printf(Locale.ROOT, "seeding took %.1f s in all%n%n", seconds(started));
    }

    private HostCard randomHost(String hostId) {
        List<Category> all = new ArrayList<>(Arrays.asList(Category.values()));
        java.util.Collections.shuffle(all, random);
        List<Category> categories = all.subList(0, 1 + random.nextInt(3));
        boolean self = random.nextInt(100) < 5;
        Host host = new Host(hostId, "Host " + hostId, categories, logUniform(100, 1_000_000), logUniform(1_000, 10_000_000),
                self ? HostKind.BRAND_SELF : HostKind.INDEPENDENT,
                self ? Optional.of(brandIds.get(random.nextInt(brandIds.size()))) : Optional.empty(),
                random.nextBoolean() ? new Trust(0.2 + 0.8 * random.nextDouble()) : Trust.NEUTRAL, LISTED, "bench");
        HostStats stats = random.nextBoolean() ? HostStats.NONE
                : new HostStats(random.nextInt(5_000), 60L * (1 + random.nextInt(2_000)));
        return new HostCard(host, stats);
    }

    private Product randomProduct(String productId) {
        Category category = Category.values()[random.nextInt(Category.values().length)];
        int openRate = 100 + random.nextInt(3_901);
        int roll = random.nextInt(100);
        boolean exclusive = roll < 2;
        List<RateSchedule.TargetedRate> targeted = new ArrayList<>();
        if (roll < 7) {
            for (int t = 0; t < 1 + random.nextInt(3); t++) {
                String hostId = hostIds.get(random.nextInt(hostIds.size()));
                if (targeted.stream().noneMatch(r -> r.hostId().equals(hostId))) {
                    targeted.add(new RateSchedule.TargetedRate(hostId, Math.min(9_000, openRate + 500)));
                }
            }
        }
        Map<CertificateKind, String> numbers = new EnumMap<>(CertificateKind.class);
        category.requiredCertificate().ifPresent(kind -> numbers.put(kind, "CERT-" + productId.substring(2)));
        long stock = random.nextInt(100) < 3 ? 0 : 1 + random.nextInt(10_000);
        ProductListing listing = new ProductListing("SKU-" + productId.substring(2), "Product " + productId, category,
                100 + random.nextInt(100_000), stock, 48, openRate, targeted, exclusive, new Certificates(numbers));
        ProductStatus status = random.nextInt(100) < 2 ? ProductStatus.SUSPENDED : ProductStatus.ACTIVE;
        return new Product(productId, brandIds.get(random.nextInt(brandIds.size())), listing,
                RateSchedule.listed(openRate, targeted, LISTED), status, LISTED, 1);
    }

    private long logUniform(long from, long to) {
        return Math.round(Math.exp(Math.log(from) + random.nextDouble() * (Math.log(to) - Math.log(from))));
    }

    /** Writes items 25 per BatchWriteItem, four requests in flight, retrying what DynamoDB leaves unprocessed. */
    private int batchWrite(List<Map<String, AttributeValue>> items) throws Exception {
        String table = Tables.CATALOG.tableName();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            int batches = 0;
            for (int from = 0; from < items.size(); from += 25) {
                List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                        .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                        .toList();
                batches++;
                done.add(writers.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                    while (!pending.isEmpty()) {
                        pending = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build())
                                .unprocessedItems();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return batches;
        } finally {
            writers.shutdown();
        }
    }

    // ---------- measuring ----------

    private MatchingService service(Duration trustCacheTtl) {
        return new MatchingService(hosts, new ProductRepository(dynamoDb), new ShowcaseRepository(dynamoDb),
                new BrandTrustCache(new BrandRepository(dynamoDb), trustCacheTtl, Clock.systemUTC()), scoring,
                Clock.systemUTC());
    }

    private void measure() {
        MatchingService cached = service(scoring.settings().trustCacheTtl());
        MatchingService uncached = service(Duration.ZERO);
        Map<String, IntFunction<Recommendations<?>>> lines = new LinkedHashMap<>();
        lines.put("products for a host (brand trust cached)", i -> {
            String hostId = hostIds.get(random.nextInt(hostIds.size()));
            return cached.productsFor(new Caller(hostId, Role.HOST, hostId), hostId, options.limit);
        });
        lines.put("products for a host (brand trust read)", i -> {
            String hostId = hostIds.get(random.nextInt(hostIds.size()));
            return uncached.productsFor(new Caller(hostId, Role.HOST, hostId), hostId, options.limit);
        });
        lines.put("hosts for a product", i -> {
            Product product = products.get(random.nextInt(products.size()));
            return cached.hostsFor(new Caller(product.brandId(), Role.BRAND, product.brandId()), product.productId(),
                    options.limit);
        });
        // warm every path before measuring any: DynamoDB Local's own code is compiled by the same JIT
        for (int i = 0; i < options.warmup; i++) {
            for (IntFunction<Recommendations<?>> line : lines.values()) {
                line.apply(i);
            }
        }
        System.out.printf(Locale.ROOT, "%,d warm-up requests of each kind, then %,d measured per line, limit %d, one at a time%n",
                options.warmup, options.requests, options.limit);
        System.out.println("direction                                   p50 ms   p99 ms   max ms   RCU mean  RCU p99  RCU max  candidates");
        lines.forEach(this::run);
    }

    private void run(String label, IntFunction<Recommendations<?>> request) {
        long[] nanos = new long[options.requests];
        double[] units = new double[options.requests];
        long candidates = 0;
        for (int i = 0; i < options.requests; i++) {
            long started = System.nanoTime();
            Recommendations<?> found = request.apply(i);
            nanos[i] = System.nanoTime() - started;
            units[i] = found.readUnits();
            candidates += found.candidates();
        }
        Arrays.sort(nanos);
        Arrays.sort(units);
        System.out.printf(Locale.ROOT, "%-42s %7.1f  %7.1f  %7.1f  %8.1f  %7.1f  %7.1f  %10.0f%n", label,
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6,
                Arrays.stream(units).average().orElse(0), units[Math.min(units.length - 1, (int) Math.ceil(units.length * 0.99) - 1)],
                units[units.length - 1], candidates / (double) options.requests);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(sorted.length * p / 100.0) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
