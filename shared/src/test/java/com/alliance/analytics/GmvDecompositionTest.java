package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alliance.analytics.GmvDecomposition.Factor;
import com.alliance.analytics.GmvDecomposition.Status;
import java.math.BigInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GmvDecompositionTest {

    @Property(tries = 1000)
    void theExactFactorsAlwaysMultiplyBackToTheGmv(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long privateUv,
                                                   @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long publicUv,
                                                   @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long watchMinutes,
                                                   @ForAll @LongRange(min = 1, max = 10_000_000_000L) long orders,
                                                   @ForAll @LongRange(min = 1, max = 10_000_000_000L) long buyers,
                                                   @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long gmvFen) {
        Assume.that(buyers <= orders);
        GmvDecomposition gmv = new GmvDecomposition(privateUv, publicUv, watchMinutes, buyers, orders, gmvFen);
        assertThat(gmv.status()).isEqualTo(Status.COMPLETE);
        assertThat(gmv.factors()).containsOnlyKeys(Factor.values());
        assertThat(gmv.product()).contains(Fraction.whole(gmvFen));
        assertThat(gmv.multipliesBack()).isTrue();
    }

    @Property(tries = 500)
    void noFactorIsEverADivisionByZero(@ForAll @LongRange(min = 0, max = 3) long privateUv,
                                       @ForAll @LongRange(min = 0, max = 3) long publicUv,
                                       @ForAll @LongRange(min = 0, max = 3) long watchMinutes,
                                       @ForAll @LongRange(min = 0, max = 3) long orders,
                                       @ForAll @LongRange(min = 0, max = 3) long buyers,
                                       @ForAll @LongRange(min = 0, max = 900) long gmvFen) {
        Assume.that(buyers <= orders && (orders == 0) == (buyers == 0) && (orders > 0 || gmvFen == 0));
        GmvDecomposition gmv = new GmvDecomposition(privateUv, publicUv, watchMinutes, buyers, orders, gmvFen);
        gmv.factors().values().forEach(f -> assertThat(f.denominator()).isPositive());
        assertThat(gmv.multipliesBack()).isEqualTo(gmv.status() == Status.COMPLETE);
    }

    @Test
    void aSeededSessionDecomposesIntoReadableFactors() {
        // 800 private + 1 200 public UV watched 6 000 minutes; 30 buyers placed 45 orders worth 135 000 fen
        GmvDecomposition gmv = new GmvDecomposition(800, 1_200, 6_000, 30, 45, 135_000);
        assertThat(gmv.factors().get(Factor.UV)).isEqualTo(Fraction.whole(2_000));
        assertThat(gmv.factors().get(Factor.WATCH_HOURS_PER_UV)).isEqualTo(Fraction.of(1, 20));
        assertThat(gmv.factors().get(Factor.FIRST_ORDERS_PER_WATCH_HOUR)).isEqualTo(Fraction.of(3, 10));
        assertThat(gmv.factors().get(Factor.AVERAGE_ORDER_VALUE_FEN)).isEqualTo(Fraction.whole(3_000));
        assertThat(gmv.factors().get(Factor.REPURCHASE_FREQUENCY)).isEqualTo(Fraction.of(3, 2));
        assertThat(gmv.watchMinutesPerUv()).contains(Fraction.of(3, 1));
        assertThat(gmv.multipliesBack()).isTrue();
    }

    @Test
    void roundedValuesAreHalfEvenToFourPlacesWhileTheFractionsStayExact() {
        GmvDecomposition gmv = new GmvDecomposition(0, 3, 7, 1, 3, 1_000);
        assertThat(gmv.factors().get(Factor.AVERAGE_ORDER_VALUE_FEN)).isEqualTo(Fraction.of(1_000, 3));
        assertThat(gmv.factors().get(Factor.AVERAGE_ORDER_VALUE_FEN).decimal(GmvDecomposition.PLACES)).isEqualTo("333.3333");
        assertThat(gmv.factors().get(Factor.WATCH_HOURS_PER_UV).decimal(GmvDecomposition.PLACES)).isEqualTo("0.0389");
        assertThat(Fraction.of(1, 8).decimal(2)).isEqualTo("0.12");
        assertThat(Fraction.of(3, 8).decimal(2)).isEqualTo("0.38");
        assertThat(gmv.multipliesBack()).isTrue();
    }

    @Test
    void sessionsWithoutOrdersLeaveOrderValueAndRepurchaseUndefined() {
        GmvDecomposition gmv = new GmvDecomposition(10, 5, 90, 0, 0, 0);
        assertThat(gmv.status()).isEqualTo(Status.NO_ORDERS);
        assertThat(gmv.factors()).containsOnlyKeys(Factor.UV, Factor.WATCH_HOURS_PER_UV, Factor.FIRST_ORDERS_PER_WATCH_HOUR);
        assertThat(gmv.factors().get(Factor.FIRST_ORDERS_PER_WATCH_HOUR)).isEqualTo(Fraction.whole(0));
        assertThat(gmv.product()).isEmpty();
    }

    @Test
    void ordersWithoutRecordedAudienceAreNotDecomposedIntoAudienceFactors() {
        GmvDecomposition gmv = new GmvDecomposition(0, 0, 0, 2, 3, 9_000);
        assertThat(gmv.status()).isEqualTo(Status.NO_AUDIENCE);
        assertThat(gmv.factors()).containsOnlyKeys(Factor.UV, Factor.AVERAGE_ORDER_VALUE_FEN, Factor.REPURCHASE_FREQUENCY);
        assertThat(gmv.watchMinutesPerUv()).isEmpty();
        assertThat(gmv.multipliesBack()).isFalse();
    }

    @Test
    void uvWithoutWatchMinutesIsNoAudienceEither() {
        GmvDecomposition gmv = new GmvDecomposition(4, 0, 0, 1, 1, 500);
        assertThat(gmv.status()).isEqualTo(Status.NO_AUDIENCE);
        assertThat(gmv.factors().get(Factor.WATCH_HOURS_PER_UV)).isEqualTo(Fraction.whole(0));
        assertThat(gmv.factors()).doesNotContainKey(Factor.FIRST_ORDERS_PER_WATCH_HOUR);
    }

    @Test
    void nothingAtAllIsNoData() {
        GmvDecomposition gmv = new GmvDecomposition(0, 0, 0, 0, 0, 0);
        assertThat(gmv.status()).isEqualTo(Status.NO_DATA);
        assertThat(gmv.factors()).containsOnlyKeys(Factor.UV);
    }

    @Test
    void figuresThatCannotHappenAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GmvDecomposition(-1, 0, 0, 0, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new GmvDecomposition(0, 0, 0, 3, 2, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new GmvDecomposition(0, 0, 0, 0, 0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new GmvDecomposition(0, 0, 0, 0, 1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> Fraction.of(1, 0));
    }

    @Test
    void fractionsAreKeptInLowestTerms() {
        assertThat(Fraction.of(BigInteger.valueOf(60), BigInteger.valueOf(36))).isEqualTo(Fraction.of(5, 3));
        assertThat(Fraction.of(0, 7)).isEqualTo(Fraction.whole(0));
    }
}
