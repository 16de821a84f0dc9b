package com.alliance.money;

/**
 * Arithmetic on amounts of money, which are always {@code long} fen (CNY minor units).
 *
 * <p>Rounding is half-even everywhere: a result exactly halfway between two fen goes to the even one,
 * so over many orders rounding neither favours nor harms any party.
 */
public final class Money {

    private Money() {
    }

    /**
     * {@code fen × rate / 10 000}, rounded half-even.
     *
     * @throws ArithmeticException if {@code fen × rate} does not fit in a long
     */
    public static long percentOf(long fen, Bps rate) {
        return divideHalfEven(Math.multiplyExact(fen, (long) rate.value()), Bps.ONE_HUNDRED_PERCENT);
    }

    /** {@code numerator / divisor} rounded half-even, for a positive divisor. */
    public static long divideHalfEven(long numerator, long divisor) {
        if (divisor <= 0) {
            throw new IllegalArgumentException("divisor must be positive, was " + divisor);
        }
        long quotient = Math.floorDiv(numerator, divisor);
        long remainder = Math.floorMod(numerator, divisor);
        // compare remainder with divisor - remainder rather than 2 × remainder, which could overflow
        long above = divisor - remainder;
        if (remainder > above || (remainder == above && (quotient & 1L) == 1L)) {
            return quotient + 1;
        }
        return quotient;
    }

    /** Returns {@code fen} if it is zero or more, else throws naming the amount. */
    public static long requireNonNegative(long fen, String name) {
        if (fen < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + fen);
        }
        return fen;
    }
}
