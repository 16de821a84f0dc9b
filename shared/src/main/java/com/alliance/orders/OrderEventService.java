package com.alliance.orders;

import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.PostingSet;
import com.alliance.persistence.Items;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies one order-events message exactly once, whatever the order and the number of deliveries:
 * the order's state is a fold of its events, its ledger position a function of that state, and the
 * postings of an event are the difference, written with the event's marker in one transaction.
 */
public final class OrderEventService {

    /** Attempts before a message is handed back to the queue for a later delivery. */
    static final int MAX_ATTEMPTS = 8;

    /** What handling a message did. */
    public enum Result { APPLIED, DUPLICATE }

    private final OrderRepository orders;
    private final CommissionTermsResolver terms;
    private final Clock clock;

    public OrderEventService(OrderRepository orders, CommissionTermsResolver terms, Clock clock) {
        this.orders = orders;
        this.terms = terms;
        this.clock = clock;
    }

    /**
     * @throws InvalidEventException the message can never apply (send it to the dead-letter queue)
     * @throws ConcurrentOrderUpdateException other writers kept winning: deliver it again later
     */
    public Result handle(String message) throws InvalidEventException {
        OrderEvent event = OrderEventParser.parse(message);
        if (event instanceof ComplaintFiled complaint) {
            return result(orders.record(event, complaintItem(complaint), clock.instant()));
        }
        if (event instanceof LiveSessionStats stats) {
            return result(orders.record(event, statsItem(stats), clock.instant()));
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredOrder before = orders.load(event.orderId());
            if (before.state().hasSeen(event.eventId())) {
                return Result.DUPLICATE;
            }
            OrderState state = event instanceof OrderPaid paid
                    ? before.state().applyPayment(paid, terms.resolve(paid))
                    : before.state().apply(event);
            PostingSet postings = OrderLedger.postingsFor(event, before.posted(), state);
            TreeMap<String, String> raw = new TreeMap<>(before.rawEvents());
            raw.put(event.eventId(), message);
            StoredOrder after = new StoredOrder(state, raw, add(before.posted(), postings), before.revision());
            OrderRepository.Outcome outcome = orders.commit(before, after, event, postings, clock.instant());
            if (outcome != OrderRepository.Outcome.CONFLICT) {
                return result(outcome);
            }
            backOff(attempt);
        }
        throw new ConcurrentOrderUpdateException(event.orderId(), MAX_ATTEMPTS);
    }

    private static Map<PositionKey, Long> add(Map<PositionKey, Long> posted, PostingSet postings) {
        Map<PositionKey, Long> sum = new HashMap<>(posted);
        Positions.of(postings.postings()).forEach((key, fen) -> sum.merge(key, fen, Long::sum));
        sum.values().removeIf(fen -> fen == 0);
        return sum;
    }

    private static Result result(OrderRepository.Outcome outcome) {
        return outcome == OrderRepository.Outcome.DUPLICATE ? Result.DUPLICATE : Result.APPLIED;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> complaintItem(ComplaintFiled complaint) {
        return Items.builder()
                .s("pk", "BRAND#" + complaint.brandId()).s("sk", "COMPLAINT#" + complaint.occurredAt() + "#" + complaint.eventId())
                .s("brandId", complaint.brandId()).s("orderId", complaint.orderId())
                .s("reason", complaint.reason()).s("occurredAt", complaint.occurredAt().toString()).build();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> statsItem(LiveSessionStats stats) {
        return Items.builder()
                .s("pk", "HOST#" + stats.hostId()).s("sk", "SESSION#" + stats.startedAt() + "#" + stats.sessionId())
                .s("hostId", stats.hostId()).s("sessionId", stats.sessionId()).s("orderId", stats.orderId())
                .n("privateUv", stats.privateUv()).n("publicUv", stats.publicUv()).n("watchMinutes", stats.watchMinutes())
                .s("startedAt", stats.startedAt().toString()).s("endedAt", stats.endedAt().toString()).build();
    }

}
