package com.alliance.functions;

import com.alliance.functions.api.Primer;
import com.alliance.jobs.JobCatalog;
import com.alliance.jobs.JobDispatcher;
import com.alliance.jobs.JobSpec;
import com.alliance.jobs.ShardLeases;
import com.alliance.jobs.WorkQueues;
import com.alliance.jobs.WorkSink;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A job's dispatcher: each job's own schedule invokes it with {@code {"job": "order-maturation"}}, and it dispatches
 * that job alone ({@link JobDispatcher}): the shards with work, a work item each, onto the job's work queue. It
 * publishes the job's backlog (items due, age of the oldest) as metrics with the job as their dimension, which the
 * job's alarm watches.
 */
public class JobDispatchFunction implements RequestHandler<Map<String, Object>, Map<String, Object>>, org.crac.Resource {

    private static final Logger LOG = LogManager.getLogger(JobDispatchFunction.class);

    private final BackgroundJobs jobs;
    private final JobDispatcher dispatcher;
    private final WorkSink queues;
    private final Clock clock;

    /** Lambda's entry: clients from the environment, once per container. */
    public JobDispatchFunction() {
        this(Clients.fromEnvironment());
    }

    public JobDispatchFunction(Clients clients) {
        this(clients, new WorkQueues(clients.sqs()));
    }

    /** With work items going to {@code queues} (the local runtime's queues, or a test's hand). */
    public JobDispatchFunction(Clients clients, WorkSink queues) {
        this(clients, queues, Clock.systemUTC());
    }

    /** With the shards' leases timed by {@code leaseClock} (the wall clock in AWS), as {@link JobWorkerFunction}'s. */
    public JobDispatchFunction(Clients clients, WorkSink queues, Clock leaseClock) {
        this.jobs = new BackgroundJobs(clients);
        this.dispatcher = new JobDispatcher(new ShardLeases(clients.dynamoDb(), leaseClock));
        this.queues = queues;
        this.clock = clients.clock();
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
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return PowertoolsLogging.withLogging(context, () -> dispatch(input));
    }

    /**
     * Dispatches the job the input names ({@code job}), each work item with the input's {@code budgetSeconds} (the
     * catalog's when it gives none); answers what it dispatched.
     */
    public Map<String, Object> dispatch(Map<String, Object> input) {
        Object name = input == null ? null : input.get("job");
        JobSpec spec = JobCatalog.find(name instanceof String s ? s : "")
                .orElseThrow(() -> new IllegalArgumentException("the schedule must name a job of the catalog, not " + name));
        Duration budget = input.get("budgetSeconds") instanceof Number seconds ? Duration.ofSeconds(seconds.longValue())
                : spec.budget();
        JobDispatcher.Dispatch dispatch = dispatcher.dispatch(jobs.get(spec.name()), clock.instant(), queues, budget);
        if (dispatch.shardsDispatched() > 0 || dispatch.finished() > 0) {
            LOG.info("job {}: {} due{}, {} shards with work, {} dispatched, {} finished", spec.name(),
                    dispatch.backlog().due(), dispatch.backlog().atLeast() ? " or more" : "", dispatch.shardsWithWork(),
                    dispatch.shardsDispatched(), dispatch.finished());
        }
        publish(spec, dispatch);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", spec.name());
        report.put("due", dispatch.backlog().due());
        report.put("oldestDueAgeSeconds", dispatch.backlog().oldestAge(dispatch.at()).toSeconds());
        report.put("shardsWithWork", dispatch.shardsWithWork());
        report.put("shardsDispatched", dispatch.shardsDispatched());
        report.put("finished", dispatch.finished());
        return report;
    }

    private static void publish(JobSpec spec, JobDispatcher.Dispatch dispatch) {
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            return;     // locally and in tests there is no CloudWatch to read EMF lines
        }
        MetricsFactory.getMetricsInstance().flushMetrics(metrics -> {
            String service = System.getenv("POWERTOOLS_SERVICE_NAME");
            metrics.setDefaultDimensions(service == null ? DimensionSet.of("Job", spec.name())
                    : DimensionSet.of("Service", service, "Job", spec.name()));
            metrics.addMetric("JobBacklog", dispatch.backlog().due(), MetricUnit.COUNT);
            metrics.addMetric("JobOldestDueAge", dispatch.backlog().oldestAge(dispatch.at()).toSeconds(), MetricUnit.SECONDS);
            metrics.addMetric("JobShardsDispatched", dispatch.shardsDispatched(), MetricUnit.COUNT);
        });
    }
}
