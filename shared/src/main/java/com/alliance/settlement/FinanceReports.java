package com.alliance.settlement;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import com.alliance.json.Period;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.PostingState;
import com.alliance.parties.KnownParties;
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
 * (another party's figures answer 404, as if they did not exist). A brand or host id that names no party answers
 * 404 {@code BRAND_NOT_FOUND} / {@code HOST_NOT_FOUND} ({@link KnownParties}), after the check of who may read it:
 * a party that does not exist is not a party with nothing.
 */
public final class FinanceReports {

    /** Postings one page of a JSON statement may hold. */
    public static final int MAX_PAGE = 1_000;
    /** Rows a CSV statement may hold; a longer period must be asked for in parts. */
    public static final int MAX_EXPORT_ROWS = 25_000;
    /**
     * Items of the two tables the whole-ledger check reads at most: about 75 scan pages of 1 MB, a few seconds on
     * DynamoDB (DynamoDB Local took 44 s for 132 576 items). Past it, the request stops reading and answers 409,
     * and the day checkpoints ({@link ReconciliationJob}) are the check, a day at a time.
     */
    public static final long WHOLE_CHECK_MAX_ITEMS = 200_000;
    private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    private final LedgerRepository ledger;
    private final SettlementRepository runs;
    private final Clock clock;
    private final long wholeCheckMaxItems;
    /** Whether a brand or host id names a party; absent (benchmarks, drills), every party passes. */
    private final Optional<KnownParties> known;

    /** Without the registry of parties: every party id passes (benchmarks and drills that read the ledger alone). */
    public FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock) {
        this(ledger, runs, clock, WHOLE_CHECK_MAX_ITEMS);
    }

    /** With another bound on the whole-ledger check: tests, and drills that run it outside a request. */
    public FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock, long wholeCheckMaxItems) {
        this(ledger, runs, clock, wholeCheckMaxItems, Optional.empty());
    }

    /** A brand or host id that names no party answers 404 ({@link KnownParties}). */
    public FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock, KnownParties known) {
        this(ledger, runs, clock, WHOLE_CHECK_MAX_ITEMS, Optional.of(known));
    }

    /** With the registry of parties and another bound on the whole-ledger check. */
    public FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock, long wholeCheckMaxItems,
                          KnownParties known) {
        this(ledger, runs, clock, wholeCheckMaxItems, Optional.of(known));
    }

    private FinanceReports(LedgerRepository ledger, SettlementRepository runs, Clock clock, long wholeCheckMaxItems,
                           Optional<KnownParties> known) {
        this.ledger = ledger;
        this.runs = runs;
        this.clock = clock;
        this.wholeCheckMaxItems = wholeCheckMaxItems;
        this.known = known;
    }

    /** The period of a statement ({@link Period}); absent bounds mean the beginning and now. */
    public Period period(Optional<String> from, Optional<String> to) {
        return Period.parse(from, to, end -> BEGINNING, clock.instant().plusNanos(1));
    }

    public Balance balance(Caller caller, Optional<String> party) {
        String holder = knownPartyFor(caller, party);
        return Balance.of(holder, ledger.totals(holder, clock.instant()));
    }

    /** One page of a party's statement, at most {@code limit} postings, continuing after {@code after}. */
    public Statement statement(Caller caller, String party, Period period, Optional<String> after, int limit) {
        String holder = knownPartyFor(caller, Optional.of(party));
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
        String holder = knownPartyFor(caller, Optional.of(party));
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

    /**
     * Reconciles the whole ledger with every run; finance only. Reads at most the bound's items of the two tables,
     * else stops there and refuses (409 {@code LEDGER_TOO_LARGE}): a ledger that large is checked by day.
     */
    public Reconciliation.Report reconcile(Caller caller) {
        caller.requireRole(Role.FINANCE);
        List<SettlementRun> allRuns = new ArrayList<>();
        List<RunEntry> entries = new ArrayList<>();
        List<SettlementRepository.StoredCursor> cursors = new ArrayList<>();
        // each read asks for one item more than the bound leaves, to know whether it went past
        long read = runs.forEachItem(allRuns::add, entries::add, cursors::add, oneMore(wholeCheckMaxItems));
        if (read > wholeCheckMaxItems) {
            throw tooLargeToCheckWhole();
        }
        Reconciliation reconciliation = new Reconciliation(allRuns, entries, cursors);
        read += ledger.forEachEntry(reconciliation::add, oneMore(wholeCheckMaxItems - read));
        if (read > wholeCheckMaxItems) {
            throw tooLargeToCheckWhole();
        }
        return reconciliation.report();
    }

    /** {@code items} + 1, except for an unbounded {@link Long#MAX_VALUE}, which stays unbounded. */
    private static long oneMore(long items) {
        return items == Long.MAX_VALUE ? items : items + 1;
    }

    private ConflictException tooLargeToCheckWhole() {
        return new ConflictException("LEDGER_TOO_LARGE", "the ledger and settlement tables hold more than "
                + wholeCheckMaxItems + " items, more than one request checks whole; the ledger-days job checks every day "
                + "of it, runs and payee claims included: GET /finance/reconciliation/days", null);
    }

    /**
     * The party read ({@link #partyFor}), then 404 when it is a brand or host id that names no party. Who may read
     * comes first, so another's id answers the caller the same 404 whether or not it exists.
     */
    private String knownPartyFor(Caller caller, Optional<String> party) {
        String holder = partyFor(caller, party);
        known.ifPresent(parties -> parties.requireKnown(holder));
        return holder;
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
