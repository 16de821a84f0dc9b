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
 * orders and the room decide later, once their windows have closed ({@link RiskReview}): {@link #firstTimeBuyer}
 * at the classification, {@link #decideAt} and {@link #review} at the decision.
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
        public Instant decideAt(OrderPaid paid) {
            return paid.occurredAt();
        }

        @Override
        public Optional<Verdict> review(StoredOrder order, Instant now) {
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
            public Instant decideAt(OrderPaid paid) {
                return NONE.decideAt(paid);
            }

            @Override
            public Optional<Verdict> review(StoredOrder order, Instant now) {
                return NONE.review(order, now);
            }
        };
    }

    Screening screen(OrderPaid paid);

    /** Whether the payment's buyer was a first-time buyer when it paid; final once the lateness has passed. */
    boolean firstTimeBuyer(OrderPaid paid);

    /** When every window the deferred rules read for this payment has closed, plus the allowed lateness. */
    Instant decideAt(OrderPaid paid);

    /** The deferred rules' decision on a classified order at {@code now}; empty while its windows are incomplete. */
    Optional<Verdict> review(StoredOrder order, Instant now);
}
