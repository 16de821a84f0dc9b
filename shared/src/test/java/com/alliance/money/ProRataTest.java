package com.alliance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProRataTest {

    @Test
    void anEvenSplitNeedsNoRemainder() {
        assertThat(ProRata.allocate(100, new long[] {1, 1, 2})).containsExactly(25, 25, 50);
    }

    @Test
    void leftoverFenGoToTheLargestFractionalRemainders() {
        // exact shares 3.5, 2.8, 3.7 -> floors 3, 2, 3 leave 2 fen: to 0.8 and 0.7 first
        assertThat(ProRata.allocate(10, new long[] {35, 28, 37})).containsExactly(3, 3, 4);
    }

    @Test
    void equalRemaindersFavourTheEarlierParty() {
        assertThat(ProRata.allocate(1, new long[] {1, 1})).containsExactly(1, 0);
        assertThat(ProRata.allocate(2, new long[] {1, 1, 1})).containsExactly(1, 1, 0);
    }

    @Test
    void aPartyWithZeroWeightGetsNothing() {
        assertThat(ProRata.allocate(7, new long[] {0, 3, 0, 4})).containsExactly(0, 3, 0, 4);
    }

    @Test
    void zeroWeightsCanOnlyCarryZero() {
        assertThat(ProRata.allocate(0, new long[] {0, 0})).containsExactly(0, 0);
        assertThatIllegalArgumentException().isThrownBy(() -> ProRata.allocate(1, new long[] {0, 0}));
    }

    @Test
    void negativeInputsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProRata.allocate(-1, new long[] {1}));
        assertThatIllegalArgumentException().isThrownBy(() -> ProRata.allocate(1, new long[] {2, -1}));
    }

    @Test
    void productsBeyondALongAreSplitExactly() {
        long big = 4_000_000_000_000_000_000L;
        assertThat(ProRata.allocate(big, new long[] {big, big})).containsExactly(big / 2, big / 2);
        long third = 2_000_000_000_000_000_000L;
        assertThat(ProRata.allocate(big - 1, new long[] {third, third, third}))
                .containsExactly(1_333_333_333_333_333_333L, 1_333_333_333_333_333_333L, 1_333_333_333_333_333_333L);
    }

    @Property(tries = 500)
    void partsSumExactlyToTheTotalAndStayWithinOneFenOfTheExactShare(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long total,
            @ForAll @Size(min = 1, max = 6) List<@LongRange(min = 0, max = 10_000_000_000L) Long> weightList) {
        long[] weights = weightList.stream().mapToLong(Long::longValue).toArray();
        long weightSum = Arrays.stream(weights).sum();
        if (weightSum == 0) {
            assertThat(ProRata.allocate(0, weights)).containsOnly(0L);
            return;
        }
        long[] parts = ProRata.allocate(total, weights);

        assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
        BigInteger sum = BigInteger.valueOf(weightSum);
        for (int i = 0; i < parts.length; i++) {
            // |part × Σw − total × w| < Σw  <=>  part is within one fen of total × w / Σw
            BigInteger error = BigInteger.valueOf(parts[i]).multiply(sum)
                    .subtract(BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i])));
            assertThat(error.abs()).isLessThan(sum);
            if (weights[i] == 0) {
                assertThat(parts[i]).isZero();
            }
        }
    }

    @Property(tries = 500)
    void wideDivisionAgreesWithExactIntegerArithmetic(
            @ForAll @LongRange(min = 0) long a,
            @ForAll @LongRange(min = 0) long b,
            @ForAll @LongRange(min = 1) long divisor) {
        BigInteger[] exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(divisor));
        if (exact[0].bitLength() > 63) {
            return;
        }
        WideDivision result = WideDivision.of(a, b, divisor);
        assertThat(result.quotient()).isEqualTo(exact[0].longValueExact());
        assertThat(result.remainder()).isEqualTo(exact[1].longValueExact());
    }
}
