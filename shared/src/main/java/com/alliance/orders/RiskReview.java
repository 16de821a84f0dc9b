package com.alliance.orders;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where an order stands with the fake-order rules that weigh it against other orders (the deferred rules):
 * their facts are final only once the windows they count have closed and the allowed lateness has passed, so
 * they decide then, never at arrival, and the order is <em>under review</em> until they have.
 *
 * <ol>
 *   <li>{@link Stage#CLASSIFY} from payment until {@code paidAt + lateness}: then every earlier order of its buyer
 *       has arrived, so whether the buyer was a first-time buyer is settled and recorded on the order (the risk
 *       windows count it).</li>
 *   <li>{@link Stage#DECIDE} while a rule has not decided: each rule decides once the window it reads has closed,
 *       plus the lateness ({@link RiskScreen#decisions}), the burst rule within minutes of its room's hour, the daily
 *       refund-rate rule after its day; {@code dueAt} is the next of those times. A rule that fires holds the order
 *       then (an order a rule passed can still be held by a later one, each rule once), and its reason is kept.</li>
 *   <li>{@link Stage#DONE}: every rule decided. {@link Stage#NONE}: no deferred rule was on when the order was paid.</li>
 * </ol>
 *
 * @param dueAt   when the current stage may end (present in CLASSIFY and DECIDE)
 * @param reasons the rules that fired (at payment, then at their decisions), by code, each with its reason in words
 * @param decided the deferred rules that have decided, by code
 */
public record RiskReview(Stage stage, Optional<Instant> dueAt, SortedMap<String, String> reasons,
                         SortedSet<String> decided) {

    /** The review's stages, in order. */
    public enum Stage { NONE, CLASSIFY, DECIDE, DONE }

    public static final RiskReview NONE = new RiskReview(Stage.NONE, Optional.empty(), new TreeMap<>());

    public RiskReview {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(dueAt, "dueAt");
        reasons = Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
        decided = Collections.unmodifiableSortedSet(new TreeSet<>(decided));
        if (dueAt.isPresent() != (stage == Stage.CLASSIFY || stage == Stage.DECIDE)) {
            throw new IllegalArgumentException("a review has a due time exactly while it is open: " + stage);
        }
    }

    /** A review no rule has decided in yet. */
    public RiskReview(Stage stage, Optional<Instant> dueAt, SortedMap<String, String> reasons) {
        this(stage, dueAt, reasons, new TreeSet<>());
    }

    public static RiskReview classifyAt(Instant at, SortedMap<String, String> reasons) {
        return new RiskReview(Stage.CLASSIFY, Optional.of(at), reasons);
    }

    /** The same review with its classification done: the first decision is due at {@code at}. */
    public RiskReview decideAt(Instant at) {
        return new RiskReview(Stage.DECIDE, Optional.of(at), reasons, decided);
    }

    /**
     * The review after {@code rules} have decided, adding the reasons of those that fired: the next decision due at
     * {@code next}, or DONE when none is left.
     */
    public RiskReview decidedBy(java.util.Set<String> rules, SortedMap<String, String> fired, Optional<Instant> next) {
        SortedMap<String, String> allReasons = new TreeMap<>(reasons);
        allReasons.putAll(fired);
        SortedSet<String> allDecided = new TreeSet<>(decided);
        allDecided.addAll(rules);
        return next.isPresent() ? new RiskReview(Stage.DECIDE, next, allReasons, allDecided)
                : new RiskReview(Stage.DONE, Optional.empty(), allReasons, allDecided);
    }

    /** Rules fired at payment, when no deferred rule is on: nothing to review. */
    public static RiskReview decidedAtPayment(SortedMap<String, String> reasons) {
        return new RiskReview(Stage.NONE, Optional.empty(), reasons);
    }

    public static RiskReview done(SortedMap<String, String> reasons) {
        return new RiskReview(Stage.DONE, Optional.empty(), reasons);
    }

    /** Whether the deferred rules may still hold the order: shown as "under review" in public sales counts. */
    public boolean open() {
        return stage == Stage.CLASSIFY || stage == Stage.DECIDE;
    }

    /** Whether the order's buyer has been classified (first-time or not) for the risk windows. */
    public boolean classified() {
        return stage == Stage.DECIDE || stage == Stage.DONE;
    }
}
