package com.alliance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FlagsTest {

    static final Flags.Flag EVENTS = new Flags.Flag("--events", 20_000, 3, "order events to send");
    static final Flags.Flag CONSUMERS = new Flags.Flag("--consumers", 4, 1, "pollers");

    @Test
    void givenValuesReplaceTheDefaultsAndUnderscoresGroupDigits() {
        Flags flags = Flags.read(new String[] {"--events", "100_000"}, EVENTS, CONSUMERS);
        assertThat(flags.intValue("--events")).isEqualTo(100_000);
        assertThat(flags.intValue("--consumers")).isEqualTo(4);
    }

    @Test
    void anUnknownFlagAMissingValueOrAValueOutOfRangeIsRefusedNotDefaulted() {
        assertThatIllegalArgumentException().isThrownBy(() -> Flags.read(new String[] {"--event", "10"}, EVENTS))
                .withMessage("unknown flag: --event");
        assertThatIllegalArgumentException().isThrownBy(() -> Flags.read(new String[] {"--events"}, EVENTS))
                .withMessage("--events needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> Flags.read(new String[] {"--events", "ten"}, EVENTS))
                .withMessage("--events needs a whole number, not ten");
        assertThatIllegalArgumentException().isThrownBy(() -> Flags.read(new String[] {"--consumers", "0"}, CONSUMERS))
                .withMessage("--consumers must be at least 1, not 0");
    }

    @Test
    void theUsageListsEveryFlagWithItsDefault() {
        assertThat(Flags.usage("IngestionBenchmark", "Order events through the pipeline.", EVENTS, CONSUMERS))
                .contains("com.alliance.bench.IngestionBenchmark [flags]")
                .contains("--events N", "order events to send (default 20,000)")
                .contains("--consumers N", "--help");
    }
}
