package com.alliance.money;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits an amount in proportion to weights so that the parts sum exactly to the amount.
 *
 * <p>Largest-remainder method: every part first gets the floor of its exact share
 * {@code total × weight / Σweights}; the fen left over (fewer than the number of parties) go one each
 * to the parts with the largest fractional remainders. Equal remainders are broken by index: the
 * remainder goes to the earlier party in the caller's documented party order. Every part is therefore
 * within one fen of its exact share, and a party with weight 0 always gets 0.
 *
 * <p>Pure long arithmetic: {@code total × weight} is computed in 128 bits, so any non-negative long
 * amounts and weights work.
 */
public final class ProRata {

    private ProRata() {
    }

    /**
     * @param total   the amount to split, zero or more
     * @param weights zero or more each, in the documented party order
     * @return one part per weight, same order, summing exactly to {@code total}
     * @throws IllegalArgumentException if an input is negative, or the weights are all zero while the
     *                                  total is not
     */
    public static long[] allocate(long total, long[] weights) {
        Money.requireNonNegative(total, "total");
        long weightSum = 0;
        for (long weight : weights) {
            weightSum = Math.addExact(weightSum, Money.requireNonNegative(weight, "weight"));
        }
        long[] parts = new long[weights.length];
        if (weightSum == 0) {
            if (total != 0) {
                throw new IllegalArgumentException("cannot split " + total + " over weights that sum to 0");
            }
            return parts;
        }
        long[] remainders = new long[weights.length];
        long allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            WideDivision exact = WideDivision.of(total, weights[i], weightSum);
            parts[i] = exact.quotient();
            remainders[i] = exact.remainder();
            allocated += parts[i];
        }
        long leftover = total - allocated;
        int[] byLargestRemainder = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed()
                        .thenComparingInt(i -> i))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int k = 0; k < leftover; k++) {
            parts[byLargestRemainder[k]]++;
        }
        return parts;
    }
}
