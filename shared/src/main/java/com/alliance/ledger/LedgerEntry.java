package com.alliance.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A posting as the ledger table holds it: with when it was posted and its sort key under its party
 * ({@code POST#{postedAt}#{postingId}}), which orders a party's postings and is what settlement
 * cursors point at.
 */
public record LedgerEntry(Posting posting, Instant postedAt, String sortKey) {

    public LedgerEntry {
        Objects.requireNonNull(posting, "posting");
        Objects.requireNonNull(postedAt, "postedAt");
        Objects.requireNonNull(sortKey, "sortKey");
    }
}
