package com.alliance.functions;

import com.alliance.functions.api.Primer;
import com.alliance.persistence.ChangeRecord;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.LedgerDayLogService;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import java.util.List;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The ledger table's stream consumer: writes each batch of new postings into the day log
 * ({@link LedgerDayLogService}), which the reconciliation job reads a day at a time. A part that fails is
 * reported as a batch item failure at its first record, and Lambda reads the shard again from there.
 */
public class LedgerDayLogFunction implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse>,
        org.crac.Resource {

    private final LedgerDayLogService service;

    /** Lambda's entry: clients from the environment, once per container. */
    public LedgerDayLogFunction() {
        this(Clients.fromEnvironment());
    }

    public LedgerDayLogFunction(Clients clients) {
        this.service = new LedgerDayLogService(new DayLogRepository(clients.dynamoDb()));
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
        String shard = event.getShardId() == null ? "shard" : event.getShardId();
        List<ChangeRecord> batch = StreamImages.changeRecords(shard, event.getRecords());
        LedgerDayLogService.Outcome outcome = service.append(batch);
        return StreamImages.retryFrom(batch, outcome.retryFrom());
    }
}
