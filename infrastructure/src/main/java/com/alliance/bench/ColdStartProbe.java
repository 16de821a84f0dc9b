package com.alliance.bench;

import com.alliance.functions.AnalyticsFunction;
import com.alliance.functions.CatalogFunction;
import com.alliance.functions.Clients;
import com.alliance.functions.CollaborationFunction;
import com.alliance.functions.FinanceFunction;
import com.alliance.functions.HostsFunction;
import com.alliance.functions.JobDispatchFunction;
import com.alliance.functions.JobWorkerFunction;
import com.alliance.functions.LedgerDayLogFunction;
import com.alliance.functions.MatchingFunction;
import com.alliance.functions.OpsFunction;
import com.alliance.functions.OrderEventsFunction;
import com.alliance.functions.OrderListsFunction;
import com.alliance.functions.RiskFunction;
import com.alliance.functions.RunningCountsFunction;
import com.alliance.functions.api.ApiFunction;
import com.alliance.functions.api.Primer;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.WorkItem;
import com.alliance.local.LocalContext;
import com.alliance.persistence.AwsClients;
import com.alliance.persistence.Items;
import com.alliance.persistence.Tables;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * One cold start in a fresh JVM: builds a handler the way Lambda does (no-argument constructor, clients from the
 * environment) and hands it one event through {@code handleRequest}, printing the times from JVM start. The event
 * and the Lambda context are built first and their time is left out, as Lambda's runtime builds them before it calls
 * the handler.
 *
 * <p>The construction is split into what can be told apart: Log4j and Powertools logging (their first context),
 * Jackson (the mapper and its first tree read and written), the SDK clients ({@link Clients#fromEnvironment}), and the
 * handler's own constructor; each is done first, in that order, so the constructor finds it done. Every function does
 * all four before its first answer, so the order moves time between columns, not in or out of the total. The bare
 * handler only starts Log4j (which its SDK clients would start through SLF4J anyway), builds the clients and makes
 * one call.
 *
 * <p>Run by {@link ColdStartBenchmark}; not meant to be started by hand. Its arguments: the target, then
 * {@code name=value} pairs (productId, hostId, brandId, and the files of the stream events).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
        long mainAt = System.currentTimeMillis();
        String target = args[0];
        Map<String, String> ids = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            ids.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        // what Lambda's runtime has done before it calls the handler: the event and the context, off the clock
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        Context context = new LocalContext(target, Duration.ofSeconds(30));
        Probe probe = probe(target, ids, context);
        long prepared = System.currentTimeMillis();
        long classesAtStart = classes.getTotalLoadedClassCount();

        // Log4j first: the SDK logs through SLF4J to Log4j, so building the clients would start it otherwise
        LogManager.getLogger(ColdStartProbe.class);
        long log4jDone = System.currentTimeMillis();
        long jackson = 0;
        if (!probe.bare()) {
            PowertoolsLogging.withLogging(context, () -> null);
            log4jDone = System.currentTimeMillis();
            Primer.primeJson();
            jackson = System.currentTimeMillis() - log4jDone;
        }
        long logging = log4jDone - prepared;
        long clientsAt = System.currentTimeMillis();
        Object handler;
        long clients;
        if (probe.bare()) {
            handler = probe.construct().get();          // the bare handler is its clients
            clients = System.currentTimeMillis() - clientsAt;
        } else {
            Clients.fromEnvironment();
            clients = System.currentTimeMillis() - clientsAt;
            handler = probe.construct().get();
        }
        long constructed = System.currentTimeMillis();
        long own = constructed - prepared - clients - logging - jackson;
        long classesAtInit = classes.getTotalLoadedClassCount();
        check(probe.handle().test(handler), target);
        long firstDone = System.currentTimeMillis();
        long classesAtFirst = classes.getTotalLoadedClassCount();

        long jvm = mainAt - jvmStart.toEpochMilli();
        long init = constructed - prepared;
        long first = firstDone - constructed;
        System.out.printf("COLDSTART %s %d %d %d %d %d %d %d %d %d %d%n", target, jvm, init, first, jvm + init + first,
                clients, logging, jackson, own, classesAtInit - classesAtStart, classesAtFirst - classesAtInit);
        System.exit(0);
    }

    /**
     * How to build one target's handler and hand it its first event, with the event already built. The lambdas take
     * and give {@code Object}s and cast inside: a lambda typed with a function class would load that class when the
     * lambda is linked, before the clock runs.
     */
    private record Probe(boolean bare, Supplier<Object> construct, Predicate<Object> handle) {

        static Probe of(Supplier<Object> construct, Predicate<Object> handle) {
            return new Probe(false, construct, handle);
        }
    }

    private static Probe probe(String target, Map<String, String> ids, Context context) {
        String productId = ids.get("productId");
        String hostId = ids.get("hostId");
        String brandId = ids.get("brandId");
        Map<String, String> host = Map.of("sub", "probe", "role", "host", "party", hostId);
        Map<String, String> brand = Map.of("sub", "probe", "role", "brand", "party", brandId);
        Map<String, String> operator = Map.of("sub", "probe", "role", "operator", "party", "platform");
        return switch (target) {
            case "bare" -> new Probe(true, () -> new Object[] {AwsClients.dynamoDb(), AwsClients.sqs()}, clients -> {
                ((DynamoDbClient) ((Object[]) clients)[0]).getItem(GetItemRequest.builder()
                        .tableName(Tables.CATALOG.tableName()).key(Items.key("PRODUCT#" + productId, "PRODUCT")).build());
                return ((SqsClient) ((Object[]) clients)[1]).serviceName() != null;
            });
            case "CatalogFunction" -> http(() -> new CatalogFunction(), get("GET /products/{productId}",
                    Map.of("productId", productId), host), context);
            case "HostsFunction" -> http(() -> new HostsFunction(), get("GET /hosts/{hostId}", Map.of("hostId", hostId), host),
                    context);
            case "MatchingFunction" -> http(() -> new MatchingFunction(), get("GET /hosts/{hostId}/recommendations",
                    Map.of("hostId", hostId), host), context);
            case "FinanceFunction" -> http(() -> new FinanceFunction(), get("GET /finance/balances", Map.of(), host), context);
            case "RiskFunction" -> http(() -> new RiskFunction(), get("GET /brands/{brandId}/sla", Map.of("brandId", brandId),
                    brand), context);
            case "AnalyticsFunction" -> http(() -> new AnalyticsFunction(), get("GET /analytics/hosts/{hostId}/gmv",
                    Map.of("hostId", hostId), host), context);
            case "OrderListsFunction" -> http(() -> new OrderListsFunction(), get("GET /hosts/{hostId}/orders",
                    Map.of("hostId", hostId), host), context);
            case "CollaborationFunction" -> http(() -> new CollaborationFunction(), get("GET /hosts/{hostId}/samples",
                    Map.of("hostId", hostId), host), context);
            case "OpsFunction" -> http(() -> new OpsFunction(), get("GET /ops/jobs", Map.of(), operator), context);
            case "OrderEventsFunction" -> {
                SQSEvent event = sqs("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_PAID\",\"orderId\":\"cold-"
                        + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"productId\":\"" + productId
                        + "\",\"hostId\":\"" + hostId + "\",\"buyerId\":\"b\",\"quantity\":1,\"paidFen\":9900}");
                yield Probe.of(() -> new OrderEventsFunction(),
                        f -> ((OrderEventsFunction) f).handleRequest(event, context).getBatchItemFailures().isEmpty());
            }
            case "RunningCountsFunction" -> {
                DynamodbTimeWindowEvent event = stream(ids.get("ordersStream"));
                yield Probe.of(() -> new RunningCountsFunction(),
                        f -> ((RunningCountsFunction) f).handleRequest(event, context).getBatchItemFailures().isEmpty());
            }
            case "LedgerDayLogFunction" -> {
                DynamodbTimeWindowEvent event = stream(ids.get("ledgerStream"));
                yield Probe.of(() -> new LedgerDayLogFunction(),
                        f -> ((LedgerDayLogFunction) f).handleRequest(event, context).getBatchItemFailures().isEmpty());
            }
            case "JobDispatchFunction" -> {
                Map<String, Object> input = Map.of("job", JobCatalog.ORDER_MATURATION);
                yield Probe.of(() -> new JobDispatchFunction(),
                        f -> ((JobDispatchFunction) f).handleRequest(input, context) != null);
            }
            case "JobWorkerFunction" -> {
                // an item of a lease that was never given: the job is built and its lease taken, which finds it stale
                SQSEvent event = sqs(new WorkItem(JobCatalog.ORDER_MATURATION, 0, UUID.randomUUID().toString(), 0,
                        Optional.empty(), Instant.now(), Duration.ofSeconds(60)).toJson());
                yield Probe.of(() -> new JobWorkerFunction(),
                        f -> ((JobWorkerFunction) f).handleRequest(event, context).getBatchItemFailures().isEmpty());
            }
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    private static Probe http(Supplier<Object> construct, APIGatewayV2HTTPEvent event, Context context) {
        return Probe.of(construct, f -> ((ApiFunction) f).handleRequest(event, context).getStatusCode() == 200);
    }

    private static APIGatewayV2HTTPEvent get(String routeKey, Map<String, String> path, Map<String, String> claims) {
        return BenchEvents.http(routeKey, path, null, claims);
    }

    private static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("probe");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** A one-record stream batch the benchmark wrote, with a sequence number of its own so no fold has seen it. */
    private static DynamodbTimeWindowEvent stream(String file) {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(file)))) {
            DynamodbTimeWindowEvent event = (DynamodbTimeWindowEvent) in.readObject();
            String sequence = System.currentTimeMillis() + String.format("%06d", ProcessHandle.current().pid() % 1_000_000);
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                record.getDynamodb().setSequenceNumber(sequence);
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean ok, String target) {
        if (!ok) {
            throw new IllegalStateException(target + " did not handle its first event");
        }
    }
}
