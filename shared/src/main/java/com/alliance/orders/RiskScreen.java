package com.alliance.orders;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Screens a payment before it is committed: the codes of the fake-order rules it fires, and whether its
 * buyer is new (first paid within the burst window), which the order keeps for the risk windows. A payment
 * that fires any rule is committed with its risk hold on and the codes on the order, in the payment's own
 * transaction.
 */
@FunctionalInterface
public interface RiskScreen {

    /** What screening one payment found. */
    record Screening(SortedSet<String> codes, boolean newBuyer) {

        public Screening {
            codes = Collections.unmodifiableSortedSet(new TreeSet<>(codes));
        }
    }

    /** No rules: nothing is ever held. */
    RiskScreen NONE = paid -> new Screening(new TreeSet<>(), false);

    Screening screen(OrderPaid paid);
}
