package com.alliance.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * The unit a ledger position is kept in: an account, in one posting state.
 * Ordered by account then state, which fixes the order (and so the ids) of the postings of an event.
 */
public record PositionKey(Account account, PostingState state) implements Comparable<PositionKey> {

    private static final Comparator<PositionKey> ORDER =
            Comparator.comparing(PositionKey::account).thenComparing(PositionKey::state);

    public PositionKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
    }

    public static PositionKey of(Account account, PostingState state) {
        return new PositionKey(account, state);
    }

    @Override
    public int compareTo(PositionKey other) {
        return ORDER.compare(this, other);
    }
}
