package com.alliance.money;

/**
 * {@code a × b / divisor} for non-negative longs with {@code a × b} held in 128 bits, so the product
 * may exceed {@code Long.MAX_VALUE} as long as the quotient does not.
 */
record WideDivision(long quotient, long remainder) {

    static WideDivision of(long a, long b, long divisor) {
        if (a < 0 || b < 0 || divisor <= 0) {
            throw new IllegalArgumentException("operands must be non-negative and the divisor positive");
        }
        // both operands are below 2^63, so the signed high word equals the unsigned one
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return new WideDivision(low / divisor, low % divisor);
        }
        if (Long.compareUnsigned(high, divisor) >= 0) {
            throw new ArithmeticException("quotient of " + a + " × " + b + " / " + divisor + " overflows a long");
        }
        // schoolbook binary long division of the 128-bit (high, low) by divisor
        long remainder = high;
        long quotient = 0;
        for (int bit = 63; bit >= 0; bit--) {
            // remainder < divisor < 2^63, so the shift cannot lose a bit
            remainder = (remainder << 1) | ((low >>> bit) & 1L);
            quotient <<= 1;
            if (Long.compareUnsigned(remainder, divisor) >= 0) {
                remainder -= divisor;
                quotient |= 1L;
            }
        }
        if (quotient < 0) {
            throw new ArithmeticException("quotient of " + a + " × " + b + " / " + divisor + " overflows a long");
        }
        return new WideDivision(quotient, remainder);
    }
}
