package com.alliance.bench;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.StreamImages;
import com.alliance.json.Json;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cold starts measured as Lambda has them: a fresh JVM per start with Lambda's flags
 * ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}), the handler built by its no-argument
 * constructor, one event handled through {@code handleRequest}; against a bare handler that only builds the same
 * SDK clients and makes one call. Every function of template.yaml is measured (a test holds {@link #TARGETS} to the
 * template): an HTTP function answers a cheap GET of something the setup made, a stream consumer a one-record batch,
 * the job functions a dispatch and a stale work item. Prints medians, the ratio to bare, and where the construction's
 * time goes (see {@link ColdStartProbe}).
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.ColdStartBenchmark [--runs N]</pre>
 */
public final class ColdStartBenchmark {

    /** The bare handler, then every function of template.yaml by its logical id. */
    public static final List<String> TARGETS = List.of("bare", "CatalogFunction", "HostsFunction", "MatchingFunction",
            "FinanceFunction", "RiskFunction", "AnalyticsFunction", "OrderListsFunction", "CollaborationFunction",
            "OpsFunction", "OrderEventsFunction", "RunningCountsFunction", "LedgerDayLogFunction", "JobDispatchFunction",
            "JobWorkerFunction");

    /** The columns a probe reports, in its order: the current four, then the split of the construction. */
    private static final int COLUMNS = 10;

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Flags.parse("ColdStartBenchmark", "Fresh JVMs handling their first event, with and without priming.", args,
                new Flags.Flag("--runs", 5, 1, "cold starts per variant")).intValue("--runs");
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs queues = EmbeddedSqs.start(0);
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(dynamo.endpoint());
             SqsClient sqs = AwsClients.sqs(queues.endpoint())) {
            Provisioning.createTables(dynamoDb);
            Provisioning.createQueues(sqs);
            CatalogFunction catalog = new CatalogFunction(new Clients(dynamoDb, sqs, Clock.systemUTC()));
            Map<String, String> operator = Map.of("sub", "bench", "role", "operator", "party", "platform");
            String brandId = Json.MAPPER.readTree(catalog.handle(BenchEvents.http("POST /brands", Map.of(),
                    "{\"name\":\"Cold brand\",\"creditCode\":\"91310000MA1FL0Q73F\"}", operator)).body()).path("brandId").asText();
            String productId = Json.MAPPER.readTree(catalog.handle(BenchEvents.http("POST /brands/{brandId}/products",
                    Map.of("brandId", brandId), "{\"sku\":\"C-1\",\"title\":\"Cold\",\"category\":\"FOOD\",\"priceFen\":9900,"
                            + "\"stock\":10,\"shipWithinHours\":48,\"openRateBps\":2000}",
                    Map.of("sub", "bench", "role", "brand", "party", brandId))).body()).path("productId").asText();
            String hostId = Json.MAPPER.readTree(new HostsFunction(new Clients(dynamoDb, sqs, Clock.systemUTC()))
                    .handle(BenchEvents.http("POST /hosts", Map.of(), "{\"personaName\":\"Cold host\",\"categories\":[\"FOOD\"],"
                            + "\"privateFans\":10,\"publicFans\":10}", operator)).body()).path("hostId").asText();
            List<String> ids = List.of("productId=" + productId, "hostId=" + hostId, "brandId=" + brandId,
                    "ordersStream=" + ordersStream(dynamoDb, sqs, productId, hostId),
                    "ledgerStream=" + ledgerStream(hostId));

            // -Dcoldstart.only=CatalogFunction,... measures only those (and bare), to look at a few again
            List<String> only = List.of(System.getProperty("coldstart.only", "").split(","));
            List<String> targets = TARGETS.stream().filter(t -> t.equals("bare") || only.equals(List.of(""))
                    || only.contains(t)).toList();
            // round by round, every target once a round: a load that comes and goes on the machine meets them all alike
            Map<String, List<long[]>> samples = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                for (String target : targets) {
                    samples.computeIfAbsent(target, t -> new ArrayList<>()).add(probe(target, ids, dynamo, queues));
                }
            }
            Map<String, long[]> medians = new LinkedHashMap<>();
            samples.forEach((target, taken) -> medians.put(target, median(taken)));
            System.out.println();
            System.out.printf("Cold start, median of %d fresh JVMs (-XX:TieredStopAtLevel=1), ms from JVM start;%n", runs);
            System.out.printf("init split into Log4j and Powertools, Jackson, SDK clients and the handler's own constructor;%n");
            System.out.printf("classes loaded during init and during the first event%n");
            System.out.printf("  %-22s %6s %6s %12s %6s %8s | %7s %7s %7s %7s | %8s %8s%n", "handler", "jvm", "init",
                    "first event", "total", "vs bare", "logging", "jackson", "clients", "ctor", "classes", "+1st");
            long bare = medians.get("bare")[3];
            medians.forEach((target, m) -> System.out.printf(
                    "  %-22s %6d %6d %12d %6d %7.2fx | %7d %7d %7d %7d | %8d %8d%n",
                    target, m[0], m[1], m[2], m[3], m[3] / (double) bare, m[5], m[6], m[4], m[7], m[8], m[9]));
        }
        System.exit(0);
    }

    /**
     * The orders stream's record of a paid order: the setup pays one through the order-events function and writes
     * the order's item as the new image of a one-record batch, to a file the probes read.
     */
    private static String ordersStream(DynamoDbClient dynamoDb, SqsClient sqs, String productId, String hostId)
            throws Exception {
        String orderId = "cold-" + UUID.randomUUID();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("setup");
        message.setBody("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_PAID\",\"orderId\":\"" + orderId
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"productId\":\"" + productId + "\",\"hostId\":\"" + hostId
                + "\",\"buyerId\":\"b\",\"quantity\":1,\"paidFen\":9900}");
        SQSEvent paid = new SQSEvent();
        paid.setRecords(List.of(message));
        if (!new OrderEventsFunction(new Clients(dynamoDb, sqs, Clock.systemUTC())).handle(paid).getBatchItemFailures()
                .isEmpty()) {
            throw new IllegalStateException("the setup could not pay an order");
        }
        Map<String, AttributeValue> order = dynamoDb.getItem(GetItemRequest.builder().tableName(Tables.ORDERS.tableName())
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true).build()).item();
        return streamFile("orders", order);
    }

    /** The ledger stream's record of one new posting, written to a file the probes read. */
    private static String ledgerStream(String hostId) throws Exception {
        String postedAt = Instant.now().toString();
        String postingId = UUID.randomUUID() + "#0";
        return streamFile("ledger", Items.builder().s("pk", "PARTY#" + hostId + "#0").s("sk", "POST#" + postedAt + "#" + postingId)
                .s("postingId", postingId).s("orderId", "cold-order").s("eventId", postingId.substring(0, postingId.indexOf('#')))
                .s("accountType", "HOST").s("party", hostId).n("amountFen", 7).s("state", "PENDING").s("reason", "commission")
                .s("postedAt", postedAt).build());
    }

    private static String streamFile(String name, Map<String, AttributeValue> newImage) throws Exception {
        StreamRecord change = new StreamRecord().withSequenceNumber("0").withSizeBytes(1L)
                .withStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES)
                .withKeys(StreamImages.toLambda(Map.of("pk", newImage.get("pk"), "sk", newImage.get("sk"))))
                .withNewImage(StreamImages.toLambda(newImage))
                .withApproximateCreationDateTime(java.util.Date.from(Instant.now()));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString());
        record.setEventName("INSERT");
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("local");
        record.setDynamodb(change);
        DynamodbTimeWindowEvent event = new DynamodbTimeWindowEvent();
        event.setRecords(List.of(record));
        event.setShardId("shardId-cold-" + name);
        event.setState(Map.of());
        event.setIsFinalInvokeForWindow(false);
        event.setIsWindowTerminatedEarly(false);
        Path file = Files.createTempFile("cold-" + name + "-stream", ".ser");
        file.toFile().deleteOnExit();
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(event);
        }
        return file.toString();
    }

    private static long[] probe(String target, List<String> ids, EmbeddedDynamoDb dynamo, EmbeddedSqs queues)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), target));
        command.addAll(ids);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        builder.environment().put("AWS_ENDPOINT_URL_SQS", queues.endpoint().toString());
        builder.environment().put("POWERTOOLS_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("COLDSTART ")) {
                    result = line;
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("cold-start probe for " + target + " failed:\n" + output);
        }
        String[] parts = result.split(" ");
        long[] sample = new long[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            sample[i] = Long.parseLong(parts[i + 2]);
        }
        return sample;
    }

    private static long[] median(List<long[]> samples) {
        long[] median = new long[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            int column = i;
            median[i] = samples.stream().mapToLong(s -> s[column]).sorted().skip(samples.size() / 2).findFirst().orElseThrow();
        }
        return median;
    }
}
