package com.alliance.functions;

import com.alliance.analytics.AudienceBackfillJob;
import com.alliance.jbp.JbpCloseJob;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.ScheduledJob;
import com.alliance.orders.LateShipmentJob;
import com.alliance.orders.MaturationJob;
import com.alliance.orders.OrderEventService;
import com.alliance.orders.OrderRepository;
import com.alliance.orders.ReportHoursBackfillJob;
import com.alliance.orders.RiskReviewJob;
import com.alliance.persistence.CapacityMeter;
import com.alliance.settlement.SettlementJob;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The periodic jobs, run by the schedule (every minute in AWS, every few seconds locally). Each job
 * is bounded and idempotent; one failing does not stop the others, and the next run retries it.
 * They share one deadline, set well inside the invocation's time and the schedule's period, and run
 * smallest first, so a long backlog of maturations never starves the others.
 */
public class ScheduledJobsFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LogManager.getLogger(ScheduledJobsFunction.class);
    /** Left for the report and the runtime when the invocation's time is nearly up. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final List<ScheduledJob> jobs;
    private final Clock clock;

    /** Lambda's entry: clients from the environment, once per container. */
    public ScheduledJobsFunction() {
        this(Clients.fromEnvironment());
    }

    public ScheduledJobsFunction(Clients clients) {
        this.clock = clients.clock();
        CapacityMeter capacity = new CapacityMeter();
        OrderRepository orders = Wiring.orders(clients, capacity);
        OrderEventService events = Wiring.orderEvents(clients, orders);
        // late shipments before maturation: a violation found late is posted before the order matures; risk
        // reviews before both, so a hold is on before the order's commission can become settleable
        this.jobs = List.of(new JbpCloseJob(Wiring.jbp(clients)),
                new SettlementJob(Wiring.settlement(clients, capacity)),
                Wiring.trust(clients),
                riskReview(orders, events),
                new LateShipmentJob(orders, events, clients.settings().shipping()),
                new MaturationJob(orders, events),
                Wiring.ledgerDays(clients),
                new ReportHoursBackfillJob(clients.dynamoDb()),
                new AudienceBackfillJob(clients.dynamoDb(), Wiring.audienceJoin(clients)));
    }

    /** The job that decides the deferred fake-order rules once their windows close ({@code orders.RiskReview}). */
    public static RiskReviewJob riskReview(Clients clients) {
        OrderRepository orders = Wiring.orders(clients, new CapacityMeter());
        return riskReview(orders, Wiring.orderEvents(clients, orders));
    }

    private static RiskReviewJob riskReview(OrderRepository orders, OrderEventService events) {
        return new RiskReviewJob(orders, events);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
        Deadline deadline = Deadline.after(left).atMost(ScheduledJob.DEFAULT_BUDGET);
        return PowertoolsLogging.withLogging(context, () -> runAll(deadline));
    }

    /** Runs every job once within the default budget; answers what each changed, or its failure. */
    public Map<String, Object> runAll() {
        return runAll(Deadline.after(ScheduledJob.DEFAULT_BUDGET));
    }

    public Map<String, Object> runAll(Deadline deadline) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (ScheduledJob job : jobs) {
            try {
                int changed = job.runOnce(clock.instant(), deadline);
                report.put(job.name(), changed);
                if (changed > 0) {
                    LOG.info("job {} changed {}", job.name(), changed);
                }
            } catch (RuntimeException e) {
                LOG.error("job {} failed; the next run retries it", job.name(), e);
                report.put(job.name(), "failed: " + e.getMessage());
            }
        }
        return report;
    }
}
