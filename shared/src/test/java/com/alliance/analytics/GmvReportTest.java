package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.orders.ReportHours;
import com.alliance.orders.ReportHours.BuyerSketch;
import com.alliance.orders.ReportHoursRepository.Hour;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A period's report from its hour items ({@link ReportHours}); what an order adds to them is ReportHoursTest's. */
class GmvReportTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");
    private static final Instant DURING = Instant.parse("2026-11-03T10:00:00Z");

    /** An hour item with counted orders of the given buyers (one order each). */
    private static Hour hour(String hourKey, long paid, long refunded, String... buyers) {
        Map<String, Long> counters = new HashMap<>(Map.of(ReportHours.ORDERS, (long) buyers.length,
                ReportHours.PAID_FEN, paid, ReportHours.REFUNDED_FEN, refunded));
        for (String buyer : buyers) {
            counters.merge(BuyerSketch.counterName(buyer), 1L, Long::sum);
        }
        return new Hour(hourKey, counters, Optional.empty());
    }

    @Test
    void gmvIsPaidNetOfRefundsOfTheCountedOrdersAndBuyersAreDistinctAcrossHours() {
        GmvReport.Tally tally = GmvReport.tally(List.of(
                hour("2026-11-03T10", 16_000, 1_000, "u1", "u1"),
                hour("2026-11-03T11", 4_000, 0, "u2"),
                hour("2026-11-04T09", 1_000, 0, "u1")), FROM, TO, List.of("h_a", "h_b"));
        assertThat(tally.gmvFen()).isEqualTo(20_000);
        assertThat(tally.paidFen()).isEqualTo(21_000);
        assertThat(tally.refundedFen()).isEqualTo(1_000);
        assertThat(tally.orders()).isEqualTo(4);
        assertThat(tally.buyers()).isEqualTo(2);
        assertThat(tally.buyersEstimated()).isFalse();
        assertThat(tally.hosts()).containsExactly("h_a", "h_b");
    }

    @Test
    void heldAndVoidedOrdersAreReportedApartAndABuyerBackAtZeroIsNoBuyer() {
        Map<String, Long> counters = new HashMap<>(Map.of(ReportHours.HELD_ORDERS, 2L, ReportHours.HELD_GMV_FEN, 10_500L,
                ReportHours.ORDERS, 1L, ReportHours.PAID_FEN, 5_000L, BuyerSketch.counterName("u3"), 1L,
                BuyerSketch.counterName("u1"), 0L));
        GmvReport.Tally tally = GmvReport.tally(List.of(new Hour("2026-11-03T10", counters, Optional.empty())),
                FROM, TO, List.of("h_b"));
        assertThat(tally.heldOrders()).isEqualTo(2);
        assertThat(tally.heldGmvFen()).isEqualTo(10_500);
        assertThat(tally.orders()).isEqualTo(1);
        assertThat(tally.gmvFen()).isEqualTo(5_000);
        assertThat(tally.buyers()).isEqualTo(1);
    }

    @Test
    void anHourKeptAsASketchMakesTheBuyersAnEstimateBetweenOneAndTheOrders() {
        BuyerSketch sketch = new BuyerSketch();
        for (int i = 0; i < 500; i++) {
            sketch.addCounterName(BuyerSketch.counterName("u" + i));
        }
        Map<String, Long> busy = new HashMap<>(Map.of(ReportHours.ORDERS, 600L, ReportHours.PAID_FEN, 600_000L));
        GmvReport.Tally tally = GmvReport.tally(List.of(new Hour("2026-11-03T10", busy, Optional.of(sketch)),
                hour("2026-11-03T11", 1_000, 0, "u1", "someone-new")), FROM, TO, List.of("h_a"));
        assertThat(tally.buyersEstimated()).isTrue();
        assertThat((double) tally.buyers()).as("501 buyers within three standard errors").isBetween(501 * 0.9, 501 * 1.1);

        Map<String, Long> few = new HashMap<>(Map.of(ReportHours.ORDERS, 3L, ReportHours.PAID_FEN, 3_000L));
        assertThat(GmvReport.tally(List.of(new Hour("2026-11-03T10", few, Optional.of(sketch))), FROM, TO, List.of())
                .buyers()).as("never more buyers than orders").isEqualTo(3);
    }

    @Test
    void theReportAddsUpTheSessionsAudience() {
        GmvReport.Tally tally = GmvReport.tally(List.of(hour("2026-11-03T10", 9_000, 0, "u1")), FROM, TO, List.of("h_a"));
        GmvReport report = GmvReport.of(FROM, TO, tally, List.of("h_a"), List.of(
                new LiveSession("h_a", "s1", 10, 20, 90, DURING, DURING.plusSeconds(3_600)),
                new LiveSession("h_a", "s2", 5, 25, 30, DURING, DURING.plusSeconds(1_800))));
        assertThat(report.sessions()).isEqualTo(2);
        assertThat(report.decomposition().uv()).isEqualTo(60);
        assertThat(report.decomposition().watchMinutes()).isEqualTo(120);
        assertThat(report.decomposition().multipliesBack()).isTrue();
        assertThat(report.gmvFen()).isEqualTo(9_000);
    }

    @Test
    void theDailySeriesListsEveryChinaStandardTimeDayOfThePeriodAndAddsUpToTheGmv() {
        // the hour from 16:00Z on 2 November is already 00:00–01:00 on 3 November in Beijing
        Instant from = Instant.parse("2026-10-31T16:00:00Z");
        Instant to = Instant.parse("2026-11-04T16:00:00Z");
        GmvReport.Tally tally = GmvReport.tally(List.of(
                hour("2026-11-02T15", 1_000, 0, "u1"),
                hour("2026-11-02T16", 3_000, 500, "u2"),
                hour("2026-11-02T17", 2_000, 0, "u3")), from, to, List.of("h_a"));
        assertThat(tally.daily()).containsExactly(
                new GmvReport.Day(LocalDate.parse("2026-11-01"), 0, 0),
                new GmvReport.Day(LocalDate.parse("2026-11-02"), 1_000, 1),
                new GmvReport.Day(LocalDate.parse("2026-11-03"), 4_500, 2),
                new GmvReport.Day(LocalDate.parse("2026-11-04"), 0, 0));
        assertThat(tally.daily().stream().mapToLong(GmvReport.Day::gmvFen).sum()).isEqualTo(tally.gmvFen());
    }

    @Test
    void aPeriodLongerThanTheSeriesLimitStartsItsSeriesAtTheFirstSoldDay() {
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        GmvReport.Tally tally = GmvReport.tally(List.of(hour("2026-11-03T10", 9_000, 0, "u1")), from, TO, List.of("h_a"));
        assertThat(tally.daily().get(0)).isEqualTo(new GmvReport.Day(LocalDate.parse("2026-11-03"), 9_000, 1));
        assertThat(tally.daily()).hasSize(6).last().extracting(GmvReport.Day::date).isEqualTo(LocalDate.parse("2026-11-08"));
        assertThat(GmvReport.tally(List.of(), from, TO, List.of()).daily()).isEmpty();
    }
}
