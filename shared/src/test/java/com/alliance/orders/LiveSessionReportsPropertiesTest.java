package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A live session reported several times: whatever order the reports arrive in, and however often each,
 * keeping a report only when it {@link LiveSessionStats#supersedes} the stored one ends with the same
 * report, and the counts added along the way ({@link OrderCounts#difference}) are that report's counts.
 */
class LiveSessionReportsPropertiesTest {

    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    @Provide
    Arbitrary<List<LiveSessionStats>> reports() {
        // few distinct ends, times and ids, so ties on the end and on the report time are common
        Arbitrary<LiveSessionStats> report = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.strings().withChars("abc").ofLength(1),
                Arbitraries.longs().between(0, 10_000)).as((end, reportedAfter, id, minutes) -> new LiveSessionStats(
                "e-" + id, "o-1", START.plusSeconds(3_600L * end + 60L * reportedAfter), "h-1", "s-1",
                minutes / 10, minutes / 2, minutes, START, START.plusSeconds(3_600L * end)));
        return report.list().ofMinSize(1).ofMaxSize(8).uniqueElements(LiveSessionStats::eventId);
    }

    @Property(tries = 1_000)
    void anyDeliveryOrderKeepsTheSameReportAndCountsItOnce(@ForAll("reports") List<LiveSessionStats> reports,
                                                          @ForAll long seed) {
        Random random = new Random(seed);
        List<LiveSessionStats> deliveries = new ArrayList<>();
        for (LiveSessionStats report : reports) {
            for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                deliveries.add(report);
            }
        }
        Collections.shuffle(deliveries, random);

        Optional<LiveSessionStats> stored = Optional.empty();
        SortedMap<OrderCounts.Counter, Long> counted = new TreeMap<>();
        for (LiveSessionStats report : deliveries) {
            if (stored.isPresent() && !report.supersedes(stored.get())) {
                continue;
            }
            OrderCounts.difference(stored.map(OrderCounts::of).orElse(new TreeMap<>()), OrderCounts.of(report))
                    .forEach((counter, added) -> counted.merge(counter, added, Long::sum));
            stored = Optional.of(report);
        }
        counted.values().removeIf(value -> value == 0);

        LiveSessionStats last = Collections.max(reports, (a, b) -> a.supersedes(b) ? 1 : b.supersedes(a) ? -1 : 0);
        assertThat(stored).contains(last);
        assertThat(counted).isEqualTo(OrderCounts.of(last));
        assertThat(reports).allMatch(r -> r == last || last.supersedes(r) && !r.supersedes(last));
        assertThat(last.supersedes(last)).isFalse();
    }
}
