package com.alliance.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The local event source mapping: receives up to 10 messages, hands them to the SQS handler as one
 * {@link SQSEvent}, and deletes those the handler did not report in its partial batch response.
 * Reported failures (or a thrown batch) stay on the queue, come back after the visibility timeout,
 * and reach the dead-letter queue after the redrive policy's receive count, as with Lambda.
 */
public final class SqsPoller implements AutoCloseable {

    public static final int BATCH_SIZE = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final String functionName;
    private final ExecutorService consumers;
    private final int batchSize;
    private final Supplier<Context> contexts;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public SqsPoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                     String functionName, int consumerCount) {
        this(sqs, queueUrl, handler, functionName, consumerCount, BATCH_SIZE, () -> new LocalContext(functionName));
    }

    /** With batches of up to {@code batchSize} messages, each invocation given a context from {@code contexts}. */
    public SqsPoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                     String functionName, int consumerCount, int batchSize,
                     Supplier<Context> contexts) {
        this.batchSize = batchSize;
        this.contexts = contexts;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = "arn:aws:sqs:local:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.handler = handler;
        this.functionName = functionName;
        this.consumers = Executors.newFixedThreadPool(consumerCount, r -> {
            Thread thread = new Thread(r, "sqs-poller");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < consumerCount; i++) {
            consumers.submit(this::pollUntilClosed);
        }
    }

    /** Messages handled and deleted so far. */
    public long deletedCount() {
        return deleted.get();
    }

    /** Messages the handler reported as failed so far (each receive counts). */
    public long failedCount() {
        return failed.get();
    }

    private void pollUntilClosed() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("sqs-poller: " + e.getMessage());
                    sleepQuietly(1_000);
                }
            }
        }
    }

    /** One receive, one invocation, one delete of what succeeded. */
    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(queueUrl).maxNumberOfMessages(batchSize).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).build()).messages();
        if (messages.isEmpty()) {
            return;
        }
        batches.incrementAndGet();
        Set<String> failures;
        try {
            SQSBatchResponse response = handler.handleRequest(toEvent(messages), contexts.get());
            failures = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        } catch (RuntimeException wholeBatch) {
            System.err.println("sqs-poller: the handler failed the whole batch: " + wholeBatch);
            failed.addAndGet(messages.size());
            return;
        }
        failed.addAndGet(failures.size());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failures.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl).entries(done).build());
            deleted.addAndGet(done.size());
        }
    }

    private SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("local");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumers.shutdown();
        try {
            consumers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
