package com.alliance.bench;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.json.Json;
import com.alliance.local.EmbeddedDynamoDb;
import com.alliance.local.EmbeddedSqs;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Order events through ElasticMQ → the real poller and handler → DynamoDB Local, against the raw
 * TransactWriteItems rate of the same store for the same number of transactions and items.
 *
 * <pre>java -cp infrastructure/target/alliance-local.jar com.alliance.bench.IngestionBenchmark [--events N] [--consumers N]</pre>
 */
public final class IngestionBenchmark {

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse("IngestionBenchmark", "Order events through ElasticMQ, the poller and the handler into DynamoDB Local,"
                        + " against the store's raw transaction rate.", args,
                new Flags.Flag("--events", 20_000, 3, "events to send: orders x paid, shipped, received"),
                new Flags.Flag("--consumers", 4, 1, "pollers draining the queue"));
        int events = flags.intValue("--events");
        int consumers = flags.intValue("--consumers");
        int perOrder = 3;   // paid, shipped, received
        int orders = events / perOrder;
        RequestCounter requests = new RequestCounter();

        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, Optional.empty());
             EmbeddedSqs queues = EmbeddedSqs.start(0);
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(dynamo.endpoint());
             DynamoDbClient counted = FaultInjectionHarness.interceptedClient(dynamo.endpoint(), requests);
             SqsClient sqs = AwsClients.sqs(queues.endpoint())) {
            Provisioning.createTables(dynamoDb);
            String queueUrl = Provisioning.createQueues(sqs);
            Clients clients = new Clients(dynamoDb, sqs, Clock.systemUTC());
            Catalog catalog = Catalog.seed(clients);

            Instant start = Instant.now().minus(Duration.ofDays(1));
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String orderId = "bench-" + i;
                Instant paidAt = start.plusMillis(i);
                bodies.add(event("ORDER_PAID", orderId, paidAt).put("productId", catalog.products.get(i % catalog.products.size()))
                        .put("hostId", catalog.hosts.get(i % catalog.hosts.size())).put("buyerId", "buyer-" + i)
                        .put("quantity", 1).put("paidFen", 5_000 + (i % 997) * 37).toString());
                bodies.add(event("ORDER_SHIPPED", orderId, paidAt.plusSeconds(3_600)).toString());
                bodies.add(event("ORDER_RECEIVED", orderId, paidAt.plusSeconds(7_200)).toString());
            }
            long sendStart = System.nanoTime();
            send(sqs, queueUrl, bodies);
            double sendSeconds = seconds(sendStart);

            OrderEventsFunction function = new OrderEventsFunction(new Clients(counted, sqs, Clock.systemUTC()));
            long drainStart = System.nanoTime();
            try (SqsPoller poller = new SqsPoller(sqs, queueUrl, function, "OrderEventsFunction", consumers)) {
                while (poller.deletedCount() < bodies.size()) {
                    Thread.sleep(50);
                }
            }
            double drainSeconds = seconds(drainStart);
            double pipelineRate = bodies.size() / drainSeconds;

            double rawRate = rawTransactWriteRate(dynamoDb, bodies.size(), consumers);
            OrderItemSizes sizes = OrderItemSizes.of(dynamoDb, orders);

            System.out.println();
            System.out.println("Ingestion benchmark: ElasticMQ -> SqsPoller -> OrderEventsFunction -> DynamoDB Local");
            System.out.printf("  events                      %,d (%,d orders x paid/shipped/received), %d consumers%n",
                    bodies.size(), orders, consumers);
            System.out.printf("  enqueue                     %.1f s%n", sendSeconds);
            System.out.printf("  drain                       %.1f s  -> %,.0f events/s%n", drainSeconds, pipelineRate);
            System.out.printf("  write units per order       %.1f  (lifecycle of 3 events, from ReturnConsumedCapacity)%n",
                    function.capacity().writeUnits() / orders);
            System.out.printf("  read units per order        %.1f%n", function.capacity().readUnits() / orders);
            function.capacity().writesByPlace().forEach((place, units) ->
                    System.out.printf("    writes on %-24s %.1f per order%n", place, units / orders));
            System.out.printf("  store requests per event    %.2f:", (double) requests.total() / bodies.size());
            requests.counts().forEach((operation, count) -> System.out.printf(" %s %.2f", operation, (double) count / bodies.size()));
            System.out.println();
            System.out.printf("  order item after receipt    %,d bytes on average (%,d at most), its gsi1 entry %,d, gsi3 entry %,d%n",
                    sizes.item(), sizes.largest(), sizes.brandEntry(), sizes.buyerEntry());
            System.out.printf("  raw TransactWriteItems      %,.0f transactions/s (same count, 8 items each, %d threads)%n",
                    rawRate, consumers);
            System.out.printf("  pipeline / raw              %.2f%n", pipelineRate / rawRate);
        }
        System.exit(0);
    }

    /** A brand, a few products and independent hosts, through the real handlers where they exist. */
    record Catalog(String brandId, List<String> products, List<String> hosts) {
        static Catalog seed(Clients clients) {
            CatalogFunction catalog = new CatalogFunction(clients);
            Map<String, String> operator = Map.of("sub", "bench", "role", "operator", "party", "platform");
            String brandId = Json.MAPPER.valueToTree(body(catalog.handle(BenchEvents.http("POST /brands", Map.of(),
                    "{\"name\":\"Bench brand\",\"creditCode\":\"91310000MA1FL0Q73F\"}", operator)).body())).path("brandId").asText();
            Map<String, String> brand = Map.of("sub", "bench", "role", "brand", "party", brandId);
            List<String> products = new ArrayList<>();
            for (int p = 0; p < 20; p++) {
                String listing = "{\"sku\":\"B-" + p + "\",\"title\":\"Bench " + p + "\",\"category\":\"FOOD\",\"priceFen\":9900,"
                        + "\"stock\":100000,\"shipWithinHours\":48,\"openRateBps\":" + (1_000 + p * 50) + "}";
                products.add(body(catalog.handle(BenchEvents.http("POST /brands/{brandId}/products", Map.of("brandId", brandId),
                        listing, brand)).body()).path("productId").asText());
            }
            HostsFunction hostsApi = new HostsFunction(clients);
            List<String> hosts = new ArrayList<>();
            for (int h = 0; h < 50; h++) {
                hosts.add(body(hostsApi.handle(BenchEvents.http("POST /hosts", Map.of(), "{\"personaName\":\"Bench host " + h
                        + "\",\"categories\":[\"FOOD\"],\"privateFans\":1000,\"publicFans\":5000}", operator)).body())
                        .path("hostId").asText());
            }
            // every host picks every product before selling it, as the fake-order rules expect of a real host
            for (String host : hosts) {
                Map<String, String> asHost = Map.of("sub", "host@" + host, "role", "host", "party", host);
                for (String product : products) {
                    hostsApi.handle(BenchEvents.http("POST /hosts/{hostId}/showcase", Map.of("hostId", host),
                            "{\"productId\":\"" + product + "\"}", asHost));
                }
            }
            return new Catalog(brandId, products, hosts);
        }

        static com.fasterxml.jackson.databind.JsonNode body(String json) {
            try {
                return Json.MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sizes of the benchmark's order items and of two of their index entries, as DynamoDB counts them. */
    record OrderItemSizes(long item, long largest, long brandEntry, long buyerEntry) {
        static OrderItemSizes of(DynamoDbClient dynamoDb, int orders) {
            long total = 0;
            long largest = 0;
            long brand = 0;
            long buyer = 0;
            int counted = 0;
            for (int i = 0; i < orders; i += Math.max(1, orders / 100)) {
                Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder().tableName(Tables.ORDERS.tableName())
                        .key(Items.key("ORDER#bench-" + i, "STATE")).build()).item();
                total += ItemSize.of(item);
                largest = Math.max(largest, ItemSize.of(item));
                brand += ItemSize.indexEntry(item, Tables.ORDERS, "gsi1");
                buyer += ItemSize.indexEntry(item, Tables.ORDERS, "gsi3");
                counted++;
            }
            return new OrderItemSizes(total / counted, largest, brand / counted, buyer / counted);
        }
    }

    static com.fasterxml.jackson.databind.node.ObjectNode event(String type, String orderId, Instant at) {
        return Json.object().put("eventId", UUID.randomUUID().toString()).put("type", type).put("orderId", orderId)
                .put("occurredAt", at.toString());
    }

    static void send(SqsClient sqs, String queueUrl, List<String> bodies) {
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, bodies.size()); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j - i)).messageBody(bodies.get(j)).build());
            }
            sqs.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
        }
    }

    /** The store's own ceiling: transactions of 8 small conditional puts, as many as events, on as many threads. */
    static double rawTransactWriteRate(DynamoDbClient dynamoDb, int transactions, int threads) throws InterruptedException {
        String table = Tables.LEDGER.tableName();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = thread; i < transactions; i += threads) {
                    List<TransactWriteItem> puts = new ArrayList<>();
                    for (int k = 0; k < 8; k++) {
                        puts.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                                .item(Items.builder().s("pk", "RAW#" + i).s("sk", "ITEM#" + k).n("amountFen", k)
                                        .s("reason", "raw transaction rate").build())
                                .conditionExpression("attribute_not_exists(pk)").build()).build());
                    }
                    dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(puts).build());
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return transactions / seconds(start);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
