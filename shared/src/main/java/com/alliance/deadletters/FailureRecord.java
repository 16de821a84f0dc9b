package com.alliance.deadletters;

import java.time.Instant;
import java.util.Objects;

/**
 * Why an order event's last delivery failed, as its handler saw it: what it threw, when, and on which
 * receive. SQS keeps no reason with a message it moves to the dead-letter queue, so the handler keeps it.
 */
public record FailureRecord(String eventId, String messageId, String error, Instant failedAt, int receiveCount) {

    /** Longest error text kept: enough for an exception's message, small enough for one write unit. */
    public static final int MAX_ERROR = 500;

    public FailureRecord {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(messageId);
        Objects.requireNonNull(failedAt);
        error = error == null || error.isBlank() ? "unknown error" : error.strip();
        if (error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR);
        }
    }

    /** The error as an operator reads it: the exception's kind and its message. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
