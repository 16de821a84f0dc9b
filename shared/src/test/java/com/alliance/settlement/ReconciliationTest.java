package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.ledger.Account;
import com.alliance.ledger.AccountType;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.Posting;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SystemEvents;
import com.alliance.persistence.WriteShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reconciliation proves the ledger and the runs agree, and names what does not. */
class ReconciliationTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final String HOST = "h_1";
    static final String RUN = "run_1";

    private final List<LedgerEntry> ledger = new ArrayList<>();
    private int clock;

    private LedgerEntry post(String eventId, String orderId, Account account, long fen, PostingState state) {
        int index = (int) ledger.stream().filter(e -> e.posting().eventId().equals(eventId)).count();
        Posting posting = new Posting(Posting.idOf(eventId, index), orderId, eventId, account, fen, state, "test");
        Instant at = T0.plusSeconds(clock++);
        LedgerEntry entry = new LedgerEntry(posting, at, LedgerRepository.sortKey(posting, at));
        ledger.add(entry);
        return entry;
    }

    /** An order of 1 000 fen already matured: 900 settleable for the host, 100 for the platform. */
    private LedgerEntry maturedOrder(String orderId) {
        post("pay-" + orderId, orderId, Account.orderClearing(orderId), -1_000, PostingState.SETTLEABLE);
        post("pay-" + orderId, orderId, Account.platformSalesFee(), 100, PostingState.SETTLEABLE);
        return post("pay-" + orderId, orderId, Account.host(HOST), 900, PostingState.SETTLEABLE);
    }

    private void claim(long fen) {
        String claim = SystemEvents.claim(RUN, HOST);
        post(claim, RUN, Account.host(HOST), -fen, PostingState.SETTLEABLE);
        post(claim, RUN, Account.host(HOST), fen, PostingState.SETTLED);
    }

    private static SettlementRun run(long total, long lines, RunStatus status) {
        return new SettlementRun(RUN, status, T0, "key", T0, "finance", total, lines, 0, 0, 0, Optional.empty(),
                Optional.empty());
    }

    private static RunEntry line(long fen) {
        return new RunEntry(RUN, HOST, RunEntry.Kind.LINE, fen, new TreeMap<>(Map.of(AccountType.HOST, fen)),
                Optional.of(LineStatus.UNPAID), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Reconciliation.Report reconcile(List<SettlementRun> runs, List<RunEntry> lines, Optional<String> cursor) {
        // the cursor of the shard the first order's postings are on
        Reconciliation reconciliation = new Reconciliation(runs, lines,
                List.of(new SettlementRepository.StoredCursor(HOST, WriteShards.of("o-1", LedgerShards.PAYEE_SHARDS), cursor)));
        ledger.forEach(reconciliation::add);
        return reconciliation.report();
    }

    @Test
    void aLedgerWhoseRunsMatchTheirPostingsHasNoDrift() {
        LedgerEntry first = maturedOrder("o-1");
        maturedOrder("o-2");
        claim(900);

        Reconciliation.Report report = reconcile(List.of(run(900, 1, RunStatus.DRAFT)), List.of(line(900)),
                Optional.of(first.sortKey()));

        assertThat(report.balanced()).isTrue();
        assertThat(report.summary()).startsWith("No drift");
        assertThat(report.debitsFen()).isEqualTo(report.creditsFen());
        assertThat(report.totalsByState()).containsEntry(PostingState.SETTLED, 900L);
        assertThat(report.owedToPayeesByState()).containsEntry(PostingState.SETTLEABLE, 900L);
    }

    @Test
    void anOrderThatDoesNotNetToZeroIsNamed() {
        maturedOrder("o-1");
        post("stray", "o-1", Account.host(HOST), 5, PostingState.PENDING);

        Reconciliation.Report report = reconcile(List.of(), List.of(), Optional.empty());

        assertThat(report.balanced()).isFalse();
        assertThat(report.unbalancedOrders()).containsExactly(new Reconciliation.Imbalance("o-1", 5));
        assertThat(report.summary()).startsWith("Drift found").contains("debits");
    }

    @Test
    void aLineWithoutItsPostingsOrARunTotalThatDiffersIsNamed() {
        LedgerEntry first = maturedOrder("o-1");

        Reconciliation.Report report = reconcile(List.of(run(1_000, 1, RunStatus.DRAFT)), List.of(line(900)),
                Optional.of(first.sortKey()));

        assertThat(report.balanced()).isFalse();
        assertThat(report.runMismatches()).extracting(Reconciliation.RunMismatch::problem)
                .contains("claimed (SETTLEABLE → SETTLED)", "totalFen of the run differs from its lines");
    }

    @Test
    void aPostingClaimedTwiceShowsAsACursorMismatch() {
        LedgerEntry first = maturedOrder("o-1");
        claim(900);
        String second = "run_2";
        post(SystemEvents.claim(second, HOST), second, Account.host(HOST), -900, PostingState.SETTLEABLE);
        post(SystemEvents.claim(second, HOST), second, Account.host(HOST), 900, PostingState.SETTLED);
        SettlementRun other = new SettlementRun(second, RunStatus.DRAFT, T0, "key2", T0, "finance", 900, 1, 0, 0, 0,
                Optional.empty(), Optional.empty());
        RunEntry otherLine = new RunEntry(second, HOST, RunEntry.Kind.LINE, 900, new TreeMap<>(Map.of(AccountType.HOST, 900L)),
                Optional.of(LineStatus.UNPAID), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        Reconciliation.Report report = reconcile(List.of(run(900, 1, RunStatus.DRAFT), other), List.of(line(900), otherLine),
                Optional.of(first.sortKey()));

        assertThat(report.balanced()).isFalse();
        assertThat(report.cursorMismatches()).containsExactly(
                new Reconciliation.CursorMismatch(HOST, AccountType.HOST, 900, 1_800));
    }
}
