package com.alliance.functions;

import com.alliance.functions.api.Primer;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.RunningCountsService;
import com.alliance.persistence.ChangeRecord;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.util.List;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The orders table's stream consumer: folds each batch into the running counts of hosts, products and
 * brands ({@link RunningCountsService}), so no order's transaction writes a counters item. The event source
 * mapping uses a tumbling window only because its events name the stream shard, which makes each fold
 * exactly once; the window's state is not used. A part that fails is reported as a batch item failure at its
 * first record, and Lambda reads the shard again from there.
 */
public class RunningCountsFunction implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse>,
        org.crac.Resource {

    private final RunningCountsService service;

    /** Lambda's entry: clients from the environment, once per container. */
    public RunningCountsFunction() {
        this(Clients.fromEnvironment());
    }

    public RunningCountsFunction(Clients clients) {
        this.service = new RunningCountsService(new CountersRepository(clients.dynamoDb()), clients.clock());
        org.crac.Core.getGlobalContext().register(this);
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
        List<ChangeRecord> batch = StreamImages.changeRecords(event.getShardId(), event.getRecords());
        RunningCountsService.Outcome outcome = service.fold(batch);
        return StreamImages.retryFrom(batch, outcome.retryFrom());
    }
}
