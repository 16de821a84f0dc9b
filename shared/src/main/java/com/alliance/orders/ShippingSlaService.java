package com.alliance.orders;

import com.alliance.json.Period;
import com.alliance.auth.Caller;
import com.alliance.auth.Role;
import com.alliance.brands.BrandRepository;
import com.alliance.errors.InvalidInputException;
import com.alliance.errors.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /brands/{brandId}/sla}: a brand's shipping service level ({@link ShippingSla}) over the
 * orders paid in a window. Whole China Standard Time days come from the day aggregates ({@link ReportDays}:
 * one Query of {@code SLADAY#} items, open promises counted by the hour they fall due, the 16 shards of the
 * sparse violation items, and those of the open promises falling due in the hour now is in); only the
 * partial days at the window's edges are read from the brand's paid-orders index (gsi1). A brand sees its
 * own (another brand's is "not found"); an operator sees any brand's.
 */
public final class ShippingSlaService {

    /** The longest window one request reads: its days, open promises and violations are read whole. */
    public static final Duration MAX_WINDOW = Duration.ofDays(93);
    /** Without {@code from}: this long before {@code to}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final int MAX_PAGE = 200;

    private final OrderRepository orders;
    private final ReportDaysRepository reports;
    private final BrandRepository brands;
    private final Clock clock;

    public ShippingSlaService(OrderRepository orders, ReportDaysRepository reports, BrandRepository brands, Clock clock) {
        this.orders = orders;
        this.reports = reports;
        this.brands = brands;
        this.clock = clock;
    }

    /**
     * @param from  an ISO-8601 instant, or a date meaning its start in China Standard Time; default
     *              {@code to} − 30 days
     * @param to    likewise, a date meaning its end; default now
     * @param after the {@code next} of the previous page of violations
     */
    public ShippingSla report(Caller caller, String brandId, Optional<String> from, Optional<String> to,
                              Optional<String> after, int limit) {
        caller.requireRole(Role.BRAND, Role.OPERATOR);
        caller.requireParty(brandId, "brand", brandId);
        if (brands.find(brandId).isEmpty()) {
            throw NotFoundException.of("brand", brandId);
        }
        Instant now = clock.instant();
        Period window = Period.parse(from, to, end -> end.minus(DEFAULT_WINDOW), now);
        Instant start = window.from();
        Instant end = window.to();
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw InvalidInputException.field("from", "the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        ReportDays.Split split = ReportDays.split(start, end);
        ShippingSla.Settled settled = ShippingSla.Settled.NONE;
        List<OrderRepository.PromiseRecord> listed = new ArrayList<>();
        for (ReportDays.Span edge : split.edges()) {
            listed.addAll(orders.promisesBetween(brandId, edge.from(), edge.to()));
        }
        if (split.firstDay().isPresent()) {
            var days = reports.days(ReportDays.party(false, brandId), "SLADAY#", split.firstDay().get(), split.lastDay().get());
            Instant wholeFrom = split.wholeFrom().orElseThrow();
            Instant wholeTo = split.wholeTo().orElseThrow();
            // an open promise is late once now has passed it: whole hours before now are late, after it open, and
            // the promises of the hour now is in are told apart one by one
            Instant hour = now.truncatedTo(ChronoUnit.HOURS);
            long dueThisHour = 0;
            for (var day : days.values()) {
                long overdue = 0;
                long open = 0;
                for (var counter : day.entrySet()) {
                    if (counter.getKey().startsWith(ReportDays.OPEN_PREFIX)) {
                        Instant due = Instant.parse(counter.getKey().substring(ReportDays.OPEN_PREFIX.length()));
                        if (due.isBefore(hour)) {
                            overdue += counter.getValue();
                        } else if (due.isAfter(hour)) {
                            open += counter.getValue();
                        } else {
                            dueThisHour += counter.getValue();
                        }
                    }
                }
                settled = settled.plus(day.getOrDefault(ReportDays.KEPT, 0L), day.getOrDefault(ReportDays.MISSED, 0L),
                        day.getOrDefault(ReportDays.NONE, 0L), overdue, open);
            }
            if (dueThisHour > 0) {
                long passed = reports.openDue(brandId, hour, now, wholeFrom, wholeTo);
                settled = settled.plus(0, 0, 0, passed, dueThisHour - passed);
            }
            listed.addAll(reports.violations(brandId, wholeFrom, wholeTo));
        }
        listed.sort(Comparator.comparing(OrderRepository.PromiseRecord::sortKey));
        try {
            return ShippingSla.of(brandId, start, end, now, settled, listed, after, limit);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("next", "next names no violation of this window; start again without it");
        }
    }

}
