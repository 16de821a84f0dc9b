package com.alliance.orders;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** When something happened to an order (shipped, received, cancelled), and which event said so. */
public record Milestone(String eventId, Instant occurredAt) {

    private static final Comparator<Milestone> EARLIEST_FIRST =
            Comparator.comparing(Milestone::occurredAt).thenComparing(Milestone::eventId);

    public Milestone {
        Require.nonBlank(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
    }

    public static Milestone of(OrderEvent event) {
        return new Milestone(event.eventId(), event.occurredAt());
    }

    /** The earlier of two reports of the same milestone: the choice is the same in any arrival order. */
    static Optional<Milestone> earliest(Optional<Milestone> known, Milestone reported) {
        return Optional.of(known.filter(k -> EARLIEST_FIRST.compare(k, reported) <= 0).orElse(reported));
    }

    boolean isAtOrBefore(Milestone other) {
        return !occurredAt.isAfter(other.occurredAt);
    }
}
