package com.alliance.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.money.Bps;
import com.alliance.orders.OrderCounts.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The buckets the fake-order rules read instead of a host's order history. */
class RiskWindowsTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:25:00Z");

    @Test
    void aThirtyDayRefundWindowIsReadAsThirtyOneDayBucketsEndingOnThePaymentsDay() {
        var days = RiskWindows.days("h-1", AT, Duration.ofDays(30), OrderCounts.PAID_ORDERS);

        assertThat(days).hasSize(31);
        assertThat(days.get(0).id()).isEqualTo("h-1@2026-10-31");
        assertThat(days.get(30).id()).isEqualTo("h-1@2026-11-30");
        assertThat(days).allMatch(c -> c.scope() == OrderCounts.Scope.HOST_DAY);
    }

    @Test
    void anHoursBurstWindowIsReadAsSevenTenMinuteSlots() {
        var slots = RiskWindows.slots("h-1", "p-1", AT, Duration.ofHours(1), OrderCounts.NEW_BUYER_ORDERS);

        assertThat(slots).extracting(Counter::id).containsExactly(
                "h-1@p-1@2026-11-30T09:20:00Z", "h-1@p-1@2026-11-30T09:30:00Z", "h-1@p-1@2026-11-30T09:40:00Z",
                "h-1@p-1@2026-11-30T09:50:00Z", "h-1@p-1@2026-11-30T10:00:00Z", "h-1@p-1@2026-11-30T10:10:00Z",
                "h-1@p-1@2026-11-30T10:20:00Z");
        assertThat(RiskWindows.sortKeyOf(OrderCounts.Scope.HOST_PRODUCT_SLOT, slots.get(0).id()))
                .isEqualTo("BURST#p-1#2026-11-30T09:20:00Z");
    }

    @Test
    void anOrderCountsOnItsHostsDayItsSlotOnceClassifiedAndItsRefundOnTheDayTheRefundOccurred() {
        OrderPaid paid = new OrderPaid("e-1", "o-1", AT, "p-1", "h-1", "b-1", 1, 10_000, Optional.empty());
        Instant refundedAt = AT.plus(Duration.ofDays(2));
        OrderState state = OrderState.empty("o-1").applyPayment(paid, CommissionTerms.distribution("brand-1", Bps.of(2_000)))
                .apply(new OrderRefunded("e-2", "o-1", refundedAt, 1_000));
        StoredOrder underReview = new StoredOrder(state, new TreeMap<>(), Map.of(), 1, Optional.empty(), new TreeSet<>(),
                Optional.of(AT), false, RiskReview.classifyAt(AT.plusSeconds(600), new TreeMap<>()));
        StoredOrder newBuyer = new StoredOrder(state, new TreeMap<>(), Map.of(), 1, Optional.empty(), new TreeSet<>(),
                Optional.of(AT), true, underReview.review().decideAt(AT.plus(Duration.ofDays(1))));
        StoredOrder returning = new StoredOrder(state, new TreeMap<>(), Map.of(), 1, Optional.empty(), new TreeSet<>(),
                Optional.of(AT), false, RiskReview.done(new TreeMap<>()));

        assertThat(OrderCounts.of(underReview))
                .containsEntry(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.SCREENED_ORDERS), 1L)
                .containsEntry(new OrderCounts.Counter(OrderCounts.Scope.PRODUCT_SALES, "p-1", OrderCounts.UNDER_REVIEW), 1L)
                .doesNotContainKey(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.CLASSIFIED_ORDERS));
        assertThat(OrderCounts.of(newBuyer))
                .containsEntry(RiskWindows.day("h-1", AT, OrderCounts.PAID_ORDERS), 1L)
                .containsEntry(RiskWindows.day("h-1", refundedAt, OrderCounts.REFUNDED_ORDERS), 1L)
                .doesNotContainKey(RiskWindows.day("h-1", AT, OrderCounts.REFUNDED_ORDERS))
                .containsEntry(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.CLASSIFIED_ORDERS), 1L)
                .containsEntry(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.NEW_BUYER_ORDERS), 1L)
                .containsEntry(RiskWindows.day("h-1", AT, OrderCounts.NEW_BUYER_ORDERS), 1L)
                .containsAllEntriesOf(OrderCounts.of(state));
        assertThat(OrderCounts.of(returning))
                .containsEntry(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.CLASSIFIED_ORDERS), 1L)
                .doesNotContainKey(RiskWindows.slot("h-1", "p-1", AT, OrderCounts.NEW_BUYER_ORDERS))
                .doesNotContainKey(new OrderCounts.Counter(OrderCounts.Scope.PRODUCT_SALES, "p-1", OrderCounts.UNDER_REVIEW));
    }

    @Test
    void theRoomWindowAroundAnOrderIsTheSameForEveryOrderOfItsSlot() {
        Instant early = Instant.parse("2026-11-30T10:20:00Z");
        Instant late = Instant.parse("2026-11-30T10:29:59Z");
        assertThat(RiskWindows.around("h-1", "p-1", early, Duration.ofHours(1), OrderCounts.NEW_BUYER_ORDERS))
                .hasSize(13).isEqualTo(RiskWindows.around("h-1", "p-1", late, Duration.ofHours(1), OrderCounts.NEW_BUYER_ORDERS));
        assertThat(RiskWindows.windowStart(late, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-30T09:20:00Z"));
        assertThat(RiskWindows.windowEnd(late, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-30T11:30:00Z"));
    }
}
