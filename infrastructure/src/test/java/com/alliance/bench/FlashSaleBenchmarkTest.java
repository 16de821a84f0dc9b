package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The flash-sale benchmark, small: 120 orders per run. What it prints must add up (every event sent is stored
 * on its order, no valid event dead-lettered, conflicts counted by kind, a capacity model that names its hottest
 * key); whether the design meets the scale goals is what the big run measures (docs/benchmarks.md).
 */
class FlashSaleBenchmarkTest {

    @Test
    void aSmallRunStoresEverySentEventAndReportsConsistentConflictAndCapacityFigures() throws Exception {
        FlashSaleBenchmark.Figures figures = FlashSaleBenchmark.run(FlashSaleBenchmark.Options.defaults()
                .withOrders(120).withModelOrders(40).withRaw(false));
        System.out.print(figures.print());

        for (FlashSaleBenchmark.Run run : List.of(figures.spread(), figures.liveRoom())) {
            assertThat(run.eventsSent()).isEqualTo(3 * 120);
            assertThat(run.eventsStored()).as(run.name() + ": events applied").isEqualTo(run.eventsSent());
            assertThat(run.eventsHandled()).as("a redelivery of a slow batch is handled again, as a duplicate")
                    .isGreaterThanOrEqualTo(run.eventsSent());
            assertThat(run.deadLettered()).as(run.name() + ": valid events dead-lettered").isZero();
            assertThat(run.eventsPerSecond()).isPositive();
            assertThat(run.transactions() + run.writes()).as("every commit went through the emulator")
                    .isGreaterThanOrEqualTo(run.eventsSent());
            assertThat(run.conflictingItems()).isGreaterThanOrEqualTo(run.refusedTransactions());
        }
        assertThat(figures.liveRoomToSpread()).isPositive();

        for (CapacityModel.Report model : List.of(figures.spreadModel(), figures.liveRoomModel())) {
            assertThat(model.hottest().units()).isPositive();
            assertThat(model.hottest().key()).isNotBlank();
            assertThat(model.families()).isNotEmpty();
            assertThat(model.ceilingOrdersPerSecond()).isPositive().isFinite();
            assertThat(model.unitsByPhaseAndCategory()).containsOnlyKeys("paid", "shipped", "received");
            double minimum = 0;
            for (String category : CapacityModel.MINIMUM) {
                assertThat(model.unitsPerOrder(category)).as(category).isPositive();
                minimum += model.unitsPerOrder(category);
            }
            assertThat(model.totalUnits() / (double) model.orders()).isGreaterThanOrEqualTo(minimum);
            assertThat(model.unitsPerOrder("event marker")).as("an order event's marker is its order item").isZero();
        }
        assertThat(figures.liveRoomModel().hottest().units()).as("one host, product and brand: its keys are the hottest")
                .isGreaterThanOrEqualTo(figures.spreadModel().hottest().units());
        assertThat(figures.print()).contains("live room / spread", figures.liveRoomModel().hottest().name());
    }

    @Test
    void flagsAreParsedStrictly() {
        assertThat(FlashSaleBenchmark.parse(new String[] {"--help"})).isEmpty();
        assertThat(FlashSaleBenchmark.parse(new String[] {"--orders", "500", "--consumers", "2", "--no-raw"}))
                .map(FlashSaleBenchmark.Options::orders).contains(500);
        assertThat(FlashSaleBenchmark.parse(new String[0])).isEqualTo(Optional.of(FlashSaleBenchmark.Options.defaults()));
        for (String[] bad : List.of(new String[] {"--order", "5"}, new String[] {"--orders"}, new String[] {"--orders", "many"},
                new String[] {"--consumers", "0"})) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlashSaleBenchmark.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
