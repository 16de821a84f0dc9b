package com.alliance.orders;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fake-order rules as the commit path sees them. At payment, {@link #screen} fires the rules that need
 * the payment alone (and the host's showcase): a payment that fires any is committed with its risk hold on and
 * the codes on the order, in the payment's own transaction. The rules that weigh the order against other
 * orders and the room decide later, each once its window has closed ({@link RiskReview}): {@link #firstTimeBuyer}
 * at the classification, then {@link #review} of the rules {@link #decisions} says are due.
 */
public interface RiskScreen {

    /**
     * What screening one payment found.
     *
     * @param reasons    the rules fired by the payment alone, by code, each with its reason in words
     * @param classifyAt when the deferred rules' review classifies the buyer; empty when none is on
     */
    record Screening(SortedMap<String, String> reasons, Optional<Instant> classifyAt) {

        public Screening {
            reasons = Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
        }

        public SortedSet<String> codes() {
            return Collections.unmodifiableSortedSet(new TreeSet<>(reasons.keySet()));
        }
    }

    /** The deferred rules' decision: the codes fired, each with its reason in words (none: not held). */
    record Verdict(SortedMap<String, String> reasons) {

        public Verdict {
            reasons = Collections.unmodifiableSortedMap(new TreeMap<>(reasons));
        }
    }

    /** No rules: nothing is ever held nor reviewed. */
    RiskScreen NONE = new RiskScreen() {
        @Override
        public Screening screen(OrderPaid paid) {
            return new Screening(new TreeMap<>(), Optional.empty());
        }

        @Override
        public boolean firstTimeBuyer(OrderPaid paid) {
            return false;
        }

        @Override
        public SortedMap<Instant, SortedSet<String>> decisions(OrderPaid paid) {
            return new TreeMap<>();
        }

        @Override
        public Optional<Verdict> review(StoredOrder order, java.util.Set<String> rules, Instant now) {
            return Optional.of(new Verdict(new TreeMap<>()));
        }
    };

    /** Rules that decide at payment only, as {@code fired} says (each reason is its code); nothing deferred. */
    static RiskScreen atPaymentOnly(java.util.function.Function<OrderPaid, SortedMap<String, String>> fired) {
        return new RiskScreen() {
            @Override
            public Screening screen(OrderPaid paid) {
                return new Screening(fired.apply(paid), Optional.empty());
            }

            @Override
            public boolean firstTimeBuyer(OrderPaid paid) {
                return NONE.firstTimeBuyer(paid);
            }

            @Override
            public SortedMap<Instant, SortedSet<String>> decisions(OrderPaid paid) {
                return NONE.decisions(paid);
            }

            @Override
            public Optional<Verdict> review(StoredOrder order, java.util.Set<String> rules, Instant now) {
                return NONE.review(order, rules, now);
            }
        };
    }

    Screening screen(OrderPaid paid);

    /** Whether the payment's buyer was a first-time buyer when it paid; final once the lateness has passed. */
    boolean firstTimeBuyer(OrderPaid paid);

    /**
     * When each deferred rule on decides for this payment: the close of the window it reads plus the allowed
     * lateness, with the codes of the rules that decide then (the burst rule an hour or so after the payment, the
     * daily refund-rate rule after its day). Empty when no deferred rule is on.
     */
    SortedMap<Instant, SortedSet<String>> decisions(OrderPaid paid);

    /**
     * The decision of the deferred rules {@code rules} (codes) on a classified order at {@code now}; empty while the
     * windows they read are incomplete.
     */
    Optional<Verdict> review(StoredOrder order, java.util.Set<String> rules, Instant now);
}
