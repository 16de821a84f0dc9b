package com.alliance.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.Clients;
import com.alliance.functions.OpsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.PostingState;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.alliance.testing.ApiCalls;
import com.alliance.testing.ApiCalls.Answer;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.OrderEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Dead letters through ElasticMQ, the real poller and DynamoDB Local: an operator sees why each message is in
 * the dead-letter queue, redrives one or all to the order-events queue, and a redriven event applies once.
 */
class DeadLettersTest {

    private static final Map<String, String> OPERATOR = ApiCalls.claims("operator", "platform");

    private final LocalStores stores = LocalStores.get();
    private final Clock clock = Clock.systemUTC();
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());
    private final String sourceName = "events-" + UUID.randomUUID();
    private final String dlqName = "dlq-" + UUID.randomUUID();
    private final String sourceUrl = Provisioning.createQueues(stores.sqs(), sourceName, dlqName, 1);
    private final String dlqUrl = stores.sqs().getQueueUrl(b -> b.queueName(dlqName)).queueUrl();
    private final OpsFunction ops = new OpsFunction(stores.clients(clock),
            new DeadLetterQueue(stores.sqs(), () -> QueuePair.byName(stores.sqs(), sourceName, dlqName)));

    /** DynamoDB refuses every transaction while {@code down} is set, as in an outage; other calls go through. */
    private static DynamoDbClient withTransactionOutage(DynamoDbClient healthy, AtomicBoolean down) {
        URI endpoint = healthy.serviceClientConfiguration().endpointOverride().orElseThrow();
        return DynamoDbClient.builder().endpointOverride(endpoint).region(healthy.serviceClientConfiguration().region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (down.get() && context.request() instanceof TransactWriteItemsRequest) {
                            throw DynamoDbException.builder().statusCode(503)
                                    .message("Service unavailable (simulated outage)").build();
                        }
                    }
                })).build();
    }

    @Test
    void aValidEventThatExhaustedItsRetriesInAnOutageIsListedWithItsLastErrorAndAppliesOnceRedriven() throws Exception {
        String brand = marketplace.brand();
        String product = marketplace.product(brand, 2_000);
        String host = marketplace.independentHost();
        marketplace.pick(host, product);
        String orderId = "o-" + UUID.randomUUID();
        String paid = OrderEvents.paid(orderId, Instant.now(), product, host, 10_000);
        String poison = "{\"eventId\":\"poison-" + UUID.randomUUID() + "\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"x\","
                + "\"occurredAt\":\"2026-11-20T00:00:00Z\",\"refundFen\":-5}";
        send(sourceUrl, paid);
        send(sourceUrl, poison);

        AtomicBoolean down = new AtomicBoolean(true);
        Clients outage = new Clients(withTransactionOutage(stores.dynamoDb(), down), stores.sqs(), clock);
        try (SqsPoller poller = new SqsPoller(stores.sqs(), sourceUrl, new OrderEventsFunction(outage), "OrderEventsFunction", 1)) {
            await(() -> count(dlqUrl) == 2, Duration.ofSeconds(60));
        }
        down.set(false);

        Answer listed = ApiCalls.call(ops, "GET /ops/dead-letters", Map.of(), Map.of(), null, OPERATOR);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        assertThat(listed.body().path("approximateCount").asLong()).isEqualTo(2);
        JsonNode valid = letter(listed.body(), "VALID");
        JsonNode dead = letter(listed.body(), "POISON");
        assertThat(valid.path("orderId").asText()).isEqualTo(orderId);
        assertThat(valid.path("type").asText()).isEqualTo("ORDER_PAID");
        assertThat(valid.path("reason").asText()).startsWith("valid event: retries exhausted").contains("simulated outage");
        assertThat(valid.path("lastError").asText()).contains("DynamoDbException");
        assertThat(dead.path("reason").asText()).startsWith("poison message:").contains("refundFen");
        assertThat(count(dlqUrl)).as("listing consumes nothing").isEqualTo(2);

        try (SqsPoller healthy = new SqsPoller(stores.sqs(), sourceUrl, new OrderEventsFunction(stores.clients(clock)),
                "OrderEventsFunction", 1)) {
            Answer redriven = ApiCalls.call(ops, "POST /ops/dead-letters/redrive", Map.of(), Map.of(),
                    "{\"messageId\":\"" + valid.path("messageId").asText() + "\"}", OPERATOR);
            assertThat(redriven.status()).as(redriven.body().toString()).isEqualTo(200);
            await(() -> hostCommission(orderId, host) == 1_800L, Duration.ofSeconds(20));
            await(() -> healthy.deletedCount() == 1, Duration.ofSeconds(20));
        }
        Answer after = ApiCalls.call(ops, "GET /ops/dead-letters", Map.of(), Map.of(), null, OPERATOR);
        assertThat(after.body().path("deadLetters")).singleElement()
                .satisfies(left -> assertThat(left.path("kind").asText()).isEqualTo("POISON"));
    }

    @Test
    void aRedrivenEventThatAlreadyAppliedWritesNothing() throws Exception {
        String brand = marketplace.brand();
        String product = marketplace.product(brand, 2_000);
        String host = marketplace.independentHost();
        marketplace.pick(host, product);
        String orderId = "o-" + UUID.randomUUID();
        String paid = OrderEvents.paid(orderId, Instant.now(), product, host, 10_000);
        OrderEventsFunction function = new OrderEventsFunction(stores.clients(clock));
        try (SqsPoller poller = new SqsPoller(stores.sqs(), sourceUrl, function, "OrderEventsFunction", 1)) {
            send(sourceUrl, paid);
            await(() -> poller.deletedCount() == 1, Duration.ofSeconds(20));
            Map<String, AttributeValue> order = orderItem(orderId);
            int postings = ledger.postingsOfOrder(orderId).size();
            double writeUnits = function.capacity().writeUnits();
            // a second delivery of the event was dead-lettered (say, in an outage after the first applied)
            send(dlqUrl, paid);

            Answer started = ApiCalls.call(ops, "POST /ops/dead-letters/redrive", Map.of(), Map.of(), "{\"all\":true}", OPERATOR);
            assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
            assertThat(started.body().path("taskHandle").asText()).isNotBlank();
            await(() -> poller.deletedCount() == 2, Duration.ofSeconds(30));

            assertThat(count(dlqUrl)).isZero();
            assertThat(function.capacity().writeUnits()).as("write units of the redriven delivery").isEqualTo(writeUnits);
            assertThat(orderItem(orderId)).as("the order item, revision and all").isEqualTo(order);
            assertThat(ledger.postingsOfOrder(orderId)).hasSize(postings);
            assertThat(hostCommission(orderId, host)).isEqualTo(1_800L);
        }
        Answer listed = ApiCalls.call(ops, "GET /ops/dead-letters", Map.of(), Map.of(), null, OPERATOR);
        assertThat(listed.body().path("redrives")).isNotEmpty();
        assertThat(listed.body().path("redrives").get(0).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aListShowsAtMostItsLimitEachMessageOnceAndConsumesNone() {
        for (int i = 0; i < 25; i++) {
            send(dlqUrl, "not json " + i);
        }
        Answer first = ApiCalls.call(ops, "GET /ops/dead-letters", Map.of(), Map.of("limit", "10"), null, OPERATOR);
        assertThat(first.body().path("deadLetters")).hasSize(10);
        assertThat(first.body().path("approximateCount").asLong()).isEqualTo(25);
        Answer all = ApiCalls.call(ops, "GET /ops/dead-letters", Map.of(), Map.of("limit", "100"), null, OPERATOR);
        Set<String> ids = new HashSet<>();
        all.body().path("deadLetters").forEach(letter -> ids.add(letter.path("messageId").asText()));
        assertThat(ids).hasSize(25);
        assertThat(count(dlqUrl)).isEqualTo(25);
        assertThat(visible(dlqUrl)).as("every peeked message is visible again at once").isEqualTo(25);
    }

    @Test
    void aRedriveNamesOneMessageOrAllAndAMessageNotThereIs404() {
        Answer neither = ApiCalls.call(ops, "POST /ops/dead-letters/redrive", Map.of(), Map.of(), "{}", OPERATOR);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().path("error").path("field").asText()).isEqualTo("messageId");
        Answer both = ApiCalls.call(ops, "POST /ops/dead-letters/redrive", Map.of(), Map.of(),
                "{\"messageId\":\"m\",\"all\":true}", OPERATOR);
        assertThat(both.status()).isEqualTo(400);
        Answer missing = ApiCalls.call(ops, "POST /ops/dead-letters/redrive", Map.of(), Map.of(),
                "{\"messageId\":\"no-such-message\"}", OPERATOR);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("DEAD_LETTER_NOT_FOUND");
    }

    @Test
    void onlyTheLastReceiveBeforeTheDeadLetterQueueKeepsWhyTheEventFailed() {
        String host = marketplace.independentHost();
        String early = OrderEvents.paid("o-" + UUID.randomUUID(), Instant.now(), "p-never-listed-" + UUID.randomUUID(), host, 10_000);
        String last = OrderEvents.paid("o-" + UUID.randomUUID(), Instant.now(), "p-never-listed-" + UUID.randomUUID(), host, 10_000);
        var batch = OrderEvents.batch(early, last);
        batch.getRecords().get(0).setAttributes(Map.of("ApproximateReceiveCount", "4"));
        batch.getRecords().get(1).setAttributes(Map.of("ApproximateReceiveCount", "5"));

        var response = new OrderEventsFunction(stores.clients(clock)).handle(batch);

        assertThat(response.getBatchItemFailures()).hasSize(2);
        FailureRecords records = new FailureRecords(stores.dynamoDb());
        String earlyId = eventId(early);
        String lastId = eventId(last);
        Map<String, FailureRecord> kept = records.find(List.of(earlyId, lastId));
        assertThat(kept).containsOnlyKeys(lastId);
        assertThat(kept.get(lastId).receiveCount()).isEqualTo(5);
        assertThat(kept.get(lastId).messageId()).isEqualTo("m1");
        assertThat(kept.get(lastId).error()).startsWith("InvalidEventException").contains("product");
    }

    private static String eventId(String event) {
        try {
            return com.alliance.json.Json.MAPPER.readTree(event).path("eventId").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode letter(JsonNode listing, String kind) {
        for (JsonNode letter : listing.path("deadLetters")) {
            if (kind.equals(letter.path("kind").asText())) {
                return letter;
            }
        }
        throw new AssertionError("no " + kind + " dead letter in " + listing);
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        return stores.dynamoDb().getItem(b -> b.tableName(Tables.ORDERS.tableName())
                .key(Items.key("ORDER#" + orderId, "STATE")).consistentRead(true)).item();
    }

    private long hostCommission(String orderId, String hostId) {
        return Positions.of(ledger.postingsOfOrder(orderId))
                .getOrDefault(PositionKey.of(Account.host(hostId), PostingState.PENDING), 0L);
    }

    private void send(String queueUrl, String body) {
        stores.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    private long count(String queueUrl) {
        Map<QueueAttributeName, String> attributes = attributes(queueUrl);
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private long visible(String queueUrl) {
        return Long.parseLong(attributes(queueUrl).get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private Map<QueueAttributeName, String> attributes(String queueUrl) {
        return stores.sqs().getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).attributes();
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            Thread.sleep(100);
        }
    }
}
