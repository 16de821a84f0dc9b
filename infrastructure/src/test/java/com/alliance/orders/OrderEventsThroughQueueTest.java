package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.PostingState;
import com.alliance.local.Provisioning;
import com.alliance.local.SqsPoller;
import com.alliance.testing.LocalStores;
import com.alliance.testing.Marketplace;
import com.alliance.testing.OrderEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** ElasticMQ, the real poller and DynamoDB Local together: what at-least-once delivery does to money. */
class OrderEventsThroughQueueTest {

    private final LocalStores stores = LocalStores.get();
    private final Clock clock = Clock.systemUTC();
    private final Marketplace marketplace = new Marketplace(stores.clients(clock));
    private final LedgerRepository ledger = new LedgerRepository(stores.dynamoDb());

    private String queue(String dlq) {
        String name = "events-" + UUID.randomUUID();
        return Provisioning.createQueues(stores.sqs(), name, dlq, 1);
    }

    private void send(String queueUrl, String body) {
        stores.sqs().sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).build());
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

    private long hostCommission(String orderId, String hostId) {
        return Positions.of(ledger.postingsOfOrder(orderId))
                .getOrDefault(PositionKey.of(Account.host(hostId), PostingState.PENDING), 0L);
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueWhileItsBatchMatesApply() throws InterruptedException {
        String brand = marketplace.brand();
        String product = marketplace.product(brand, 2_000);
        String host = marketplace.independentHost();
        marketplace.pick(host, product);
        String dlqName = "dlq-" + UUID.randomUUID();
        String queueUrl = queue(dlqName);
        String dlqUrl = stores.sqs().getQueueUrl(b -> b.queueName(dlqName)).queueUrl();

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String orderId = "o-" + UUID.randomUUID();
            orders.add(orderId);
            send(queueUrl, OrderEvents.paid(orderId, Instant.now(), product, host, 10_000));
        }
        send(queueUrl, "{\"eventId\":\"poison\",\"type\":\"ORDER_REFUNDED\",\"orderId\":\"x\",\"occurredAt\":\"2026-11-20T00:00:00Z\",\"refundFen\":-5}");

        try (SqsPoller poller = new SqsPoller(stores.sqs(), queueUrl, new OrderEventsFunction(stores.clients(clock)),
                "OrderEventsFunction", 1)) {
            await(() -> orders.stream().allMatch(o -> hostCommission(o, host) == 1_800L), Duration.ofSeconds(20));
            await(() -> approximateCount(dlqUrl) == 1, Duration.ofSeconds(30));
        }
        List<Message> dead = stores.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(dlqUrl)
                .maxNumberOfMessages(10).build()).messages();
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).contains("\"poison\""));
        assertThat(approximateCount(queueUrl)).isZero();
    }

    @Test
    void duplicatesDeliveredConcurrentlyToTwoConsumersAreCountedOnce() throws InterruptedException {
        String brand = marketplace.brand();
        String product = marketplace.product(brand, 2_000);
        String host = marketplace.independentHost();
        marketplace.pick(host, product);
        String queueUrl = queue("dlq-" + UUID.randomUUID());
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String orderId = "o-" + UUID.randomUUID();
            orders.add(orderId);
            String paid = OrderEvents.paid(orderId, Instant.now(), product, host, 10_000);
            String refund = OrderEvents.refunded(orderId, Instant.now().plusSeconds(5), 1_000);
            for (int copy = 0; copy < 3; copy++) {
                send(queueUrl, paid);
                send(queueUrl, refund);
            }
        }
        try (SqsPoller first = new SqsPoller(stores.sqs(), queueUrl, new OrderEventsFunction(stores.clients(clock)), "a", 1);
             SqsPoller second = new SqsPoller(stores.sqs(), queueUrl, new OrderEventsFunction(stores.clients(clock)), "b", 1)) {
            await(() -> first.deletedCount() + second.deletedCount() == 120, Duration.ofSeconds(60));
            assertThat(first.deletedCount()).isPositive();
            assertThat(second.deletedCount()).isPositive();
        }
        for (String order : orders) {
            assertThat(hostCommission(order, host)).isEqualTo(1_620L);   // 90% of paid, pro rata
            assertThat(Positions.total(Positions.of(ledger.postingsOfOrder(order)))).isZero();
        }
    }

    private long approximateCount(String queueUrl) {
        var attributes = stores.sqs().getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
