package com.alliance.analytics;

import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * GMV as the product of five factors, exactly:
 * <pre>
 *   UV × watch hours per UV × first orders per watch hour × average order value × repurchase frequency
 *   = U  × W / (60·U)        × 60·B / W                    × G / O               × O / B              = G
 * </pre>
 * with U = private + public UV, W = watch minutes, B = distinct paying buyers (each buyer's first order),
 * O = orders, G = GMV in fen. Watch time per UV is in hours so that it meets "per watch hour" in the same
 * unit; {@link #watchMinutesPerUv} is the same figure in minutes, for people. Each factor is an exact
 * {@link Fraction}; a factor whose denominator would be zero is absent and {@link #status} says why.
 */
public record GmvDecomposition(long privateUv, long publicUv, long watchMinutes, long buyers, long orders, long gmvFen) {

    /** Decimal places of every rounded factor value (half-even). */
    public static final int PLACES = 4;

    private static final BigInteger MINUTES_PER_HOUR = BigInteger.valueOf(60);

    /** The five factors, in the order they multiply. */
    public enum Factor {
        UV("uv"),
        WATCH_HOURS_PER_UV("watchHoursPerUv"),
        FIRST_ORDERS_PER_WATCH_HOUR("firstOrdersPerWatchHour"),
        AVERAGE_ORDER_VALUE_FEN("averageOrderValueFen"),
        REPURCHASE_FREQUENCY("repurchaseFrequency");

        private final String field;

        Factor(String field) {
            this.field = field;
        }

        /** The factor's name in the API response. */
        public String field() {
            return field;
        }
    }

    /** Whether the factors multiply back to the GMV, or which figure is missing for that. */
    public enum Status {
        /** Audience and orders: every factor is present and their product is the GMV. */
        COMPLETE,
        /** Sessions with audience but no counted order: GMV is 0; order value and repurchase are undefined. */
        NO_ORDERS,
        /** Orders but no UV or no watch minutes in the period (sales outside recorded sessions). */
        NO_AUDIENCE,
        /** Neither audience nor orders. */
        NO_DATA
    }

    public GmvDecomposition {
        for (long figure : new long[] {privateUv, publicUv, watchMinutes, buyers, orders, gmvFen}) {
            if (figure < 0) {
                throw new IllegalArgumentException("figures must not be negative");
            }
        }
        Math.addExact(privateUv, publicUv); // the UV must fit a long: refuses an overflow here, not later
        if (buyers > orders) {
            throw new IllegalArgumentException("buyers " + buyers + " exceed orders " + orders);
        }
        if ((orders == 0) != (buyers == 0)) {
            throw new IllegalArgumentException("orders without buyers, or buyers without orders");
        }
        if (orders == 0 && gmvFen != 0) {
            throw new IllegalArgumentException("GMV without orders");
        }
    }

    public long uv() {
        return privateUv + publicUv;
    }

    public Status status() {
        if (orders == 0) {
            return uv() > 0 ? Status.NO_ORDERS : Status.NO_DATA;
        }
        return uv() > 0 && watchMinutes > 0 ? Status.COMPLETE : Status.NO_AUDIENCE;
    }

    /** Every factor that is defined for these figures; all five when {@link Status#COMPLETE}. */
    public Map<Factor, Fraction> factors() {
        Map<Factor, Fraction> factors = new EnumMap<>(Factor.class);
        BigInteger u = BigInteger.valueOf(uv());
        BigInteger w = BigInteger.valueOf(watchMinutes);
        factors.put(Factor.UV, Fraction.of(u, BigInteger.ONE));
        if (u.signum() > 0) {
            factors.put(Factor.WATCH_HOURS_PER_UV, Fraction.of(w, MINUTES_PER_HOUR.multiply(u)));
        }
        if (w.signum() > 0) {
            factors.put(Factor.FIRST_ORDERS_PER_WATCH_HOUR, Fraction.of(MINUTES_PER_HOUR.multiply(BigInteger.valueOf(buyers)), w));
        }
        if (orders > 0) {
            factors.put(Factor.AVERAGE_ORDER_VALUE_FEN, Fraction.of(gmvFen, orders));
            factors.put(Factor.REPURCHASE_FREQUENCY, Fraction.of(orders, buyers));
        }
        return Collections.unmodifiableMap(factors);
    }

    /** Watch minutes per UV, for people: 60 × the watch-hours factor. */
    public Optional<Fraction> watchMinutesPerUv() {
        return uv() == 0 ? Optional.empty() : Optional.of(Fraction.of(watchMinutes, uv()));
    }

    /** The exact product of the factors, when all five are defined. */
    public Optional<Fraction> product() {
        Map<Factor, Fraction> factors = factors();
        if (factors.size() < Factor.values().length) {
            return Optional.empty();
        }
        return factors.values().stream().reduce(Fraction::times);
    }

    /** Whether the exact product of the five factors is the GMV (false when a factor is undefined). */
    public boolean multipliesBack() {
        return product().filter(p -> p.isWhole(gmvFen)).isPresent();
    }
}
