package com.alliance.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.orders.LiveSessionStats;
import com.alliance.orders.ReportHours;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Which sessions a brand's orders reach ({@link SessionReach}): the hours a session runs in, the window an order's
 * side of the join reads, and the version that keeps the report that stands.
 */
class SessionReachTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

    private static Instant at(String time) {
        return Instant.parse("2026-11-20T" + time + "Z");
    }

    @Test
    void aSessionReachesTheOrdersOfTheWholeHoursItRunsIn() {
        Instant start = at("12:00:00");
        Instant end = at("13:30:00");
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(at("12:00:00")))).isTrue();
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(at("13:40:00")))).as("the hour it ends in").isTrue();
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(at("14:05:00")))).isFalse();
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(at("11:59:59")))).isFalse();
        assertThat(SessionReach.reaches(start, at("14:00:00"), ReportHours.hourOf(at("14:00:00"))))
                .as("an end on the hour is not in the next").isFalse();
        assertThat(SessionReach.reaches(start, start, ReportHours.hourOf(at("12:59:00")))).as("no length: its hour").isTrue();
    }

    @Test
    void aSessionReachesTheOrdersOfItsFirstDayOnly() {
        Instant start = at("12:30:00");
        Instant end = start.plus(Duration.ofHours(30));
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(start.plus(Duration.ofHours(23))))).isTrue();
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(start.plus(Duration.ofHours(24))))).isTrue();
        assertThat(SessionReach.reaches(start, end, ReportHours.hourOf(start.plus(Duration.ofHours(25))))).isFalse();
    }

    /** The order's side reads its host's sessions started in [earliest, hour end): every session that reaches it is there. */
    @Property(tries = 2_000)
    void everySessionAnOrderReachesStartedInTheWindowItsSideReads(
            @ForAll @LongRange(min = 0, max = 3 * 24 * 3_600) long startSecond,
            @ForAll @LongRange(min = 0, max = 40 * 3_600) long lengthSeconds,
            @ForAll @LongRange(min = -3_600, max = 45 * 3_600) long orderAfterStart) {
        Instant start = DAY.plusSeconds(startSecond);
        Instant end = start.plusSeconds(lengthSeconds);
        Instant paid = start.plusSeconds(orderAfterStart);
        String hour = ReportHours.hourOf(paid);
        boolean inRun = !paid.isBefore(start) && paid.isBefore(end) && paid.isBefore(start.plus(SessionReach.MAX_SPAN));
        if (inRun) {
            assertThat(SessionReach.reaches(start, end, hour)).as("an order paid while the session ran").isTrue();
        }
        if (SessionReach.reaches(start, end, hour)) {
            assertThat(start).isAfterOrEqualTo(SessionReach.earliestStartReaching(hour)).isBefore(SessionReach.hourEnd(hour));
        }
    }

    @Provide
    Arbitrary<LiveSessionStats> reports() {
        // few distinct ends, times and ids, so ties on the end and on the report time are common
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.strings().withChars("ab-").ofMinLength(1).ofMaxLength(3))
                .as((end, reportedAfter, id) -> new LiveSessionStats("e" + id, "o-1",
                        DAY.plusSeconds(3_600L * end + 60L * reportedAfter), "h-1", "s-1", 1, 2, 3, DAY,
                        DAY.plusSeconds(3_600L * end)));
    }

    @Property(tries = 2_000)
    void aReportsVersionIsGreaterExactlyWhenItSupersedes(@ForAll("reports") LiveSessionStats a,
                                                         @ForAll("reports") LiveSessionStats b) {
        assertThat(SessionReach.version(a).compareTo(SessionReach.version(b)) > 0).isEqualTo(a.supersedes(b));
    }
}
