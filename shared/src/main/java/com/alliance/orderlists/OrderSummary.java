package com.alliance.orderlists;

import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHoursRepository;
import java.time.Instant;
import java.util.Collection;

/**
 * A party's orders of a period in figures, summed from its report hours (one item per hour of payment, folded from
 * the orders stream), never from the orders: so a month costs the same 720 small items for a host with ten orders and
 * for a host with ten million. Periods are widened to whole hours.
 *
 * @param orders         counted orders: paid, not cancelled, not refunded in full, neither held nor voided
 * @param gmvFen         what those orders paid
 * @param refundedFen    what was refunded of them
 * @param heldOrders     orders held or voided by the fake-order rules, and {@code heldGmvFen} their net paid
 * @param reviewOrders   orders whose risk review is still open
 * @param pendingFen     the party's money from the period's orders still in the after-sale window (estimated)
 * @param heldFen        held by a risk hold
 * @param settleableFen  matured: settleable, or already in a settlement run or paid out (the party's balances and
 *                       statement tell those apart, by run, not by order period)
 */
public record OrderSummary(PartyKind kind, String party, Instant from, Instant to, long orders, long gmvFen,
                           long refundedFen, long heldOrders, long heldGmvFen, long reviewOrders, long pendingFen,
                           long heldFen, long settleableFen) {

    /** The party's money from the period's orders in every state. */
    public long moneyFen() {
        return pendingFen + heldFen + settleableFen;
    }

    /** Sums the hour items of the period. */
    public static OrderSummary of(PartyKind kind, String party, ReportHours.Hours hours,
                                  Collection<ReportHoursRepository.Hour> items) {
        long orders = 0;
        long gmv = 0;
        long refunded = 0;
        long heldOrders = 0;
        long heldGmv = 0;
        long review = 0;
        long pending = 0;
        long held = 0;
        long settleable = 0;
        for (ReportHoursRepository.Hour hour : items) {
            orders += hour.count(ReportHours.ORDERS);
            gmv += hour.count(ReportHours.PAID_FEN);
            refunded += hour.count(ReportHours.REFUNDED_FEN);
            heldOrders += hour.count(ReportHours.HELD_ORDERS);
            heldGmv += hour.count(ReportHours.HELD_GMV_FEN);
            review += hour.count(ReportHours.REVIEW_ORDERS);
            pending += hour.count(ReportHours.MONEY_PENDING_FEN);
            held += hour.count(ReportHours.MONEY_HELD_FEN);
            settleable += hour.count(ReportHours.MONEY_SETTLEABLE_FEN);
        }
        return new OrderSummary(kind, party, hours.from(), hours.to(), orders, gmv, refunded, heldOrders, heldGmv, review,
                pending, held, settleable);
    }
}
