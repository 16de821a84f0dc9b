package com.alliance.ledger;

import com.alliance.persistence.WriteShards;

/**
 * Payees cut into {@value #COUNT} slices by their id. What a settlement run keeps per payee is kept per slice: the
 * payees' due cursors ({@link SettlementCursors}), a run's lines and totals, the index of a run's postings, the claim
 * ranges a day checks. So a run is built, released and checked one slice per worker, many slices at once, and no two
 * slices write one item.
 */
public final class PayeeSlices {

    public static final int COUNT = 64;

    private PayeeSlices() {
    }

    /** The slice a payee is in. */
    public static int of(String party) {
        return WriteShards.of(party, COUNT);
    }
}
