package com.alliance.bench;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.json.Json;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.persistence.AwsClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Cold starts measured as Lambda has them: a fresh JVM per start with Lambda's flags
 * ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}), the handler built by its no-argument
 * constructor, one event handled; against a bare handler that only builds the same SDK clients and
 * makes one call. Prints medians and the ratio to bare.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.ColdStartBenchmark [--runs N]</pre>
 */
public final class ColdStartBenchmark {

    static final List<String> TARGETS = List.of("bare", "CatalogFunction", "OrderEventsFunction", "JobDispatchFunction",
            "JobWorkerFunction");

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

            Map<String, long[]> medians = new LinkedHashMap<>();
            for (String target : TARGETS) {
                List<long[]> samples = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    samples.add(probe(target, productId, hostId, dynamo, queues));
                }
                medians.put(target, median(samples));
            }
            System.out.println();
            System.out.printf("Cold start, median of %d fresh JVMs (-XX:TieredStopAtLevel=1), ms from JVM start%n", runs);
            System.out.printf("  %-24s %8s %8s %12s %8s %9s%n", "handler", "jvm", "init", "first event", "total", "vs bare");
            long bare = medians.get("bare")[3];
            medians.forEach((target, m) -> System.out.printf("  %-24s %8d %8d %12d %8d %8.2fx%n",
                    target, m[0], m[1], m[2], m[3], m[3] / (double) bare));
        }
        System.exit(0);
    }

    private static long[] probe(String target, String productId, String hostId, EmbeddedDynamoDb dynamo, EmbeddedSqs queues)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), target, productId, hostId);
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        builder.environment().put("AWS_ENDPOINT_URL_SQS", queues.endpoint().toString());
        builder.environment().put("POWERTOOLS_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("COLDSTART ")) {
                    result = line;
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("cold-start probe for " + target + " failed");
        }
        String[] parts = result.split(" ");
        return new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]), Long.parseLong(parts[5])};
    }

    private static long[] median(List<long[]> samples) {
        long[] median = new long[4];
        for (int i = 0; i < 4; i++) {
            int column = i;
            median[i] = samples.stream().mapToLong(s -> s[column]).sorted().skip(samples.size() / 2).findFirst().orElseThrow();
        }
        return median;
    }
}
