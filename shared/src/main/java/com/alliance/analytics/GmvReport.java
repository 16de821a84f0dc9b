package com.alliance.analytics;

import com.alliance.orders.OrderRepository.PaidOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The GMV of a host or brand over [from, to) and its decomposition, from the period's sessions and orders.
 *
 * <p>Which orders count: paid in [from, to), not cancelled, not refunded in full; GMV is paid net of refunds.
 * An order under an undecided risk hold, or voided by an operator, is left out of the factors and reported
 * apart ({@code heldOrders}, {@code heldGmvFen}, also net of refunds), as the SPEC leaves flagged orders out
 * of the sales counts shown to others.
 *
 * @param hosts the hosts whose sessions were counted: the host itself, or for a brand the hosts that sold it
 */
public record GmvReport(Instant from, Instant to, int sessions, List<String> hosts, long paidFen, long refundedFen,
                        long heldOrders, long heldGmvFen, GmvDecomposition decomposition) {

    public GmvReport {
        hosts = List.copyOf(hosts);
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
            paid = Math.addExact(paid, order.paidFen());
            refunded = Math.addExact(refunded, order.refundedFen());
            buyers.add(order.buyerId());
            hosts.add(order.hostId());
        }
        return new Tally(paid, refunded, counted, buyers.size(), held, heldFen, List.copyOf(hosts));
    }

    /** What the orders of a period add up to; {@code hosts} sold at least one counted order. */
    public record Tally(long paidFen, long refundedFen, long orders, long buyers, long heldOrders, long heldGmvFen,
                       List<String> hosts) {

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
                new GmvDecomposition(privateUv, publicUv, minutes, tally.buyers(), tally.orders(), tally.gmvFen()));
    }

    public long gmvFen() {
        return decomposition.gmvFen();
    }
}
