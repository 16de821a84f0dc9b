package com.alliance.functions;

import com.alliance.deadletters.FailureRecord;
import com.alliance.deadletters.FailureRecords;
import com.alliance.functions.api.Primer;
import com.alliance.orders.InvalidEventException;
import com.alliance.orders.OrderEventParser;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.Queues;
import java.time.Clock;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The order-events consumer: each message of the batch is applied on its own, and only the ones
 * that failed are reported back (partial batch response), so a poison message never holds up its
 * batch-mates and reaches the dead-letter queue after the queue's receive count.
 */
public class OrderEventsFunction implements RequestHandler<SQSEvent, SQSBatchResponse>, org.crac.Resource {

    private static final Logger LOG = LogManager.getLogger(OrderEventsFunction.class);

    private final OrderEventService service;
    private final CapacityMeter capacity;
    private final OrderRepository orders;
    private final FailureRecords failureRecords;
    private final Clock clock;

    /** Lambda's entry: clients from the environment, once per container. */
    public OrderEventsFunction() {
        this(Clients.fromEnvironment());
    }

    public OrderEventsFunction(Clients clients) {
        this.capacity = new CapacityMeter();
        this.orders = Wiring.orders(clients, capacity);
        this.service = Wiring.orderEvents(clients, orders);
        this.failureRecords = new FailureRecords(clients.dynamoDb());
        this.clock = clients.clock();
        org.crac.Core.getGlobalContext().register(this);
    }

    /** SnapStart: parse an event and read an order before the snapshot, so a restore starts warm. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        Primer.primeJson();
        Primer.quietly(() -> orders.load("priming"));
        Primer.quietly(() -> {
            try {
                OrderEventParser.parse("{\"eventId\":\"p\",\"type\":\"ORDER_SHIPPED\","
                        + "\"orderId\":\"priming\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}");
            } catch (InvalidEventException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing to renew: the SDK clients open fresh connections on first use
    }

    /** Capacity units this instance has consumed, for benchmarks. */
    public CapacityMeter capacity() {
        return capacity;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    public SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                if (service.handle(message.getBody()) == OrderEventService.Result.APPLIED) {
                    applied++;
                } else {
                    duplicates++;
                }
            } catch (InvalidEventException invalid) {
                LOG.warn("order event {} can never apply ({}); it goes to the dead-letter queue after its last receive",
                        message.getMessageId(), invalid.getMessage());
                recordIfLastReceive(message, invalid);
                failures.add(failure(message));
            } catch (RuntimeException transientOrBug) {
                LOG.error("order event {} failed and will be delivered again", message.getMessageId(), transientOrBug);
                recordIfLastReceive(message, transientOrBug);
                failures.add(failure(message));
            }
        }
        publish(applied, duplicates, failures.size());
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * On the receive after which SQS dead-letters the message, keeps why it failed, for the operators' list
     * (SQS keeps no reason). A message that does not parse needs none: its parse error says why.
     */
    private void recordIfLastReceive(SQSEvent.SQSMessage message, Exception error) {
        // Lambda's SQS events always carry the receive count; a message without one is not from a queue
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        if (count == null || !count.matches("\\d{1,9}") || Integer.parseInt(count) < Queues.MAX_RECEIVE_COUNT) {
            return;
        }
        int receives = Integer.parseInt(count);
        try {
            String eventId = OrderEventParser.parse(message.getBody()).eventId();
            failureRecords.record(new FailureRecord(eventId, message.getMessageId(), FailureRecord.describe(error),
                    clock.instant(), receives));
        } catch (InvalidEventException poison) {
            // the dead-letter list derives a poison message's reason from its body
        } catch (RuntimeException recordFailed) {
            LOG.warn("could not record why order event message {} failed", message.getMessageId(), recordFailed);
        }
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }

    private static void publish(int applied, int duplicates, int failed) {
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            return;     // locally and in tests there is no CloudWatch to read EMF lines
        }
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.addMetric("OrderEventsApplied", applied, MetricUnit.COUNT);
        metrics.addMetric("OrderEventsDuplicate", duplicates, MetricUnit.COUNT);
        metrics.addMetric("OrderEventsFailed", failed, MetricUnit.COUNT);
        metrics.flush();
    }
}
