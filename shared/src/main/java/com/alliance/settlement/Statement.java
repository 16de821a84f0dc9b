package com.alliance.settlement;

import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A party's postings over a period with a running balance. The balance is what the marketplace still
 * owes the party: every posting counts except PAID_OUT ones, so a state change (pending → settleable →
 * settled) leaves it as it is and a payout lowers it.
 *
 * @param openingBalanceFen the balance before the first line
 * @param next              where the next page starts, when the period has more postings
 */
public record Statement(String party, Instant from, Instant to, long openingBalanceFen, List<Line> lines,
                        Optional<String> next) {

    /** One posting and the balance after it. */
    public record Line(LedgerEntry entry, long balanceFen) {
    }

    public Statement {
        lines = List.copyOf(lines);
    }

    /** Lines for {@code entries} (in order), starting from {@code openingBalanceFen}. */
    public static Statement of(String party, Instant from, Instant to, long openingBalanceFen, List<LedgerEntry> entries,
                               Optional<String> next) {
        long balance = openingBalanceFen;
        List<Line> lines = new java.util.ArrayList<>();
        for (LedgerEntry entry : entries) {
            balance = Math.addExact(balance, owed(entry.posting()));
            lines.add(new Line(entry, balance));
        }
        return new Statement(party, from, to, openingBalanceFen, lines, next);
    }

    public long closingBalanceFen() {
        return lines.isEmpty() ? openingBalanceFen : lines.get(lines.size() - 1).balanceFen();
    }

    /** What a posting changes in the amount still owed. */
    public static long owed(Posting posting) {
        return posting.state() == PostingState.PAID_OUT ? 0 : posting.amountFen();
    }
}
