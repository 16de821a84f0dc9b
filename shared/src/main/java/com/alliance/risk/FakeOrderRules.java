package com.alliance.risk;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides which fake-order rules a payment fires, from facts read through indexes (see
 * {@link FakeOrderScreen}). Pure: the same facts and settings give the same codes.
 */
public final class FakeOrderRules {

    /**
     * What the rules need to know about one payment. Counts include the payment itself.
     *
     * @param buyerId                   the paying buyer
     * @param hostId                    the selling host
     * @param buyerOrdersOfProduct      the buyer's orders of this product in the repeat window
     * @param hostPaidOrders            the host's paid orders in the refund window (before this one)
     * @param hostRefundedOrders        of those, how many had a refund
     * @param newBuyerOrdersInBurst     orders of this product by this host in the burst window from buyers
     *                                  whose first order is within that window
     * @param picked                    whether the host picked the product
     */
    public record Facts(String buyerId, String hostId, int buyerOrdersOfProduct, int hostPaidOrders,
                        int hostRefundedOrders, int newBuyerOrdersInBurst, boolean picked) {
    }

    private FakeOrderRules() {
    }

    public static Set<FakeOrderRule> fired(Facts facts, RiskSettings settings) {
        EnumSet<FakeOrderRule> fired = EnumSet.noneOf(FakeOrderRule.class);
        if (facts.buyerId().equals(facts.hostId())) {
            fired.add(FakeOrderRule.SELF_PURCHASE);
        }
        if (facts.buyerOrdersOfProduct() > settings.repeatBuyerMax()) {
            fired.add(FakeOrderRule.REPEAT_BUYER);
        }
        if (facts.hostPaidOrders() >= settings.refundMinOrders()
                && (long) facts.hostRefundedOrders() * 10_000 > (long) settings.refundRateBps() * facts.hostPaidOrders()) {
            fired.add(FakeOrderRule.HIGH_REFUND_RATE);
        }
        if (facts.newBuyerOrdersInBurst() >= settings.burstMinOrders()) {
            fired.add(FakeOrderRule.NEW_BUYER_BURST);
        }
        if (!facts.picked()) {
            fired.add(FakeOrderRule.NOT_PICKED);
        }
        fired.retainAll(settings.enabled());
        return Collections.unmodifiableSet(fired);
    }
}
