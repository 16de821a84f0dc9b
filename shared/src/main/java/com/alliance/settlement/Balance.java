package com.alliance.settlement;

import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import java.util.Map;

/**
 * What the ledger holds for a party, by state. The five figures add up to what the party has earned
 * net of refunds and clawbacks: pending + held + settleable + settled unpaid + paid out. A negative
 * settleable figure is a clawback waiting to be netted against new earnings by the next run.
 */
public record Balance(String party, long pendingFen, long heldFen, long settleableFen, long settledUnpaidFen,
                      long paidOutFen) {

    public static Balance of(String party, Iterable<Posting> postings) {
        long pending = 0, held = 0, settleable = 0, settled = 0, paidOut = 0;
        for (Posting posting : postings) {
            long fen = posting.amountFen();
            switch (posting.state()) {
                case PENDING -> pending = Math.addExact(pending, fen);
                case HELD -> held = Math.addExact(held, fen);
                case SETTLEABLE -> settleable = Math.addExact(settleable, fen);
                case SETTLED -> settled = Math.addExact(settled, fen);
                case PAID_OUT -> paidOut = Math.addExact(paidOut, fen);
            }
        }
        return new Balance(party, pending, held, settleable, settled, paidOut);
    }

    /** A balance from what the party's postings add up to per state (a state absent adds nothing). */
    public static Balance of(String party, Map<PostingState, Long> totals) {
        return new Balance(party, totals.getOrDefault(PostingState.PENDING, 0L), totals.getOrDefault(PostingState.HELD, 0L),
                totals.getOrDefault(PostingState.SETTLEABLE, 0L), totals.getOrDefault(PostingState.SETTLED, 0L),
                totals.getOrDefault(PostingState.PAID_OUT, 0L));
    }

    /** What the party has earned, net of refunds and clawbacks: the sum of every posting. */
    public long totalFen() {
        return Math.addExact(Math.addExact(Math.addExact(pendingFen, heldFen), Math.addExact(settleableFen, settledUnpaidFen)),
                paidOutFen);
    }
}
