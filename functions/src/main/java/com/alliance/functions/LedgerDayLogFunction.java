package com.alliance.functions;

import com.alliance.persistence.ChangeRecord;
import com.alliance.settlement.DayLogRepository;
import com.alliance.settlement.LedgerDayLogService;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import java.util.List;
import java.util.Optional;

/**
 * The ledger table's stream consumer: writes each batch of new postings into the day log
 * ({@link LedgerDayLogService}), which the reconciliation job reads a day at a time. A part that fails is
 * reported as a batch item failure at its first record, and Lambda reads the shard again from there.
 */
public class LedgerDayLogFunction extends StreamFunction {

    private final LedgerDayLogService service;

    /** Lambda's entry: clients from the environment, once per container. */
    public LedgerDayLogFunction() {
        this(Clients.fromEnvironment());
    }

    public LedgerDayLogFunction(Clients clients) {
        this.service = new LedgerDayLogService(new DayLogRepository(clients.dynamoDb()));
    }

    /** The log does not need the shard (its parts are idempotent by key), so an event without one is read too. */
    @Override
    String shardOf(DynamodbTimeWindowEvent event) {
        return event.getShardId() == null ? "shard" : event.getShardId();
    }

    @Override
    Optional<String> apply(List<ChangeRecord> batch) {
        return service.append(batch).retryFrom();
    }
}
