package com.alliance.functions;

import com.alliance.functions.api.Primer;
import com.alliance.persistence.ChangeRecord;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * A table stream's consumer, as its event source mapping runs it: each batch (an event that names its stream
 * shard) is turned into change records and handed to {@link #apply}; a part that failed is reported as a batch
 * item failure at its first record, and Lambda reads the shard again from there.
 */
abstract class StreamFunction implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse>,
        org.crac.Resource {

    StreamFunction() {
        org.crac.Core.getGlobalContext().register(this);
    }

    /** Does what the batch asks; answers the sortable sequence number to read the stream again from, if a part failed. */
    abstract Optional<String> apply(List<ChangeRecord> batch);

    /** The stream shard the event names. */
    String shardOf(DynamodbTimeWindowEvent event) {
        return event.getShardId();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        Primer.primeJson();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing to renew: the SDK clients open fresh connections on first use
    }

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    public TimeWindowEventResponse handle(DynamodbTimeWindowEvent event) {
        List<ChangeRecord> batch = StreamImages.changeRecords(shardOf(event), event.getRecords());
        return retryFrom(batch, apply(batch));
    }

    /**
     * A stream handler's answer: no failure, or the first record at or after {@code retryFrom} (a sortable
     * sequence number) as the batch item failure Lambda reads the shard again from.
     */
    private static TimeWindowEventResponse retryFrom(List<ChangeRecord> batch, Optional<String> retryFrom) {
        List<TimeWindowEventResponse.BatchItemFailure> failures = retryFrom
                .flatMap(from -> batch.stream().filter(r -> r.sortableSequence().compareTo(from) >= 0).findFirst())
                .map(r -> List.of(new TimeWindowEventResponse.BatchItemFailure(r.sequenceNumber())))
                .orElse(List.of());
        return new TimeWindowEventResponse(Map.of(), failures);
    }
}
