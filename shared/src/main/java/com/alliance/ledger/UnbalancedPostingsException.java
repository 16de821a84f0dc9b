package com.alliance.ledger;

/** A set of postings that does not sum to zero: it would create or destroy money. */
public final class UnbalancedPostingsException extends IllegalArgumentException {

    private final long imbalanceFen;

    public UnbalancedPostingsException(String eventId, long imbalanceFen) {
        super("postings of " + eventId + " sum to " + imbalanceFen + " fen, not 0");
        this.imbalanceFen = imbalanceFen;
    }

    public long imbalanceFen() {
        return imbalanceFen;
    }
}
