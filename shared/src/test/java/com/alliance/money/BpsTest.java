package com.alliance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BpsTest {

    @Test
    void rateIsBetweenZeroAndOneHundredPercent() {
        assertThat(Bps.of(0).value()).isZero();
        assertThat(Bps.of(10_000).value()).isEqualTo(10_000);
        assertThatIllegalArgumentException().isThrownBy(() -> Bps.of(-1)).withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> Bps.of(10_001)).withMessageContaining("10001");
    }
}
