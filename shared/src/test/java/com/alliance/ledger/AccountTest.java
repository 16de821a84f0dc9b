package com.alliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void platformRevenueIsHeldByThePlatformAlone() {
        assertThat(Account.platformSalesFee().party()).isEqualTo(Account.PLATFORM);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Account(AccountType.PLATFORM_SERVICE_FEE, "brand-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> Account.host(Account.PLATFORM));
    }

    @Test
    void anAccountNeedsAParty() {
        assertThatIllegalArgumentException().isThrownBy(() -> Account.brand(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> Account.host(null));
    }

    @Test
    void orderClearingIsKeptPerOrder() {
        assertThat(Account.orderClearing("order-1")).isNotEqualTo(Account.orderClearing("order-2"));
        assertThat(Account.orderClearing("order-1").type()).isEqualTo(AccountType.ORDER_CLEARING);
    }
}
