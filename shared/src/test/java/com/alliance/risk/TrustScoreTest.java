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
        // (0 × 1 + 1 × 0 + 2 × 0.5) / (1 + 2): the lapse pulls the component from the host's 0.5 towards 0
        assertThat(lapsed.component("samples").value()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(lapsed.component("samples").detail()).isEqualTo("1 of 1 sample promises lapsed unsold; kept "
                + "promises score 1, lapsed 0, smoothed with 2 promises at the host's other record (0.50)");
        // 0.8 × 0.5 + 0.2 × (2 × 0.5 / 3) = 0.46667
        assertThat(lapsed.trust().value()).isEqualTo(0.4667);

        TrustScore.Breakdown kept = SCORE.host(new HostRecord(0, 0, 0, 0, 1, 0));
        assertThat(kept.component("samples").value()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(kept.trust().value()).isEqualTo(0.5333);
        assertThat(SCORE.host(new HostRecord(0, 0, 0, 0, 3, 1)).component("samples").detail())
                .isEqualTo("1 of 4 sample promises lapsed unsold; kept promises score 1, lapsed 0, smoothed with 2 "
                        + "promises at the host's other record (0.50)");
    }

    @Test
    void aKeptPromiseRaisesEvenAHighTrustAndALapseLowersEvenALowOne() {
        HostRecord trusted = new HostRecord(2_000, 0, 0, 0);
        double before = SCORE.host(trusted).trust().value();
        assertThat(before).isEqualTo(0.9762);
        TrustScore.Breakdown kept = SCORE.host(new HostRecord(2_000, 0, 0, 0, 1, 0));
        // (1 + 2 × 0.9762) / 3 = 0.9841: above the host's other record, so trust rises (0.8 × 0.9762 + 0.2 × 0.9841)
        assertThat(kept.component("samples").value()).isCloseTo((1 + 2 * 0.976190) / 3, within(1e-6));
        assertThat(kept.component("samples").detail()).endsWith("at the host's other record (0.98)");
        assertThat(kept.trust().value()).isEqualTo(0.9778).isGreaterThan(before);

        HostRecord distrusted = new HostRecord(100, 40, 20, 0);
        double low = SCORE.host(distrusted).trust().value();
        assertThat(low).isGreaterThan(0.0).isLessThan(0.2);
        assertThat(SCORE.host(new HostRecord(100, 40, 20, 0, 0, 1)).trust().value()).isLessThan(low);
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
                "TRUST_HOST_WEIGHTS", "samples=1"));
        TrustScore.Breakdown host = new TrustScore(settings).host(new HostRecord(0, 0, 0, 0, 3, 1));
        // (3 × 1 + 1 × 0 + 1 × 0.5) / (4 + 1)
        assertThat(host.component("samples").value()).isCloseTo(0.7, within(1e-12));
        assertThat(host.component("samples").weight()).isEqualTo(0.5);
        assertThat(host.component("samples").detail()).endsWith("smoothed with 1 promises at the host's other record (0.50)");
        assertThat(new TrustScore(TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_SAMPLES", "0.5")))
                .host(new HostRecord(0, 0, 0, 0, 3, 1)).component("samples").detail())
                .endsWith("smoothed with 0.5 promises at the host's other record (0.50)");
        assertThat(TrustSettings.defaults().priorSamples()).isEqualTo(2.0);

        assertThat(new TrustScore(TrustSettings.fromEnvironment(Map.of("TRUST_HOST_WEIGHTS", "samples=0")))
                .host(new HostRecord(10, 0, 0, 0, 0, 5)).trust())
                .as("weighed 0, samples never move trust")
                .isEqualTo(SCORE.host(new HostRecord(10, 0, 0, 0)).trust());
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(
                        Map.of("TRUST_HOST_WEIGHTS", "refunds=0,holds=0,samples=1")))
                .as("a host without samples would have no weight left").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_SAMPLES", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustSettings.fromEnvironment(Map.of("TRUST_PRIOR_SAMPLES", "Infinity")))
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

    /**
     * Whatever the record, none closed included: one more kept promise never lowers trust and one more lapse never
     * raises it. The first closed promise is no exception.
     */
    @Property(tries = 1_000)
    void aKeptPromiseNeverLowersTrustAndALapseNeverRaisesItWhateverTheRecord(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(max = 1_000) int fulfilled, @ForAll @IntRange(max = 1_000) int unfulfilled,
            @ForAll @IntRange(min = 1, max = 1_000) int more) {
        double trust = host(paid, refunded, holds, voided, fulfilled, unfulfilled);

        assertThat(trust).isBetween(0.0, 1.0);
        assertThat(host(paid, refunded, holds, voided, fulfilled + more, unfulfilled)).isGreaterThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, voided, fulfilled, unfulfilled + more)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, voided, fulfilled + 1, unfulfilled)).isGreaterThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, voided, fulfilled, unfulfilled + 1)).isLessThanOrEqualTo(trust);
    }

    /** A host's first closed promise moves its trust in the promise's direction: kept up (or not at all), lapsed down. */
    @Property(tries = 500)
    void theFirstClosedPromiseMovesTrustOnlyInItsOwnDirection(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided) {
        double none = host(paid, refunded, holds, voided);

        assertThat(host(paid, refunded, holds, voided, 1, 0)).isGreaterThanOrEqualTo(none);
        assertThat(host(paid, refunded, holds, voided, 0, 1)).isLessThanOrEqualTo(none);
    }

    /** The same, whatever the weights (samples weighed 0 included) and the prior of the samples component. */
    @Property(tries = 500)
    void aKeptPromiseNeverLowersTrustAndALapseNeverRaisesItWhateverTheSettings(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100) int fulfilled,
            @ForAll @IntRange(max = 100) int unfulfilled, @ForAll @IntRange(max = 1_000) int refundsWeight,
            @ForAll @IntRange(max = 1_000) int holdsWeight, @ForAll @IntRange(max = 1_000) int samplesWeight,
            @ForAll @IntRange(min = 1, max = 400) int priorQuarters) {
        Assume.that(refundsWeight + holdsWeight > 0);
        TrustScore score = new TrustScore(TrustSettings.fromEnvironment(Map.of(
                "TRUST_PRIOR_SAMPLES", String.valueOf(priorQuarters / 4.0), "TRUST_HOST_WEIGHTS",
                "refunds=" + refundsWeight + ",holds=" + holdsWeight + ",samples=" + samplesWeight)));
        double trust = trust(score, new HostRecord(paid, refunded, holds, 0, fulfilled, unfulfilled));

        assertThat(trust).isBetween(0.0, 1.0);
        assertThat(trust(score, new HostRecord(paid, refunded, holds, 0, fulfilled + 1, unfulfilled)))
                .isGreaterThanOrEqualTo(trust);
        assertThat(trust(score, new HostRecord(paid, refunded, holds, 0, fulfilled, unfulfilled + 1)))
                .isLessThanOrEqualTo(trust);
        assertThat(trust(score, new HostRecord(paid, refunded + 1, holds, 0, fulfilled, unfulfilled)))
                .isLessThanOrEqualTo(trust);
        assertThat(trust(score, new HostRecord(paid, refunded, holds + 1, 0, fulfilled, unfulfilled)))
                .isLessThanOrEqualTo(trust);
    }

    /** Whatever the sample promises, none included, more refunds, holds or voids never raise trust. */
    @Property(tries = 500)
    void moreRefundsHoldsOrVoidsNeverRaiseTrustWhateverTheSamplePromises(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(max = 1_000) int fulfilled, @ForAll @IntRange(max = 1_000) int unfulfilled,
            @ForAll @IntRange(min = 1, max = 1_000) int more) {
        double trust = host(paid, refunded, holds, voided, fulfilled, unfulfilled);

        assertThat(host(paid, refunded + more, holds, voided, fulfilled, unfulfilled)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds + more, voided, fulfilled, unfulfilled)).isLessThanOrEqualTo(trust);
        assertThat(host(paid, refunded, holds, voided + more, fulfilled, unfulfilled)).isLessThanOrEqualTo(trust);
        assertThat(host(paid + more, refunded, holds, voided, fulfilled, unfulfilled)).isGreaterThanOrEqualTo(trust);
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
     * With a closed promise, the samples component is the kept share smoothed with 2 promises towards the host's
     * other record, so it lies between the two, and trust is 0.8 × that record + 0.2 × the component.
     */
    @Property(tries = 500)
    void theSamplesComponentIsTheKeptShareSmoothedTowardsTheHostsOtherRecord(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(max = 1_000) int fulfilled, @ForAll @IntRange(max = 1_000) int unfulfilled) {
        Assume.that(fulfilled + unfulfilled > 0);
        TrustScore.Breakdown host = SCORE.host(new HostRecord(paid, refunded, holds, voided, fulfilled, unfulfilled));
        double base = 0.5 * SCORE.value(refunded, paid, 0.3) + 0.5 * SCORE.value(holds + voided, paid, 0.1);
        double closed = fulfilled + unfulfilled;
        double samples = host.component("samples").value();

        assertThat(samples).isCloseTo((fulfilled + 2 * base) / (closed + 2), within(1e-12))
                .isBetween(Math.min(fulfilled / closed, base) - 1e-12, Math.max(fulfilled / closed, base) + 1e-12);
        assertThat(host.trust().value()).isCloseTo(0.8 * base + 0.2 * samples, within(0.5e-4 + 1e-12));
    }

    /**
     * Without a closed promise a host's trust is the refunds-and-holds mean it always was, whatever the weights and
     * the samples prior.
     */
    @Property(tries = 300)
    void aHostWithoutAClosedPromiseIsScoredExactlyAsBeforeSamplesCounted(
            @ForAll @IntRange(max = 100_000) int paid, @ForAll @IntRange(max = 100_000) int refunded,
            @ForAll @IntRange(max = 100_000) int holds, @ForAll @IntRange(max = 100_000) int voided,
            @ForAll @IntRange(max = 1_000) int refundsWeight, @ForAll @IntRange(max = 1_000) int holdsWeight,
            @ForAll @IntRange(max = 1_000) int samplesWeight, @ForAll @IntRange(min = 1, max = 400) int priorQuarters) {
        Assume.that(refundsWeight + holdsWeight > 0);
        TrustScore score = new TrustScore(TrustSettings.fromEnvironment(Map.of(
                "TRUST_PRIOR_SAMPLES", String.valueOf(priorQuarters / 4.0), "TRUST_HOST_WEIGHTS",
                "refunds=" + refundsWeight + ",holds=" + holdsWeight + ",samples=" + samplesWeight)));
        double sum = (double) refundsWeight + (double) holdsWeight;

        assertThat(score.host(new HostRecord(paid, refunded, holds, voided, 0, 0)).trust().value()).isEqualTo(
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
        return trust(SCORE, new HostRecord(paid, refunded, holds, voided, fulfilled, unfulfilled));
    }

    private static double trust(TrustScore score, HostRecord record) {
        return score.host(record).trust().value();
    }

    /** A host's trust as computed before samples counted: refunds and holds, their weights relative to their sum. */
    private static double beforeSamples(long paid, long refunded, long holds, long voided, double refundsWeight,
                                        double holdsWeight) {
        double sum = DoubleStream.of(SCORE.value(refunded, paid, 0.3) * refundsWeight,
                SCORE.value(holds + voided, paid, 0.1) * holdsWeight).sum();
        return new Trust(Math.max(0.0, Math.min(1.0, Math.round(sum * 10_000) / 10_000.0))).value();
    }
}
