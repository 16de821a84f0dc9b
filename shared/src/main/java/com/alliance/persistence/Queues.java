package com.alliance.persistence;

/** The queues of the marketplace; names must match template.yaml and the local runtime. */
public final class Queues {

    public static final String ORDER_EVENTS = "order-events";
    public static final String ORDER_EVENTS_DLQ = "order-events-dlq";
    /** Receives of one message before SQS moves it to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** Environment variable carrying the order-events queue URL in AWS. */
    public static final String ORDER_EVENTS_URL_ENV = "ORDER_EVENTS_QUEUE_URL";

    private Queues() {
    }
}
