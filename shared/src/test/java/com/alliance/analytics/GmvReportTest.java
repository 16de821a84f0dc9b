package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.orders.OrderRepository.PaidOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmvReportTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");
    private static final Instant DURING = Instant.parse("2026-11-03T10:00:00Z");

    private static PaidOrder order(String id, String host, String buyer, Instant paidAt, long paid, long refunded,
                                   String status, boolean held, boolean voided) {
        return new PaidOrder(id, "p_1", host, buyer, "b_1", paidAt, paid, refunded, "CANCELLED".equals(status), held,
                voided, List.of());
    }

    @Test
    void gmvIsPaidNetOfRefundsOfTheCountedOrdersAndBuyersAreDistinct() {
        GmvReport.Tally tally = GmvReport.tally(List.of(
                order("o1", "h_a", "u1", DURING, 10_000, 0, "RECEIVED", false, false),
                order("o2", "h_a", "u1", DURING, 6_000, 1_000, "RECEIVED", false, false),
                order("o3", "h_b", "u2", DURING, 4_000, 0, "PAID", false, false)), FROM, TO);
        assertThat(tally.gmvFen()).isEqualTo(19_000);
        assertThat(tally.paidFen()).isEqualTo(20_000);
        assertThat(tally.refundedFen()).isEqualTo(1_000);
        assertThat(tally.orders()).isEqualTo(3);
        assertThat(tally.buyers()).isEqualTo(2);
        assertThat(tally.hosts()).containsExactly("h_a", "h_b");
    }

    @Test
    void cancelledAndFullyRefundedOrdersDoNotCount() {
        GmvReport.Tally tally = GmvReport.tally(List.of(
                order("o1", "h_a", "u1", DURING, 10_000, 0, "CANCELLED", false, false),
                order("o2", "h_a", "u2", DURING, 6_000, 6_000, "REFUNDED", false, false)), FROM, TO);
        assertThat(tally.orders()).isZero();
        assertThat(tally.gmvFen()).isZero();
        assertThat(tally.heldOrders()).isZero();
    }

    @Test
    void heldAndVoidedOrdersAreReportedApartNetOfRefunds() {
        GmvReport.Tally tally = GmvReport.tally(List.of(
                order("o1", "h_a", "h_a", DURING, 10_000, 2_500, "PAID", true, false),
                order("o2", "h_a", "u2", DURING, 3_000, 0, "PAID", false, true),
                order("o3", "h_b", "u3", DURING, 5_000, 0, "PAID", false, false)), FROM, TO);
        assertThat(tally.heldOrders()).isEqualTo(2);
        assertThat(tally.heldGmvFen()).isEqualTo(10_500);
        assertThat(tally.orders()).isEqualTo(1);
        assertThat(tally.gmvFen()).isEqualTo(5_000);
        assertThat(tally.hosts()).as("only hosts of counted orders bring their audience").containsExactly("h_b");
    }

    @Test
    void thePeriodIncludesItsStartAndExcludesItsEnd() {
        GmvReport.Tally tally = GmvReport.tally(List.of(
                order("o1", "h_a", "u1", FROM, 1_000, 0, "PAID", false, false),
                order("o2", "h_a", "u2", TO, 2_000, 0, "PAID", false, false)), FROM, TO);
        assertThat(tally.gmvFen()).isEqualTo(1_000);
    }

    @Test
    void theReportAddsUpTheSessionsAudience() {
        GmvReport.Tally tally = GmvReport.tally(List.of(order("o1", "h_a", "u1", DURING, 9_000, 0, "PAID", false, false)),
                FROM, TO);
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
        // 2026-11-02T16:30Z is already 00:30 on 3 November in Beijing; held orders stay out of the series too
        Instant from = Instant.parse("2026-10-31T16:00:00Z");
        Instant to = Instant.parse("2026-11-04T16:00:00Z");
        GmvReport.Tally tally = GmvReport.tally(List.of(
                order("o1", "h_a", "u1", Instant.parse("2026-11-02T15:59:00Z"), 1_000, 0, "PAID", false, false),
                order("o2", "h_a", "u2", Instant.parse("2026-11-02T16:30:00Z"), 3_000, 500, "PAID", false, false),
                order("o3", "h_a", "u3", Instant.parse("2026-11-02T17:00:00Z"), 2_000, 0, "PAID", false, false),
                order("o4", "h_a", "u4", Instant.parse("2026-11-02T17:00:00Z"), 7_000, 0, "PAID", true, false)), from, to);
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
        GmvReport.Tally tally = GmvReport.tally(List.of(order("o1", "h_a", "u1", DURING, 9_000, 0, "PAID", false, false)),
                from, TO);
        assertThat(tally.daily().get(0)).isEqualTo(new GmvReport.Day(LocalDate.parse("2026-11-03"), 9_000, 1));
        assertThat(tally.daily()).hasSize(6).last().extracting(GmvReport.Day::date).isEqualTo(LocalDate.parse("2026-11-08"));
        assertThat(GmvReport.tally(List.of(), from, TO).daily()).isEmpty();
    }
}
