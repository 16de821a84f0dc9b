package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    static LedgerEntry entry(String eventId, int index, long fen, PostingState state) {
        Posting posting = new Posting(Posting.idOf(eventId, index), "o-1", eventId, Account.host("h_1"), fen, state, "test");
        Instant at = T0.plusSeconds(index);
        return new LedgerEntry(posting, at, LedgerRepository.sortKey(posting, at));
    }

    @Test
    void theRunningBalanceIsWhatIsStillOwedSoStateChangesKeepItAndPayoutsLowerIt() {
        List<LedgerEntry> entries = new ArrayList<>(List.of(
                entry("pay", 0, 1_800, PostingState.PENDING),
                entry("mature", 1, -1_800, PostingState.PENDING), entry("mature", 2, 1_800, PostingState.SETTLEABLE),
                entry("claim", 3, -1_800, PostingState.SETTLEABLE), entry("claim", 4, 1_800, PostingState.SETTLED),
                entry("payout", 5, -1_800, PostingState.SETTLED), entry("payout", 6, 1_800, PostingState.PAID_OUT),
                entry("refund", 7, -450, PostingState.SETTLEABLE)));

        Statement statement = Statement.of("h_1", T0, T0.plusSeconds(60), 100, entries, Optional.empty());

        assertThat(statement.lines()).extracting(Statement.Line::balanceFen)
                .containsExactly(1_900L, 100L, 1_900L, 100L, 1_900L, 100L, 100L, -350L);
        assertThat(statement.closingBalanceFen()).isEqualTo(-350);
    }

    @Test
    void theFiveBalancesAddUpToWhatThePartyEarnedNet() {
        List<Posting> postings = List.of(entry("pay", 0, 1_800, PostingState.PENDING).posting(),
                entry("hold", 1, 300, PostingState.HELD).posting(),
                entry("claim", 2, -500, PostingState.SETTLEABLE).posting(),
                entry("claim", 3, 500, PostingState.SETTLED).posting(),
                entry("paid", 4, 200, PostingState.PAID_OUT).posting());

        Balance balance = Balance.of("h_1", postings);

        assertThat(balance.settleableFen()).isEqualTo(-500);
        assertThat(balance.totalFen()).isEqualTo(2_300);
    }
}
