package com.alliance.orders;

import com.alliance.settings.Env;
import com.alliance.money.Bps;
import com.alliance.money.Money;
import java.time.Duration;
import java.util.function.Function;

/**
 * The late-shipment rules' parameters, per SPEC defaults, overridable by environment:
 * {@code LATE_SHIPMENT_GRACE_MINUTES} (60: how long after a promise the job waits before it declares an
 * unshipped order late, so a shipment event still on its way is not taken for a missed promise),
 * {@code LATE_COMPENSATION_BPS} (1000 = 10% of paid), {@code LATE_COMPENSATION_MIN_FEN} (300 = 3 yuan)
 * and {@code LATE_COMPENSATION_MAX_FEN} (5000 = 50 yuan).
 *
 * @param grace              how long after the promise (or after its payment was recorded, if later) an
 *                           order still unshipped is declared late
 * @param compensationRate   the buyer's compensation as a share of paid
 * @param minCompensationFen the least compensation, whatever was paid
 * @param maxCompensationFen the most compensation, whatever was paid
 */
public record ShippingSettings(Duration grace, Bps compensationRate, long minCompensationFen,
                               long maxCompensationFen) {

    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(60);

    public ShippingSettings {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("the late-shipment grace must not be negative, was " + grace);
        }
        java.util.Objects.requireNonNull(compensationRate, "compensationRate");
        Money.requireNonNegative(minCompensationFen, "LATE_COMPENSATION_MIN_FEN");
        if (maxCompensationFen < minCompensationFen) {
            throw new IllegalArgumentException("LATE_COMPENSATION_MAX_FEN " + maxCompensationFen
                    + " is below LATE_COMPENSATION_MIN_FEN " + minCompensationFen);
        }
    }

    public static ShippingSettings defaults() {
        return new ShippingSettings(DEFAULT_GRACE, Bps.of(1_000), 300, 5_000);
    }

    public static ShippingSettings fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    public static ShippingSettings fromEnvironment(Function<String, String> env) {
        ShippingSettings d = defaults();
        return new ShippingSettings(
                Duration.ofMinutes(Env.read(env, "LATE_SHIPMENT_GRACE_MINUTES", Long::parseLong, d.grace.toMinutes())),
                Bps.of(Env.read(env, "LATE_COMPENSATION_BPS", Integer::parseInt, d.compensationRate.value())),
                Env.read(env, "LATE_COMPENSATION_MIN_FEN", Long::parseLong, d.minCompensationFen),
                Env.read(env, "LATE_COMPENSATION_MAX_FEN", Long::parseLong, d.maxCompensationFen));
    }

    public ShippingSettings withGrace(Duration newGrace) {
        return new ShippingSettings(newGrace, compensationRate, minCompensationFen, maxCompensationFen);
    }

    /**
     * The buyer's compensation for a late order: {@code paid × rate} rounded half-even, raised to the
     * minimum and capped at the maximum (by default 10% of paid, at least 300 and at most 5000 fen). The
     * minimum applies even to an order paid less than it: the SPEC's floor is what a buyer is owed.
     */
    public long compensationFen(long paidFen) {
        Money.requireNonNegative(paidFen, "paidFen");
        return Math.max(minCompensationFen, Math.min(maxCompensationFen, Money.percentOf(paidFen, compensationRate)));
    }

}
