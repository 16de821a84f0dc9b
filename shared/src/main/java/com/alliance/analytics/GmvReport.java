package com.alliance.analytics;

import com.alliance.json.Period;
import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The GMV of a host or brand over [from, to) and its decomposition, from the period's sessions and the party's
 * hour aggregates of its orders ({@link ReportHours}); the period is whole hours.
 *
 * <p>Which orders count: paid in [from, to), not cancelled, not refunded in full; GMV is paid net of refunds.
 * An order under an undecided risk hold, or voided by an operator, is left out of the factors and reported
 * apart ({@code heldOrders}, {@code heldGmvFen}, also net of refunds), as the SPEC leaves flagged orders out
 * of the sales counts shown to others.
 *
 * <p>{@code daily} is the same GMV by the China Standard Time day each counted order was paid on, one entry per
 * day of the period (days without orders at 0), so the days add up to {@code gmvFen} exactly. A period longer
 * than {@link #MAX_DAYS} days (an open {@code from} reaches back to 2000) starts its series at the first day with
 * a counted order instead, so the answer stays small.
 *
 * <p>{@code buyersEstimated}: the distinct buyers are an estimate, because an hour of the period had more buyers
 * than {@link ReportHours.BuyerSketch#EXACT_UP_TO} and keeps them as a sketch; otherwise they are exact.
 *
 * @param hosts the hosts whose sessions were counted: the host itself, or for a brand the hosts that sold it
 */
public record GmvReport(Instant from, Instant to, int sessions, List<String> hosts, long paidFen, long refundedFen,
                        long heldOrders, long heldGmvFen, GmvDecomposition decomposition, boolean buyersEstimated,
                        List<Day> daily) {

    /** The longest period whose every day is listed in {@code daily}. */
    public static final int MAX_DAYS = 400;

    public GmvReport {
        hosts = List.copyOf(hosts);
        daily = List.copyOf(daily);
    }

    /** One China Standard Time day: its GMV (paid net of refunds) and its counted orders. */
    public record Day(LocalDate date, long gmvFen, long orders) {
    }

    /**
     * Tallies a party's hour items of the period ({@link ReportHours}): the orders that count and the held ones, and
     * the distinct buyers, exact while every hour keeps its buyers exactly, else estimated from the hours' sketches
     * and kept between 1 and the orders (a buyer has at least one order).
     */
    public static Tally tally(Collection<ReportHoursRepository.Hour> hours, Instant from, Instant to, List<String> hosts) {
        long paid = 0;
        long refunded = 0;
        long counted = 0;
        long held = 0;
        long heldFen = 0;
        Set<String> buyers = new HashSet<>();
        ReportHours.BuyerSketch sketch = new ReportHours.BuyerSketch();
        boolean estimated = false;
        SortedMap<LocalDate, long[]> days = new TreeMap<>();
        for (ReportHoursRepository.Hour hour : hours) {
            long orders = hour.count(ReportHours.ORDERS);
            long hourPaid = hour.count(ReportHours.PAID_FEN);
            long hourRefunded = hour.count(ReportHours.REFUNDED_FEN);
            paid = Math.addExact(paid, hourPaid);
            refunded = Math.addExact(refunded, hourRefunded);
            counted += orders;
            held += hour.count(ReportHours.HELD_ORDERS);
            heldFen = Math.addExact(heldFen, hour.count(ReportHours.HELD_GMV_FEN));
            if (orders > 0) {
                long[] day = days.computeIfAbsent(LocalDate.ofInstant(ReportHours.hourStart(hour.hourKey()), Period.DAY_ZONE),
                        d -> new long[2]);
                day[0] = Math.addExact(day[0], hourPaid - hourRefunded);
                day[1] += orders;
            }
            hour.counters().forEach((name, value) -> {
                if (name.startsWith(ReportHours.BuyerSketch.PREFIX) && value > 0) {
                    buyers.add(name);
                }
            });
            if (hour.sketch().isPresent()) {
                sketch.merge(hour.sketch().get());
                estimated = true;
            }
        }
        long buyerCount = buyers.size();
        if (estimated) {
            buyers.forEach(sketch::addCounterName);
            buyerCount = counted == 0 ? 0 : Math.max(1, Math.min(counted, sketch.estimate()));
        }
        return new Tally(paid, refunded, counted, buyerCount, estimated, held, heldFen, List.copyOf(hosts),
                daily(days, from, to));
    }

    /** Every day of [from, to) in China Standard Time, or from the first sold day when the period is very long. */
    private static List<Day> daily(SortedMap<LocalDate, long[]> sold, Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, Period.DAY_ZONE);
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), Period.DAY_ZONE);
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            if (sold.isEmpty()) {
                return List.of();
            }
            first = sold.firstKey();
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            long[] day = sold.getOrDefault(date, new long[2]);
            days.add(new Day(date, day[0], day[1]));
        }
        return days;
    }

    /**
     * What the orders of a period add up to; {@code hosts} sold at least one counted order; {@code daily} is the
     * GMV by China Standard Time day of payment.
     */
    public record Tally(long paidFen, long refundedFen, long orders, long buyers, boolean buyersEstimated,
                        long heldOrders, long heldGmvFen, List<String> hosts, List<Day> daily) {

        public long gmvFen() {
            return paidFen - refundedFen;
        }
    }

    /** The report of a tally over the given hosts' sessions of the period. */
    public static GmvReport of(Instant from, Instant to, Tally tally, List<String> hosts, Collection<LiveSession> sessions) {
        long privateUv = 0;
        long publicUv = 0;
        long minutes = 0;
        for (LiveSession session : sessions) {
            privateUv = Math.addExact(privateUv, session.privateUv());
            publicUv = Math.addExact(publicUv, session.publicUv());
            minutes = Math.addExact(minutes, session.watchMinutes());
        }
        return new GmvReport(from, to, sessions.size(), hosts, tally.paidFen(), tally.refundedFen(),
                tally.heldOrders(), tally.heldGmvFen(),
                new GmvDecomposition(privateUv, publicUv, minutes, tally.buyers(), tally.orders(), tally.gmvFen()),
                tally.buyersEstimated(), tally.daily());
    }

    public long gmvFen() {
        return decomposition.gmvFen();
    }
}
