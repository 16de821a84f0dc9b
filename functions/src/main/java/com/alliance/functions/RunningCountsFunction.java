package com.alliance.functions;

import com.alliance.analytics.AudienceJoin;
import com.alliance.orders.CountersRepository;
import com.alliance.orders.RunningCountsService;
import com.alliance.orderlists.OrderFlagsFold;
import com.alliance.orderlists.OrderListRepository;
import com.alliance.persistence.CapacityMeter;
import com.alliance.persistence.ChangeRecord;
import com.alliance.samples.SampleFulfilment;
import com.alliance.samples.SampleRepository;
import java.util.List;
import java.util.Optional;

/**
 * The orders table's stream consumer: folds each batch into the running counts of hosts, products and
 * brands ({@link RunningCountsService}), so no order's transaction writes a counters item, and joins orders and
 * live sessions into the brands' audience items ({@link AudienceJoin}), and keeps the hosts' and brands' flagged
 * orders (held, voided, refunded, cancelled: {@link OrderFlagsFold}), and fulfils the sample requests that a newly paid
 * order of the product by the host keeps ({@link SampleFulfilment}). The event source
 * mapping uses a tumbling window only because its events name the stream shard, which makes each fold
 * exactly once; the window's state is not used. A part that fails is reported as a batch item failure at its
 * first record, and Lambda reads the shard again from there; a join that fails reads the whole batch again, from
 * its first record.
 */
public class RunningCountsFunction extends StreamFunction {

    private final RunningCountsService service;
    private final AudienceJoin audience;
    private final OrderFlagsFold flags;
    private final SampleFulfilment samples;

    /** Lambda's entry: clients from the environment, once per container. */
    public RunningCountsFunction() {
        this(Clients.fromEnvironment());
    }

    public RunningCountsFunction(Clients clients) {
        this.service = new RunningCountsService(new CountersRepository(clients.dynamoDb()), clients.clock());
        this.audience = Wiring.audienceJoin(clients);
        this.flags = new OrderFlagsFold(new OrderListRepository(clients.dynamoDb(), new CapacityMeter()));
        this.samples = new SampleFulfilment(new SampleRepository(clients.dynamoDb()), Wiring.samples(clients));
    }

    @Override
    Optional<String> apply(List<ChangeRecord> batch) {
        Optional<String> counts = service.fold(batch).retryFrom();
        Optional<String> joined = audience.joinStream(batch);
        Optional<String> flagged = flags.apply(batch);
        Optional<String> fulfilled = samples.apply(batch);
        return java.util.stream.Stream.of(counts, joined, flagged, fulfilled).flatMap(Optional::stream).min(String::compareTo);
    }
}
