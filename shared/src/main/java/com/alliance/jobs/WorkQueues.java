package com.alliance.jobs;

import com.alliance.persistence.Queues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The jobs' SQS work queues, one per job: a job's queue URL comes from the environment in AWS
 * ({@code JOB_QUEUE_ORDER_MATURATION}, set by template.yaml) or is looked up by name ({@code jobs-order-maturation})
 * locally, once per process.
 */
public final class WorkQueues implements WorkSink {

    private final SqsClient sqs;
    private final Function<String, String> environment;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public WorkQueues(SqsClient sqs) {
        this(sqs, System::getenv);
    }

    WorkQueues(SqsClient sqs, Function<String, String> environment) {
        this.sqs = sqs;
        this.environment = environment;
    }

    @Override
    public void send(WorkItem item) {
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(urlOf(item.job())).messageBody(item.toJson()).build());
    }

    /** The URL of a job's work queue. */
    public String urlOf(String job) {
        return urls.computeIfAbsent(job, name -> {
            String fromEnvironment = environment.apply(Queues.jobQueueEnv(JobCatalog.get(name).envName()));
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment
                    : sqs.getQueueUrl(b -> b.queueName(Queues.jobQueue(name))).queueUrl();
        });
    }
}
