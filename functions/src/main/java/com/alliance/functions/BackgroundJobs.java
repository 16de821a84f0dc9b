package com.alliance.functions;

import com.alliance.analytics.AudienceBackfillJob;
import com.alliance.applications.ApplicationExpiryJob;
import com.alliance.applications.ApplicationRepository;
import com.alliance.jbp.JbpCloseJob;
import com.alliance.jobs.JobCatalog;
import com.alliance.orderlists.OrderListsBackfillJob;
import com.alliance.jobs.JobDirectory;
import com.alliance.jobs.JobDrain;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.ShardLeases;
import com.alliance.jobs.ShardedJob;
import com.alliance.orders.LateShipmentJob;
import com.alliance.orders.MaturationJob;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHoursBackfillJob;
import com.alliance.orders.RiskReviewJob;
import com.alliance.persistence.CapacityMeter;
import com.alliance.samples.SampleDeadlinesJob;
import com.alliance.samples.SampleRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every background job of the catalog ({@link JobCatalog}), built from the clients the first time it is asked for: a
 * worker container builds only the jobs whose items it is sent, and the commit path of the order jobs once, when one of
 * them first applies a change (a dispatcher, which only reads their due lists, never builds it).
 */
public final class BackgroundJobs implements JobDirectory {

    private final Clients clients;
    private final Map<String, Supplier<ShardedJob>> builders;
    private final Map<String, ShardedJob> built = new ConcurrentHashMap<>();
    private volatile OrderRepository orders;
    private volatile OrderEventService orderEvents;

    public BackgroundJobs(Clients clients) {
        this.clients = clients;
        this.builders = Map.ofEntries(
                Map.entry(JobCatalog.JBP_CLOSE, () -> new JbpCloseJob(Wiring.jbp(clients))),
                Map.entry(JobCatalog.SETTLEMENT_RUNS, () -> Wiring.settlementRuns(clients)),
                Map.entry(JobCatalog.TRUST, () -> Wiring.trust(clients)),
                // a dispatcher reads the order jobs' due lists only: their commit path is built when a worker first applies
                Map.entry(JobCatalog.RISK_REVIEW, () -> new RiskReviewJob(orders(), this::orderEvents)),
                Map.entry(JobCatalog.LATE_SHIPMENTS, () -> new LateShipmentJob(orders(), this::orderEvents,
                        clients.settings().shipping())),
                Map.entry(JobCatalog.ORDER_MATURATION, () -> new MaturationJob(orders(), this::orderEvents)),
                Map.entry(JobCatalog.LEDGER_DAYS, () -> Wiring.ledgerDays(clients)),
                Map.entry(JobCatalog.REPORT_HOURS_BACKFILL, () -> new ReportHoursBackfillJob(clients.dynamoDb())),
                Map.entry(JobCatalog.AUDIENCE_BACKFILL, () -> new AudienceBackfillJob(clients.dynamoDb(), Wiring.audienceJoin(clients))),
                Map.entry(JobCatalog.ORDER_LISTS_BACKFILL, () -> new OrderListsBackfillJob(clients.dynamoDb())),
                Map.entry(JobCatalog.APPLICATION_EXPIRY, () -> new ApplicationExpiryJob(
                        new ApplicationRepository(clients.dynamoDb()))),
                Map.entry(JobCatalog.SAMPLE_DEADLINES, () -> new SampleDeadlinesJob(
                        new SampleRepository(clients.dynamoDb()), Wiring.samples(clients))));
        for (JobSpec spec : JobCatalog.ALL) {
            if (!builders.containsKey(spec.name())) {
                throw new IllegalStateException("no job is built for " + spec.name());
            }
        }
    }

    /** The order repository the order jobs share. */
    private OrderRepository orders() {
        OrderRepository shared = orders;
        if (shared == null) {
            synchronized (this) {
                if (orders == null) {
                    orders = Wiring.orders(clients, new CapacityMeter());
                }
                shared = orders;
            }
        }
        return shared;
    }

    /** The commit path the order jobs share, built the first time one of them applies a change. */
    private OrderEventService orderEvents() {
        OrderEventService shared = orderEvents;
        if (shared == null) {
            synchronized (this) {
                if (orderEvents == null) {
                    orderEvents = Wiring.orderEvents(clients, orders());
                }
                shared = orderEvents;
            }
        }
        return shared;
    }

    @Override
    public Optional<ShardedJob> find(String name) {
        Supplier<ShardedJob> builder = builders.get(name);
        return builder == null ? Optional.empty() : Optional.of(built.computeIfAbsent(name, n -> builder.get()));
    }

    /** The job of that name; it must be in the catalog. */
    public ShardedJob get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no job " + name));
    }

    /**
     * Runs every job until it has nothing more to do, in this process and in the catalog's order (risk reviews
     * before late shipments before maturation, as a minute's jobs would meet an order): for tests and drills that
     * need the jobs' effect now. Answers what each job changed.
     */
    public Map<String, Long> drainAll() {
        JobDrain drain = new JobDrain(this, new ShardLeases(clients.dynamoDb()));
        Map<String, Long> changed = new LinkedHashMap<>();
        for (JobSpec spec : JobCatalog.ALL) {
            changed.put(spec.name(), drain.drain(spec.name(), clients.clock().instant()));
        }
        return changed;
    }

    /** Runs one job until it has nothing more to do, in this process; answers what it changed. */
    public long drain(String name) {
        return new JobDrain(this, new ShardLeases(clients.dynamoDb())).drain(name, clients.clock().instant());
    }
}
