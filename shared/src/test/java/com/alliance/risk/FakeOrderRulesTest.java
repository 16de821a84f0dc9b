package com.alliance.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeOrderRulesTest {

    private static final RiskSettings ALL = RiskSettings.defaults();

    private static FakeOrderRules.Facts clean() {
        return new FakeOrderRules.Facts("buyer", "host", 1, 20, 0, 1, true);
    }

    @Test
    void anOrdinaryPaymentFiresNothing() {
        assertThat(FakeOrderRules.fired(clean(), ALL)).isEmpty();
    }

    @Test
    void aBuyerWhoIsTheSellingHostIsASelfPurchase() {
        var facts = new FakeOrderRules.Facts("host", "host", 1, 20, 0, 1, true);
        assertThat(FakeOrderRules.fired(facts, ALL)).containsExactly(FakeOrderRule.SELF_PURCHASE);
    }

    @Test
    void aRepeatBuyerIsMoreThanThreeOrdersNotThree() {
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 3, 20, 0, 1, true), ALL)).isEmpty();
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 4, 20, 0, 1, true), ALL))
                .containsExactly(FakeOrderRule.REPEAT_BUYER);
    }

    @Test
    void aRefundRateAboveThirtyPercentCountsOnlyWithTheMinimumSample() {
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 10, 3, 1, true), ALL)).isEmpty();
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 10, 4, 1, true), ALL))
                .containsExactly(FakeOrderRule.HIGH_REFUND_RATE);
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 9, 9, 1, true), ALL)).isEmpty();
    }

    @Test
    void aBurstNeedsTheMinimumOfNewBuyerOrders() {
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 20, 0, 4, true), ALL)).isEmpty();
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 20, 0, 5, true), ALL))
                .containsExactly(FakeOrderRule.NEW_BUYER_BURST);
    }

    @Test
    void aProductTheHostNeverPickedIsFlagged() {
        assertThat(FakeOrderRules.fired(new FakeOrderRules.Facts("b", "h", 1, 20, 0, 1, false), ALL))
                .containsExactly(FakeOrderRule.NOT_PICKED);
    }

    @Test
    void aRuleSwitchedOffInTheEnvironmentNeverFires() {
        RiskSettings onlySelf = RiskSettings.fromEnvironment(Map.of("RISK_RULES", "self_purchase")::get);
        var facts = new FakeOrderRules.Facts("h", "h", 9, 20, 20, 9, false);
        assertThat(FakeOrderRules.fired(facts, onlySelf)).isEqualTo(Set.of(FakeOrderRule.SELF_PURCHASE));
        assertThat(FakeOrderRules.fired(facts, RiskSettings.fromEnvironment(Map.of("RISK_RULES", "NONE")::get))).isEmpty();
    }
}
