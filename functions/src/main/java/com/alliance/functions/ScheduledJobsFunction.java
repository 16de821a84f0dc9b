package com.alliance.functions;

import com.alliance.jbp.JbpCloseJob;
import com.alliance.jobs.ScheduledJob;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The periodic jobs, run by the schedule (every minute in AWS, every few seconds locally). Each job
 * is bounded and idempotent; one failing does not stop the others, and the next run retries it.
 */
public class ScheduledJobsFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LogManager.getLogger(ScheduledJobsFunction.class);

    private final List<ScheduledJob> jobs;
    private final Clock clock;

    /** Lambda's entry: clients from the environment, once per container. */
    public ScheduledJobsFunction() {
        this(Clients.fromEnvironment());
    }

    public ScheduledJobsFunction(Clients clients) {
        this.clock = clients.clock();
        this.jobs = List.of(new JbpCloseJob(Wiring.jbp(clients)));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return PowertoolsLogging.withLogging(context, this::runAll);
    }

    /** Runs every job once; answers what each changed, or its failure. */
    public Map<String, Object> runAll() {
        Map<String, Object> report = new LinkedHashMap<>();
        for (ScheduledJob job : jobs) {
            try {
                int changed = job.runOnce(clock.instant());
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
