package com.alliance.hosts;

import static com.alliance.hosts.Examples.T0;
import static com.alliance.hosts.Examples.independent;
import static com.alliance.hosts.Examples.product;
import static com.alliance.hosts.Examples.selfBroadcast;
import static org.assertj.core.api.Assertions.assertThat;

import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.catalog.RateSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarnedRateTest {

    private static final Duration NOTICE = Duration.ofHours(24);
    private final Host alice = independent("h_alice", 0, 0, Category.FOOD);
    private final Host bob = independent("h_bob", 0, 0, Category.FOOD);

    @Test
    void aHostEarnsItsTargetedRateOverTheOpenRate() {
        Product tea = product("p_tea", "b_w", Category.FOOD, 2_000, 10, false,
                List.of(new RateSchedule.TargetedRate("h_alice", 3_000)));
        assertThat(EarnedRate.now(alice, tea, T0)).isEqualTo(3_000);
        assertThat(EarnedRate.now(bob, tea, T0)).isEqualTo(2_000);
    }

    @Test
    void aSelfBroadcastAccountEarnsNoDistributionCommission() {
        Product tea = product("p_tea", "b_w", Category.FOOD, 2_000);
        assertThat(EarnedRate.now(selfBroadcast("h_self", "b_w", Category.FOOD), tea, T0))
                .isEqualTo(EarnedRate.SELF_BROADCAST_INTERNAL_RATE_BPS).isZero();
    }

    @Test
    void theScheduleAheadShowsWhenAnAnnouncedDecreaseBites() {
        Instant at = T0.plus(Duration.ofHours(1));
        Product tea = product("p_tea", "b_w", Category.FOOD, 2_000);
        Product lowered = tea.withRates(tea.rates().change(Optional.empty(), 1_200, at, NOTICE));
        assertThat(EarnedRate.now(alice, lowered, at)).isEqualTo(2_000);
        assertThat(EarnedRate.ahead(alice, lowered, at)).containsExactly(new EarnedRate.RateStep(at.plus(NOTICE), 1_200));
    }

    @Test
    void anOpenDecreaseDoesNotReachAHostWithAHigherTargetedRate() {
        Instant at = T0.plus(Duration.ofHours(1));
        Product tea = product("p_tea", "b_w", Category.FOOD, 2_000, 10, false,
                List.of(new RateSchedule.TargetedRate("h_alice", 3_000)));
        Product lowered = tea.withRates(tea.rates().change(Optional.empty(), 1_200, at, NOTICE)
                .change(Optional.of("h_bob"), 500, at, NOTICE));
        assertThat(EarnedRate.ahead(alice, lowered, at)).isEmpty();
    }
}
