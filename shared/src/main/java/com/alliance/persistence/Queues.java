package com.alliance.persistence;

/** The queues of the marketplace; names must match template.yaml and the local runtime. */
public final class Queues {

    public static final String ORDER_EVENTS = "order-events";
    public static final String ORDER_EVENTS_DLQ = "order-events-dlq";
    /** Receives of one message before SQS moves it to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Environment variable carrying the order-events queue URL in AWS. */
    public static final String ORDER_EVENTS_URL_ENV = "ORDER_EVENTS_QUEUE_URL";

    /** The dead-letter queue of every job's work queue: a message that can never be a work item ends there. */
    public static final String JOBS_DLQ = "jobs-dlq";

    /** A job's work queue: {@code jobs-{job}}, e.g. {@code jobs-order-maturation}. */
    public static String jobQueue(String job) {
        return "jobs-" + job;
    }

    /** The environment variable carrying a job's work queue URL in AWS: {@code JOB_QUEUE_ORDER_MATURATION}. */
    public static String jobQueueEnv(String jobEnvName) {
        return "JOB_QUEUE_" + jobEnvName;
    }

    private Queues() {
    }
}
