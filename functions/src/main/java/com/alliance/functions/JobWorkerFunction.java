package com.alliance.functions;

import com.alliance.functions.api.Primer;
import com.alliance.jobs.Deadline;
import com.alliance.jobs.JobWorker;
import com.alliance.jobs.ShardLeases;
import com.alliance.jobs.WorkItem;
import com.alliance.jobs.WorkQueues;
import com.alliance.jobs.WorkSink;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The jobs' worker: every job's work queue feeds it (one event source each, its concurrency bounded by the job's
 * {@code MaximumConcurrency}), one work item per invocation. Each item is worked by {@link JobWorker} until the
 * job's budget or the invocation's time runs out, whichever comes first, and what is left is handed on as a new
 * message. A message that can never be a work item is reported failed until it reaches the dead-letter queue; any
 * other failure is reported failed and delivered again, where its moved lease makes it stale.
 */
public class JobWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse>, org.crac.Resource {

    private static final Logger LOG = LogManager.getLogger(JobWorkerFunction.class);
    /** Left for the hand-on and the runtime when the invocation's time is nearly up. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);

    private final JobWorker worker;
    private final WorkSink queues;
    private final Clock clock;

    /** Lambda's entry: clients from the environment, once per container. */
    public JobWorkerFunction() {
        this(Clients.fromEnvironment());
    }

    public JobWorkerFunction(Clients clients) {
        this(clients, new WorkQueues(clients.sqs()));
    }

    /** With handed-on items going to {@code queues}. */
    public JobWorkerFunction(Clients clients, WorkSink queues) {
        this(clients, queues, Clock.systemUTC());
    }

    /**
     * With the shards' leases timed by {@code leaseClock} (the wall clock in AWS): the jobs fault harness moves it on
     * to let the lease of a worker it killed run out without waiting for it.
     */
    public JobWorkerFunction(Clients clients, WorkSink queues, Clock leaseClock) {
        this.worker = new JobWorker(new BackgroundJobs(clients), new ShardLeases(clients.dynamoDb(), leaseClock));
        this.queues = queues;
        this.clock = clients.clock();
        org.crac.Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        Primer.primeJson();
        Primer.quietly(() -> WorkItem.parse("{\"job\":\"trust\",\"shard\":0,\"token\":\"t\",\"step\":0,"
                + "\"dispatchedAt\":\"2026-01-01T00:00:00Z\",\"budgetSeconds\":60}"));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing to renew: the SDK clients open fresh connections on first use
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Deadline invocation = Deadline.after(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN));
        return PowertoolsLogging.withLogging(context, () -> handle(event, invocation));
    }

    public SQSBatchResponse handle(SQSEvent event, Deadline invocation) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                JobWorker.Result result = worker.work(WorkItem.parse(message.getBody()), clock.instant(), invocation, queues);
                if (result.progress().done() > 0 || result.outcome() != JobWorker.Outcome.DONE) {
                    LOG.info("work item {}: {}, {} done, {} failed", message.getMessageId(), result.outcome(),
                            result.progress().done(), result.progress().failed());
                }
            } catch (WorkItem.InvalidWorkItemException invalid) {
                LOG.warn("message {} is no work item ({}); it goes to the dead-letter queue after its last receive",
                        message.getMessageId(), invalid.getMessage());
                failures.add(failure(message));
            } catch (RuntimeException e) {
                LOG.error("work item {} failed and will be delivered again", message.getMessageId(), e);
                failures.add(failure(message));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failure(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }
}
