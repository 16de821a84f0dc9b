package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReportDaysTest {

    @Test
    void aPeriodOfDatesIsWholeDaysAndInstantsLeavePartialEdges() {
        // 2026-11-02 to 2026-11-08 in Beijing: 16:00Z the day before to 16:00Z
        ReportDays.Split dates = ReportDays.split(Instant.parse("2026-11-01T16:00:00Z"), Instant.parse("2026-11-08T16:00:00Z"));
        assertThat(dates.firstDay()).contains(LocalDate.parse("2026-11-02"));
        assertThat(dates.lastDay()).contains(LocalDate.parse("2026-11-08"));
        assertThat(dates.edges()).isEmpty();

        ReportDays.Split utc = ReportDays.split(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-09T00:00:00Z"));
        assertThat(utc.firstDay()).contains(LocalDate.parse("2026-11-03"));
        assertThat(utc.lastDay()).contains(LocalDate.parse("2026-11-08"));
        assertThat(utc.edges()).containsExactly(
                new ReportDays.Span(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T16:00:00Z")),
                new ReportDays.Span(Instant.parse("2026-11-08T16:00:00Z"), Instant.parse("2026-11-09T00:00:00Z")));

        ReportDays.Split short_ = ReportDays.split(Instant.parse("2026-11-02T01:00:00Z"), Instant.parse("2026-11-03T01:00:00Z"));
        assertThat(short_.firstDay()).isEmpty();
        assertThat(short_.edges()).containsExactly(
                new ReportDays.Span(Instant.parse("2026-11-02T01:00:00Z"), Instant.parse("2026-11-03T01:00:00Z")));
    }

    /** The whole days and the edges cover the period exactly once: every instant is in one of them. */
    @Property(tries = 300)
    void wholeDaysAndEdgesCoverThePeriodOnce(@ForAll @IntRange(min = 0, max = 2_000_000) int fromMinutes,
                                             @ForAll @IntRange(min = 1, max = 200_000) int lengthMinutes,
                                             @ForAll @IntRange(min = 0, max = 1000) int probePermille) {
        Instant from = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * fromMinutes);
        Instant to = from.plusSeconds(60L * lengthMinutes);
        Instant probe = from.plusMillis((to.toEpochMilli() - from.toEpochMilli()) * probePermille / 1001);
        ReportDays.Split split = ReportDays.split(from, to);
        int places = 0;
        for (ReportDays.Span edge : split.edges()) {
            assertThat(edge.from()).isBefore(edge.to());
            places += !probe.isBefore(edge.from()) && probe.isBefore(edge.to()) ? 1 : 0;
        }
        Optional<Instant> wholeFrom = split.wholeFrom();
        if (wholeFrom.isPresent()) {
            places += !probe.isBefore(wholeFrom.get()) && probe.isBefore(split.wholeTo().orElseThrow()) ? 1 : 0;
            assertThat(ReportDays.dayOf(wholeFrom.get())).isEqualTo(split.firstDay().orElseThrow());
        }
        assertThat(places).isEqualTo(1);
    }

    @Test
    void theBuyerSketchEstimatesManyBuyersWithinItsErrorAndForgetsARegisterBackAtZero() {
        ReportDays.BuyerSketch sketch = new ReportDays.BuyerSketch();
        for (int i = 0; i < 20_000; i++) {
            sketch.addBuyer("u_" + i);
        }
        // 3 standard errors of 1.04 / sqrt(128)
        assertThat((double) sketch.estimate()).isBetween(20_000 * (1 - 0.28), 20_000 * (1 + 0.28));

        ReportDays.BuyerSketch small = new ReportDays.BuyerSketch();
        for (String buyer : List.of("a", "b", "c")) {
            small.addBuyer(buyer);
        }
        assertThat(small.estimate()).isEqualTo(3);
        ReportDays.BuyerSketch forgotten = new ReportDays.BuyerSketch();
        forgotten.addCounter(ReportDays.BuyerSketch.counterName("a"), 0);
        assertThat(forgotten.estimate()).as("a count back at 0 is no buyer").isZero();
    }

    @Test
    void anInstantSurvivesItsNanosecondCounter() {
        Instant at = Instant.parse("2026-11-24T22:00:00.123456789Z");
        assertThat(ReportDays.instantOfNanos(ReportDays.nanosOf(at))).isEqualTo(at);
        assertThat(ReportDays.orderIdOf(ReportDays.promiseSortKey(at, "o#1", at.plusSeconds(5)))).isEqualTo("o#1");
    }

    /** A report day's counters are folded in fixed groups small enough for one update expression each. */
    @Test
    void everyCounterHasOneGroupAndNoGroupGrowsPastAFewHundredNames() {
        java.util.Map<Integer, java.util.Set<String>> groups = new java.util.HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String name = ReportDays.BuyerSketch.counterName("u_" + i);
            groups.computeIfAbsent(ReportDays.groupOf(name), g -> new java.util.HashSet<>()).add(name);
        }
        for (int h = 0; h < 2_000; h++) {
            String name = ReportDays.HOST_PREFIX + "h_" + h;
            groups.computeIfAbsent(ReportDays.groupOf(name), g -> new java.util.HashSet<>()).add(name);
        }
        assertThat(ReportDays.groupOf(ReportDays.ORDERS)).isZero();
        assertThat(ReportDays.groupOf(ReportDays.PAID_FEN)).isZero();
        assertThat(groups.keySet()).allSatisfy(group -> assertThat(group).isBetween(1, 32));
        // 2 000 selling hosts in one batch, or a sketch of 100 000 buyers: a few hundred names per group at most
        assertThat(groups.values()).allSatisfy(names -> assertThat(names.size()).isLessThan(300));
    }
}
