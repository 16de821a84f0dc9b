package com.alliance.analytics;

import com.alliance.json.Period;
import com.alliance.orders.OrderRepository.PaidOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The GMV of a host or brand over [from, to) and its decomposition, from the period's sessions and orders.
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
 * @param hosts the hosts whose sessions were counted: the host itself, or for a brand the hosts that sold it
 */
public record GmvReport(Instant from, Instant to, int sessions, List<String> hosts, long paidFen, long refundedFen,
                        long heldOrders, long heldGmvFen, GmvDecomposition decomposition, List<Day> daily) {

    /** The longest period whose every day is listed in {@code daily}. */
    public static final int MAX_DAYS = 400;

    public GmvReport {
        hosts = List.copyOf(hosts);
        daily = List.copyOf(daily);
    }

    /** One China Standard Time day: its GMV (paid net of refunds) and its counted orders. */
    public record Day(LocalDate date, long gmvFen, long orders) {
    }

    /** Tallies the orders that count and the held ones; {@code orders} may reach up to {@code to} inclusive. */
    public static Tally tally(Collection<PaidOrder> orders, Instant from, Instant to) {
        long paid = 0;
        long refunded = 0;
        long counted = 0;
        long held = 0;
        long heldFen = 0;
        Set<String> buyers = new HashSet<>();
        Set<String> hosts = new TreeSet<>();
        SortedMap<LocalDate, long[]> days = new TreeMap<>();
        for (PaidOrder order : orders) {
            long net = order.paidFen() - order.refundedFen();
            if (order.paidAt().isBefore(from) || !order.paidAt().isBefore(to)
                    || order.cancelled() || net <= 0) {
                continue;
            }
            if (order.held() || order.voided()) {
                held++;
                heldFen = Math.addExact(heldFen, net);
                continue;
            }
            counted++;
            long[] day = days.computeIfAbsent(LocalDate.ofInstant(order.paidAt(), Period.DAY_ZONE), d -> new long[2]);
            day[0] = Math.addExact(day[0], net);
            day[1]++;
            paid = Math.addExact(paid, order.paidFen());
            refunded = Math.addExact(refunded, order.refundedFen());
            buyers.add(order.buyerId());
            hosts.add(order.hostId());
        }
        return new Tally(paid, refunded, counted, buyers.size(), held, heldFen, List.copyOf(hosts), daily(days, from, to));
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
    public record Tally(long paidFen, long refundedFen, long orders, long buyers, long heldOrders, long heldGmvFen,
                       List<String> hosts, List<Day> daily) {

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
                tally.daily());
    }

    public long gmvFen() {
        return decomposition.gmvFen();
    }
}
