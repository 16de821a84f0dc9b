package com.alliance.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchingWeightsTest {

    @Test
    void theDefaultWeightsSumToOne() {
        MatchingWeights weights = MatchingWeights.DEFAULTS;
        assertThat(weights.byName().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(weights.categoryFit()).isEqualTo(0.25);
        assertThat(MatchingWeights.parse("")).isEqualTo(weights);
    }

    @Test
    void weightsNotNamedKeepTheirDefaultAndAllAreScaledToSumToOne() {
        MatchingWeights weights = MatchingWeights.parse("commission=0.5");
        // 0.25 + 0.20 + 0.20 + 0.10 + 0.5 = 1.25
        assertThat(weights.commission()).isCloseTo(0.4, within(1e-12));
        assertThat(weights.categoryFit()).isCloseTo(0.2, within(1e-12));
        assertThat(weights.byName().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aMisspelledOrNegativeWeightStopsTheFunctionFromStarting() {
        assertThatThrownBy(() -> MatchingWeights.parse("comission=0.5")).hasMessageContaining("comission");
        assertThatThrownBy(() -> MatchingWeights.parse("trust=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatchingWeights.parse("trust=high")).hasMessageContaining("trust");
        assertThatThrownBy(() -> MatchingWeights.parse("categoryFit=0,audience=0,conversion=0,trust=0,commission=0"))
                .hasMessageContaining("above 0");
    }

    @Test
    void settingsComeFromTheEnvironmentWithDefaults() {
        MatchingSettings defaults = MatchingSettings.defaults();
        assertThat(defaults.privateFanFactor()).isEqualTo(3.0);
        assertThat(defaults.candidatesFor(20)).isEqualTo(60);
        assertThat(defaults.candidatesFor(100)).isEqualTo(300);
        MatchingSettings set = MatchingSettings.fromEnvironment(Map.of("MATCH_WEIGHTS", "trust=0.5",
                "MATCH_PRIVATE_FAN_FACTOR", "5", "MATCH_TRUST_CACHE_SECONDS", "10"));
        assertThat(set.privateFanFactor()).isEqualTo(5.0);
        assertThat(set.trustCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.weights().trust()).isGreaterThan(defaults.weights().trust());
        assertThatThrownBy(() -> MatchingSettings.fromEnvironment(Map.of("MATCH_CANDIDATES", "many")))
                .hasMessageContaining("MATCH_CANDIDATES");
    }
}
