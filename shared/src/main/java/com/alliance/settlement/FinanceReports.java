package com.alliance.settlement;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.InvalidInputException;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PostingState;
import com.alliance.persistence.SortableTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading money: a party's balances by state, its statement over a period, and the reconciliation
 * of the whole ledger with the settlement runs. Finance reads any party; a brand or host only its own
 * (another party's figures answer 404, as if they did not exist).
 */
public final class FinanceReports {

    /** Postings one page of a JSON statement may hold. */
    public static final int MAX_PAGE = 1_000;
    /** Rows a CSV statement may hold; a longer period must be asked for in parts. */
    public static final int MAX_EXPORT_ROWS = 25_000;
    private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    private final LedgerRepository ledger;
    private final SettlementRepository runs;
    private final Clock clock;

    public FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock) {
        this.ledger = ledger;
        this.runs = runs;
        this.clock = clock;
    }

    /** The period of a statement ({@link Period}); absent bounds mean the beginning and now. */
    public Period period(Optional<String> from, Optional<String> to) {
        return Period.parse(from, to, end -> BEGINNING, clock.instant().plusNanos(1));
    }

    public Balance balance(Caller caller, Optional<String> party) {
        String holder = partyFor(caller, party);
        return Balance.of(holder, ledger.totals(holder, clock.instant()));
    }

    /** One page of a party's statement, at most {@code limit} postings, continuing after {@code after}. */
    public Statement statement(Caller caller, String party, Period period, Optional<String> after, int limit) {
        String holder = partyFor(caller, Optional.of(party));
        String from = "POST#" + SortableTime.of(period.from());
        if (after.filter(sk -> sk.compareTo(from) <= 0 || sk.compareTo("POST#" + SortableTime.of(period.to())) >= 0).isPresent()) {
            throw InvalidInputException.field("next", "next does not belong to this period; start again without it");
        }
        LedgerRepository.EntryPage page = ledger.page(holder, period.from(), period.to(), after, limit);
        String through = after.orElse(from);
        long opening = owed(ledger.totalsThrough(holder, through, clock.instant()));
        return Statement.of(holder, period.from(), period.to(), opening, page.entries(), page.next());
    }

    /** The whole statement of a period, for export; refused when it has more than {@link #MAX_EXPORT_ROWS} postings. */
    public Statement export(Caller caller, String party, Period period) {
        String holder = partyFor(caller, Optional.of(party));
        List<LedgerEntry> entries = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            LedgerRepository.EntryPage page = ledger.page(holder, period.from(), period.to(), after, MAX_PAGE);
            entries.addAll(page.entries());
            if (entries.size() > MAX_EXPORT_ROWS) {
                throw new InvalidInputException("STATEMENT_TOO_LARGE", "the period holds more than " + MAX_EXPORT_ROWS
                        + " postings: ask for a shorter one (from/to)", "to");
            }
            after = page.next();
        } while (after.isPresent());
        long opening = owed(ledger.totalsThrough(holder, "POST#" + SortableTime.of(period.from()), clock.instant()));
        return Statement.of(holder, period.from(), period.to(), opening, entries, Optional.empty());
    }

    /** Reconciles the whole ledger with every run; finance only. */
    public Reconciliation.Report reconcile(Caller caller) {
        caller.requireRole(Role.FINANCE);
        List<SettlementRun> allRuns = new ArrayList<>();
        List<RunEntry> entries = new ArrayList<>();
        List<SettlementRepository.StoredCursor> cursors = new ArrayList<>();
        runs.forEachItem(allRuns::add, entries::add, cursors::add);
        Reconciliation reconciliation = new Reconciliation(allRuns, entries, cursors);
        ledger.forEachEntry(reconciliation::add);
        return reconciliation.report();
    }

    private static String partyFor(Caller caller, Optional<String> party) {
        caller.requireRole(Role.FINANCE, Role.BRAND, Role.HOST);
        if (party.isEmpty() && caller.is(Role.FINANCE)) {
            throw new InvalidInputException("FIELD_REQUIRED", "party is required", "party");
        }
        String holder = party.orElse(caller.party());
        if (holder.isBlank() || holder.length() > 64) {
            throw InvalidInputException.field("party", "party must be a party id");
        }
        caller.requireParty(holder, "party", holder);
        return holder;
    }

    private static long owed(Map<PostingState, Long> totals) {
        return totals.entrySet().stream().filter(e -> e.getKey() != PostingState.PAID_OUT)
                .mapToLong(Map.Entry::getValue).reduce(0L, Math::addExact);
    }

}
