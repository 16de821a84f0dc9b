package com.alliance.local;

import com.alliance.functions.StreamImages;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local event source mapping of a table's change stream, as Lambda runs it: each stream shard read in
 * order (a child only after its parent is read to the end), up to {@link #BATCH_SIZE} records (or the mapping's
 * own {@code BatchSize}, {@link #batchesOf}) handed to the
 * handler as one event that names the shard (Lambda's tumbling-window event), and a reported batch item
 * failure read again from that record on the next round, the records before it done. In the local runtime
 * a thread polls until closed; tests call {@link #drain} to fold everything written so far.
 */
public final class DynamoDbStreamPoller implements AutoCloseable {

    public static final int BATCH_SIZE = 100;

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final String tableName;
    private final RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler;
    private final String functionName;
    private final Map<String, ShardReader> shards = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Thread thread;
    private String streamArn;
    private volatile int batchSize = BATCH_SIZE;

    private DynamoDbStreamPoller(DynamoDbClient dynamoDb, URI endpoint, String tableName,
                                 RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler,
                                 String functionName, Optional<Duration> every, boolean fromLatest) {
        this.dynamoDb = dynamoDb;
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.tableName = tableName;
        this.handler = handler;
        this.functionName = functionName;
        if (fromLatest) {
            // as a mapping created with StartingPosition LATEST: what the stream already holds is not read
            synchronized (this) {
                pollOnce(ShardIteratorType.LATEST);
            }
        }
        this.thread = every.map(pause -> {
            Thread t = new Thread(() -> pollUntilClosed(pause), "stream-poller-" + tableName);
            t.setDaemon(true);
            t.start();
            return t;
        }).orElse(null);
    }

    /** A poller that reads the stream with a batching window of {@code every}, until closed. */
    public static DynamoDbStreamPoller polling(DynamoDbClient dynamoDb, URI endpoint, String tableName,
                                               RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler,
                                               String functionName, Duration every) {
        return new DynamoDbStreamPoller(dynamoDb, endpoint, tableName, handler, functionName, Optional.of(every), false);
    }

    /**
     * A polling reader that starts at the stream's end, as a mapping created with {@code StartingPosition:
     * LATEST}: only what is written after this returns is handed over (benchmarks that measure one run).
     */
    public static DynamoDbStreamPoller pollingFromNow(DynamoDbClient dynamoDb, URI endpoint, String tableName,
                                                      RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler,
                                                      String functionName, Duration every) {
        return new DynamoDbStreamPoller(dynamoDb, endpoint, tableName, handler, functionName, Optional.of(every), true);
    }

    /** A poller that reads only when {@link #drain} is called. */
    public static DynamoDbStreamPoller onDemand(DynamoDbClient dynamoDb, URI endpoint, String tableName,
                                                RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> handler,
                                                String functionName) {
        return new DynamoDbStreamPoller(dynamoDb, endpoint, tableName, handler, functionName, Optional.empty(), false);
    }

    /** Hands the handler up to {@code records} records at a time (1 to 1 000, GetRecords' limit), as the mapping's {@code BatchSize}. */
    public DynamoDbStreamPoller batchesOf(int records) {
        if (records < 1 || records > 1_000) {
            throw new IllegalArgumentException("a stream batch holds 1 to 1000 records, not " + records);
        }
        this.batchSize = records;
        return this;
    }

    /** Stream records handed to the handler so far, and batches read again after a reported failure. */
    public long recordCount() {
        return records.get();
    }

    public long retryCount() {
        return retries.get();
    }

    /**
     * Reads every shard until none has a record left: everything written before the call is folded when it
     * returns.
     *
     * @throws IllegalStateException if the handler keeps failing for {@code limit}
     */
    public synchronized void drain(Duration limit) {
        Instant giveUp = Instant.now().plus(limit);
        int quietRounds = 0;
        while (quietRounds < 2) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the stream of " + tableName + " did not drain within " + limit);
            }
            quietRounds = pollOnce() ? 0 : quietRounds + 1;
        }
    }

    /**
     * Reads a round, then waits {@code window} unless a shard filled a whole batch: as a mapping's batching
     * window (MaximumBatchingWindowInSeconds), which lets a batch gather many orders' records, so the fold writes
     * a counters item once per window however busy the room.
     */
    private void pollUntilClosed(Duration window) {
        while (running.get()) {
            try {
                synchronized (this) {
                    fullBatch = false;
                    pollOnce();
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("stream-poller: " + e.getMessage());
                }
            }
            if (!fullBatch) {
                sleepQuietly(window.toMillis());
            }
        }
    }

    /** Whether the last round read a whole batch from some shard: more is waiting. */
    private boolean fullBatch;

    /** One round over the shards; whether any records were read. */
    private boolean pollOnce() {
        return pollOnce(ShardIteratorType.TRIM_HORIZON);
    }

    /** One round, a shard seen for the first time read from {@code start}. */
    private boolean pollOnce(ShardIteratorType start) {
        if (streamArn == null) {
            streamArn = dynamoDb.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
            if (streamArn == null) {
                throw new IllegalStateException("the table " + tableName + " has no stream");
            }
        }
        discoverShards(start);
        boolean read = false;
        for (ShardReader shard : List.copyOf(shards.values())) {
            if (!shard.finished && shard.parentFinished()) {
                read |= shard.readOnce();
            }
        }
        return read;
    }

    private void discoverShards(ShardIteratorType start) {
        String after = null;
        do {
            DescribeStreamRequest.Builder request = DescribeStreamRequest.builder().streamArn(streamArn);
            if (after != null) {
                request.exclusiveStartShardId(after);
            }
            StreamDescription description = streams.describeStream(request.build()).streamDescription();
            for (Shard shard : description.shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> new ShardReader(id, shard.parentShardId(), start));
            }
            after = description.lastEvaluatedShardId();
        } while (after != null);
    }

    /** One shard: where it was read up to (the last record handled), and an iterator after that. */
    private final class ShardReader {
        private final String shardId;
        private final String parentId;
        private String iterator;
        private String checkpoint;
        private boolean finished;

        ShardReader(String shardId, String parentId, ShardIteratorType start) {
            this.shardId = shardId;
            this.parentId = parentId;
            if (start == ShardIteratorType.LATEST) {
                iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            }
        }

        boolean parentFinished() {
            ShardReader parent = parentId == null ? null : shards.get(parentId);
            return parent == null || parent.finished;
        }

        boolean readOnce() {
            GetRecordsResponse response;
            try {
                if (iterator == null) {
                    iterator = streams.getShardIterator(b -> {
                        b.streamArn(streamArn).shardId(shardId);
                        if (checkpoint == null) {
                            b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        } else {
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(checkpoint);
                        }
                    }).shardIterator();
                }
                response = streams.getRecords(b -> b.shardIterator(iterator).limit(batchSize));
            } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
                iterator = null;
                return true;
            }
            List<Record> batch = response.records();
            if (batch.isEmpty()) {
                iterator = response.nextShardIterator();
                finished = iterator == null;
                return false;
            }
            records.addAndGet(batch.size());
            fullBatch |= batch.size() == batchSize;
            Optional<String> failedAt = invoke(batch);
            if (failedAt.isEmpty()) {
                checkpoint = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
                iterator = response.nextShardIterator();
                finished = iterator == null;
            } else {
                // the records before the failed one are done; read again from it on the next round
                retries.incrementAndGet();
                for (Record record : batch) {
                    if (record.dynamodb().sequenceNumber().equals(failedAt.get())) {
                        break;
                    }
                    checkpoint = record.dynamodb().sequenceNumber();
                }
                iterator = null;
            }
            return true;
        }

        /** The sequence number the handler reported as failed (the first record when it threw). */
        private Optional<String> invoke(List<Record> batch) {
            DynamodbTimeWindowEvent event = new DynamodbTimeWindowEvent();
            event.setRecords(batch.stream().map(this::toLambda).toList());
            event.setShardId(shardId);
            event.setEventSourceArn(streamArn);
            Instant now = Instant.now();
            TimeWindow window = new TimeWindow();
            window.setStart(now.toString());
            window.setEnd(now.plusSeconds(1).toString());
            event.setWindow(window);
            event.setState(Map.of());
            event.setIsFinalInvokeForWindow(false);
            event.setIsWindowTerminatedEarly(false);
            try {
                TimeWindowEventResponse response = handler.handleRequest(event, new LocalContext(functionName));
                if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(response.getBatchItemFailures().get(0).getItemIdentifier());
            } catch (RuntimeException wholeBatch) {
                System.err.println("stream-poller: the handler failed the whole batch: " + wholeBatch);
                return Optional.of(batch.get(0).dynamodb().sequenceNumber());
            }
        }

        private DynamodbEvent.DynamodbStreamRecord toLambda(Record record) {
            var change = record.dynamodb();
            StreamRecord body = new StreamRecord()
                    .withSequenceNumber(change.sequenceNumber())
                    .withSizeBytes(change.sizeBytes())
                    .withStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                            .fromValue(change.streamViewTypeAsString()))
                    .withKeys(StreamImages.toLambda(change.keys()))
                    .withApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
            if (change.hasOldImage() && !change.oldImage().isEmpty()) {
                body.withOldImage(StreamImages.toLambda(change.oldImage()));
            }
            if (change.hasNewImage() && !change.newImage().isEmpty()) {
                body.withNewImage(StreamImages.toLambda(change.newImage()));
            }
            DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
            lambda.setEventID(record.eventID());
            lambda.setEventName(record.eventNameAsString());
            lambda.setEventVersion(record.eventVersion());
            lambda.setEventSource("aws:dynamodb");
            lambda.setAwsRegion("local");
            lambda.setDynamodb(body);
            lambda.setEventSourceARN(streamArn);
            return lambda;
        }
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
        if (thread != null) {
            // let a read in flight finish: an interrupted request leaves DynamoDB Local waiting for its body
            try {
                thread.join(5_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        streams.close();
    }
}
