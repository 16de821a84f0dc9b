package com.alliance.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The order-events dead-letter queue as operators use it, through the SQS API alone (ElasticMQ answers the
 * same calls locally, message move tasks included): peek at messages without consuming them, move one back
 * to the source queue, or start a message move task that moves them all.
 *
 * <p>SQS has no cursor over a queue: a peek receives messages (hidden meanwhile, so each receive brings
 * others) and makes them visible again before it returns. Two peeks at once each see fewer messages.
 */
public final class DeadLetterQueue {

    /** How long peeked messages stay hidden if the peek never gets to show them again. */
    static final int PEEK_VISIBILITY_SECONDS = 20;

    /** Messages a single redrive looks through for the one it is asked for. */
    public static final int MAX_SCAN = 300;

    /** One message as it sits in the dead-letter queue. */
    public record Letter(String messageId, String body, Optional<Instant> sentAt, int receiveCount) {
    }

    /** Up to a limit of the queue's messages, and how many it holds (approximately, as SQS counts). */
    public record Peek(List<Letter> letters, long approximateVisible, long approximateInFlight) {
    }

    /** A message move task (a redrive of all) as SQS reports it. */
    public record MoveTask(String taskHandle, String status, long moved, Optional<Long> toMove,
                           Optional<Instant> startedAt, Optional<String> failureReason) {
    }

    private final SqsClient sqs;
    private final Supplier<QueuePair> queues;
    private volatile QueuePair resolved;

    /** {@code queues} is resolved on first use, so a function builds without calling SQS. */
    public DeadLetterQueue(SqsClient sqs, Supplier<QueuePair> queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    private QueuePair queues() {
        QueuePair pair = resolved;
        if (pair == null) {
            pair = queues.get();
            resolved = pair;
        }
        return pair;
    }

    /** Up to {@code limit} messages, each shown once, none consumed. */
    public Peek peek(int limit) {
        String url = queues().deadLetterUrl();
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).attributes();
        long visible = Long.parseLong(counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        long inFlight = Long.parseLong(counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        Map<String, Message> seen = new LinkedHashMap<>();
        List<Message> received = new ArrayList<>();
        try {
            int want = (int) Math.min(limit, visible);
            // each receive hides what it got, so the next brings others; a bounded number of tries
            for (int tries = 0; seen.size() < want && tries < want / 10 + 5; tries++) {
                List<Message> batch = receive(url, Math.min(10, want - seen.size()));
                if (batch.isEmpty()) {
                    break;
                }
                received.addAll(batch);
                batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            }
        } finally {
            showAgain(url, received);
        }
        return new Peek(seen.values().stream().map(DeadLetterQueue::letter).toList(), visible, inFlight);
    }

    /**
     * Moves the message {@code messageId} back to the source queue: sent there first, then deleted here, so a
     * failure in between leaves a copy in both (harmless: the event applies once), never in neither.
     *
     * @return the id the message has in the source queue, or empty if it is not among the first
     *         {@link #MAX_SCAN} messages this queue gives back
     */
    public Optional<String> redrive(String messageId) {
        QueuePair pair = queues();
        List<Message> received = new ArrayList<>();
        Message found = null;
        try {
            for (int scanned = 0; found == null && scanned < MAX_SCAN; ) {
                List<Message> batch = receive(pair.deadLetterUrl(), 10);
                if (batch.isEmpty()) {
                    break;
                }
                scanned += batch.size();
                for (Message message : batch) {
                    if (found == null && message.messageId().equals(messageId)) {
                        found = message;
                    } else {
                        received.add(message);
                    }
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            String moved = sqs.sendMessage(SendMessageRequest.builder().queueUrl(pair.sourceUrl())
                    .messageBody(found.body()).build()).messageId();
            sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(pair.deadLetterUrl())
                    .receiptHandle(found.receiptHandle()).build());
            return Optional.of(moved);
        } finally {
            showAgain(pair.deadLetterUrl(), received);
        }
    }

    /** Starts a message move task from the dead-letter queue to the source queue; SQS moves them in the background. */
    public String redriveAll() {
        QueuePair pair = queues();
        return sqs.startMessageMoveTask(b -> b.sourceArn(pair.deadLetterArn()).destinationArn(pair.sourceArn()))
                .taskHandle();
    }

    /** The recent message move tasks of the dead-letter queue, the running one (if any) first, as SQS lists them. */
    public List<MoveTask> moveTasks() {
        QueuePair pair = queues();
        return sqs.listMessageMoveTasks(b -> b.sourceArn(pair.deadLetterArn()).maxResults(10)).results().stream()
                .map(DeadLetterQueue::task).toList();
    }

    private static MoveTask task(ListMessageMoveTasksResultEntry entry) {
        return new MoveTask(entry.taskHandle() == null ? "" : entry.taskHandle(), entry.status(),
                entry.approximateNumberOfMessagesMoved() == null ? 0 : entry.approximateNumberOfMessagesMoved(),
                Optional.ofNullable(entry.approximateNumberOfMessagesToMove()),
                Optional.ofNullable(entry.startedTimestamp()).map(Instant::ofEpochMilli),
                Optional.ofNullable(entry.failureReason()));
    }

    private List<Message> receive(String url, int max) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(url).maxNumberOfMessages(max)
                .visibilityTimeout(PEEK_VISIBILITY_SECONDS).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT).build()).messages();
    }

    /** Makes peeked messages visible at once again, ten per call. */
    private void showAgain(String url, List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest.builder().queueUrl(url).entries(entries).build());
        }
    }

    private static Letter letter(Message message) {
        Map<MessageSystemAttributeName, String> attributes = message.attributes();
        Optional<Instant> sentAt = Optional.ofNullable(attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP))
                .map(Long::parseLong).map(Instant::ofEpochMilli);
        int receives = Integer.parseInt(attributes.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        return new Letter(message.messageId(), message.body(), sentAt, receives);
    }
}
