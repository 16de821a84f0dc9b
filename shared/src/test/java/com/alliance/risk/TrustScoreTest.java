package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.orders.OrderCounts;
import com.alliance.risk.TrustScore.BrandRecord;
import com.alliance.risk.TrustScore.HostRecord;
import java.util.Map;
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
}
