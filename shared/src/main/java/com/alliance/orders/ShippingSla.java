package com.alliance.orders;

import com.alliance.money.Bps;
import com.alliance.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A brand's shipping service level over the orders paid in [from, to), as it stands at {@code asOf}.
 *
 * <ul>
 *   <li>{@code shippedOnTime}: orders first shipped at or before their promise (status KEPT).</li>
 *   <li>{@code late}: orders whose violation is recorded, known missed but not recorded yet (still within
 *       the grace, or the job has not run), or still unshipped after their promise.</li>
 *   <li>{@code open}: unshipped orders whose promise has not passed yet; they count in no rate.</li>
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
     * The figures of {@code orders} (the brand's orders paid in the window, in payment order) at
     * {@code asOf}, with the page of violations after the one of order {@code after} (from the first
     * when empty), at most {@code limit}.
     *
     * @throws IllegalArgumentException {@code after} names no violation of the window
     */
    public static ShippingSla of(String brandId, Instant from, Instant to, Instant asOf,
                                 List<OrderRepository.PromiseRecord> orders, Optional<String> after, int limit) {
        int onTime = 0;
        int late = 0;
        int open = 0;
        long compensation = 0;
        List<Violation> all = new ArrayList<>();
        for (OrderRepository.PromiseRecord order : orders) {
            switch (order.status()) {
                case KEPT -> onTime++;
                case MISSED -> late++;
                case VIOLATION -> {
                    late++;
                    long fen = order.compensationFen().orElse(0L);
                    compensation = Math.addExact(compensation, fen);
                    all.add(new Violation(order.orderId(), order.paidAt(), order.paidFen(), order.promise(),
                            order.shippedAt(), fen));
                }
                case OPEN -> {
                    if (asOf.isAfter(order.promise())) {
                        late++;
                    } else {
                        open++;
                    }
                }
                case NONE -> {
                    // nothing was promised: a paid order, no more
                }
            }
        }
        int start = 0;
        if (after.isPresent()) {
            int index = indexOf(all, after.get());
            if (index < 0) {
                throw new IllegalArgumentException("no violation of order " + after.get() + " in this window");
            }
            start = index + 1;
        }
        int end = Math.min(all.size(), start + limit);
        Optional<String> next = end < all.size() && end > start ? Optional.of(all.get(end - 1).orderId()) : Optional.empty();
        int due = onTime + late;
        Optional<Integer> rate = due == 0 ? Optional.empty()
                : Optional.of((int) Money.divideHalfEven((long) onTime * Bps.ONE_HUNDRED_PERCENT, due));
        return new ShippingSla(brandId, from, to, asOf, orders.size(), onTime, late, open, rate, all.size(),
                compensation, all.subList(start, end), next);
    }

    private static int indexOf(List<Violation> violations, String orderId) {
        for (int i = 0; i < violations.size(); i++) {
            if (violations.get(i).orderId().equals(orderId)) {
                return i;
            }
        }
        return -1;
    }
}
