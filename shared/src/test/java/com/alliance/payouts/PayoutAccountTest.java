package com.alliance.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayoutAccountTest {

    private static PayoutAccount account(String bank, String name, String number) {
        return new PayoutAccount("h_test", bank, name, number, Instant.EPOCH, "test");
    }

    private static void refused(String bank, String name, String number, String field) {
        assertThatThrownBy(() -> account(bank, name, number)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).contains(field));
    }

    @Test
    void anAccountNumberIsTenToThirtyDigitsAndShowsOnlyItsLastFour() {
        PayoutAccount account = account(" 招商银行 ", "张三", "6225 8802 1234 5678");

        assertThat(account.accountNumber()).isEqualTo("6225880212345678");
        assertThat(account.bankName()).isEqualTo("招商银行");
        assertThat(account.masked()).isEqualTo("**** 5678");
        assertThat(account(" b", "n", "1".repeat(30)).masked()).isEqualTo("**** 1111");
    }

    @Test
    void entriesThatCannotBePaidIntoAreRefusedNamingTheField() {
        refused("招商银行", "张三", "123456789", "accountNumber");
        refused("招商银行", "张三", "1".repeat(31), "accountNumber");
        refused("招商银行", "张三", "62258802-1234-5678", "accountNumber");
        refused("招商银行", "张三", null, "accountNumber");
        refused("", "张三", "6225880212345678", "bankName");
        refused("招商银行", "  ", "6225880212345678", "accountName");
        refused("招商银行", "x".repeat(65), "6225880212345678", "accountName");
        refused("招商银行", "张\n三", "6225880212345678", "accountName");
        refused("=cmd", "张三", "6225880212345678", "bankName");
    }
}
