package com.alliance.orderlists;

import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.catalog.Product;
import com.alliance.catalog.ProductRepository;
import com.alliance.errors.NotFoundException;
import com.alliance.hosts.Host;
import com.alliance.hosts.HostCard;
import com.alliance.hosts.HostKind;
import com.alliance.hosts.HostRepository;
import com.alliance.json.Period;
import com.alliance.ledger.Account;
import com.alliance.ledger.LedgerEntry;
import com.alliance.ledger.LedgerRepository;
import com.alliance.ledger.LedgerShards;
import com.alliance.ledger.PositionKey;
import com.alliance.ledger.PostingState;
import com.alliance.ledger.SystemEvents;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import com.alliance.orders.StoredOrder;
import com.alliance.parties.KnownParties;
import com.alliance.persistence.ReadUnits;
import com.alliance.persistence.ShardReads;
import com.alliance.settlement.PostingSettlements;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A host's and a brand's orders, each with the party's own money from it, a page at a time; their period summaries;
 * and the export of a whole period, page by page.
 *
 * <p>Who reads what: the party itself; a brand also the lists of its own self-broadcast hosts ({@code BRAND_SELF}); an
 * operator or finance any party. Another party's list answers 404 as if it did not exist, and so does an id that
 * names no host or brand ({@link KnownParties}). Hosts and brands see a masked buyer reference ({@link BuyerRefs});
 * operators and finance also the buyer's id.
 *
 * <p>A page reads: one Query per index shard, one BatchGetItem of its orders, one each of product titles, host and
 * brand names, and for each order whose money is settleable, the order's postings and where settlement stands with
 * them ({@link PostingSettlements}): a number of reads set by the page, not by the party's history.
 */
public final class OrderListService {

    /** Candidates a page with a status filter the index cannot apply reads, at most, before filtering them. */
    public static final int DENSE_STATUS_CANDIDATES = 100;
    /** Pages one part of an export reads at most, whatever they hold. */
    public static final int EXPORT_PAGES = 50;

    private final OrderListRepository lists;
    private final KnownParties parties;
    private final ProductRepository products;
    private final HostRepository hosts;
    private final BrandRepository brands;
    private final LedgerRepository ledger;
    private final Supplier<PostingSettlements> settlements;
    private final ReportHoursRepository hours;
    private final BuyerRefs buyers;
    private final Clock clock;

    public OrderListService(OrderListRepository lists, KnownParties parties, ProductRepository products,
                            HostRepository hosts, BrandRepository brands, LedgerRepository ledger,
                            Supplier<PostingSettlements> settlements, ReportHoursRepository hours, BuyerRefs buyers,
                            Clock clock) {
        this.lists = lists;
        this.parties = parties;
        this.products = products;
        this.hosts = hosts;
        this.brands = brands;
        this.ledger = ledger;
        this.settlements = settlements;
        this.hours = hours;
        this.buyers = buyers;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public record Page(List<OrderRow> rows, Optional<String> next) {
    }

    /** One page of the party's list. */
    public Page list(Caller caller, OrderListQuery query) {
        authorize(caller, query.kind(), query.party());
        return page(caller, query);
    }

    /** The period's summary of the party's orders, from its report hours. */
    public OrderSummary summary(Caller caller, PartyKind kind, String party, Period period) {
        authorize(caller, kind, party);
        ReportHours.Hours whole = ReportHours.hoursOf(period.from(), period.to());
        return OrderSummary.of(kind, party, whole,
                hours.hours(ReportHours.party(kind == PartyKind.HOST, party), whole).values());
    }

    /**
     * Every row of the query's period, newest first, handed over a page at a time, never more than one page in
     * memory: at most {@code maxRows} rows, or {@link #EXPORT_PAGES} pages (a filter that matches little reads many
     * pages for few rows, and a request has seconds, not minutes), after which the answer is where to go on
     * ({@code next}).
     */
    public Optional<String> export(Caller caller, OrderListQuery query, int maxRows, Consumer<List<OrderRow>> each) {
        authorize(caller, query.kind(), query.party());
        OrderListQuery at = query;
        int written = 0;
        for (int pages = 1; ; pages++) {
            Page page = page(caller, at);
            each.accept(page.rows());
            written += page.rows().size();
            if (page.next().isEmpty()) {
                return Optional.empty();
            }
            if (written >= maxRows || pages >= EXPORT_PAGES) {
                return page.next();
            }
            at = new OrderListQuery(at.kind(), at.party(), at.period(), at.status(), at.productId(), at.hostId(),
                    Optional.of(OrderListQuery.Position.ofToken(page.next().get())), at.limit());
        }
    }

    private Page page(Caller caller, OrderListQuery query) {
        boolean dense = query.status().filter(s -> !s.flagged()).isPresent();
        int candidates = dense ? Math.max(query.limit(), DENSE_STATUS_CANDIDATES) : query.limit();
        ShardMerge.Page positions = lists.page(query, candidates);
        Map<String, StoredOrder> orders = lists.orders(positions.rows().stream().map(OrderListQuery.Position::orderId).toList());
        List<StoredOrder> inOrder = positions.rows().stream().map(p -> orders.get(p.orderId()))
                .filter(java.util.Objects::nonNull).toList();
        OrderRows.Names names = names(inOrder);
        boolean showBuyer = caller.is(Role.OPERATOR) || caller.is(Role.FINANCE);
        PostingSettlements settlement = settlements.get();
        List<Optional<OrderRow>> built = ShardReads.each(inOrder.size(), i -> {
            StoredOrder order = inOrder.get(i);
            return OrderRows.of(order, query.kind(), query.party(), names, buyers, showBuyer,
                    settlementOf(order, query.kind(), query.party(), settlement));
        });
        List<OrderRow> rows = new ArrayList<>();
        built.forEach(row -> row.filter(r -> query.status().isEmpty() || r.status() == query.status().get())
                .ifPresent(rows::add));
        if (rows.size() > query.limit()) {
            // a dense status filter read more candidates than a page: cut at the limit and go on after the last kept
            List<OrderRow> kept = List.copyOf(rows.subList(0, query.limit()));
            OrderRow last = kept.get(kept.size() - 1);
            return new Page(kept, Optional.of(new OrderListQuery.Position(last.paidAt(), last.orderId()).token()));
        }
        return new Page(rows, positions.next().map(OrderListQuery.Position::token));
    }

    /** What settlement did with the party's settleable money from the order: read only when it has some. */
    private OrderRows.Settlement settlementOf(StoredOrder order, PartyKind kind, String party, PostingSettlements settlement) {
        Account account = kind == PartyKind.HOST ? Account.host(party) : Account.brand(party);
        boolean settleable = order.posted().getOrDefault(PositionKey.of(account, PostingState.SETTLEABLE), 0L) != 0
                || (order.state().isMatured() && order.posted().keySet().stream().noneMatch(k -> k.account().equals(account)));
        if (!settleable) {
            return OrderRows.Settlement.NONE;
        }
        List<LedgerEntry> mine = ledger.entriesOfOrder(order.state().orderId()).stream()
                .filter(e -> e.posting().account().equals(account) && e.posting().state() == PostingState.SETTLEABLE)
                .sorted(Comparator.comparing(LedgerEntry::sortKey)).toList();
        // a late shipment's compensation is a charge to the brand, not a refund taking its proceeds back
        String late = SystemEvents.lateShipment(order.state().orderId());
        long clawedBack = -mine.stream().filter(e -> !e.posting().eventId().equals(late))
                .mapToLong(e -> e.posting().amountFen()).filter(fen -> fen < 0).sum();
        Optional<LedgerEntry> principal = mine.stream().filter(e -> e.posting().amountFen() > 0).findFirst();
        return new OrderRows.Settlement(principal.flatMap(e -> settlement.of(party, LedgerShards.of(e.posting()), e.sortKey())),
                clawedBack);
    }

    private OrderRows.Names names(List<StoredOrder> orders) {
        Set<String> productIds = new TreeSet<>();
        Set<String> hostIds = new TreeSet<>();
        Set<String> brandIds = new TreeSet<>();
        for (StoredOrder order : orders) {
            order.state().payment().ifPresent(p -> {
                productIds.add(p.paid().productId());
                hostIds.add(p.paid().hostId());
                brandIds.add(p.terms().brandId());
            });
        }
        ReadUnits units = new ReadUnits();
        Map<String, String> titles = new HashMap<>();
        Map<String, String> hostNames = new HashMap<>();
        Map<String, String> brandNames = new HashMap<>();
        if (!productIds.isEmpty()) {
            for (Product product : products.findAll(productIds, units).values()) {
                titles.put(product.productId(), product.listing().title());
            }
            for (HostCard card : hosts.findCards(hostIds, units)) {
                hostNames.put(card.host().hostId(), card.host().personaName());
            }
            brandNames.putAll(brands.namesOf(brandIds, units));
        }
        return new OrderRows.Names(titles, hostNames, brandNames);
    }

    /**
     * The party itself, a brand for its own self-broadcast host, operators and finance; 404 for anyone else and for an
     * id that names no host or brand.
     */
    void authorize(Caller caller, PartyKind kind, String party) {
        caller.requireRole(Role.HOST, Role.BRAND, Role.OPERATOR, Role.FINANCE);
        String what = kind == PartyKind.HOST ? "host" : "brand";
        boolean mine = caller.is(Role.OPERATOR) || caller.is(Role.FINANCE)
                || (caller.is(Role.HOST) && kind == PartyKind.HOST && caller.party().equals(party))
                || (caller.is(Role.BRAND) && kind == PartyKind.BRAND && caller.party().equals(party))
                || (caller.is(Role.BRAND) && kind == PartyKind.HOST && selfBroadcastOf(party, caller.party()));
        if (!mine) {
            throw NotFoundException.of(what, party);
        }
        if (kind == PartyKind.HOST) {
            parties.requireHost(party);
        } else {
            parties.requireBrand(party);
        }
    }

    private boolean selfBroadcastOf(String hostId, String brandId) {
        Optional<Host> host = parties.host(hostId);
        return host.filter(h -> h.kind() == HostKind.BRAND_SELF && h.brandId().filter(brandId::equals).isPresent()).isPresent();
    }
}
