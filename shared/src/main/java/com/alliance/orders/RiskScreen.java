package com.alliance.orders;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Screens a payment before it is committed: the codes of the fake-order rules it fires. A payment that
 * fires any is committed with its risk hold on and the codes on the order, in the payment's own
 * transaction.
 */
@FunctionalInterface
public interface RiskScreen {

    /** No rules: nothing is ever held. */
    RiskScreen NONE = paid -> new TreeSet<>();

    SortedSet<String> screen(OrderPaid paid);
}
