package com.alliance.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.risk.Trust;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SampleQuotaTest {

    private final SampleQuota quota = SampleQuota.parse(SampleQuota.DEFAULT_TIERS);

    private static SampleRecord record(long fulfilled, long unfulfilled) {
        return new SampleRecord(fulfilled, unfulfilled, Trust.NEUTRAL);
    }

    @Test
    void theDocumentedTiersGiveFiveTwentyAndFiftyByThirtyDayGmv() {
        assertThat(quota.standing(0, SampleRecord.NONE, 0).cap()).isEqualTo(5);
        assertThat(quota.standing(999_999, SampleRecord.NONE, 0).tier()).isEqualTo(1);
        assertThat(quota.standing(1_000_000, SampleRecord.NONE, 0).cap()).isEqualTo(20);
        assertThat(quota.standing(9_999_999, SampleRecord.NONE, 0).tier()).isEqualTo(2);
        assertThat(quota.standing(10_000_000, SampleRecord.NONE, 3)).isEqualTo(new SampleQuota.Standing(3, 10_000_000, 50, 50, 3));
    }

    @Test
    void lapsedPromisesLowerTheCapByTheirShareButNeverBelowOne() {
        assertThat(quota.standing(1_000_000, record(3, 1), 0).cap()).as("⌊20 × 3/4⌋").isEqualTo(15);
        assertThat(quota.standing(0, record(0, 1), 0).cap()).isEqualTo(1);
        assertThat(quota.standing(0, record(1, 2), 1).isFull()).as("⌊5 × 1/3⌋ = 1, one open").isTrue();
    }

    @Test
    void aTierTableThatIsNotRisingIsRefused() {
        assertThatThrownBy(() -> SampleQuota.parse("100:5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleQuota.parse("0:5,100:3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleQuota.parse("0:5,0:6")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleQuota.parse("0-5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theCapIsBetweenOneAndTheTierCap(@ForAll @LongRange(max = 100_000_000) long gmv,
                                         @ForAll @IntRange(max = 1_000) int fulfilled,
                                         @ForAll @IntRange(max = 1_000) int unfulfilled) {
        SampleQuota.Standing standing = quota.standing(gmv, record(fulfilled, unfulfilled), 0);
        assertThat(standing.cap()).isBetween(1, standing.tierCap());
        if (unfulfilled == 0) {
            assertThat(standing.cap()).isEqualTo(standing.tierCap());
        }
    }

    @Property
    void moreGmvOrKeptPromisesNeverLowerTheCapAndMoreLapsesNeverRaiseIt(
            @ForAll @LongRange(max = 100_000_000) long gmv, @ForAll @LongRange(max = 100_000_000) long more,
            @ForAll @IntRange(max = 500) int fulfilled, @ForAll @IntRange(max = 500) int unfulfilled) {
        int cap = quota.standing(gmv, record(fulfilled, unfulfilled), 0).cap();
        assertThat(quota.standing(gmv + more, record(fulfilled, unfulfilled), 0).cap()).isGreaterThanOrEqualTo(cap);
        assertThat(quota.standing(gmv, record(fulfilled + 1, unfulfilled), 0).cap()).isGreaterThanOrEqualTo(cap);
        assertThat(quota.standing(gmv, record(fulfilled, unfulfilled + 1), 0).cap()).isLessThanOrEqualTo(cap);
    }
}
