package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alliance.money.Bps;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ShippingSettingsTest {

    private final ShippingSettings defaults = ShippingSettings.defaults();

    @Test
    void tenPercentOfPaidBetweenThreeAndFiftyYuanByDefault() {
        assertThat(defaults.compensationFen(10_000)).isEqualTo(1_000);
        assertThat(defaults.compensationFen(1_000)).isEqualTo(300);       // 100 raised to the minimum
        assertThat(defaults.compensationFen(2_999)).isEqualTo(300);       // 299.9 → 300 either way
        assertThat(defaults.compensationFen(3_004)).isEqualTo(300);       // 300.4 → 300
        assertThat(defaults.compensationFen(3_006)).isEqualTo(301);       // 300.6 → 301
        assertThat(defaults.compensationFen(50_000)).isEqualTo(5_000);
        assertThat(defaults.compensationFen(1_000_000)).isEqualTo(5_000); // capped
        assertThat(defaults.compensationFen(0)).isEqualTo(300);
    }

    @Test
    void halfAFenRoundsToEven() {
        ShippingSettings noBounds = new ShippingSettings(Duration.ZERO, Bps.of(1_000), 0, Long.MAX_VALUE);

        assertThat(noBounds.compensationFen(3_005)).isEqualTo(300);  // 300.5 → 300 (even)
        assertThat(noBounds.compensationFen(3_015)).isEqualTo(302);  // 301.5 → 302 (even)
        assertThat(noBounds.compensationFen(25)).isEqualTo(2);       // 2.5 → 2
        assertThat(noBounds.compensationFen(35)).isEqualTo(4);       // 3.5 → 4
    }

    @Property(tries = 2_000)
    void theCompensationIsTheRateOfPaidClampedToTheBounds(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long paidFen,
            @ForAll @IntRange(min = 0, max = 10_000) int rateBps, @ForAll @LongRange(min = 0, max = 100_000) long min,
            @ForAll @LongRange(min = 0, max = 100_000) long extra) {
        ShippingSettings settings = new ShippingSettings(Duration.ZERO, Bps.of(rateBps), min, min + extra);

        long fen = settings.compensationFen(paidFen);

        assertThat(fen).isBetween(min, min + extra);
        long exactTimesTenThousand = paidFen * rateBps;
        if (fen > min && fen < min + extra) {
            // within the bounds it is the rate of paid to the nearest fen
            assertThat(Math.abs(fen * 10_000 - exactTimesTenThousand)).isLessThanOrEqualTo(5_000);
        }
    }

    @Test
    void theEnvironmentOverridesEachSetting() {
        ShippingSettings settings = ShippingSettings.fromEnvironment(Map.of("LATE_SHIPMENT_GRACE_MINUTES", "15",
                "LATE_COMPENSATION_BPS", "500", "LATE_COMPENSATION_MIN_FEN", "100", "LATE_COMPENSATION_MAX_FEN", "900")::get);

        assertThat(settings).isEqualTo(new ShippingSettings(Duration.ofMinutes(15), Bps.of(500), 100, 900));
        assertThat(ShippingSettings.fromEnvironment(Map.<String, String>of()::get)).isEqualTo(defaults);
        assertThat(defaults.grace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void boundsTheWrongWayRoundOrNotANumberAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ShippingSettings.fromEnvironment(
                Map.of("LATE_COMPENSATION_MIN_FEN", "6000")::get)).withMessageContaining("LATE_COMPENSATION_MAX_FEN");
        assertThatIllegalArgumentException().isThrownBy(() -> ShippingSettings.fromEnvironment(
                Map.of("LATE_SHIPMENT_GRACE_MINUTES", "soon")::get)).withMessageContaining("LATE_SHIPMENT_GRACE_MINUTES");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withGrace(Duration.ofMinutes(-1)));
    }
}
