package com.alliance.orders;

import static com.alliance.orders.Events.ORDER;
import static com.alliance.orders.Events.cancelled;
import static com.alliance.orders.Events.paid;
import static com.alliance.orders.Events.received;
import static com.alliance.orders.Events.refunded;
import static com.alliance.orders.Events.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.alliance.catalog.Category;
import com.alliance.money.Bps;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AfterSaleWindowTest {

    static final CommissionTerms TERMS = CommissionTerms.distribution("brand-1", Bps.of(2_000));
    static final AfterSaleWindow WINDOW = AfterSaleWindow.defaults();

    static OrderState paidAndThen(OrderEvent... events) {
        OrderState state = OrderState.empty(ORDER).applyPayment(paid("pay", 0, 10_000), TERMS);
        for (OrderEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    @Test
    void aReceivedOrderMaturesSevenDaysAfterReceipt() {
        OrderState state = paidAndThen(shipped("ship", 60), received("receive", 3_000));
        Instant due = Events.at(3_000).plus(Duration.ofDays(7));

        assertThat(WINDOW.maturesAt(state, Optional.of(Category.BEAUTY))).contains(due);
        assertThat(WINDOW.isDue(state, Optional.empty(), due.minusNanos(1))).isFalse();
        assertThat(WINDOW.isDue(state, Optional.empty(), due)).isTrue();
    }

    @Test
    void anOrderNeverConfirmedCountsAsReceivedTenDaysAfterShipment() {
        OrderState state = paidAndThen(shipped("ship", 60));

        assertThat(WINDOW.maturesAt(state, Optional.empty())).contains(Events.at(60).plus(Duration.ofDays(17)));
    }

    @Test
    void aCategoryCanHaveItsOwnWindow() {
        AfterSaleWindow window = AfterSaleWindow.fromEnvironment(Map.of("AFTER_SALE_DAYS", "5",
                "AFTER_SALE_DAYS_FOOD", "2", "AUTO_RECEIVE_DAYS", "3")::get);
        OrderState state = paidAndThen(received("receive", 0));

        assertThat(window.maturesAt(state, Optional.of(Category.FOOD))).contains(Events.at(0).plus(Duration.ofDays(2)));
        assertThat(window.maturesAt(state, Optional.of(Category.HOME))).contains(Events.at(0).plus(Duration.ofDays(5)));
        assertThat(window.autoReceive()).isEqualTo(Duration.ofDays(3));
        assertThat(AfterSaleWindow.fromEnvironment(Map.<String, String>of()::get)).isEqualTo(AfterSaleWindow.defaults());
    }

    @Test
    void nothingMaturesBeforeShipmentOrAfterCancellationFullRefundOrMaturation() {
        assertThat(WINDOW.maturesAt(paidAndThen(), Optional.empty())).isEmpty();
        assertThat(WINDOW.maturesAt(paidAndThen(cancelled("cancel", 10), shipped("ship", 60)), Optional.empty())).isEmpty();
        assertThat(WINDOW.maturesAt(paidAndThen(shipped("ship", 60), refunded("refund", 70, 10_000)), Optional.empty()))
                .isEmpty();
        OrderState shipped = paidAndThen(shipped("ship", 60));
        assertThat(WINDOW.maturesAt(shipped.apply(OrderMatured.of(ORDER, Events.at(99_999))), Optional.empty())).isEmpty();
        assertThat(WINDOW.maturesAt(OrderState.empty(ORDER).apply(shipped("ship", 60)), Optional.empty())).isEmpty();
    }

    @Test
    void aPartlyRefundedOrderStillMatures() {
        assertThat(WINDOW.maturesAt(paidAndThen(received("r", 0), refunded("refund", 5, 9_999)), Optional.empty()))
                .isPresent();
    }

    @Test
    void windowsAreWholeNonNegativeDays() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                AfterSaleWindow.fromEnvironment(Map.of("AFTER_SALE_DAYS", "-1")::get));
        assertThatIllegalArgumentException().isThrownBy(() ->
                AfterSaleWindow.fromEnvironment(Map.of("AUTO_RECEIVE_DAYS", "ten")::get));
        assertThat(AfterSaleWindow.ofDays(0).windowFor(Optional.of(Category.FOOD))).isZero();
    }

    @Test
    void aMaturationIsAFactOfTheOrderMergedOnce() {
        OrderState state = paidAndThen(received("receive", 0));
        OrderMatured first = OrderMatured.of(ORDER, Events.at(10_080));

        OrderState matured = state.apply(first).apply(first);

        assertThat(matured.isMatured()).isTrue();
        assertThat(matured.version()).isEqualTo(state.version() + 1);
        assertThat(OrderStatus.of(matured)).isEqualTo(OrderStatus.MATURED);
        assertThatIllegalArgumentException().isThrownBy(() ->
                new OrderMatured("evt-1", ORDER, Events.at(0)));
    }
}
