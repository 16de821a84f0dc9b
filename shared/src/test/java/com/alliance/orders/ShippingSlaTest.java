package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShippingSlaTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-10T00:30:00Z");

    /** Two hours of a brand as the fold leaves them ({@link ReportHours}). */
    private final List<Map<String, Long>> hours = List.of(
            Map.of(ReportHours.PAID_ORDERS, 5L, ReportHours.KEPT, 2L, ReportHours.VIOLATIONS, 1L,
                    ReportHours.COMPENSATION_FEN, 1_000L, ReportHours.MISSED, 1L),
            Map.of(ReportHours.PAID_ORDERS, 4L, ReportHours.VIOLATIONS, 1L, ReportHours.COMPENSATION_FEN, 300L,
                    ReportHours.OPEN_PREFIX + "2026-11-09T23", 1L,     // its hour ended at 00:00: late
                    ReportHours.OPEN_PREFIX + "2026-11-10T00", 1L,     // due in the hour now is in: still open
                    ReportHours.OPEN_PREFIX + "2026-11-12T08", 1L));

    private final List<ShippingSla.Violation> page = List.of(new ShippingSla.Violation("late-1", FROM, 10_000,
            FROM.plusSeconds(172_800), Optional.empty(), 1_000));

    @Test
    void onTimeOverEveryPromiseThatCameDueInBasisPoints() {
        ShippingSla sla = ShippingSla.of("brand-1", FROM, TO, NOW, hours, page, Optional.of("late-1"));

        assertThat(sla.paidOrders()).isEqualTo(9);
        assertThat(sla.shippedOnTime()).isEqualTo(2);
        assertThat(sla.late()).isEqualTo(4);        // two violations, one missed not recorded, one overdue
        assertThat(sla.open()).isEqualTo(2);        // the promise due this hour is not late before the hour ends
        assertThat(sla.onTimeRateBps()).contains(3_333);   // 2/6 = 3333.33…
        assertThat(sla.violationCount()).isEqualTo(2);
        assertThat(sla.compensationFen()).isEqualTo(1_300);
        assertThat(sla.violations()).extracting(ShippingSla.Violation::orderId).containsExactly("late-1");
        assertThat(sla.next()).contains("late-1");
    }

    @Test
    void theRateRoundsHalfEvenAndIsAbsentWhileNothingCameDue() {
        assertThat(ShippingSla.of("b", FROM, TO, NOW, List.of(Map.of(ReportHours.KEPT, 1L, ReportHours.MISSED, 1L)),
                List.of(), Optional.empty()).onTimeRateBps()).contains(5_000);
        assertThat(ShippingSla.of("b", FROM, TO, NOW, List.of(Map.of(ReportHours.OPEN_PREFIX + "2026-11-10T00", 1L)),
                List.of(), Optional.empty()).onTimeRateBps()).isEmpty();
        assertThat(ShippingSla.of("b", FROM, TO, NOW, List.of(), List.of(), Optional.empty()).paidOrders()).isZero();
    }
}
