package com.alliance.deadletters;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.errors.NotFoundException;
import com.alliance.orders.InvalidEventException;
import com.alliance.orders.OrderEvent;
import com.alliance.orders.OrderEventParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operators' review of the order-events dead-letter queue: each message with the reason it is there (its
 * parse error, or the last failure its handler recorded), and a redrive of one or of all. A redriven event
 * that had already applied writes nothing: the order item is its own processed-event marker.
 */
public final class DeadLetterService {

    public static final int MAX_PAGE = FailureRecords.MAX_BATCH;

    /** What a dead letter is, as the list shows it. */
    public record Listing(List<DeadLetter> letters, long approximateCount, long approximateInFlight,
                          List<DeadLetterQueue.MoveTask> redrives) {
    }

    private final DeadLetterQueue queue;
    private final FailureRecords failures;

    public DeadLetterService(DeadLetterQueue queue, FailureRecords failures) {
        this.queue = queue;
        this.failures = failures;
    }

    public Listing list(Caller caller, int limit) {
        caller.requireRole(Role.OPERATOR);
        DeadLetterQueue.Peek peek = queue.peek(Math.min(limit, MAX_PAGE));
        List<Parsed> parsed = peek.letters().stream().map(DeadLetterService::parse).toList();
        Map<String, FailureRecord> recorded = failures.find(parsed.stream()
                .flatMap(p -> p.event().stream()).map(OrderEvent::eventId).toList());
        List<DeadLetter> letters = new ArrayList<>();
        for (Parsed p : parsed) {
            DeadLetterQueue.Letter letter = p.letter();
            if (p.event().isEmpty()) {
                letters.add(new DeadLetter(letter.messageId(), DeadLetter.Kind.POISON, "poison message: " + p.refusal(),
                        Optional.empty(), Optional.empty(), Optional.empty(), letter.sentAt(), Optional.empty(), letter.body()));
                continue;
            }
            OrderEvent event = p.event().get();
            Optional<FailureRecord> last = Optional.ofNullable(recorded.get(event.eventId()));
            String reason = "valid event: retries exhausted"
                    + last.map(f -> "; last error: " + f.error()).orElse("; no failure recorded (e.g. a timeout)");
            letters.add(new DeadLetter(letter.messageId(), DeadLetter.Kind.VALID, reason, Optional.of(event.eventId()),
                    Optional.of(event.type().name()), Optional.ofNullable(event.orderId()), letter.sentAt(), last,
                    letter.body()));
        }
        return new Listing(letters, peek.approximateVisible(), peek.approximateInFlight(), queue.moveTasks());
    }

    /** Moves one message back to the order-events queue; answers its new message id there. */
    public String redrive(Caller caller, String messageId) {
        caller.requireRole(Role.OPERATOR);
        return queue.redrive(messageId).orElseThrow(() -> new NotFoundException("DEAD_LETTER_NOT_FOUND",
                "message " + messageId + " is not in the dead-letter queue (or not among its first "
                        + DeadLetterQueue.MAX_SCAN + " messages; redrive all instead)"));
    }

    /** Starts moving every message back; refused while a redrive of all still runs. */
    public String redriveAll(Caller caller) {
        caller.requireRole(Role.OPERATOR);
        if (queue.moveTasks().stream().anyMatch(task -> "RUNNING".equals(task.status()))) {
            throw new ConflictException("REDRIVE_RUNNING", "a redrive of all dead letters is still running", null);
        }
        return queue.redriveAll();
    }

    private record Parsed(DeadLetterQueue.Letter letter, Optional<OrderEvent> event, String refusal) {
    }

    private static Parsed parse(DeadLetterQueue.Letter letter) {
        try {
            return new Parsed(letter, Optional.of(OrderEventParser.parse(letter.body())), null);
        } catch (InvalidEventException e) {
            return new Parsed(letter, Optional.empty(), e.getMessage());
        } catch (RuntimeException e) {
            return new Parsed(letter, Optional.empty(), FailureRecord.describe(e));
        }
    }
}
