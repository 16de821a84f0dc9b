package com.alliance.orders;

import com.alliance.ledger.PositionKey;
import com.alliance.ledger.Positions;
import com.alliance.ledger.PostingSet;
import com.alliance.ledger.SystemEvents;
import com.alliance.persistence.Backoff;
import com.alliance.catalog.Category;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies one order-events message exactly once, whatever the order and the number of deliveries:
 * the order's state is a fold of its events, its ledger position a function of that state, and the
 * postings of an event are the difference, written with the event's marker in one transaction.
 * Maturation ({@link #mature}) goes through the very same path with an event of the marketplace's own.
 */
public final class OrderEventService {

    /** Attempts before a message is handed back to the queue for a later delivery. */
    static final int MAX_ATTEMPTS = 8;

    /** What handling a message did. */
    public enum Result { APPLIED, DUPLICATE, NOT_DUE }

    private final OrderRepository orders;
    private final CommissionTermsResolver terms;
    private final AfterSaleWindow afterSale;
    private final Clock clock;
    private final RiskScreen risk;

    public OrderEventService(OrderRepository orders, CommissionTermsResolver terms, AfterSaleWindow afterSale,
                             Clock clock) {
        this(orders, terms, afterSale, clock, RiskScreen.NONE);
    }

    public OrderEventService(OrderRepository orders, CommissionTermsResolver terms, AfterSaleWindow afterSale,
                             Clock clock, RiskScreen risk) {
        this.orders = orders;
        this.terms = terms;
        this.afterSale = afterSale;
        this.clock = clock;
        this.risk = risk;
    }

    /**
     * @throws InvalidEventException the message can never apply (send it to the dead-letter queue)
     * @throws ConcurrentOrderUpdateException other writers kept winning: deliver it again later
     */
    public Result handle(String message) throws InvalidEventException {
        OrderEvent event = OrderEventParser.parse(message);
        if (event instanceof ComplaintFiled complaint) {
            return record(complaint, () -> Optional.of(new Fact(OrderRepository.complaintItem(complaint), Optional.empty())));
        }
        if (event instanceof LiveSessionStats report) {
            return record(report, () -> {
                Optional<LiveSessionStats> stored = orders.session(report.hostId(), report.startedAt(), report.sessionId());
                if (stored.isPresent() && !report.supersedes(stored.get())) {
                    return Optional.empty();
                }
                return Optional.of(new Fact(OrderRepository.sessionItem(report), stored.map(LiveSessionStats::eventId)));
            });
        }
        PaymentTerms payment = new PaymentTerms(event);
        try {
            return commit(event.orderId(), event instanceof OrderPaid, before -> {
                if (before.state().hasSeen(event.eventId())) {
                    return Optional.empty();
                }
                OrderState state = event instanceof OrderPaid paid
                        ? before.state().applyPayment(paid, payment.resolved().terms())
                        : before.state().apply(event);
                SortedSet<String> rules = before.riskRules();
                RiskReview review = before.review();
                if (event instanceof OrderPaid && before.state().payment().isEmpty()) {
                    // only the payment that opens the order is screened; a conflicting one changes nothing
                    rules = payment.screening().codes();
                    SortedMap<String, String> reasons = payment.screening().reasons();
                    review = payment.screening().classifyAt().map(at -> RiskReview.classifyAt(at, reasons))
                            .orElseGet(() -> RiskReview.decidedAtPayment(reasons));
                    state = state.withRiskHold(!rules.isEmpty());
                }
                TreeMap<String, String> raw = new TreeMap<>(before.rawEvents());
                raw.put(event.eventId(), message);
                Optional<Category> category = before.category()
                        .or(() -> event instanceof OrderPaid ? Optional.of(payment.resolved().category()) : Optional.empty());
                return Optional.of(new Change(event, state, raw, category, rules, before.newBuyer(), review));
            });
        } catch (Unresolvable e) {
            throw e.refusal;
        }
    }

    /** A payment's terms, resolved on first need (never for a duplicate) and then kept across attempts. */
    private final class PaymentTerms {
        private final OrderEvent event;
        private CommissionTermsResolver.Resolved resolved;
        private RiskScreen.Screening screening;

        PaymentTerms(OrderEvent event) {
            this.event = event;
        }

        CommissionTermsResolver.Resolved resolved() {
            if (resolved == null) {
                try {
                    resolved = terms.resolvePayment((OrderPaid) event);
                } catch (InvalidEventException e) {
                    throw new Unresolvable(e);
                }
            }
            return resolved;
        }

        RiskScreen.Screening screening() {
            if (screening == null) {
                screening = risk.screen((OrderPaid) event);
            }
            return screening;
        }
    }

    /** Carries the checked refusal of a payment's terms out of the commit loop. */
    private static final class Unresolvable extends RuntimeException {
        private final transient InvalidEventException refusal;

        Unresolvable(InvalidEventException refusal) {
            super(refusal);
            this.refusal = refusal;
        }
    }

    /**
     * Matures the order if its after-sale window has passed at {@code now}: its shares move from
     * PENDING to SETTLEABLE by posting, with the marker {@code alliance:mature:{orderId}}, so a second
     * run (or a concurrent one) finds it done.
     *
     * @throws ConcurrentOrderUpdateException other writers kept winning: the next run tries again
     */
    public Result mature(String orderId, Instant now) {
        OrderMatured[] applied = new OrderMatured[1];
        Result result = commit(orderId, before -> {
            Optional<Instant> dueAt = afterSale.maturesAt(before.state(), before.category());
            if (dueAt.isEmpty() || now.isBefore(dueAt.get())) {
                return Optional.empty();
            }
            applied[0] = OrderMatured.of(orderId, dueAt.get());
            return Optional.of(new Change(applied[0], before.state().apply(applied[0]), before.rawEvents(),
                    before.category(), before.riskRules(), before.newBuyer(), before.review()));
        });
        return result == Result.DUPLICATE && applied[0] == null ? Result.NOT_DUE : result;
    }

    /**
     * Records the order's late shipment if, at {@code now}, it has missed its shipping promise and the
     * grace has passed ({@link ShippingPromise#isDue}): the synthetic event {@code alliance:late:{orderId}}
     * with the compensation the settings give for what was paid, merged like any other event, so the
     * brand's debit and the buyer's credit are posted with the marker in one transaction. A second run
     * (or a concurrent one) finds it done: one violation and one compensation per order, ever.
     *
     * @return {@link Result#NOT_DUE} when the order kept its promise, was cancelled in time, or the grace
     *         has not passed
     * @throws ConcurrentOrderUpdateException other writers kept winning: the next run tries again
     */
    public Result recordLateShipment(String orderId, Instant now, ShippingSettings settings) {
        ShipmentLate[] applied = new ShipmentLate[1];
        Result result = commit(orderId, before -> {
            OrderState state = before.state();
            if (!ShippingPromise.isDue(state, before.paymentRecordedAt(), now, settings.grace())) {
                return Optional.empty();
            }
            Instant promise = ShippingPromise.promise(state).orElseThrow();
            long compensationFen = settings.compensationFen(state.payment().orElseThrow().paid().paidFen());
            applied[0] = ShipmentLate.of(orderId, promise, compensationFen);
            return Optional.of(new Change(applied[0], state.apply(applied[0]), before.rawEvents(),
                    before.category(), before.riskRules(), before.newBuyer(), before.review()));
        });
        return result == Result.DUPLICATE && applied[0] == null ? Result.NOT_DUE : result;
    }

    /**
     * Moves the order's deferred risk review on if its stage is due at {@code now} ({@link RiskReview}): the
     * classification records whether its buyer was a first-time buyer (the order item alone, no postings); then each
     * rule decides once its window has closed ({@link RiskScreen#decisions}), those due at {@code now} together. The
     * first decision that holds the order merges the synthetic {@link RiskReviewed} with it, the hold moving the
     * commission to HELD in the same transaction; so does the last decision of an order none held (no postings); any
     * other decision rewrites the order item alone, its reasons and what is left to decide. A hold an operator has
     * decided on is not put on again. {@link Result#NOT_DUE} when nothing is due, or the windows are not complete yet.
     *
     * @throws ConcurrentOrderUpdateException other writers kept winning: the next run tries again
     */
    public Result review(String orderId, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredOrder before = orders.load(orderId);
            RiskReview review = before.review();
            if (!review.open() || now.isBefore(review.dueAt().orElseThrow()) || before.state().payment().isEmpty()) {
                return Result.NOT_DUE;
            }
            OrderPaid paid = before.state().payment().get().paid();
            SortedMap<Instant, SortedSet<String>> decisions = risk.decisions(paid);
            if (review.stage() == RiskReview.Stage.CLASSIFY) {
                Instant first = decisions.isEmpty() ? paid.occurredAt() : decisions.firstKey();
                StoredOrder after = new StoredOrder(before.state(), before.rawEvents(), before.posted(), before.revision(),
                        before.category(), before.riskRules(), before.paymentRecordedAt(), risk.firstTimeBuyer(paid),
                        review.decideAt(first));
                if (orders.update(before, after, clock.instant()) == OrderRepository.Outcome.APPLIED) {
                    return Result.APPLIED;
                }
            } else {
                SortedSet<String> due = new TreeSet<>();
                Optional<Instant> next = Optional.empty();
                for (Map.Entry<Instant, SortedSet<String>> decision : decisions.entrySet()) {
                    SortedSet<String> pending = new TreeSet<>(decision.getValue());
                    pending.removeAll(review.decided());
                    if (pending.isEmpty()) {
                        continue;
                    }
                    if (decision.getKey().isAfter(now)) {
                        next = Optional.of(decision.getKey());
                        break;
                    }
                    due.addAll(pending);
                }
                Optional<RiskScreen.Verdict> verdict = risk.review(before, due, now);
                if (verdict.isEmpty()) {
                    return Result.NOT_DUE;
                }
                SortedSet<String> rules = new TreeSet<>(before.riskRules());
                rules.addAll(verdict.get().reasons().keySet());
                RiskReview after = review.decidedBy(due, verdict.get().reasons(), next);
                OrderState state = before.state();
                boolean holdsNow = !rules.isEmpty() && !state.riskHold() && state.riskDecision().isEmpty();
                boolean lastOfNone = next.isEmpty() && !state.hasSeen(SystemEvents.riskReview(orderId));
                Result result;
                if (holdsNow || lastOfNone) {
                    RiskReviewed reviewed = RiskReviewed.of(orderId, review.dueAt().get());
                    result = commit(before, new Change(reviewed, state.apply(reviewed).withRiskHold(state.riskHold() || holdsNow),
                            before.rawEvents(), before.category(), rules, before.newBuyer(), after));
                } else {
                    result = orders.update(before, new StoredOrder(state, before.rawEvents(), before.posted(),
                            before.revision(), before.category(), rules, before.paymentRecordedAt(), before.newBuyer(),
                            after), clock.instant()) == OrderRepository.Outcome.APPLIED ? Result.APPLIED : null;
                }
                if (result != null) {
                    return result;
                }
            }
            Backoff.pause(attempt);
        }
        throw new ConcurrentOrderUpdateException(orderId, MAX_ATTEMPTS);
    }

    /** What an operator's decision on a risk hold did. */
    public enum Decision { APPLIED, ALREADY_DECIDED, NOT_HELD }

    /**
     * Applies an operator's release or void of a held order as the synthetic event
     * {@code alliance:risk:{orderId}}: one decision per order, so a retry (or a second operator) finds it
     * applied. {@link Decision#NOT_HELD} when the order is unknown or was never held.
     *
     * @throws ConcurrentOrderUpdateException other writers kept winning: try again
     */
    public Decision decide(RiskDecision decision) {
        Decision[] outcome = {Decision.NOT_HELD};
        commit(decision.orderId(), before -> {
            OrderState state = before.state();
            if (!state.riskHold()) {
                outcome[0] = Decision.NOT_HELD;
                return Optional.empty();
            }
            if (state.riskDecision().isPresent()) {
                outcome[0] = state.riskDecision().get().voided() == decision.voided()
                        ? Decision.APPLIED : Decision.ALREADY_DECIDED;
                return Optional.empty();
            }
            outcome[0] = Decision.APPLIED;
            return Optional.of(new Change(decision, state.apply(decision), before.rawEvents(), before.category(),
                    before.riskRules(), before.newBuyer(), before.review()));
        });
        return outcome[0];
    }

    /** An event merged into an order: what the order becomes. */
    private record Change(OrderEvent event, OrderState state, SortedMap<String, String> rawEvents,
                          Optional<Category> category, SortedSet<String> riskRules, boolean newBuyer,
                          RiskReview review) {
    }

    /** A fact kept as it arrived (a complaint, a session's statistics); {@code replacing} names the stored report it supersedes. */
    private record Fact(Map<String, AttributeValue> item, Optional<String> replacing) {
    }

    /**
     * Records a fact with its marker in one transaction, again on a concurrent write (another report of the
     * same session); empty fact = nothing to do.
     */
    private Result record(OrderEvent event, Supplier<Optional<Fact>> fact) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Fact> next = fact.get();
            if (next.isEmpty()) {
                return Result.DUPLICATE;
            }
            Fact f = next.get();
            OrderRepository.Outcome outcome = orders.record(event, f.item(), f.replacing(), clock.instant());
            if (outcome != OrderRepository.Outcome.CONFLICT) {
                return result(outcome);
            }
            Backoff.pause(attempt);
        }
        throw new ConcurrentOrderUpdateException(event.orderId(), MAX_ATTEMPTS);
    }

    /** Loads, changes and commits the order, again on a concurrent write; empty change = nothing to do. */
    private Result commit(String orderId, Function<StoredOrder, Optional<Change>> change) {
        return commit(orderId, false, change);
    }

    /**
     * As {@link #commit(String, Function)}; with {@code likelyNew} the first try skips the read and creates the
     * order outright (a payment is nearly always its order's first event): the create is conditional on the
     * order not existing, so a duplicate or an earlier event turns it into an ordinary read-and-retry.
     */
    private Result commit(String orderId, boolean likelyNew, Function<StoredOrder, Optional<Change>> change) {
        boolean guessing = likelyNew;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredOrder before = guessing ? StoredOrder.empty(orderId) : orders.load(orderId);
            Optional<Change> next = change.apply(before);
            if (next.isEmpty()) {
                return Result.DUPLICATE;
            }
            Result result = commit(before, next.get());
            if (result != null) {
                return result;
            }
            if (guessing) {
                // the order exists: read it and try again at once, the guess costs no attempt
                guessing = false;
                attempt--;
                continue;
            }
            Backoff.pause(attempt);
        }
        throw new ConcurrentOrderUpdateException(orderId, MAX_ATTEMPTS);
    }

    /** Commits one change of the order read as {@code before}; null when another writer got there first. */
    private Result commit(StoredOrder before, Change c) {
        PostingSet postings = OrderLedger.postingsFor(c.event(), before.posted(), c.state());
        Instant now = clock.instant();
        Optional<Instant> paymentRecordedAt = before.paymentRecordedAt()
                .or(() -> c.state().payment().map(payment -> now));
        StoredOrder after = new StoredOrder(c.state(), c.rawEvents(), add(before.posted(), postings),
                before.revision(), c.category(), c.riskRules(), paymentRecordedAt, c.newBuyer(), c.review());
        OrderRepository.Outcome outcome = orders.commit(before, after, postings, now);
        return outcome == OrderRepository.Outcome.CONFLICT ? null : result(outcome);
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
}
