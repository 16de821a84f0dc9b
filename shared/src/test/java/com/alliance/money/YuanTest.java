package com.alliance.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YuanTest {

    @Test
    void fenAreWrittenAsYuanWithTwoDecimalsByDigits() {
        assertThat(Yuan.format(0)).isEqualTo("0.00");
        assertThat(Yuan.format(5)).isEqualTo("0.05");
        assertThat(Yuan.format(120)).isEqualTo("1.20");
        assertThat(Yuan.format(123_456)).isEqualTo("1234.56");
        assertThat(Yuan.format(-120)).isEqualTo("-1.20");
        assertThat(Yuan.format(Long.MAX_VALUE)).isEqualTo("92233720368547758.07");
        assertThat(Yuan.format(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08");
    }

    @Test
    void yuanTextIsReadBackToTheFenExactly() {
        assertThat(Yuan.parseFen("1234.56")).contains(123_456L);
        assertThat(Yuan.parseFen("12")).contains(1_200L);
        assertThat(Yuan.parseFen("12.3")).contains(1_230L);
        assertThat(Yuan.parseFen(" 0.07 ")).contains(7L);
        assertThat(Yuan.parseFen("-1.20")).contains(-120L);
        // 0.1 + 0.2 in binary floating point is not 0.3: digits never go through a double
        assertThat(Yuan.parseFen("0.30")).contains(30L);
        for (long fen : new long[] {0, 1, 99, 100, 1_999_999_999_999L, 29, 57}) {
            assertThat(Yuan.parseFen(Yuan.format(fen))).contains(fen);
        }
    }

    @Test
    void anythingElseIsNotAnAmount() {
        for (String bad : new String[] {"", "1.234", "1,00", "¥1.00", "1e3", ".5", "1.", "abc", "99999999999999999.00", null}) {
            assertThat(Yuan.parseFen(bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
        }
    }
}
