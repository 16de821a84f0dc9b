package com.alliance.deadletters;

import java.time.Instant;
import java.util.Optional;

/**
 * A dead-lettered order event as an operator reviews it: what it is, and why it is there. A {@link Kind#POISON}
 * message does not parse and never will (redriving it only sends it back here); a {@link Kind#VALID} event
 * exhausted its receives (an outage, a bug since fixed) and applies once redriven.
 */
public record DeadLetter(String messageId, Kind kind, String reason, Optional<String> eventId, Optional<String> type,
                         Optional<String> orderId, Optional<Instant> sentAt, Optional<FailureRecord> lastFailure,
                         String body) {

    public enum Kind { POISON, VALID }
}
