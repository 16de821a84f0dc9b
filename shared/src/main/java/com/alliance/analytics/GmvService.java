package com.alliance.analytics;

import com.alliance.json.Period;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.errors.NotFoundException;
import com.alliance.orders.OrderRepository;
import java.time.Clock;
import java.time.Instant;
import com.alliance.orders.ReportDays;
import com.alliance.orders.ReportDaysRepository;
import com.alliance.persistence.ShardReads;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * GMV analytics of a host or a brand over a period. A host sees its own, a brand its own, an operator any;
 * another party's answers 404 as if it did not exist.
 *
 * <p>A brand has no sessions of its own: its audience is the sessions, in the period, of the hosts that sold
 * its goods in the period (its self-broadcast hosts and distribution hosts alike), listed in the report. That
 * is the reach of the rooms where its goods actually sold; those rooms also sold other brands' goods, so a
 * brand's conversion factors read lower than a host's, which is what the brand converted of that reach.
 *
 * <p>A period's whole China Standard Time days are read from the day aggregates the orders stream folds
 * ({@link ReportDays}: one Query per party), its partial edge days from the orders and sessions of those hours, so
 * the read grows with the days and hosts, not the orders. Distinct buyers are exact up to
 * {@link #EXACT_BUYERS_UP_TO} counted orders, estimated above (docs/analytics.md).
 */
public final class GmvService {

    /** Period days are whole days in China Standard Time, as statements and JBP periods are. */
    private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    /** Up to this many counted orders in a period, its distinct buyers are counted exactly; above, estimated. */
    public static final long EXACT_BUYERS_UP_TO = 1_000;

    private final OrderRepository orders;
    private final ReportDaysRepository reports;
    private final LiveSessionRepository sessions;
    private final Predicate<String> hostExists;
    private final Predicate<String> brandExists;
    private final Clock clock;

    public GmvService(OrderRepository orders, ReportDaysRepository reports, LiveSessionRepository sessions,
                      Predicate<String> hostExists, Predicate<String> brandExists, Clock clock) {
        this.orders = orders;
        this.reports = reports;
        this.sessions = sessions;
        this.hostExists = hostExists;
        this.brandExists = brandExists;
        this.clock = clock;
    }

    /** The period asked for ({@link Period}); absent bounds mean the beginning and now. */
    public Period period(Optional<String> from, Optional<String> to) {
        return Period.parse(from, to, end -> BEGINNING, clock.instant().plusNanos(1));
    }

    public GmvReport host(Caller caller, String hostId, Period period) {
        requireReadable(caller, "host", hostId, hostExists);
        ReportDays.Split split = ReportDays.split(period.from(), period.to());
        GmvReport.Totals totals = new GmvReport.Totals();
        for (ReportDays.Span edge : split.edges()) {
            orders.paidByHost(hostId, edge.from(), edge.to()).forEach(order -> totals.add(order, edge.from(), edge.to()));
        }
        ReportDays.BuyerSketch sketch = wholeDays(true, hostId, split, totals);
        GmvReport.Tally tally = totals.tally(buyers(true, hostId, split, totals, sketch), period.from(), period.to());
        return GmvReport.of(period.from(), period.to(), tally, List.of(hostId), audience(hostId, split));
    }

    public GmvReport brand(Caller caller, String brandId, Period period) {
        requireReadable(caller, "brand", brandId, brandExists);
        ReportDays.Split split = ReportDays.split(period.from(), period.to());
        GmvReport.Totals totals = new GmvReport.Totals();
        for (ReportDays.Span edge : split.edges()) {
            orders.paidByBrand(brandId, edge.from(), edge.to()).forEach(order -> totals.add(order, edge.from(), edge.to()));
        }
        ReportDays.BuyerSketch sketch = wholeDays(false, brandId, split, totals);
        GmvReport.Tally tally = totals.tally(buyers(false, brandId, split, totals, sketch), period.from(), period.to());
        List<String> hosts = tally.hosts();
        // every host's audience concurrently: its day aggregates (one Query) and its sessions on the partial days
        GmvReport.Audience reach = GmvReport.Audience.NONE;
        for (GmvReport.Audience audience : ShardReads.each(hosts.size(), i -> audience(hosts.get(i), split))) {
            reach = reach.plus(audience);
        }
        return GmvReport.of(period.from(), period.to(), tally, hosts, reach);
    }

    /** Adds the party's whole days' aggregates (one Query) to {@code totals}; the sketch of their buyers. */
    private ReportDays.BuyerSketch wholeDays(boolean host, String id, ReportDays.Split split, GmvReport.Totals totals) {
        ReportDays.BuyerSketch sketch = new ReportDays.BuyerSketch();
        if (split.firstDay().isPresent()) {
            reports.days(ReportDays.party(host, id), "GMVDAY#", split.firstDay().get(), split.lastDay().get())
                    .forEach((day, counters) -> {
                        totals.addDay(day, counters);
                        counters.forEach(sketch::addCounter);
                    });
        }
        return sketch;
    }

    /**
     * Distinct buyers of the counted orders. Exact while the period counts at most {@link #EXACT_BUYERS_UP_TO}
     * orders (its whole days' buyer items, at most one per counted order, read from 16 shards, with the edges'
     * buyers); above, the HyperLogLog of the days' sketches and the edges' buyers, kept between 1 and the orders.
     */
    private long buyers(boolean host, String id, ReportDays.Split split, GmvReport.Totals totals,
                        ReportDays.BuyerSketch sketch) {
        if (split.firstDay().isEmpty() || totals.counted() == 0) {
            return totals.buyers.size();
        }
        if (totals.counted() <= EXACT_BUYERS_UP_TO) {
            Set<String> buyers = new HashSet<>(totals.buyers);
            buyers.addAll(reports.buyers(host, id, split.firstDay().get(), split.lastDay().get()));
            return buyers.size();
        }
        totals.buyers.forEach(sketch::addBuyer);
        return Math.max(1, Math.min(totals.counted(), sketch.estimate()));
    }

    /** A host's sessions that started in the period: its whole days' aggregates, and its sessions on the edges. */
    private GmvReport.Audience audience(String hostId, ReportDays.Split split) {
        GmvReport.Audience audience = GmvReport.Audience.NONE;
        if (split.firstDay().isPresent()) {
            for (Map<String, Long> day : reports.days(ReportDays.party(true, hostId), "LIVEDAY#",
                    split.firstDay().get(), split.lastDay().get()).values()) {
                audience = audience.plus(day.getOrDefault(ReportDays.SESSIONS, 0L), day.getOrDefault(ReportDays.PRIVATE_UV, 0L),
                        day.getOrDefault(ReportDays.PUBLIC_UV, 0L), day.getOrDefault(ReportDays.WATCH_MINUTES, 0L));
            }
        }
        for (ReportDays.Span edge : split.edges()) {
            audience = audience.plus(sessions.sessions(hostId, edge.from(), edge.to()));
        }
        return audience;
    }

    /** The party's own report, or any for an operator; another party's, or one that does not exist, is not found. */
    private static void requireReadable(Caller caller, String kind, String id, Predicate<String> exists) {
        caller.requireRole(Role.HOST, Role.BRAND, Role.OPERATOR);
        caller.requireParty(id, kind, id);
        if (!exists.test(id)) {
            throw NotFoundException.of(kind, id);
        }
    }
}
