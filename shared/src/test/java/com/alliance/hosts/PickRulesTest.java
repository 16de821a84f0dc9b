package com.alliance.hosts;

import static com.alliance.hosts.Examples.independent;
import static com.alliance.hosts.Examples.product;
import static com.alliance.hosts.Examples.selfBroadcast;
import static com.alliance.hosts.Examples.suspended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.alliance.catalog.Category;
import com.alliance.catalog.Product;
import com.alliance.catalog.RateSchedule;
import com.alliance.errors.ConflictException;
import com.alliance.errors.ForbiddenException;
import com.alliance.errors.MarketplaceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickRulesTest {

    private final Host alice = independent("h_alice", 1_000, 10_000, Category.FOOD);
    private final Product tea = product("p_tea", "b_westlake", Category.FOOD, 2_000);

    @Test
    void anIndependentHostMayPickAnActiveProductInStock() {
        assertThatNoException().isThrownBy(() -> PickRules.check(alice, tea));
        assertThat(PickRules.mayPick(alice, tea)).isTrue();
    }

    @Test
    void selfBroadcastRule_aBrandsOwnAccountCarriesOnlyThatBrandsGoods() {
        Host own = selfBroadcast("h_own", "b_westlake", Category.FOOD);
        Host rival = selfBroadcast("h_rival", "b_rival", Category.FOOD);
        assertThat(SelfBroadcastRule.allows(own, tea)).isTrue();
        assertRefused(() -> SelfBroadcastRule.check(rival, tea), ForbiddenException.class, "SELF_BROADCAST_OTHER_BRAND", 403);
        assertThat(SelfBroadcastRule.allows(alice, tea)).isTrue();
    }

    @Test
    void exclusivityRule_onlyTheTargetedHostsMayCarryAnExclusiveProduct() {
        Product exclusive = product("p_ex", "b_westlake", Category.FOOD, 2_000, 10, true,
                List.of(new RateSchedule.TargetedRate("h_alice", 3_000)));
        assertThat(ExclusivityRule.allows(alice, exclusive)).isTrue();
        Host bob = independent("h_bob", 1_000, 10_000, Category.FOOD);
        assertRefused(() -> ExclusivityRule.check(bob, exclusive), ForbiddenException.class, "EXCLUSIVE_TO_OTHER_HOSTS", 403);
        assertThat(PickRules.mayCarry(bob, exclusive)).isFalse();
    }

    @Test
    void availabilityRule_aSuspendedProductCannotBePicked() {
        assertRefused(() -> PickRules.check(alice, suspended(tea)), ConflictException.class, "PRODUCT_SUSPENDED", 409);
    }

    @Test
    void availabilityRule_aSoldOutProductCannotBePicked() {
        Product soldOut = product("p_out", "b_westlake", Category.FOOD, 2_000, 0, false, List.of());
        assertRefused(() -> PickRules.check(alice, soldOut), ConflictException.class, "OUT_OF_STOCK", 409);
        assertThat(PickRules.mayCarry(alice, soldOut)).as("it may still be carried once restocked").isTrue();
        assertThat(PickRules.mayPick(alice, soldOut)).isFalse();
    }

    @Test
    void lastingReasonsAreNamedBeforePassingOnes() {
        Host rival = selfBroadcast("h_rival", "b_rival", Category.FOOD);
        assertRefused(() -> PickRules.check(rival, suspended(tea)), ForbiddenException.class, "SELF_BROADCAST_OTHER_BRAND", 403);
    }

    private static void assertRefused(Runnable call, Class<? extends MarketplaceException> type, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOf(type)
                .satisfies(e -> {
                    MarketplaceException refusal = (MarketplaceException) e;
                    assertThat(refusal.code()).isEqualTo(code);
                    assertThat(refusal.httpStatus()).isEqualTo(status);
                    assertThat(refusal.field()).contains("productId");
                });
    }
}
