package com.alliance.orders;

import java.util.Optional;

/**
 * A message that can never become a valid event, however often it is redelivered: the consumer reports
 * it as a batch item failure and it ends on the dead-letter queue.
 */
public final class InvalidEventException extends Exception {

    private final String field;

    /** A problem with the message as a whole, e.g. it is not JSON. */
    public InvalidEventException(String reason) {
        super(reason);
        this.field = null;
    }

    /** A problem with one field, named in the message and in {@link #field()}. */
    public InvalidEventException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The field at fault, when the problem is with one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
