package com.alliance.jbp;

import com.alliance.orders.Leg;
import com.alliance.orders.PaidOrderSummary;
import java.util.ArrayList;
import java.util.List;

/** Measures each leg of an agreement over the brand's paid orders: held orders do not count. */
public final class JbpMeasure {

    private JbpMeasure() {
    }

    public static List<LegResult> of(JbpAgreement agreement, List<PaidOrderSummary> orders) {
        List<LegResult> results = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            long target = leg == Leg.SELF_BROADCAST ? agreement.selfBroadcastTargetFen() : agreement.distributionTargetFen();
            long gmv = 0;
            long salesFee = 0;
            for (PaidOrderSummary order : orders) {
                if (order.leg() == leg && !order.held()) {
                    gmv = Math.addExact(gmv, order.netGmvFen());
                    salesFee = Math.addExact(salesFee, order.salesFeeFen());
                }
            }
            results.add(new LegResult(leg, gmv, target, RebateRule.reachedBps(gmv, target), salesFee,
                    RebateRule.tierReached(gmv, target, agreement.tiers()),
                    RebateRule.rebateFen(gmv, target, agreement.tiers(), salesFee)));
        }
        return results;
    }
}
