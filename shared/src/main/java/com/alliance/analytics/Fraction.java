package com.alliance.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact non-negative ratio in lowest terms, so a factor can be shown rounded yet multiplied exactly.
 * The denominator is never zero: a ratio over nothing is not made, its factor is absent instead.
 */
public record Fraction(BigInteger numerator, BigInteger denominator) {

    public Fraction {
        Objects.requireNonNull(numerator);
        Objects.requireNonNull(denominator);
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        if (numerator.signum() < 0) {
            throw new IllegalArgumentException("numerator must not be negative: " + numerator);
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public static Fraction of(BigInteger numerator, BigInteger denominator) {
        return new Fraction(numerator, denominator);
    }

    public static Fraction whole(long value) {
        return of(value, 1);
    }

    public Fraction times(Fraction other) {
        return new Fraction(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public boolean isWhole(long value) {
        return denominator.equals(BigInteger.ONE) && numerator.equals(BigInteger.valueOf(value));
    }

    /** Rounded half-even to {@code places} decimal places, as a plain decimal string ("0.2500"). */
    public String decimal(int places) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), places, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
