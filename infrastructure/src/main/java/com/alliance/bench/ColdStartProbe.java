package com.alliance.bench;

import com.alliance.functions.CatalogFunction;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.WorkItem;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One cold start in a fresh JVM: builds a handler the way Lambda does (no-argument constructor,
 * clients from the environment) and handles one event, printing the times from JVM start.
 * Run by {@link ColdStartBenchmark}; not meant to be started by hand.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String target = args[0];
        String productId = args[1];
        String hostId = args[2];
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
        long mainAt = System.currentTimeMillis();
        Runnable firstEvent = switch (target) {
            case "bare" -> {
                DynamoDbClient dynamoDb = AwsClients.dynamoDb();
                SqsClient sqs = AwsClients.sqs();
                yield () -> {
                    dynamoDb.getItem(GetItemRequest.builder().tableName(Tables.CATALOG.tableName())
                            .key(Items.key("PRODUCT#" + productId, "PRODUCT")).build());
                    sqs.serviceName();
                };
            }
            case "CatalogFunction" -> {
                CatalogFunction function = new CatalogFunction();
                yield () -> check(function.handle(BenchEvents.http("GET /products/{productId}",
                        Map.of("productId", productId), null,
                        Map.of("sub", "probe", "role", "host", "party", hostId))).status() == 200, target);
            }
            case "OrderEventsFunction" -> {
                OrderEventsFunction function = new OrderEventsFunction();
                yield () -> {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId("probe");
                    message.setBody("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_PAID\",\"orderId\":\"cold-"
                            + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"productId\":\"" + productId
                            + "\",\"hostId\":\"" + hostId + "\",\"buyerId\":\"b\",\"quantity\":1,\"paidFen\":9900}");
                    SQSEvent event = new SQSEvent();
                    event.setRecords(List.of(message));
                    check(function.handle(event).getBatchItemFailures().isEmpty(), target);
                };
            }
            case "JobDispatchFunction" -> {
                JobDispatchFunction function = new JobDispatchFunction();
                yield () -> function.dispatch(Map.of("job", JobCatalog.ORDER_MATURATION));
            }
            case "JobWorkerFunction" -> {
                JobWorkerFunction function = new JobWorkerFunction();
                // an item of a lease that was never given: the job is built and its lease taken, which finds it stale
                yield () -> {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId("probe");
                    message.setBody(new WorkItem(JobCatalog.ORDER_MATURATION, 0, UUID.randomUUID().toString(), 0,
                            java.util.Optional.empty(), Instant.now(), java.time.Duration.ofSeconds(60)).toJson());
                    SQSEvent event = new SQSEvent();
                    event.setRecords(List.of(message));
                    check(function.handle(event, Deadline.after(java.time.Duration.ofSeconds(30)))
                            .getBatchItemFailures().isEmpty(), target);
                };
            }
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
        long initDone = System.currentTimeMillis();
        firstEvent.run();
        long firstDone = System.currentTimeMillis();
        System.out.printf("COLDSTART %s %d %d %d %d%n", target, mainAt - jvmStart.toEpochMilli(),
                initDone - mainAt, firstDone - initDone, firstDone - jvmStart.toEpochMilli());
        System.exit(0);
    }

    private static void check(boolean ok, String target) {
        if (!ok) {
            throw new IllegalStateException(target + " did not handle its first event");
        }
    }
}
