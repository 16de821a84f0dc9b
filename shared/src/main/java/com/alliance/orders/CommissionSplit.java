package com.alliance.orders;

import com.alliance.money.Money;
import com.alliance.money.ProRata;

/**
 * How the money paid for an order is shared. The shares sum exactly to {@code paidFen}; each charge is
 * rounded half-even on its own and the brand, as the party that receives what is left, absorbs the
 * rounding.
 *
 * <p>Party order, used wherever a remainder must go to someone: brand, host, lead, platform service
 * fee, platform sales fee. The brand comes first for the same reason it takes the split's remainder.
 *
 * @param paidFen               the amount shared
 * @param hostFen               host commission after the platform's service fee
 * @param leadFen               the activity lead's fee after the platform's service fee
 * @param platformServiceFeeFen the technical service fee taken from the host's commission and the lead's fee
 * @param platformSalesFeeFen   the sales fee charged to the brand
 * @param brandFen              what is left for the brand
 */
public record CommissionSplit(
        long paidFen,
        long hostFen,
        long leadFen,
        long platformServiceFeeFen,
        long platformSalesFeeFen,
        long brandFen) {

    public CommissionSplit {
        Money.requireNonNegative(paidFen, "paidFen");
        Money.requireNonNegative(hostFen, "hostFen");
        Money.requireNonNegative(leadFen, "leadFen");
        Money.requireNonNegative(platformServiceFeeFen, "platformServiceFeeFen");
        Money.requireNonNegative(platformSalesFeeFen, "platformSalesFeeFen");
        Money.requireNonNegative(brandFen, "brandFen");
        long shares = Math.addExact(Math.addExact(Math.addExact(hostFen, leadFen),
                Math.addExact(platformServiceFeeFen, platformSalesFeeFen)), brandFen);
        if (shares != paidFen) {
            throw new IllegalArgumentException("shares sum to " + shares + " fen, not the " + paidFen + " paid");
        }
    }

    /**
     * Splits an order's payment under its terms.
     *
     * <ul>
     *   <li>commission = paid × hostRate; on the distribution leg the platform takes serviceFeeRate of
     *       it from the host. Self-broadcast pays the brand's internal rate without a service fee: the
     *       fee is on distribution commission, and a brand's own accounts earn none.</li>
     *   <li>lead fee = paid × leadRate, of which the platform takes serviceFeeRate.</li>
     *   <li>sales fee = paid × salesFeeRate.</li>
     *   <li>brand = paid − commission − lead fee − sales fee.</li>
     * </ul>
     *
     * @throws ChargesExceedPaidException if the rounded charges exceed paid, which rates summing to
     *                                    at most 100% allow only on orders of a few fen
     */
    public static CommissionSplit of(long paidFen, CommissionTerms terms) {
        Money.requireNonNegative(paidFen, "paidFen");
        long commission = Money.percentOf(paidFen, terms.hostRate());
        long hostServiceFee = terms.leg() == Leg.DISTRIBUTION
                ? Money.percentOf(commission, terms.serviceFeeRate())
                : 0;
        long leadFee = Money.percentOf(paidFen, terms.leadRate());
        long leadServiceFee = Money.percentOf(leadFee, terms.serviceFeeRate());
        long salesFee = Money.percentOf(paidFen, terms.salesFeeRate());
        long charged = commission + leadFee + salesFee;
        if (charged > paidFen) {
            throw new ChargesExceedPaidException(paidFen, charged);
        }
        return new CommissionSplit(paidFen, commission - hostServiceFee, leadFee - leadServiceFee,
                hostServiceFee + leadServiceFee, salesFee, paidFen - charged);
    }

    /**
     * This split scaled down to {@code amountFen} (e.g. paid minus accepted refunds): every share
     * shrinks pro rata to this split, leftover fen going by largest remainder then party order. The
     * result depends only on {@code amountFen}, never on how the reduction came about.
     */
    public CommissionSplit scaledTo(long amountFen) {
        if (amountFen < 0 || amountFen > paidFen) {
            throw new IllegalArgumentException("can scale " + paidFen + " fen only to 0.." + paidFen
                    + ", not " + amountFen);
        }
        long[] parts = ProRata.allocate(amountFen,
                new long[] {brandFen, hostFen, leadFen, platformServiceFeeFen, platformSalesFeeFen});
        return new CommissionSplit(amountFen, parts[1], parts[2], parts[3], parts[4], parts[0]);
    }
}
