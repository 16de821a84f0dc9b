package com.alliance.orders;

import com.alliance.money.Bps;
import com.alliance.money.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * A brand's shipping service level over the orders paid in [from, to), as it stands at {@code asOf}, from the
 * brand's hour aggregates ({@link ReportHours}: the window is whole hours).
 *
 * <ul>
 *   <li>{@code shippedOnTime}: orders first shipped at or before their promise (status KEPT).</li>
 *   <li>{@code late}: orders whose violation is recorded, known missed but not recorded yet (still within
 *       the grace, or the job has not run), or still unshipped once the hour their promise falls in has ended.</li>
 *   <li>{@code open}: unshipped orders whose promise's hour has not ended yet; they count in no rate.</li>
 *   <li>Orders with nothing promised (cancelled or refunded in full before the promise without shipping)
 *       count only in {@code paidOrders}.</li>
 *   <li>{@code onTimeRateBps} = shippedOnTime × 10000 / (shippedOnTime + late), half-even; empty while
 *       no promise of the window has come due.</li>
 *   <li>{@code violationCount} and {@code compensationFen}: recorded violations of the window and what
 *       they compensate; {@code violations} lists them a page at a time, in payment order.</li>
 * </ul>
 */
public record ShippingSla(String brandId, Instant from, Instant to, Instant asOf, int paidOrders,
                          int shippedOnTime, int late, int open, Optional<Integer> onTimeRateBps,
                          int violationCount, long compensationFen, List<Violation> violations,
                          Optional<String> next) {

    /** One recorded violation. */
    public record Violation(String orderId, Instant paidAt, long paidFen, Instant promise,
                            Optional<Instant> shippedAt, long compensationFen) {
    }

    public ShippingSla {
        violations = List.copyOf(violations);
    }

    /**
     * The figures of the window's hour counters ({@code hours}: each hour item's counters, {@link ReportHours}) at
     * {@code asOf}, with a page of its violations and the {@code next} that resumes after it.
     */
    public static ShippingSla of(String brandId, Instant from, Instant to, Instant asOf,
                                 Collection<Map<String, Long>> hours, List<Violation> page, Optional<String> next) {
        long paid = 0;
        long onTime = 0;
        long late = 0;
        long open = 0;
        long violations = 0;
        long compensation = 0;
        for (Map<String, Long> hour : hours) {
            paid += hour.getOrDefault(ReportHours.PAID_ORDERS, 0L);
            onTime += hour.getOrDefault(ReportHours.KEPT, 0L);
            long recorded = hour.getOrDefault(ReportHours.VIOLATIONS, 0L);
            violations += recorded;
            late += hour.getOrDefault(ReportHours.MISSED, 0L) + recorded;
            compensation = Math.addExact(compensation, hour.getOrDefault(ReportHours.COMPENSATION_FEN, 0L));
            for (Map.Entry<String, Long> counter : hour.entrySet()) {
                if (counter.getKey().startsWith(ReportHours.OPEN_PREFIX)) {
                    Instant due = ReportHours.hourStart(counter.getKey().substring(ReportHours.OPEN_PREFIX.length()));
                    if (due.plus(1, ChronoUnit.HOURS).isAfter(asOf)) {
                        open += counter.getValue();
                    } else {
                        late += counter.getValue();
                    }
                }
            }
        }
        long due = onTime + late;
        Optional<Integer> rate = due == 0 ? Optional.empty()
                : Optional.of((int) Money.divideHalfEven(onTime * Bps.ONE_HUNDRED_PERCENT, due));
        return new ShippingSla(brandId, from, to, asOf, Math.toIntExact(paid), Math.toIntExact(onTime),
                Math.toIntExact(late), Math.toIntExact(open), rate, Math.toIntExact(violations), compensation, page, next);
    }
}
