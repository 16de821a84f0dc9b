package com.alliance.orderlists;

import com.alliance.orders.Leg;
import com.alliance.orders.ListedStatus;
import com.alliance.orders.RateBasis;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One order as a host's or a brand's list shows it: what was sold to whom by whom, where the order stands with the
 * time of each step, and the party's own money from it ({@link Commission}).
 *
 * @param buyerRef a reference to the buyer that is the same on every order of that buyer in this party's list and
 *                 differs between parties ({@link BuyerRefs}); never the buyer's id
 * @param buyerId  the buyer's id, for operators and finance only
 */
public record OrderRow(String orderId, Instant paidAt, String productId, Optional<String> productTitle, String hostId,
                       Optional<String> hostName, String brandId, Optional<String> brandName, int quantity, long paidFen,
                       long refundedFen, ListedStatus status, List<Step> steps, String buyerRef, Optional<String> buyerId,
                       Commission commission) {

    public OrderRow {
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
    }

    /** A step of the order, as it happened (by the events' {@code occurredAt}). */
    public enum StepKind { PAID, HELD, SHIPPED, RECEIVED, REFUNDED, CANCELLED, LATE_SHIPMENT, RELEASED, VOIDED, MATURED }

    /** @param amountFen the refund's amount, or the compensation of a late shipment; 0 for the other steps */
    public record Step(StepKind step, Instant at, long amountFen) {
    }

    /**
     * The party's money from the order.
     *
     * @param estimatedFen  the party's share as the order was paid: a host's commission after the platform's service
     *                      fee, a brand's proceeds after commission, lead fee and sales fee
     * @param amountFen     the share now, after refunds (and, for a brand, less any late-shipment compensation)
     * @param rateBps       the host rate the order was paid at
     * @param basis         why that rate ({@link RateBasis}); empty for orders paid before it was kept
     * @param clawedBackFen what refunds took back after the share had become settleable
     * @param runId         the settlement run that took the share, once one has
     * @param paidOutAt     when that run's line of the party was paid
     * @param chargesFen    a brand's row: what the order charges the brand now (host commission, lead fee, platform
     *                      fees); 0 on a host's row
     * @param leadFeeFen    a brand's row: the activity lead's fee within those charges
     */
    public record Commission(PartyKind role, String party, CommissionState state, long estimatedFen, long amountFen,
                             int rateBps, Optional<RateBasis> basis, Leg leg, long clawedBackFen,
                             Optional<String> runId, Optional<Instant> paidOutAt, long chargesFen, long leadFeeFen) {
    }
}
