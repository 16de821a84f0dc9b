package com.alliance.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void anAbsentOrBlankSettingIsItsDefaultAndASetOneIsParsedTrimmed() {
        Map<String, String> env = Map.of("BLANK", "  ", "SET", " 42 ");

        assertThat(Env.read(env::get, "ABSENT", Integer::parseInt, 7)).isEqualTo(7);
        assertThat(Env.read(env::get, "BLANK", Integer::parseInt, 7)).isEqualTo(7);
        assertThat(Env.read(env::get, "SET", Integer::parseInt, 7)).isEqualTo(42);
    }

    @Test
    void aMalformedSettingIsRefusedByItsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Env.read(Map.of("LATE_COMPENSATION_BPS", "10%")::get, "LATE_COMPENSATION_BPS",
                        Integer::parseInt, 1_000))
                .withMessage("LATE_COMPENSATION_BPS must be a number, was 10%");
    }
}
