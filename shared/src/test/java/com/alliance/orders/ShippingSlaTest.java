package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShippingSlaTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-08T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-10T00:00:00Z");

    static OrderRepository.PromiseRecord order(String id, ShippingPromise.Status status, Instant promise,
                                               Optional<Long> compensationFen) {
        Instant paidAt = promise.minusSeconds(86_400);
        return new OrderRepository.PromiseRecord(id, paidAt, 10_000, promise, status, Optional.empty(), compensationFen,
                "PAID#" + paidAt + "#" + id);
    }

    private final List<OrderRepository.PromiseRecord> orders = List.of(
            order("kept-1", ShippingPromise.Status.KEPT, FROM.plusSeconds(90_000), Optional.empty()),
            order("kept-2", ShippingPromise.Status.KEPT, FROM.plusSeconds(91_000), Optional.empty()),
            order("late-1", ShippingPromise.Status.VIOLATION, FROM.plusSeconds(92_000), Optional.of(1_000L)),
            order("missed", ShippingPromise.Status.MISSED, FROM.plusSeconds(93_000), Optional.empty()),
            order("overdue", ShippingPromise.Status.OPEN, NOW.minusSeconds(1), Optional.empty()),
            order("open", ShippingPromise.Status.OPEN, NOW, Optional.empty()),
            order("cancelled", ShippingPromise.Status.NONE, FROM.plusSeconds(94_000), Optional.empty()),
            order("late-2", ShippingPromise.Status.VIOLATION, FROM.plusSeconds(95_000), Optional.of(300L)));

    @Test
    void onTimeOverEveryPromiseThatCameDueInBasisPoints() {
        ShippingSla sla = ShippingSla.of("brand-1", FROM, TO, NOW, orders, Optional.empty(), 10);

        assertThat(sla.paidOrders()).isEqualTo(8);
        assertThat(sla.shippedOnTime()).isEqualTo(2);
        assertThat(sla.late()).isEqualTo(4);        // two violations, one missed not recorded, one overdue
        assertThat(sla.open()).isEqualTo(1);        // its promise is exactly now: not passed
        assertThat(sla.onTimeRateBps()).contains(3_333);   // 2/6 = 3333.33…
        assertThat(sla.violationCount()).isEqualTo(2);
        assertThat(sla.compensationFen()).isEqualTo(1_300);
        assertThat(sla.violations()).extracting(ShippingSla.Violation::orderId).containsExactly("late-1", "late-2");
        assertThat(sla.next()).isEmpty();
    }

    @Test
    void theRateRoundsHalfEvenAndIsAbsentWhileNothingCameDue() {
        List<OrderRepository.PromiseRecord> fiveOfEight = List.of(
                order("a", ShippingPromise.Status.KEPT, FROM, Optional.empty()),
                order("b", ShippingPromise.Status.MISSED, FROM, Optional.empty()));
        assertThat(ShippingSla.of("b", FROM, TO, NOW, fiveOfEight, Optional.empty(), 10).onTimeRateBps()).contains(5_000);
        assertThat(ShippingSla.of("b", FROM, TO, NOW,
                List.of(order("o", ShippingPromise.Status.OPEN, NOW.plusSeconds(5), Optional.empty())),
                Optional.empty(), 10).onTimeRateBps()).isEmpty();
    }

    @Test
    void violationsComeAPageAtATime() {
        ShippingSla first = ShippingSla.of("brand-1", FROM, TO, NOW, orders, Optional.empty(), 1);
        ShippingSla second = ShippingSla.of("brand-1", FROM, TO, NOW, orders, first.next(), 1);

        assertThat(first.violations()).extracting(ShippingSla.Violation::orderId).containsExactly("late-1");
        assertThat(first.next()).contains("late-1");
        assertThat(second.violations()).extracting(ShippingSla.Violation::orderId).containsExactly("late-2");
        assertThat(second.next()).isEmpty();
        assertThat(second.violationCount()).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> ShippingSla.of("brand-1", FROM, TO, NOW, orders,
                Optional.of("kept-1"), 1));
    }
}
