package com.alliance.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Faults injected into a real DynamoDB SDK client talking to the real DynamoDB Local, each chosen
 * on its own from a seeded random source:
 * <ul>
 *   <li><b>throttle</b>: an attempt is refused with 400 {@code ThrottlingException} before it is sent
 *       (nothing written); the SDK backs off and retries it;</li>
 *   <li><b>lost response</b>: an attempt reaches DynamoDB and is executed, but its answer is replaced
 *       by 500 {@code InternalServerError}; the SDK retries a call that already took effect;</li>
 *   <li><b>outage</b>: every attempt of one call fails with 500 before it is sent, so the SDK gives up
 *       and the exception reaches the handler, which reports the message as failed;</li>
 *   <li><b>transaction conflict</b>: a {@code TransactWriteItems} is cancelled with reason
 *       {@code TransactionConflict} (as DynamoDB does when another transaction holds an item) before
 *       it is sent; the service reloads the order and tries again;</li>
 *   <li><b>kill</b>: on a consumer thread, a call is stopped by a {@link ConsumerKilled} error before
 *       it is sent: the thread dies between two DynamoDB calls, in the middle of its batch, and the
 *       batch's messages are neither reported nor deleted.</li>
 * </ul>
 */
final class FaultInjector implements ExecutionInterceptor {

    /** The consumer stops here, as a process killed between two calls would. */
    static final class ConsumerKilled extends Error {
        ConsumerKilled(String operation) {
            super("consumer killed before " + operation, null, false, false);
        }
    }

    record Rates(double throttle, double lostResponse, double outage, double conflict, int killEvery) {
    }

    private static final ExecutionAttribute<Boolean> OUTAGE = new ExecutionAttribute<>("alliance.fault.outage");
    private static final ExecutionAttribute<Boolean> LOSE_RESPONSE = new ExecutionAttribute<>("alliance.fault.lose");

    private final Rates rates;
    private final SplittableRandom random;
    private final String killableThreadName;
    private volatile boolean enabled;
    private long nextKillAt;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong consumerCalls = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong lostResponses = new AtomicLong();
    private final AtomicLong outageAttempts = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong kills = new AtomicLong();

    FaultInjector(Rates rates, long seed, String killableThreadName) {
        this.rates = rates;
        this.random = new SplittableRandom(seed);
        this.killableThreadName = killableThreadName;
        this.nextKillAt = nextKillGap();
    }

    void enable() {
        enabled = true;
    }

    void disable() {
        enabled = false;
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private synchronized long nextKillGap() {
        return rates.killEvery() <= 0 ? Long.MAX_VALUE : rates.killEvery() / 2 + random.nextLong(rates.killEvery() + 1L);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (enabled && draw() < rates.outage()) {
            attributes.putAttribute(OUTAGE, Boolean.TRUE);
            outages.incrementAndGet();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!enabled) {
            return;
        }
        attempts.incrementAndGet();
        String operation = context.request().getClass().getSimpleName().replace("Request", "");
        if (Thread.currentThread().getName().equals(killableThreadName)) {
            long call = consumerCalls.incrementAndGet();
            boolean kill;
            synchronized (this) {
                kill = call >= nextKillAt;
                if (kill) {
                    nextKillAt = call + nextKillGap();
                }
            }
            if (kill) {
                kills.incrementAndGet();
                throw new ConsumerKilled(operation);
            }
        }
        if (Boolean.TRUE.equals(attributes.getAttribute(OUTAGE))) {
            outageAttempts.incrementAndGet();
            throw serviceError(500, "InternalServerError", "injected outage: every attempt of this " + operation + " fails");
        }
        double roll = draw();
        if (roll < rates.throttle()) {
            throttles.incrementAndGet();
            throw serviceError(400, "ThrottlingException", "injected: rate of requests exceeds the allowed throughput");
        }
        if (context.request() instanceof TransactWriteItemsRequest transaction && roll < rates.throttle() + rates.conflict()) {
            conflicts.incrementAndGet();
            List<CancellationReason> reasons = transaction.transactItems().stream()
                    .map(item -> CancellationReason.builder().code(item == transaction.transactItems().get(1)
                            ? "TransactionConflict" : "None").build()).toList();
            throw TransactionCanceledException.builder().statusCode(400).cancellationReasons(reasons)
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons (injected)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                            .serviceName("DynamoDb").errorMessage("injected transaction conflict").build())
                    .build();
        }
        if (roll > 1 - rates.lostResponse()) {
            attributes.putAttribute(LOSE_RESPONSE, Boolean.TRUE);
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
            lostResponses.incrementAndGet();
            return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error")
                    .removeHeader("x-amz-crc32").build();
        }
        return context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(LOSE_RESPONSE))) {
            attributes.putAttribute(LOSE_RESPONSE, Boolean.FALSE);      // the next attempt gets its own roll
            return Optional.of(new ByteArrayInputStream(("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                    + "\"message\":\"injected: the write was executed, its response lost\"}").getBytes(StandardCharsets.UTF_8)));
        }
        return context.responseBody();
    }

    private static DynamoDbException serviceError(int status, String code, String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("DynamoDb").errorMessage(message).build())
                .build();
    }

    long attempts() {
        return attempts.get();
    }

    long throttles() {
        return throttles.get();
    }

    long lostResponses() {
        return lostResponses.get();
    }

    long outages() {
        return outages.get();
    }

    long outageAttempts() {
        return outageAttempts.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    long kills() {
        return kills.get();
    }

    /** Every failed attempt the injector caused (a kill is counted apart). */
    long injectedErrors() {
        return throttles.get() + lostResponses.get() + outageAttempts.get() + conflicts.get();
    }
}
