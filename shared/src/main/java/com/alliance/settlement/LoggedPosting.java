package com.alliance.settlement;

import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.PostingState;
import java.util.Objects;

/**
 * A posting as the ledger's day log keeps it ({@link LedgerDayLog}): what a day's reconciliation reads of it.
 *
 * @param cause the order, settlement run or JBP agreement the posting belongs to (its {@code orderId})
 */
public record LoggedPosting(String postingId, String cause, String eventId, AccountType accountType, String party,
                            PostingState state, long amountFen) {

    public LoggedPosting {
        Objects.requireNonNull(postingId, "postingId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountType, "accountType");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(state, "state");
    }

    public static LoggedPosting of(LedgerEntry entry) {
        var posting = entry.posting();
        return new LoggedPosting(posting.postingId(), posting.orderId(), posting.eventId(), posting.account().type(),
                posting.account().party(), posting.state(), posting.amountFen());
    }
}
