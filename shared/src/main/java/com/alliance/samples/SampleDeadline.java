package com.alliance.samples;

import java.time.Instant;
import java.util.Objects;

/** The deadline an open sample request is waiting for, and what happens when it passes ({@link SampleRequest#lapse}). */
public record SampleDeadline(Kind kind, Instant at) {

    /** What the request waits for. */
    public enum Kind {
        /** The brand approves or rejects; else the request turns EXPIRED. */
        REVIEW,
        /** The brand ships an approved request; else it turns EXPIRED. */
        SHIP,
        /** The host confirms receipt; else it counts as received at this instant. */
        AUTO_RECEIVE,
        /** The host sells the product in a session; else the request turns UNFULFILLED. */
        PROMISE
    }

    public SampleDeadline {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(at);
    }
}
