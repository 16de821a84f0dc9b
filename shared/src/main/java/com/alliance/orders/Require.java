package com.alliance.orders;

import java.time.Instant;
import java.util.Objects;

/** Argument checks shared by the event records; each names the field it refuses. */
final class Require {

    private Require() {
    }

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static Instant present(Instant value, String field) {
        return Objects.requireNonNull(value, field);
    }

    static void common(String eventId, String orderId, Instant occurredAt) {
        nonBlank(eventId, "eventId");
        nonBlank(orderId, "orderId");
        present(occurredAt, "occurredAt");
    }
}
