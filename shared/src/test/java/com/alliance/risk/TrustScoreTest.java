package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.alliance.orders.OrderCounts;
import com.alliance.risk.TrustScore.BrandRecord;
import com.alliance.risk.TrustScore.HostRecord;
import java.util.Map;
import java.util.stream.DoubleStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TrustScoreTest {

    private static final TrustScore SCORE = new TrustScore(TrustSettings.defaults());

    @Test
    void aPartyWithoutRecordIsNeutralInEveryComponent() {
        TrustScore.Breakdown brand = SCORE.brand(new BrandRecord(0, 0, 0, 0, 0));
        TrustScore.Breakdown host = SCORE.host(new HostRecord(0, 0, 0, 0));

        assertThat(brand.trust()).isEqualTo(Trust.NEUTRAL);
        assertThat(host.trust()).isEqualTo(Trust.NEUTRAL);
        assertThat(brand.components()).extracting(TrustComponent::name).containsExactly("onTime", "complaints", "refunds");
        assertThat(brand.components()).allSatisfy(c -> assertThat(c.value()).isEqualTo(0.5));
        assertThat(host.components()).extracting(TrustComponent::name).containsExactly("refunds", "holds");
        assertThat(brand.component("onTime").detail()).contains("no shipment measured");
    }

    @Test
    void oneComplaintOnOneOrderLowersTrustWithoutSinkingItToZero() {
        TrustScore.Breakdown once = SCORE.brand(new BrandRecord(1, 0, 1, 0, 0));

        assertThat(once.trust().value()).isBetween(0.3, 0.5);
        assertThat(once.component("complaints").value()).isGreaterThan(0.0);
        assertThat(once.component("complaints").detail()).isEqualTo(
                "1 complaints in 1 paid orders (1000.0 per 1 000; 50 per 1 000 scores 0)");
    }

    @Test
    void aLongCleanRecordIsTrustedAndALongBadOneIsNot() {
        assertThat(SCORE.brand(new BrandRecord(5_000, 50, 5, 4_990, 10)).trust().value()).isGreaterThan(0.85);
        assertThat(SCORE.brand(new BrandRecord(5_000, 2_000, 400, 3_000, 2_000)).trust().value()).isLessThan(0.05);
        assertThat(SCORE.host(new HostRecord(2_000, 20, 0, 0)).trust().value()).isGreaterThan(0.85);
        assertThat(SCORE.host(new HostRecord(2_000, 800, 300, 100)).trust().value()).isLessThan(0.05);
    }

    @Test
    void aVoidedHoldWeighsMoreThanAReleasedOne() {
        assertThat(SCORE.host(new HostRecord(100, 0, 5, 5)).trust().value())
                .isLessThan(SCORE.host(new HostRecord(100, 0, 5, 0)).trust().value());
    }

    @Test
    void recordsAreReadFromTheCounterNamesAndAbsentCountersAreNoData() {
        BrandRecord brand = BrandRecord.of(Map.of(OrderCounts.PAID_ORDERS, 10L, OrderCounts.COMPLAINTS, 2L,
                OrderCounts.SHIPPED_LATE, 1L, "revision", 7L));
        assertThat(brand).isEqualTo(new BrandRecord(10, 0, 2, 0, 1));
        assertThat(HostRecord.of(Map.of(OrderCounts.RISK_HOLDS, 3L, OrderCounts.ORDERS_COUNT, 4L)))
                .isEqualTo(new HostRecord(0, 0, 3, 0));
    }

    @Test
    void aHostsFirstClosedSamplePromiseAddsASamplesComponentOfAFifthOfItsTrust() {
        TrustScore.Breakdown lapsed = SCORE.host(new HostRecord(0, 0, 0, 0, 0, 1));

        assertThat(lapsed.components()).extracting(TrustComponent::name).containsExactly("refunds", "holds", "samples");
        assertThat(lapsed.components()).extracting(TrustComponent::weight).containsExactly(0.4, 0.4, 0.2);
        // (1 + 4 × 0.5 / 2) / (1 + 4) = 0.4 lapsed after smoothing, against 0.5 scoring 0
        assertThat(lapsed.component("samples").value()).isCloseTo(0.2, within(1e-12));
        assertThat(lapsed.component("samples").detail()).isEqualTo(
                "1 of 1 sample promises lapsed unsold (100.0%; 50.0% unfulfilled scores 0)");
        assertThat(lapsed.trust().value()).isEqualTo(0.44);

        TrustScore.Breakdown kept = SCORE.host(new HostRecord(0, 0, 0, 0, 1, 0));
        assertThat(kept.component("samples").value()).isCloseTo(0.6, within(1e-12));
        assertThat(kept.trust().value()).isEqualTo(0.52);
        assertThat(SCORE.host(new HostRecord(0, 0, 0, 0, 3, 1)).component("samples").detail())
                .isEqualTo("1 of 4 sample promises lapsed unsold (25.0%; 50.0% unfulfilled scores 0)");
    }

    @Test
    void aHostWithoutAClosedSamplePromiseHasNoSamplesComponentAndItsTrustAsBefore() {
        TrustScore.Breakdown host = SCORE.host(new HostRecord(120, 6, 2, 1, 0, 0));

        assertThat(host.components()).extracting(TrustComponent::name).containsExactly("refunds", "holds");
        assertThat(host.components()).extracting(TrustComponent::weight).containsExactly(0.5, 0.5);
        assertThat(host).isEqualTo(SCORE.host(new HostRecord(120, 6, 2, 1)));
        assertThat(host.trust().value()).isEqualTo(beforeSamples(120, 6, 2, 1, 0.5, 0.5));
    }

    @Test
    void aLateOrderThatTurnsALapseIntoAKeptPromiseRaisesTrust() {
        assertThat(SCORE.host(new HostRecord(50, 1, 0, 0, 2, 0)).trust().value())
                .isGreaterThan(SCORE.host(new HostRecord(50, 1, 0, 0, 1, 1)).trust().value());
    }

    @Test
    void sampleSettingsComeFromTheEnvironment() {
        TrustSettings settings = TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_SAMPLES", "1",
                "TRUST_ZERO_AT_UNFULFILLED_RATE_BPS", "2500", "TRUST_HOST_WEIGHTS", "samples=1"));
        TrustScore.Breakdown host = new TrustScore(settings).host(new HostRecord(0, 0, 0, 0, 3, 1));
        // (1 + 1 × 0.25 / 2) / (4 + 1) = 0.225 lapsed after smoothing, against 0.25 scoring 0
        assertThat(host.component("samples").value()).isCloseTo(0.1, within(1e-12));
        assertThat(host.component("samples").weight()).isEqualTo(0.5);
        assertThat(host.component("samples").detail()).endsWith("(25.0%; 25.0% unfulfilled scores 0)");
        assertThat(TrustSettings.defaults().priorSamples()).isEqualTo(4.0);
        assertThat(TrustSettings.defaults().zeroAtUnfulfilledRateBps()).isEqualTo(5_000);

        assertThat(new TrustScore(TrustSettings.fromEnvironment(Map.of("TRUST_HOST_WEIGHTS", "samples=0")))
                .host(new HostRecord(10, 0, 0, 0, 0, 5)).trust())
                .as("weighed 0, samples never move trust")
                .isEqualTo(SCORE.host(new HostRecord(10, 0, 0, 0)).trust());
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(
                        Map.of("TRUST_HOST_WEIGHTS", "refunds=0,holds=0,samples=1")))
                .as("a host without samples would have no weight left").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_SAMPLES", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_ZERO_AT_UNFULFILLED_RATE_BPS", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HostRecord.of(Map.of(OrderCounts.SAMPLES_FULFILLED, 2L, OrderCounts.SAMPLES_UNFULFILLED, 1L)))
                .isEqualTo(new HostRecord(0, 0, 0, 0, 2, 1));
    }

    @Test
    void weightsAndThresholdsComeFromTheEnvironment() {
        TrustSettings complaintsOnly = TrustSettings.fromEnvironment(Map.of(
                "TRUST_BRAND_WEIGHTS", "onTime=0,refunds=0", "TRUST_ZERO_AT_COMPLAINTS_PER_THOUSAND", "10"));
        TrustScore.Breakdown brand = new TrustScore(complaintsOnly).brand(new BrandRecord(100, 100, 0, 0, 100));
        assertThat(brand.component("complaints").weight()).isEqualTo(1.0);
        assertThat(brand.trust().value()).isGreaterThan(0.5);
        assertThat(brand.component("complaints").detail()).contains("10 per 1 000 scores 0");

        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_HOST_WEIGHTS", "speed=1")))
                .hasMessageContaining("TRUST_HOST_WEIGHTS");
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_HOST_WEIGHTS", "refunds=0,holds=0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_ORDERS", "many")))
                .hasMessageContaining("TRUST_PRIOR_ORDERS");
    }

    @Property(tries = 500)
    void brandTrustIsWithinZeroAndOneAndNeverRisesWithMoreComplaintsRefundsOrLateShipments(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 5_000) int complaints, @ForAll @IntRange(max = 100_000) int onTime,
            @ForAll @IntRange(max = 100_000) int late, @ForAll @IntRange(min = 1, max = 1_000) int more) {
        double trust = brand(paid, refunded, complaints, onTime, late);

        assertThat(trust).isBetween(0.0, 1.0);
        assertThat(brand(paid, refunded, complaints + more, onTime, late)).isLessThanOrEqualTo(trust);
        assertThat(brand(paid, refunded + more, complaints, onTime, late)).isLessThanOrEqualTo(trust);
        assertThat(brand(paid, refunded, complaints, onTime, late + more)).isLessThanOrEqualTo(trust);
        assertThat(brand(paid + more, refunded, complaints, onTime + more, late)).isGreaterThanOrEqualTo(trust);
    }

    @Property(tries = 500)
    void hostTrustIsWithinZeroAndOneAndNeverRisesWithMoreRefundsHoldsOrVoids(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(min = 1, max = 1_000) int more) {
        double trust = host(paid, refunded, holds, voided);

        assertThat(trust).isBetween(0.0, 1.0);
        assertThat(host(paid, refunded + more, holds, voided)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds + more, voided)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, voided + more)).isLessThanOrEqualTo(trust);
        assertThat(host(paid + more, refunded, holds, voided)).isGreaterThanOrEqualTo(trust);
    }

    /** Among hosts that have closed a sample promise, the two promises of the class hold for samples too. */
    @Property(tries = 500)
    void onceAPromiseIsClosedMoreLapsesNeverRaiseTrustAndMoreKeptPromisesNeverLowerIt(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 1_000) int fulfilled,
            @ForAll @IntRange(max = 1_000) int unfulfilled, @ForAll @IntRange(min = 1, max = 1_000) int more) {
        Assume.that(fulfilled + unfulfilled > 0);
        double trust = host(paid, refunded, holds, 0, fulfilled, unfulfilled);

        assertThat(trust).isBetween(0.0, 1.0);
        assertThat(host(paid, refunded, holds, 0, fulfilled, unfulfilled + more)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, 0, fulfilled + more, unfulfilled)).isGreaterThanOrEqualTo(trust);
        assertThat(host(paid, refunded + more, holds, 0, fulfilled, unfulfilled)).isLessThanOrEqualTo(trust);
        assertThat(host(paid + more, refunded, holds, 0, fulfilled, unfulfilled)).isGreaterThanOrEqualTo(trust);
    }

    /** Whatever the record, a promise let lapse never scores above the same promise kept (a late order's fix). */
    @Property(tries = 500)
    void aLapsedPromiseNeverScoresAboveAKeptOne(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 1_000) int fulfilled,
            @ForAll @IntRange(max = 1_000) int unfulfilled) {
        assertThat(host(paid, refunded, holds, 0, fulfilled, unfulfilled + 1))
                .isLessThanOrEqualTo(host(paid, refunded, holds, 0, fulfilled + 1, unfulfilled));
    }

    /**
     * A host's first closed promise adds the samples component: trust moves towards that component's value, by at
     * most its share of the weights (a fifth), never past it. This is where a kept promise can lower a high trust
     * and a lapse raise a very low one.
     */
    @Property(tries = 500)
    void theFirstClosedPromisesMoveTrustOnlyTowardsTheSamplesValue(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 1_000) int fulfilled,
            @ForAll @IntRange(max = 1_000) int unfulfilled) {
        Assume.that(fulfilled + unfulfilled > 0);
        double before = host(paid, refunded, holds, 0, 0, 0);
        TrustScore.Breakdown after = SCORE.host(new HostRecord(paid, refunded, holds, 0, fulfilled, unfulfilled));
        double samples = after.component("samples").value();

        // 2e-4: trust before and after are each rounded to 4 decimals
        assertThat(after.trust().value()).isBetween(Math.min(before, samples) - 2e-4, Math.max(before, samples) + 2e-4);
        assertThat(Math.abs(after.trust().value() - before))
                .isLessThanOrEqualTo(0.2 * Math.abs(samples - before) + 2e-4);
    }

    /** Without a closed promise a host's trust is the refunds-and-holds mean it always was, whatever the weights. */
    @Property(tries = 300)
    void aHostWithoutAClosedPromiseIsScoredExactlyAsBeforeSamplesCounted(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(max = 1_000) int refundsWeight, @ForAll @IntRange(max = 1_000) int holdsWeight) {
        Assume.that(refundsWeight + holdsWeight > 0);
        TrustScore score = new TrustScore(TrustSettings.fromEnvironment(Map.of("TRUST_HOST_WEIGHTS",
                "refunds=" + refundsWeight + ",holds=" + holdsWeight)));
        double sum = (double) refundsWeight + (double) holdsWeight;

        assertThat(score.host(new HostRecord(paid, refunded, holds, voided)).trust().value()).isEqualTo(
                beforeSamples(paid, refunded, holds, voided, refundsWeight / sum, holdsWeight / sum));
    }

    @Property(tries = 200)
    void everyComponentIsNeutralWithoutDataWhateverTheSettings(
            @ForAll @IntRange(min = 1, max = 10_000) int zeroAtBps, @ForAll @IntRange(min = 1, max = 1_000) int perThousand,
            @ForAll @IntRange(min = 1, max = 10_000) int prior) {
        TrustScore score = new TrustScore(TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_ORDERS", String.valueOf(prior),
                "TRUST_ZERO_AT_LATE_RATE_BPS", String.valueOf(zeroAtBps), "TRUST_ZERO_AT_REFUND_RATE_BPS", String.valueOf(zeroAtBps),
                "TRUST_ZERO_AT_HOLD_RATE_BPS", String.valueOf(zeroAtBps),
                "TRUST_ZERO_AT_COMPLAINTS_PER_THOUSAND", String.valueOf(perThousand))));

        assertThat(score.brand(new BrandRecord(0, 0, 0, 0, 0)).trust()).isEqualTo(Trust.NEUTRAL);
        assertThat(score.host(new HostRecord(0, 0, 0, 0)).trust()).isEqualTo(Trust.NEUTRAL);
    }

    private static double brand(long paid, long refunded, long complaints, long onTime, long late) {
        return SCORE.brand(new BrandRecord(paid, refunded, complaints, onTime, late)).trust().value();
    }

    private static double host(long paid, long refunded, long holds, long voided) {
        return SCORE.host(new HostRecord(paid, refunded, holds, voided)).trust().value();
    }

    private static double host(long paid, long refunded, long holds, long voided, long fulfilled, long unfulfilled) {
        return SCORE.host(new HostRecord(paid, refunded, holds, voided, fulfilled, unfulfilled)).trust().value();
    }

    /** A host's trust as computed before samples counted: refunds and holds, their weights relative to their sum. */
    private static double beforeSamples(long paid, long refunded, long holds, long voided, double refundsWeight,
                                        double holdsWeight) {
        double sum = DoubleStream.of(SCORE.value(refunded, paid, 0.3) * refundsWeight,
                SCORE.value(holds + voided, paid, 0.1) * holdsWeight).sum();
        return new Trust(Math.max(0.0, Math.min(1.0, Math.round(sum * 10_000) / 10_000.0))).value();
    }
}
