package com.alliance.orders;

import com.alliance.money.Bps;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the commission split of one order needs, resolved by the caller when the order is paid
 * (the rates in force at {@code occurredAt} of the payment) and kept with the order from then on, so
 * later rate changes never reach an order already paid.
 *
 * @param leg            the order's JBP leg
 * @param brandId        the brand that owns the product and receives what is left
 * @param hostRate       distribution: the host's rate in force; self-broadcast: the brand's internal
 *                       rate for its own host accounts (default 0)
 * @param serviceFeeRate the platform's technical service fee, as a share of distribution commission and
 *                       of the lead's fee (default 1000 = 10%)
 * @param leadId         the activity lead the order came through, if any
 * @param leadRate       the lead's fee as a share of paid, charged to the brand; 0 without a lead
 * @param salesFeeRate   the platform's sales fee as a share of paid, charged to the brand (default 500)
 * @param shipWithinHours the product's shipping promise in force at payment: the order must ship within
 *                       this many hours of {@code occurredAt} of the payment (24, 48 or 72 for listed
 *                       products; {@value #DEFAULT_SHIP_WITHIN_HOURS} for terms stored before promises
 *                       were kept, the most lenient promise a product can make)
 * @param rateBasis      why {@code hostRate} is the rate ({@link RateBasis}); empty for terms stored before it was kept
 */
public record CommissionTerms(
        Leg leg,
        String brandId,
        Bps hostRate,
        Bps serviceFeeRate,
        Optional<String> leadId,
        Bps leadRate,
        Bps salesFeeRate,
        int shipWithinHours,
        Optional<RateBasis> rateBasis) {

    public static final Bps DEFAULT_SERVICE_FEE_RATE = Bps.of(1_000);
    public static final int DEFAULT_SHIP_WITHIN_HOURS = 72;
    /** The longest promise terms accept: a year. */
    static final int MAX_SHIP_WITHIN_HOURS = 24 * 366;
    public static final Bps DEFAULT_SALES_FEE_RATE = Bps.of(500);

    public CommissionTerms {
        Objects.requireNonNull(leg, "leg");
        Require.nonBlank(brandId, "brandId");
        Objects.requireNonNull(hostRate, "hostRate");
        Objects.requireNonNull(serviceFeeRate, "serviceFeeRate");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(leadRate, "leadRate");
        Objects.requireNonNull(salesFeeRate, "salesFeeRate");
        Objects.requireNonNull(rateBasis, "rateBasis");
        leadId.ifPresent(id -> Require.nonBlank(id, "leadId"));
        if (leadId.isEmpty() && !leadRate.isZero()) {
            throw new IllegalArgumentException("a lead rate of " + leadRate + " needs a lead");
        }
        int charged = hostRate.value() + leadRate.value() + salesFeeRate.value();
        if (charged > Bps.ONE_HUNDRED_PERCENT) {
            throw new IllegalArgumentException("host, lead and sales fee rates charge " + charged
                    + " bps of paid, more than 10000");
        }
        if (shipWithinHours < 1 || shipWithinHours > MAX_SHIP_WITHIN_HOURS) {
            throw new IllegalArgumentException("a shipping promise of " + shipWithinHours + " h is not 1.."
                    + MAX_SHIP_WITHIN_HOURS);
        }
    }

    /** Terms whose rate basis is not known (stored before it was kept). */
    public CommissionTerms(Leg leg, String brandId, Bps hostRate, Bps serviceFeeRate, Optional<String> leadId,
                           Bps leadRate, Bps salesFeeRate, int shipWithinHours) {
        this(leg, brandId, hostRate, serviceFeeRate, leadId, leadRate, salesFeeRate, shipWithinHours, Optional.empty());
    }

    /** Terms with the default promise ({@value #DEFAULT_SHIP_WITHIN_HOURS} h). */
    public CommissionTerms(Leg leg, String brandId, Bps hostRate, Bps serviceFeeRate, Optional<String> leadId,
                           Bps leadRate, Bps salesFeeRate) {
        this(leg, brandId, hostRate, serviceFeeRate, leadId, leadRate, salesFeeRate, DEFAULT_SHIP_WITHIN_HOURS);
    }

    /** When the order must have shipped by: {@code shipWithinHours} after {@code paidAt}. */
    public java.time.Instant shipBy(java.time.Instant paidAt) {
        return paidAt.plus(java.time.Duration.ofHours(shipWithinHours));
    }

    /** An order sold by an independent host at {@code hostRate}, with the default platform fees. */
    public static CommissionTerms distribution(String brandId, Bps hostRate) {
        return new CommissionTerms(Leg.DISTRIBUTION, brandId, hostRate, DEFAULT_SERVICE_FEE_RATE,
                Optional.empty(), Bps.ZERO, DEFAULT_SALES_FEE_RATE, DEFAULT_SHIP_WITHIN_HOURS, Optional.of(RateBasis.OPEN));
    }

    /** An order sold by one of the brand's own host accounts, paid at the brand's internal rate. */
    public static CommissionTerms selfBroadcast(String brandId, Bps internalRate) {
        return new CommissionTerms(Leg.SELF_BROADCAST, brandId, internalRate, DEFAULT_SERVICE_FEE_RATE,
                Optional.empty(), Bps.ZERO, DEFAULT_SALES_FEE_RATE, DEFAULT_SHIP_WITHIN_HOURS,
                Optional.of(RateBasis.SELF_BROADCAST));
    }

    public CommissionTerms withLead(String leadId, Bps leadRate) {
        return new CommissionTerms(leg, brandId, hostRate, serviceFeeRate, Optional.of(leadId), leadRate,
                salesFeeRate, shipWithinHours, rateBasis);
    }

    public CommissionTerms withServiceFeeRate(Bps rate) {
        return new CommissionTerms(leg, brandId, hostRate, rate, leadId, leadRate, salesFeeRate, shipWithinHours, rateBasis);
    }

    public CommissionTerms withSalesFeeRate(Bps rate) {
        return new CommissionTerms(leg, brandId, hostRate, serviceFeeRate, leadId, leadRate, rate, shipWithinHours, rateBasis);
    }

    public CommissionTerms withShipWithinHours(int hours) {
        return new CommissionTerms(leg, brandId, hostRate, serviceFeeRate, leadId, leadRate, salesFeeRate, hours, rateBasis);

    }

    public CommissionTerms withRateBasis(RateBasis basis) {
        return new CommissionTerms(leg, brandId, hostRate, serviceFeeRate, leadId, leadRate, salesFeeRate, shipWithinHours,
                Optional.of(basis));
    }
}
