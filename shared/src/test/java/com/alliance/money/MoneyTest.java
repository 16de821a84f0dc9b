package com.alliance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void twentyPercentOfOneHundredYuanIsTwentyYuan() {
        assertThat(Money.percentOf(10_000, Bps.of(2_000))).isEqualTo(2_000);
    }

    @Test
    void halfAFenRoundsToTheEvenFen() {
        // 10% of 5 fen = 0.5 -> 0; of 15 fen = 1.5 -> 2; of 25 fen = 2.5 -> 2; of 35 fen = 3.5 -> 4
        assertThat(Money.percentOf(5, Bps.of(1_000))).isZero();
        assertThat(Money.percentOf(15, Bps.of(1_000))).isEqualTo(2);
        assertThat(Money.percentOf(25, Bps.of(1_000))).isEqualTo(2);
        assertThat(Money.percentOf(35, Bps.of(1_000))).isEqualTo(4);
        // 50% of 1 fen = 0.5 -> 0; of 3 fen = 1.5 -> 2
        assertThat(Money.percentOf(1, Bps.of(5_000))).isZero();
        assertThat(Money.percentOf(3, Bps.of(5_000))).isEqualTo(2);
    }

    @Test
    void moreOrLessThanHalfAFenRoundsToTheNearestFen() {
        // 3% of 17 fen = 0.51 -> 1; 3% of 16 fen = 0.48 -> 0
        assertThat(Money.percentOf(17, Bps.of(300))).isEqualTo(1);
        assertThat(Money.percentOf(16, Bps.of(300))).isZero();
    }

    @Test
    void negativeAmountsRoundHalfEvenSymmetrically() {
        assertThat(Money.percentOf(-15, Bps.of(1_000))).isEqualTo(-2);
        assertThat(Money.percentOf(-25, Bps.of(1_000))).isEqualTo(-2);
        assertThat(Money.percentOf(-17, Bps.of(300))).isEqualTo(-1);
    }

    @Test
    void anAmountTooLargeToMultiplyIsRefusedNotWrapped() {
        assertThatThrownBy(() -> Money.percentOf(Long.MAX_VALUE / 2, Bps.of(500)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void divisionNeverOverflowsNearTheLimits() {
        assertThat(Money.divideHalfEven(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(Money.divideHalfEven(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(Money.divideHalfEven(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(-1);
    }
}
