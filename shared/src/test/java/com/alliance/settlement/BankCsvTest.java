package com.alliance.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BankCsvTest {

    @Test
    void recordsAreQuotedAsRfc4180AsksAndReadBackTheSame() {
        List<String> fields = List.of("plain", "a, comma", "a \"quote\"", "two\r\nlines", "", "张三");
        String row = BankCsv.row(fields);

        assertThat(row).isEqualTo("plain,\"a, comma\",\"a \"\"quote\"\"\",\"two\r\nlines\",,张三\r\n");
        assertThat(BankCsv.parse(row)).containsExactly(new BankCsv.Record(1, fields));
    }

    @Test
    void readingTakesLfEndsAByteOrderMarkAndSkipsBlankLines() {
        List<BankCsv.Record> records = BankCsv.parse("\uFEFFa,b\nc,d\n\n\"e\",\r\n");

        assertThat(records).containsExactly(new BankCsv.Record(1, List.of("a", "b")), new BankCsv.Record(2, List.of("c", "d")),
                new BankCsv.Record(3, List.of("e", "")));
        assertThat(BankCsv.parse("x,y")).containsExactly(new BankCsv.Record(1, List.of("x", "y")));
    }

    @Test
    void aBrokenQuoteNamesItsRecord() {
        assertThatThrownBy(() -> BankCsv.parse("a,b\r\n\"open,c\r\n"))
                .isInstanceOfSatisfying(BankCsv.MalformedException.class, e -> assertThat(e.record()).isEqualTo(2));
        assertThatThrownBy(() -> BankCsv.parse("a,b\r\nc,d\"e\r\n"))
                .isInstanceOfSatisfying(BankCsv.MalformedException.class, e -> assertThat(e.record()).isEqualTo(2));
        assertThatThrownBy(() -> BankCsv.parse("\"a\"b,c\r\n")).isInstanceOf(BankCsv.MalformedException.class);
    }
}
