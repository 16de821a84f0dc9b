package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fault-injection harness, small: 160 orders (about 400 events, 4 of them poison), each event
 * delivered 1 to 3 times, consumers killed mid-batch every 150 or so DynamoDB calls, throttling,
 * lost responses, transaction conflicts and outages injected. Its checks must all pass, and each
 * kind of fault must really have happened, or the run proves nothing. The big run is a command
 * (docs/benchmarks.md).
 */
class FaultInjectionHarnessTest {

    @Test
    void aFaultyAtLeastOnceDeliveryEndsWithTheLedgerOfOneCleanPassAndEveryPoisonMessageDeadLettered() throws Exception {
        FaultInjectionHarness.Figures figures = FaultInjectionHarness.run(FaultInjectionHarness.Options.defaults()
                .withOrders(160).withSeed(7).withConsumers(6).withKillEvery(150).withOutage(0.002));
        System.out.print(figures.print());

        assertThat(figures.failures()).isEmpty();
        assertThat(figures.drift()).isZero();
        assertThat(figures.reconciliation().balanced()).isTrue();
        assertThat(figures.positionsCompared()).isGreaterThan(figures.orders());
        assertThat(figures.positionDrift()).isZero();
        assertThat(figures.balanceDrift()).isZero();
        assertThat(figures.countsCompared()).isGreaterThan(0);
        assertThat(figures.countDrift()).isZero();

        assertThat(figures.events()).isGreaterThan(300);
        assertThat(figures.duplicates()).isGreaterThan(figures.events() / 2);
        assertThat(figures.kills()).isGreaterThan(0).isEqualTo(figures.replacements());
        assertThat(figures.throttles()).isGreaterThan(0);
        assertThat(figures.lostResponses()).isGreaterThan(0);
        assertThat(figures.conflicts()).isGreaterThan(0);
        assertThat(figures.handlerReceives()).isGreaterThan(figures.deliveries());

        assertThat(figures.poisonEvents()).isEqualTo(4);
        assertThat(figures.dlqMessages()).isEqualTo(figures.poisonDeliveries());
        assertThat(figures.dlqReasons().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(figures.dlqMessages());
    }
}
