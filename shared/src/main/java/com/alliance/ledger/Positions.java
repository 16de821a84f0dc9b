package com.alliance.ledger;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A position is the net amount per {@link PositionKey} that a set of postings adds up to; a balance is
 * never stored, only summed. Positions omit zero amounts, so two positions are equal when they hold the
 * same money.
 */
public final class Positions {

    private Positions() {
    }

    /** What the ledger holds for these postings, e.g. all postings already written for one order. */
    public static Map<PositionKey, Long> of(Collection<Posting> postings) {
        Map<PositionKey, Long> position = new TreeMap<>();
        for (Posting posting : postings) {
            position.merge(posting.key(), posting.amountFen(), Math::addExact);
        }
        position.values().removeIf(amount -> amount == 0);
        return Collections.unmodifiableMap(position);
    }

    /** The sum over every key: zero for any position built from balanced posting sets. */
    public static long total(Map<PositionKey, Long> position) {
        return position.values().stream().reduce(0L, Math::addExact);
    }
}
